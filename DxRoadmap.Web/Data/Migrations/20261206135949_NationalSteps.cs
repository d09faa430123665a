using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DxRoadmap.Web.Data.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MigrationNote",
                table: "StandardSystems",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PlannedMigration",
                table: "StandardSystems",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SpecificReason",
                table: "StandardSystems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SpecificSupport",
                table: "StandardSystems",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "StandardSteps",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "StandardStepChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    StepId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
            NationalStepsUpgrade.Apply(migrationBuilder, postgres: false);

            migrationBuilder.DropTable(
                name: "StandardStepCompletions");

            // SQLite drops the column in place (3.35+); EF's own DropColumn would rebuild the table outside the transaction.
            migrationBuilder.Sql("ALTER TABLE \"StandardSteps\" DROP COLUMN \"Phase\";");

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
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "StandardStepCompletions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StepId = table.Column<int>(type: "INTEGER", nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
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
        }
    }
}
