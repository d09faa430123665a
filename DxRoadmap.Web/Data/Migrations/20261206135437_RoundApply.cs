using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DxRoadmap.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoundApply : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AnswerActualEnd",
                table: "InquiryItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AnswerActualStart",
                table: "InquiryItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AnswerBaseVersion",
                table: "InquiryItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnswerCountermeasure",
                table: "InquiryItems",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnswerDelayReason",
                table: "InquiryItems",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnswerActualEnd",
                table: "InquiryItems");

            migrationBuilder.DropColumn(
                name: "AnswerActualStart",
                table: "InquiryItems");

            migrationBuilder.DropColumn(
                name: "AnswerBaseVersion",
                table: "InquiryItems");

            migrationBuilder.DropColumn(
                name: "AnswerCountermeasure",
                table: "InquiryItems");

            migrationBuilder.DropColumn(
                name: "AnswerDelayReason",
                table: "InquiryItems");
        }
    }
}
