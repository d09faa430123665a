using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DxRoadmap.Web.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Businesses = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerRateTables", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PeerRateEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TableId = table.Column<int>(type: "integer", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false),
                    Prefecture = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Municipality = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Overall = table.Column<double>(type: "double precision", nullable: false),
                    Rates = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
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
