using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CheckpointDashboard.Dashboard.Store.Migrations
{
    /// <inheritdoc />
    public partial class ReportsAndHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InventorySummaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Cluster = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Vms = table.Column<int>(type: "INTEGER", nullable: false),
                    Checkpoints = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckpointBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Findings = table.Column<int>(type: "INTEGER", nullable: false),
                    Critical = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxCheckpoints = table.Column<int>(type: "INTEGER", nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Removed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InventorySummaries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportRules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InventorySummaries_At",
                table: "InventorySummaries",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InventorySummaries");

            migrationBuilder.DropTable(
                name: "ReportRules");
        }
    }
}
