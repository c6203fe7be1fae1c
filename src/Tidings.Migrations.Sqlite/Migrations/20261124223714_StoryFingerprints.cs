using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidings.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StoryFingerprints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Band0",
                table: "ArticleSearchDocs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Band1",
                table: "ArticleSearchDocs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Band2",
                table: "ArticleSearchDocs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Band3",
                table: "ArticleSearchDocs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ClusterId",
                table: "ArticleSearchDocs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Fingerprint",
                table: "ArticleSearchDocs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "FingerprintWords",
                table: "ArticleSearchDocs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_ArticleSearchDocs_Band0",
                table: "ArticleSearchDocs",
                column: "Band0");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleSearchDocs_Band1",
                table: "ArticleSearchDocs",
                column: "Band1");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleSearchDocs_Band2",
                table: "ArticleSearchDocs",
                column: "Band2");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleSearchDocs_Band3",
                table: "ArticleSearchDocs",
                column: "Band3");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleSearchDocs_ClusterId",
                table: "ArticleSearchDocs",
                column: "ClusterId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArticleSearchDocs_Band0",
                table: "ArticleSearchDocs");

            migrationBuilder.DropIndex(
                name: "IX_ArticleSearchDocs_Band1",
                table: "ArticleSearchDocs");

            migrationBuilder.DropIndex(
                name: "IX_ArticleSearchDocs_Band2",
                table: "ArticleSearchDocs");

            migrationBuilder.DropIndex(
                name: "IX_ArticleSearchDocs_Band3",
                table: "ArticleSearchDocs");

            migrationBuilder.DropIndex(
                name: "IX_ArticleSearchDocs_ClusterId",
                table: "ArticleSearchDocs");

            migrationBuilder.DropColumn(
                name: "Band0",
                table: "ArticleSearchDocs");

            migrationBuilder.DropColumn(
                name: "Band1",
                table: "ArticleSearchDocs");

            migrationBuilder.DropColumn(
                name: "Band2",
                table: "ArticleSearchDocs");

            migrationBuilder.DropColumn(
                name: "Band3",
                table: "ArticleSearchDocs");

            migrationBuilder.DropColumn(
                name: "ClusterId",
                table: "ArticleSearchDocs");

            migrationBuilder.DropColumn(
                name: "Fingerprint",
                table: "ArticleSearchDocs");

            migrationBuilder.DropColumn(
                name: "FingerprintWords",
                table: "ArticleSearchDocs");
        }
    }
}
