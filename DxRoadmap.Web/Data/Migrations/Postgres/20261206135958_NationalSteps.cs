using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DxRoadmap.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NationalSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "GoLiveOn",
                table: "StandardSystems",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MigrationNote",
                table: "StandardSystems",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PlannedMigration",
                table: "StandardSystems",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SpecificReason",
                table: "StandardSystems",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SpecificSupport",
                table: "StandardSystems",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "StandardSteps",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "StandardStepChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SystemId = table.Column<int>(type: "integer", nullable: false),
                    StepId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ChangedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardStepChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StandardStepChanges_StandardSteps_StepId",
                        column: x => x.StepId,
                        principalTable: "StandardSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StandardStepChanges_StandardSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "StandardSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StandardStepChanges_StepId",
                table: "StandardStepChanges",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_StandardStepChanges_SystemId_StepId",
                table: "StandardStepChanges",
                columns: new[] { "SystemId", "StepId" });

            // Existing 12-step progress onto the 40 national steps, before the old table goes (NationalStepsUpgrade).
            NationalStepsUpgrade.Apply(migrationBuilder, postgres: true);

            migrationBuilder.DropTable(
                name: "StandardStepCompletions");

            migrationBuilder.DropColumn(
                name: "Phase",
                table: "StandardSteps");

            migrationBuilder.CreateIndex(
                name: "IX_StandardSteps_Code",
                table: "StandardSteps",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StandardStepChanges");

            migrationBuilder.DropIndex(
                name: "IX_StandardSteps_Code",
                table: "StandardSteps");

            migrationBuilder.DropColumn(
                name: "GoLiveOn",
                table: "StandardSystems");

            migrationBuilder.DropColumn(
                name: "MigrationNote",
                table: "StandardSystems");

            migrationBuilder.DropColumn(
                name: "PlannedMigration",
                table: "StandardSystems");

            migrationBuilder.DropColumn(
                name: "SpecificReason",
                table: "StandardSystems");

            migrationBuilder.DropColumn(
                name: "SpecificSupport",
                table: "StandardSystems");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "StandardSteps");

            migrationBuilder.AddColumn<string>(
                name: "Phase",
                table: "StandardSteps",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "StandardStepCompletions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StepId = table.Column<int>(type: "integer", nullable: false),
                    SystemId = table.Column<int>(type: "integer", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
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
        }
    }
}
