using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.SqlServer.Migrations
{
    /// <summary>Statements as groups of language versions holding one rating (decision 0298).</summary>
    public partial class StatementGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every existing statement becomes a group of one with the same id, its aggregate and
            // ratings moved to it (decision 0298).
            migrationBuilder.CreateTable(
                name: "Statements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RatingCount = table.Column<int>(type: "int", nullable: false),
                    RatingSum = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Statements", x => x.Id);
                });
            migrationBuilder.Sql("""
                SET IDENTITY_INSERT [Statements] ON;
                INSERT INTO [Statements] ([Id], [RatingCount], [RatingSum]) SELECT [Id], [RatingCount], [RatingSum] FROM [Articles];
                SET IDENTITY_INSERT [Statements] OFF;
                """);
            migrationBuilder.AddColumn<int>(
                name: "StatementId",
                table: "Articles",
                type: "int",
                nullable: false,
                defaultValue: 0);
            migrationBuilder.Sql("UPDATE [Articles] SET [StatementId] = [Id];");
            migrationBuilder.DropColumn(
                name: "RatingCount",
                table: "Articles");
            migrationBuilder.DropColumn(
                name: "RatingSum",
                table: "Articles");
            migrationBuilder.CreateIndex(
                name: "IX_Articles_StatementId_Language",
                table: "Articles",
                columns: new[] { "StatementId", "Language" },
                unique: true);
            migrationBuilder.AddForeignKey(
                name: "FK_Articles_Statements_StatementId",
                table: "Articles",
                column: "StatementId",
                principalTable: "Statements",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.DropForeignKey(
                name: "FK_Ratings_Articles_ArticleId",
                table: "Ratings");
            migrationBuilder.RenameColumn(
                name: "ArticleId",
                table: "Ratings",
                newName: "StatementId");
            migrationBuilder.RenameIndex(
                name: "IX_Ratings_ArticleId_VisitorHash",
                table: "Ratings",
                newName: "IX_Ratings_StatementId_VisitorHash");
            migrationBuilder.RenameIndex(
                name: "IX_Ratings_ArticleId_CreatedAt",
                table: "Ratings",
                newName: "IX_Ratings_StatementId_CreatedAt");
            migrationBuilder.AddForeignKey(
                name: "FK_Ratings_Statements_StatementId",
                table: "Ratings",
                column: "StatementId",
                principalTable: "Statements",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one aggregate per statement row: a group's ratings go to its original (first) version.
            migrationBuilder.DropForeignKey(
                name: "FK_Ratings_Statements_StatementId",
                table: "Ratings");
            migrationBuilder.RenameIndex(
                name: "IX_Ratings_StatementId_VisitorHash",
                table: "Ratings",
                newName: "IX_Ratings_ArticleId_VisitorHash");
            migrationBuilder.RenameIndex(
                name: "IX_Ratings_StatementId_CreatedAt",
                table: "Ratings",
                newName: "IX_Ratings_ArticleId_CreatedAt");
            migrationBuilder.RenameColumn(
                name: "StatementId",
                table: "Ratings",
                newName: "ArticleId");
            migrationBuilder.AddColumn<int>(
                name: "RatingCount",
                table: "Articles",
                type: "int",
                nullable: false,
                defaultValue: 0);
            migrationBuilder.AddColumn<long>(
                name: "RatingSum",
                table: "Articles",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
            migrationBuilder.Sql("""
                DELETE r FROM [Ratings] r WHERE NOT EXISTS (SELECT 1 FROM [Articles] a WHERE a.[StatementId] = r.[ArticleId]);
                UPDATE r SET r.[ArticleId] = (SELECT MIN(a.[Id]) FROM [Articles] a WHERE a.[StatementId] = r.[ArticleId]) FROM [Ratings] r;
                UPDATE a SET
                    a.[RatingCount] = (SELECT COUNT(*) FROM [Ratings] r WHERE r.[ArticleId] = a.[Id]),
                    a.[RatingSum] = (SELECT COALESCE(SUM(CAST(r.[Score] AS bigint)), 0) FROM [Ratings] r WHERE r.[ArticleId] = a.[Id])
                FROM [Articles] a;
                """);
            migrationBuilder.AddForeignKey(
                name: "FK_Ratings_Articles_ArticleId",
                table: "Ratings",
                column: "ArticleId",
                principalTable: "Articles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
            migrationBuilder.DropForeignKey(
                name: "FK_Articles_Statements_StatementId",
                table: "Articles");
            migrationBuilder.DropIndex(
                name: "IX_Articles_StatementId_Language",
                table: "Articles");
            migrationBuilder.DropColumn(
                name: "StatementId",
                table: "Articles");
            migrationBuilder.DropTable(
                name: "Statements");
        }
    }
}
