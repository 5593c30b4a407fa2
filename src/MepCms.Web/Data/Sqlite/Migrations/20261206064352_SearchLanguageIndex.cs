using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.Sqlite.Migrations
{
    /// <summary>
    /// A search keeps to the page's language inside its one FTS5 command: each match is checked
    /// against this index (a statement's id and language) instead of its row, whose language sits
    /// behind the body's overflow pages (decision 0304). SQLite only, and outside the EF Core model
    /// like the FTS5 table: SQL Server's search reads its rows by its clustered key.
    /// </summary>
    public partial class SearchLanguageIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Articles_Id_Language" ON "Articles" ("Id", "Language");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Articles_Id_Language";""");
        }
    }
}
