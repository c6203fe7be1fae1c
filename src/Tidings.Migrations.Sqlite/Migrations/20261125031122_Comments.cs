using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidings.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Comments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommentBans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentBans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentId = table.Column<long>(type: "INTEGER", nullable: true),
                    Chain = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Floors = table.Column<int>(type: "INTEGER", nullable: false),
                    Nickname = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Up = table.Column<int>(type: "INTEGER", nullable: false),
                    Down = table.Column<int>(type: "INTEGER", nullable: false),
                    HotKey = table.Column<double>(type: "REAL", nullable: false),
                    ReportCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<long>(type: "INTEGER", nullable: false),
                    PosterKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    RegionLabel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    MatchedTerm = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ModerationNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ModeratedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModeratedBy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Comments_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModerationLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CommentId = table.Column<long>(type: "INTEGER", nullable: true),
                    BanId = table.Column<int>(type: "INTEGER", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModerationLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CommentReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommentId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReporterKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommentReports_Comments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "Comments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommentVotes",
                columns: table => new
                {
                    CommentId = table.Column<long>(type: "INTEGER", nullable: false),
                    VoterKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    Up = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentVotes", x => new { x.CommentId, x.VoterKey });
                    table.ForeignKey(
                        name: "FK_CommentVotes_Comments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "Comments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommentReports_CommentId_Address",
                table: "CommentReports",
                columns: new[] { "CommentId", "Address" });

            migrationBuilder.CreateIndex(
                name: "IX_CommentReports_CommentId_ReporterKey",
                table: "CommentReports",
                columns: new[] { "CommentId", "ReporterKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ArticleId_Status_HotKey",
                table: "Comments",
                columns: new[] { "ArticleId", "Status", "HotKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ArticleId_Status_Id",
                table: "Comments",
                columns: new[] { "ArticleId", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ContentHash_CreatedAt",
                table: "Comments",
                columns: new[] { "ContentHash", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_PosterKey",
                table: "Comments",
                column: "PosterKey");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_Status_ReportCount",
                table: "Comments",
                columns: new[] { "Status", "ReportCount" });

            migrationBuilder.CreateIndex(
                name: "IX_CommentVotes_CommentId_Address",
                table: "CommentVotes",
                columns: new[] { "CommentId", "Address" });

            migrationBuilder.CreateIndex(
                name: "IX_ModerationLog_CommentId",
                table: "ModerationLog",
                column: "CommentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommentBans");

            migrationBuilder.DropTable(
                name: "CommentReports");

            migrationBuilder.DropTable(
                name: "CommentVotes");

            migrationBuilder.DropTable(
                name: "ModerationLog");

            migrationBuilder.DropTable(
                name: "Comments");
        }
    }
}
