using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidings.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ArticleUpdatedAtIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Articles_UpdatedAt",
                table: "Articles",
                column: "UpdatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_UpdatedAt",
                table: "Articles");
        }
    }
}
