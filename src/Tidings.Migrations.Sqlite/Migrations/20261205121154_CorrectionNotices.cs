using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidings.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CorrectionNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArticleReads",
                columns: table => new
                {
                    Visitor = table.Column<long>(type: "INTEGER", nullable: false),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleReads", x => new { x.Visitor, x.ArticleId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleCorrections_At",
                table: "ArticleCorrections",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleReads_At",
                table: "ArticleReads",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleReads");

            migrationBuilder.DropIndex(
                name: "IX_ArticleCorrections_At",
                table: "ArticleCorrections");
        }
    }
}
