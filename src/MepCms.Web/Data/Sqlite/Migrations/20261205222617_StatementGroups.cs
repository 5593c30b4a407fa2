using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.Sqlite.Migrations
{
    /// <summary>
    /// Statements as groups of language versions holding one rating (decision 0298). Every existing
    /// statement becomes a group of one with the same id, its aggregate moved to it; its ratings
    /// move with it. All in the migration's one transaction: the Articles table changes in place (a
    /// rebuild would drop its search triggers), so, as for the lead image, its foreign key to the
    /// group is the app's rule on SQLite and the database's on SQL Server. Ratings is rebuilt to
    /// point its foreign key at the group.
    /// </summary>
    public partial class StatementGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Statements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RatingCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RatingSum = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Statements", x => x.Id);
                });
            migrationBuilder.Sql("""
                INSERT INTO "Statements" ("Id", "RatingCount", "RatingSum") SELECT "Id", "RatingCount", "RatingSum" FROM "Articles";
                ALTER TABLE "Articles" ADD "StatementId" INTEGER NOT NULL DEFAULT 0;
                UPDATE "Articles" SET "StatementId" = "Id";
                ALTER TABLE "Articles" DROP COLUMN "RatingCount";
                ALTER TABLE "Articles" DROP COLUMN "RatingSum";
                """);
            migrationBuilder.CreateIndex(
                name: "IX_Articles_StatementId_Language",
                table: "Articles",
                columns: new[] { "StatementId", "Language" },
                unique: true);

            migrationBuilder.CreateTable(
                name: "Ratings_new",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StatementId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitorHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Ratings", x => x.Id);
                    table.CheckConstraint("CK_Ratings_Score", "Score BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_Ratings_Statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "Statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
            migrationBuilder.Sql("""
                INSERT INTO "Ratings_new" ("Id", "StatementId", "Score", "VisitorHash", "CreatedAt", "UpdatedAt")
                SELECT "Id", "ArticleId", "Score", "VisitorHash", "CreatedAt", "UpdatedAt" FROM "Ratings";
                DROP TABLE "Ratings";
                ALTER TABLE "Ratings_new" RENAME TO "Ratings";
                """);
            migrationBuilder.CreateIndex(
                name: "IX_Ratings_StatementId_CreatedAt",
                table: "Ratings",
                columns: new[] { "StatementId", "CreatedAt" });
            migrationBuilder.CreateIndex(
                name: "IX_Ratings_StatementId_VisitorHash",
                table: "Ratings",
                columns: new[] { "StatementId", "VisitorHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one aggregate per statement row: a group's ratings go to its original (first) version.
            migrationBuilder.CreateTable(
                name: "Ratings_old",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitorHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Ratings", x => x.Id);
                    table.CheckConstraint("CK_Ratings_Score", "Score BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_Ratings_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
            migrationBuilder.DropIndex(
                name: "IX_Articles_StatementId_Language",
                table: "Articles");
            migrationBuilder.Sql("""
                INSERT INTO "Ratings_old" ("Id", "ArticleId", "Score", "VisitorHash", "CreatedAt", "UpdatedAt")
                SELECT r."Id", (SELECT MIN(a."Id") FROM "Articles" a WHERE a."StatementId" = r."StatementId"), r."Score", r."VisitorHash", r."CreatedAt", r."UpdatedAt"
                FROM "Ratings" r WHERE EXISTS (SELECT 1 FROM "Articles" a WHERE a."StatementId" = r."StatementId");
                DROP TABLE "Ratings";
                ALTER TABLE "Ratings_old" RENAME TO "Ratings";
                ALTER TABLE "Articles" ADD "RatingCount" INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE "Articles" ADD "RatingSum" INTEGER NOT NULL DEFAULT 0;
                UPDATE "Articles" SET
                    "RatingCount" = (SELECT COUNT(*) FROM "Ratings" r WHERE r."ArticleId" = "Articles"."Id"),
                    "RatingSum" = (SELECT COALESCE(SUM(r."Score"), 0) FROM "Ratings" r WHERE r."ArticleId" = "Articles"."Id");
                ALTER TABLE "Articles" DROP COLUMN "StatementId";
                DROP TABLE "Statements";
                """);
            migrationBuilder.CreateIndex(
                name: "IX_Ratings_ArticleId_CreatedAt",
                table: "Ratings",
                columns: new[] { "ArticleId", "CreatedAt" });
            migrationBuilder.CreateIndex(
                name: "IX_Ratings_ArticleId_VisitorHash",
                table: "Ratings",
                columns: new[] { "ArticleId", "VisitorHash" },
                unique: true);
        }
    }
}
