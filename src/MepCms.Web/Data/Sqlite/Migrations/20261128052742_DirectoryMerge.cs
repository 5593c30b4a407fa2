using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryMerge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite adds a column with its foreign key in place (ALTER TABLE … ADD COLUMN … REFERENCES). EF's
            // AddForeignKey would rebuild the table with PRAGMA foreign_keys = 0, outside the migration's
            // transaction: a crash then leaves it half-applied, and every first start warns (decision 0292).
            migrationBuilder.Sql("ALTER TABLE \"Topics\" ADD COLUMN \"MergedIntoId\" INTEGER NULL CONSTRAINT \"FK_Topics_Topics_MergedIntoId\" REFERENCES \"Topics\" (\"Id\") ON DELETE RESTRICT;");
            migrationBuilder.Sql("ALTER TABLE \"Committees\" ADD COLUMN \"MergedIntoId\" INTEGER NULL CONSTRAINT \"FK_Committees_Committees_MergedIntoId\" REFERENCES \"Committees\" (\"Id\") ON DELETE RESTRICT;");

            migrationBuilder.CreateIndex(
                name: "IX_Topics_MergedIntoId",
                table: "Topics",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Committees_MergedIntoId",
                table: "Committees",
                column: "MergedIntoId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Committees_Committees_MergedIntoId",
                table: "Committees");

            migrationBuilder.DropForeignKey(
                name: "FK_Topics_Topics_MergedIntoId",
                table: "Topics");

            migrationBuilder.DropIndex(
                name: "IX_Topics_MergedIntoId",
                table: "Topics");

            migrationBuilder.DropIndex(
                name: "IX_Committees_MergedIntoId",
                table: "Committees");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Topics");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Committees");
        }
    }
}
