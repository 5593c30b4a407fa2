using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.Sqlite.Migrations
{
    /// <summary>
    /// Full-text search on SQLite: an FTS5 index over the statements' title, lead and body whose
    /// content stays in Articles (external content), kept in step by triggers. No model change.
    /// </summary>
    [DbContext(typeof(SqliteMepCmsDbContext))]
    [Migration("20261128040000_AddArticleSearch")]
    public partial class AddArticleSearch : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "ArticleSearch" USING fts5(
                    "Title", "Lead", "BodyMarkdown",
                    content='Articles', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_search_insert" AFTER INSERT ON "Articles" BEGIN
                    INSERT INTO "ArticleSearch"(rowid, "Title", "Lead", "BodyMarkdown") VALUES (new."Id", new."Title", new."Lead", new."BodyMarkdown");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_search_delete" AFTER DELETE ON "Articles" BEGIN
                    INSERT INTO "ArticleSearch"("ArticleSearch", rowid, "Title", "Lead", "BodyMarkdown") VALUES ('delete', old."Id", old."Title", old."Lead", old."BodyMarkdown");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Articles_search_update" AFTER UPDATE OF "Title", "Lead", "BodyMarkdown" ON "Articles" BEGIN
                    INSERT INTO "ArticleSearch"("ArticleSearch", rowid, "Title", "Lead", "BodyMarkdown") VALUES ('delete', old."Id", old."Title", old."Lead", old."BodyMarkdown");
                    INSERT INTO "ArticleSearch"(rowid, "Title", "Lead", "BodyMarkdown") VALUES (new."Id", new."Title", new."Lead", new."BodyMarkdown");
                END;
                """);
            // Ranking: bm25 with a title match weighing 10, lead 3, body 1.
            migrationBuilder.Sql("""INSERT INTO "ArticleSearch"("ArticleSearch", rank) VALUES ('rank', 'bm25(10.0, 3.0, 1.0)');""");
            migrationBuilder.Sql("""INSERT INTO "ArticleSearch"("ArticleSearch") VALUES ('rebuild');""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Articles_search_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Articles_search_delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Articles_search_insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ArticleSearch";""");
        }
    }
}
