using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.Sqlite.Migrations
{
    /// <summary>
    /// A translation's source and the source revision it was last updated with (decision 0298).
    /// Plain columns, added in place: as for the lead image, the link's foreign key is the app's
    /// rule on SQLite (adding one rebuilds the table and drops its search triggers).
    /// </summary>
    public partial class TranslationSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TranslatedRevision",
                table: "Articles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TranslationOfId",
                table: "Articles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_TranslationOfId",
                table: "Articles",
                column: "TranslationOfId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_TranslationOfId",
                table: "Articles");

            migrationBuilder.Sql("""
                ALTER TABLE "Articles" DROP COLUMN "TranslatedRevision";
                ALTER TABLE "Articles" DROP COLUMN "TranslationOfId";
                """);
        }
    }
}
