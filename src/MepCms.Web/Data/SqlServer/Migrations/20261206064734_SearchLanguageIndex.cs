using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.SqlServer.Migrations
{
    /// <summary>
    /// Nothing on SQL Server: the SQLite migration of the same name adds an index of ids and
    /// languages for its FTS5 search (decision 0304). SQL Server keeps a statement's language in its
    /// clustered row, which its full-text search joins by key. Kept so both providers list the same
    /// migrations.
    /// </summary>
    public partial class SearchLanguageIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
