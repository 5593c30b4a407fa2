using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SiteSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SiteSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Tagline = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BrandColour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    AccentColour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    FooterText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PressEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PressPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PressAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SocialLinks = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    LegalNoticeMarkdown = table.Column<string>(type: "TEXT", maxLength: 30000, nullable: false),
                    LegalNoticeHtml = table.Column<string>(type: "TEXT", maxLength: 80000, nullable: false),
                    PrivacyMarkdown = table.Column<string>(type: "TEXT", maxLength: 30000, nullable: false),
                    PrivacyHtml = table.Column<string>(type: "TEXT", maxLength: 80000, nullable: false),
                    AccessibilityMarkdown = table.Column<string>(type: "TEXT", maxLength: 30000, nullable: false),
                    AccessibilityHtml = table.Column<string>(type: "TEXT", maxLength: 80000, nullable: false),
                    Logo = table.Column<byte[]>(type: "BLOB", maxLength: 204800, nullable: true),
                    LogoContentType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteSettings", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SiteSettings");
        }
    }
}
