using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PinnedStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PinnedAt",
                table: "Articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PinnedUntil",
                table: "Articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_PinnedAt",
                table: "Articles",
                column: "PinnedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_PinnedUntil",
                table: "Articles",
                column: "PinnedUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_PinnedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_PinnedUntil",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "PinnedAt",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "PinnedUntil",
                table: "Articles");
        }
    }
}
