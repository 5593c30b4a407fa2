using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class EditorAutosave : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AutosavedForms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ArticleId = table.Column<int>(type: "int", nullable: true),
                    FormJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    BaseVersion = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SavedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AutosavedForms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AutosavedForms_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AutosavedForms_ArticleId",
                table: "AutosavedForms",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_AutosavedForms_UserId_ArticleId",
                table: "AutosavedForms",
                columns: new[] { "UserId", "ArticleId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AutosavedForms");
        }
    }
}
