using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PlannedEntryStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ArticleId",
                table: "PlannedEntries",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlannedEntries_ArticleId",
                table: "PlannedEntries",
                column: "ArticleId");

            migrationBuilder.AddForeignKey(
                name: "FK_PlannedEntries_Articles_ArticleId",
                table: "PlannedEntries",
                column: "ArticleId",
                principalTable: "Articles",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PlannedEntries_Articles_ArticleId",
                table: "PlannedEntries");

            migrationBuilder.DropIndex(
                name: "IX_PlannedEntries_ArticleId",
                table: "PlannedEntries");

            migrationBuilder.DropColumn(
                name: "ArticleId",
                table: "PlannedEntries");
        }
    }
}
