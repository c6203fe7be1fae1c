using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidings.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ArticleLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Articles",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "zh-CN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "Articles");
        }
    }
}
