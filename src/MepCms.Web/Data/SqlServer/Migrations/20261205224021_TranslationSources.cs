using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.SqlServer.Migrations
{
    /// <summary>A translation's source and the source revision it was last updated with (decision 0298).</summary>
    public partial class TranslationSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TranslatedRevision",
                table: "Articles",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TranslationOfId",
                table: "Articles",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_TranslationOfId",
                table: "Articles",
                column: "TranslationOfId");

            migrationBuilder.AddForeignKey(
                name: "FK_Articles_Articles_TranslationOfId",
                table: "Articles",
                column: "TranslationOfId",
                principalTable: "Articles",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Articles_Articles_TranslationOfId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_TranslationOfId",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "TranslatedRevision",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "TranslationOfId",
                table: "Articles");
        }
    }
}
