using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MediaCredits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Credit",
                table: "Media",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Licence",
                table: "Media",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Credit",
                table: "Media");

            migrationBuilder.DropColumn(
                name: "Licence",
                table: "Media");
        }
    }
}
