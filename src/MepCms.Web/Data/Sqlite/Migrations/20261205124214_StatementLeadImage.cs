using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.Sqlite.Migrations
{
    /// <summary>A statement's optional lead image (decision 0280).</summary>
    public partial class StatementLeadImage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A plain column and its index, in place and in the migration's transaction. The model's
            // foreign key is left out on SQLite: adding or dropping one there rebuilds the table
            // outside the transaction, and the rebuild drops the search triggers. SQL Server has it;
            // the app keeps the rule on both (decision 0280).
            migrationBuilder.Sql("""ALTER TABLE "Articles" ADD "LeadImageId" INTEGER NULL;""");
            migrationBuilder.CreateIndex(
                name: "IX_Articles_LeadImageId",
                table: "Articles",
                column: "LeadImageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_LeadImageId",
                table: "Articles");
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN "LeadImageId";""");
        }
    }
}
