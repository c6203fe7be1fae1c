using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidings.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UniqueOriginalityMatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Two nodes recording the same article at once could store an overlap twice; keep the first of each
            // before the index makes that impossible.
            migrationBuilder.Sql("""
                DELETE FROM "OriginalityMatches" WHERE "Id" NOT IN
                    (SELECT MIN("Id") FROM "OriginalityMatches" GROUP BY "ArticleId", "Kind", "EarlierId");
                """);

            migrationBuilder.DropIndex(
                name: "IX_OriginalityMatches_ArticleId_Kind",
                table: "OriginalityMatches");

            migrationBuilder.CreateIndex(
                name: "IX_OriginalityMatches_ArticleId_Kind_EarlierId",
                table: "OriginalityMatches",
                columns: new[] { "ArticleId", "Kind", "EarlierId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OriginalityMatches_ArticleId_Kind_EarlierId",
                table: "OriginalityMatches");

            migrationBuilder.CreateIndex(
                name: "IX_OriginalityMatches_ArticleId_Kind",
                table: "OriginalityMatches",
                columns: new[] { "ArticleId", "Kind" });
        }
    }
}
