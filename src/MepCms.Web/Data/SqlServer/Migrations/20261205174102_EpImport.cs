using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class EpImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EpId",
                table: "Committees",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FromEp",
                table: "CommitteeMemberships",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Since",
                table: "CommitteeMemberships",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EpId",
                table: "Authors",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EpImportedAt",
                table: "Authors",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EpPhotoETag",
                table: "Authors",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EpRecordHash",
                table: "Authors",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PhotoFromEp",
                table: "Authors",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CommitteeNames",
                columns: table => new
                {
                    CommitteeId = table.Column<int>(type: "int", nullable: false),
                    Language = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteeNames", x => new { x.CommitteeId, x.Language });
                    table.ForeignKey(
                        name: "FK_CommitteeNames_Committees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "Committees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EpImportUploads",
                columns: table => new
                {
                    Token = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EpImportUploads", x => x.Token);
                });

            migrationBuilder.CreateTable(
                name: "ScheduledRuns",
                columns: table => new
                {
                    Job = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    ClaimedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduledRuns", x => new { x.Job, x.Day });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Committees_EpId",
                table: "Committees",
                column: "EpId",
                unique: true,
                filter: "[EpId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Authors_EpId",
                table: "Authors",
                column: "EpId",
                unique: true,
                filter: "[EpId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_EpImportUploads_CreatedAt",
                table: "EpImportUploads",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommitteeNames");

            migrationBuilder.DropTable(
                name: "EpImportUploads");

            migrationBuilder.DropTable(
                name: "ScheduledRuns");

            migrationBuilder.DropIndex(
                name: "IX_Committees_EpId",
                table: "Committees");

            migrationBuilder.DropIndex(
                name: "IX_Authors_EpId",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "EpId",
                table: "Committees");

            migrationBuilder.DropColumn(
                name: "FromEp",
                table: "CommitteeMemberships");

            migrationBuilder.DropColumn(
                name: "Since",
                table: "CommitteeMemberships");

            migrationBuilder.DropColumn(
                name: "EpId",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "EpImportedAt",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "EpPhotoETag",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "EpRecordHash",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "PhotoFromEp",
                table: "Authors");
        }
    }
}
