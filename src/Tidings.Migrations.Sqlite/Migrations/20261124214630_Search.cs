using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidings.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArticleSearchDocs",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Extra = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleSearchDocs", x => x.ArticleId);
                    table.ForeignKey(
                        name: "FK_ArticleSearchDocs_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // FTS5 index and its sync triggers (hand-written: EF does not model virtual tables). Written out here,
            // not taken from live code, so that changing the code can never rewrite what this migration did.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE IF NOT EXISTS "ArticleSearch" USING fts5(
                    "Title", "Body", "Extra",
                    content = 'ArticleSearchDocs', content_rowid = 'ArticleId',
                    tokenize = 'unicode61 remove_diacritics 2');
                CREATE TRIGGER IF NOT EXISTS "ArticleSearchDocs_ai" AFTER INSERT ON "ArticleSearchDocs" BEGIN
                    INSERT INTO "ArticleSearch"(rowid, "Title", "Body", "Extra") VALUES (new."ArticleId", new."Title", new."Body", new."Extra");
                END;
                CREATE TRIGGER IF NOT EXISTS "ArticleSearchDocs_ad" AFTER DELETE ON "ArticleSearchDocs" BEGIN
                    INSERT INTO "ArticleSearch"("ArticleSearch", rowid, "Title", "Body", "Extra") VALUES ('delete', old."ArticleId", old."Title", old."Body", old."Extra");
                END;
                CREATE TRIGGER IF NOT EXISTS "ArticleSearchDocs_au" AFTER UPDATE ON "ArticleSearchDocs" BEGIN
                    INSERT INTO "ArticleSearch"("ArticleSearch", rowid, "Title", "Body", "Extra") VALUES ('delete', old."ArticleId", old."Title", old."Body", old."Extra");
                    INSERT INTO "ArticleSearch"(rowid, "Title", "Body", "Extra") VALUES (new."ArticleId", new."Title", new."Body", new."Extra");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "ArticleSearchDocs_au";
                DROP TRIGGER IF EXISTS "ArticleSearchDocs_ad";
                DROP TRIGGER IF EXISTS "ArticleSearchDocs_ai";
                DROP TABLE IF EXISTS "ArticleSearch";
                """);
            migrationBuilder.DropTable(
                name: "ArticleSearchDocs");
        }
    }
}
