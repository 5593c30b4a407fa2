using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.SqlServer.Migrations
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
                    Id = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Tagline = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    BrandColour = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: true),
                    AccentColour = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: true),
                    FooterText = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    PressEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    PressPhone = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    PressAddress = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    SocialLinks = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    LegalNoticeMarkdown = table.Column<string>(type: "nvarchar(max)", maxLength: 30000, nullable: false),
                    LegalNoticeHtml = table.Column<string>(type: "nvarchar(max)", maxLength: 80000, nullable: false),
                    PrivacyMarkdown = table.Column<string>(type: "nvarchar(max)", maxLength: 30000, nullable: false),
                    PrivacyHtml = table.Column<string>(type: "nvarchar(max)", maxLength: 80000, nullable: false),
                    AccessibilityMarkdown = table.Column<string>(type: "nvarchar(max)", maxLength: 30000, nullable: false),
                    AccessibilityHtml = table.Column<string>(type: "nvarchar(max)", maxLength: 80000, nullable: false),
                    Logo = table.Column<byte[]>(type: "varbinary(max)", maxLength: 204800, nullable: true),
                    LogoContentType = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
