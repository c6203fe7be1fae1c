using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidings.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RelatedArticles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ChannelSuggested",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<float>(
                name: "SuggestedChannelConfidence",
                table: "Articles",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SuggestedChannelId",
                table: "Articles",
                type: "INTEGER",
                nullable: true);

            // WITHOUT ROWID: the (term, impact, article) primary key is the table, so reading a term's heaviest postings
            // is one ordered range of one b-tree, and the index is not stored twice.
            migrationBuilder.Sql("""
                CREATE TABLE "ArticleKeyTerms" (
                    "Term" TEXT NOT NULL,
                    "Impact" INTEGER NOT NULL,
                    "ArticleId" INTEGER NOT NULL,
                    CONSTRAINT "PK_ArticleKeyTerms" PRIMARY KEY ("Term", "Impact", "ArticleId")
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateTable(
                name: "RelatedLists",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Stale = table.Column<bool>(type: "INTEGER", nullable: false),
                    KeyTerms = table.Column<string>(type: "TEXT", nullable: false),
                    Items = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RelatedLists", x => x.ArticleId);
                    table.ForeignKey(
                        name: "FK_RelatedLists_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TopicModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrainedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Documents = table.Column<int>(type: "INTEGER", nullable: false),
                    Labels = table.Column<int>(type: "INTEGER", nullable: false),
                    Vocabulary = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TopicModels", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RelatedLists_Stale",
                table: "RelatedLists",
                column: "Stale");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleKeyTerms");

            migrationBuilder.DropTable(
                name: "RelatedLists");

            migrationBuilder.DropTable(
                name: "TopicModels");

            migrationBuilder.DropColumn(
                name: "ChannelSuggested",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "SuggestedChannelConfidence",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "SuggestedChannelId",
                table: "Articles");
        }
    }
}
