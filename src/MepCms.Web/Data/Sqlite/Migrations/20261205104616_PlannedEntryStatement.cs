using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PlannedEntryStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The column with its foreign key in place, inside the migration's transaction (see DirectoryMerge, decision 0292).
            migrationBuilder.Sql("ALTER TABLE \"PlannedEntries\" ADD COLUMN \"ArticleId\" INTEGER NULL CONSTRAINT \"FK_PlannedEntries_Articles_ArticleId\" REFERENCES \"Articles\" (\"Id\") ON DELETE SET NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_PlannedEntries_ArticleId",
                table: "PlannedEntries",
                column: "ArticleId");
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
