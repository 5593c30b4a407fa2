using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.SqlServer.Migrations
{
    /// <summary>
    /// Full-text search on SQL Server: a full-text index over the statements' title, lead and body
    /// (neutral word breaker: statements come in many languages), updated automatically. Created only
    /// where the Full-Text Search component is installed; see docs/decisions/0011. No model change.
    /// </summary>
    [DbContext(typeof(SqlServerMepCmsDbContext))]
    [Migration("20261128040000_AddArticleSearch")]
    public partial class AddArticleSearch : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text DDL cannot run inside a transaction.
            migrationBuilder.Sql("""
                IF FULLTEXTSERVICEPROPERTY('IsFullTextInstalled') = 1
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE name = N'MepCmsSearch')
                        EXEC(N'CREATE FULLTEXT CATALOG [MepCmsSearch]');
                    IF NOT EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'Articles'))
                        EXEC(N'CREATE FULLTEXT INDEX ON [Articles] ([Title] LANGUAGE 0, [Lead] LANGUAGE 0, [BodyMarkdown] LANGUAGE 0)
                               KEY INDEX [PK_Articles] ON [MepCmsSearch] WITH CHANGE_TRACKING = AUTO');
                END
                """, suppressTransaction: true);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                IF EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'Articles'))
                    EXEC(N'DROP FULLTEXT INDEX ON [Articles]');
                IF EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE name = N'MepCmsSearch')
                    EXEC(N'DROP FULLTEXT CATALOG [MepCmsSearch]');
                """, suppressTransaction: true);
        }
    }
}
