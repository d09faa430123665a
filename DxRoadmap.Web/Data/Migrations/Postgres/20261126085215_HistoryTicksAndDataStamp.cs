using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DxRoadmap.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HistoryTicksAndDataStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "UpdatedAtUtcTicks",
                table: "ProgressUpdates",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Existing rows: timestamptz keeps microseconds, and the epoch is exact as numeric.
            migrationBuilder.Sql("""
                UPDATE "ProgressUpdates"
                SET "UpdatedAtUtcTicks" = (EXTRACT(EPOCH FROM "UpdatedAt") * 10000000)::bigint + 621355968000000000;
                """);

            migrationBuilder.CreateTable(
                name: "DataStamps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataStamps", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "DataStamps",
                columns: new[] { "Id", "Value" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressUpdates_UpdatedAtUtcTicks",
                table: "ProgressUpdates",
                column: "UpdatedAtUtcTicks");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataStamps");

            migrationBuilder.DropIndex(
                name: "IX_ProgressUpdates_UpdatedAtUtcTicks",
                table: "ProgressUpdates");

            migrationBuilder.DropColumn(
                name: "UpdatedAtUtcTicks",
                table: "ProgressUpdates");
        }
    }
}
