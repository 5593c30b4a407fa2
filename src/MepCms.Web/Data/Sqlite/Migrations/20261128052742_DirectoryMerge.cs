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
            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Topics",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Committees",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Topics_MergedIntoId",
                table: "Topics",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Committees_MergedIntoId",
                table: "Committees",
                column: "MergedIntoId");

            migrationBuilder.AddForeignKey(
                name: "FK_Committees_Committees_MergedIntoId",
                table: "Committees",
                column: "MergedIntoId",
                principalTable: "Committees",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Topics_Topics_MergedIntoId",
                table: "Topics",
                column: "MergedIntoId",
                principalTable: "Topics",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
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
