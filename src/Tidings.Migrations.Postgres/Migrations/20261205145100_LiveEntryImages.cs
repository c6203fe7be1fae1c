using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidings.Migrations.Postgres.Migrations
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
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImageHeight",
                table: "LiveEntries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImageUrl",
                table: "LiveEntries",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImageWidth",
                table: "LiveEntries",
                type: "integer",
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
