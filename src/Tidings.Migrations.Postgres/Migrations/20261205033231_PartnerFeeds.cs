using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tidings.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PartnerFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OriginalUrl",
                table: "Articles",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PartnerFeedId",
                table: "Articles",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PartnerFeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SourceId = table.Column<int>(type: "integer", nullable: false),
                    ChannelId = table.Column<int>(type: "integer", nullable: true),
                    RegionId = table.Column<int>(type: "integer", nullable: true),
                    PollMinutes = table.Column<int>(type: "integer", nullable: false),
                    Review = table.Column<bool>(type: "boolean", nullable: false),
                    FullText = table.Column<bool>(type: "boolean", nullable: false),
                    Paused = table.Column<bool>(type: "boolean", nullable: false),
                    ETag = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LastModified = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextPollAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastPolledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSuccessAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    ItemsTaken = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerFeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerFeeds_Channels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "Channels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PartnerFeeds_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PartnerFeeds_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_PartnerFeedId",
                table: "Articles",
                column: "PartnerFeedId",
                filter: "\"PartnerFeedId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerFeeds_ChannelId",
                table: "PartnerFeeds",
                column: "ChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerFeeds_NextPollAt",
                table: "PartnerFeeds",
                column: "NextPollAt");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerFeeds_RegionId",
                table: "PartnerFeeds",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerFeeds_SourceId_Url",
                table: "PartnerFeeds",
                columns: new[] { "SourceId", "Url" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerFeeds");

            migrationBuilder.DropIndex(
                name: "IX_Articles_PartnerFeedId",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "OriginalUrl",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "PartnerFeedId",
                table: "Articles");
        }
    }
}
