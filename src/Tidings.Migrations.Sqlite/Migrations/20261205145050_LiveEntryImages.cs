using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidings.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LiveEntryImages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ImageAlt",
                table: "LiveEntries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImageHeight",
                table: "LiveEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImageUrl",
                table: "LiveEntries",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImageWidth",
                table: "LiveEntries",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ImageAlt",
                table: "LiveEntries");

            migrationBuilder.DropColumn(
                name: "ImageHeight",
                table: "LiveEntries");

            migrationBuilder.DropColumn(
                name: "ImageUrl",
                table: "LiveEntries");

            migrationBuilder.DropColumn(
                name: "ImageWidth",
                table: "LiveEntries");
        }
    }
}
