using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidings.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EnglishSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // English words are stemmed with Porter, as SQLite's FTS5 tokenizer does, and nothing else changes:
            // 'tidings' is 'simple' (jieba's words as they are, no stop words) with ASCII words sent through the
            // snowball Porter dictionary. Chinese tokens are the parser's 'word' type and stay on 'simple'. The
            // generated column cannot change its expression in place before PostgreSQL 17, so it is rebuilt. See
            // docs/adr/0018-english-search.md.
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH DICTIONARY tidings_porter (TEMPLATE = snowball, Language = porter);
                CREATE TEXT SEARCH CONFIGURATION tidings (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION tidings
                    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart WITH tidings_porter;
                DROP INDEX IF EXISTS "IX_ArticleSearchDocs_Document";
                ALTER TABLE "ArticleSearchDocs" DROP COLUMN "Document";
                ALTER TABLE "ArticleSearchDocs" ADD COLUMN "Document" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('tidings'::regconfig, replace("Title", U&'\200B', ' ')), 'A')
                    || setweight(to_tsvector('tidings'::regconfig, replace("Extra", U&'\200B', ' ')), 'B')
                    || setweight(to_tsvector('tidings'::regconfig, replace("Body", U&'\200B', ' ')), 'C')) STORED;
                CREATE INDEX "IX_ArticleSearchDocs_Document" ON "ArticleSearchDocs" USING gin ("Document");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_ArticleSearchDocs_Document";
                ALTER TABLE "ArticleSearchDocs" DROP COLUMN "Document";
                ALTER TABLE "ArticleSearchDocs" ADD COLUMN "Document" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple'::regconfig, replace("Title", U&'\200B', ' ')), 'A')
                    || setweight(to_tsvector('simple'::regconfig, replace("Extra", U&'\200B', ' ')), 'B')
                    || setweight(to_tsvector('simple'::regconfig, replace("Body", U&'\200B', ' ')), 'C')) STORED;
                CREATE INDEX "IX_ArticleSearchDocs_Document" ON "ArticleSearchDocs" USING gin ("Document");
                DROP TEXT SEARCH CONFIGURATION IF EXISTS tidings;
                DROP TEXT SEARCH DICTIONARY IF EXISTS tidings_porter;
                """);
        }
    }
}
