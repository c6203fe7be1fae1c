using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tidings.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SelfMediaAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AccountKind",
                table: "Sources",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ChannelId",
                table: "Sources",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FollowerCount",
                table: "Sources",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "JoinedAt",
                table: "Sources",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RegionId",
                table: "Sources",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CreatorApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicantId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Slug = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AvatarUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Bio = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ChannelId = table.Column<int>(type: "integer", nullable: true),
                    RegionId = table.Column<int>(type: "integer", nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Contact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Credential = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    TermsAcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SourceId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreatorApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreatorApplications_AspNetUsers_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SourceFollowerDays",
                columns: table => new
                {
                    SourceId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceFollowerDays", x => new { x.SourceId, x.Day });
                    table.ForeignKey(
                        name: "FK_SourceFollowerDays_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SourceFollows",
                columns: table => new
                {
                    SourceId = table.Column<int>(type: "integer", nullable: false),
                    FollowerKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceFollows", x => new { x.SourceId, x.FollowerKey });
                    table.ForeignKey(
                        name: "FK_SourceFollows_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sources_ChannelId",
                table: "Sources",
                column: "ChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_Sources_RegionId",
                table: "Sources",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_CreatorApplications_ApplicantId_Id",
                table: "CreatorApplications",
                columns: new[] { "ApplicantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CreatorApplications_Status_UpdatedAt",
                table: "CreatorApplications",
                columns: new[] { "Status", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SourceFollows_FollowerKey_CreatedAt",
                table: "SourceFollows",
                columns: new[] { "FollowerKey", "CreatedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Sources_Channels_ChannelId",
                table: "Sources",
                column: "ChannelId",
                principalTable: "Channels",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Sources_Regions_RegionId",
                table: "Sources",
                column: "RegionId",
                principalTable: "Regions",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Sources_Channels_ChannelId",
                table: "Sources");

            migrationBuilder.DropForeignKey(
                name: "FK_Sources_Regions_RegionId",
                table: "Sources");

            migrationBuilder.DropTable(
                name: "CreatorApplications");

            migrationBuilder.DropTable(
                name: "SourceFollowerDays");

            migrationBuilder.DropTable(
                name: "SourceFollows");

            migrationBuilder.DropIndex(
                name: "IX_Sources_ChannelId",
                table: "Sources");

            migrationBuilder.DropIndex(
                name: "IX_Sources_RegionId",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "AccountKind",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "ChannelId",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "FollowerCount",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "JoinedAt",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "RegionId",
                table: "Sources");
        }
    }
}
