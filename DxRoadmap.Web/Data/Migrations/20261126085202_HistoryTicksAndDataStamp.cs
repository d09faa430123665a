using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DxRoadmap.Web.Data.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Existing rows: UpdatedAt is stored as text "yyyy-MM-dd HH:mm:ss[.fffffff]+hh:mm"; whole seconds of the
            // wall time, less the offset, plus the fraction padded to 7 digits give the exact UTC ticks.
            migrationBuilder.Sql("""
                UPDATE "ProgressUpdates" SET "UpdatedAtUtcTicks" =
                    (CAST(strftime('%s', substr("UpdatedAt", 1, 19)) AS INTEGER) + 62135596800
                        - (CASE substr("UpdatedAt", -6, 1) WHEN '-' THEN -1 ELSE 1 END)
                          * (CAST(substr("UpdatedAt", -5, 2) AS INTEGER) * 3600 + CAST(substr("UpdatedAt", -2, 2) AS INTEGER) * 60)
                    ) * 10000000
                    + CASE WHEN substr("UpdatedAt", 20, 1) = '.'
                        THEN CAST(substr(substr("UpdatedAt", 21, length("UpdatedAt") - 26) || '0000000', 1, 7) AS INTEGER)
                        ELSE 0 END;
                """);

            migrationBuilder.CreateTable(
                name: "DataStamps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
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
