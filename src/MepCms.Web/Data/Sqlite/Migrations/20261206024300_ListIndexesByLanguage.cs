using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.Sqlite.Migrations
{
    /// <summary>
    /// Indexes that answer a language's lists in order and their counts from the index alone, and
    /// the go-live and expiry passes from a few entries, at 100,000 statements (decision 0300).
    /// </summary>
    public partial class ListIndexesByLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_UnpublishAt",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Language_Status_PublishAt_Id_UnpublishAt",
                table: "Articles",
                columns: new[] { "Language", "Status", "PublishAt", "Id", "UnpublishAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_UnpublishAt",
                table: "Articles",
                columns: new[] { "Status", "UnpublishAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_WentLiveAt_PublishAt",
                table: "Articles",
                columns: new[] { "Status", "WentLiveAt", "PublishAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Language_Status_PublishAt_Id_UnpublishAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_UnpublishAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_WentLiveAt_PublishAt",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_UnpublishAt",
                table: "Articles",
                column: "UnpublishAt");
        }
    }
}
