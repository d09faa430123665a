using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DxRoadmap.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PeerRates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PeerRateTables",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Businesses = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerRateTables", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PeerRateEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TableId = table.Column<int>(type: "INTEGER", nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    Prefecture = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Municipality = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Overall = table.Column<double>(type: "REAL", nullable: false),
                    Rates = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerRateEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeerRateEntries_PeerRateTables_TableId",
                        column: x => x.TableId,
                        principalTable: "PeerRateTables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PeerRateEntries_TableId_Line",
                table: "PeerRateEntries",
                columns: new[] { "TableId", "Line" });

            migrationBuilder.CreateIndex(
                name: "IX_PeerRateTables_Month",
                table: "PeerRateTables",
                column: "Month",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PeerRateEntries");

            migrationBuilder.DropTable(
                name: "PeerRateTables");
        }
    }
}
