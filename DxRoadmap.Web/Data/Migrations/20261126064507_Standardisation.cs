using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DxRoadmap.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Standardisation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StandardSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    No = table.Column<int>(type: "INTEGER", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardSteps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StandardSystems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardSystems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StandardSystems_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StandardStepCompletions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    StepId = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardStepCompletions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StandardStepCompletions_StandardSteps_StepId",
                        column: x => x.StepId,
                        principalTable: "StandardSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StandardStepCompletions_StandardSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "StandardSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StandardStepCompletions_StepId",
                table: "StandardStepCompletions",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_StandardStepCompletions_SystemId_StepId",
                table: "StandardStepCompletions",
                columns: new[] { "SystemId", "StepId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StandardSteps_No",
                table: "StandardSteps",
                column: "No",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StandardSystems_DepartmentId",
                table: "StandardSystems",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_StandardSystems_Name",
                table: "StandardSystems",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StandardStepCompletions");

            migrationBuilder.DropTable(
                name: "StandardSteps");

            migrationBuilder.DropTable(
                name: "StandardSystems");
        }
    }
}
