using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MepCms.Web.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddPressLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PressLists",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PressLists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PressOptOuts",
                columns: table => new
                {
                    EmailKey = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Reason = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PressOptOuts", x => x.EmailKey);
                });

            migrationBuilder.CreateTable(
                name: "PressContacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PressListId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Outlet = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    EmailKey = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Languages = table.Column<string>(type: "nvarchar(72)", maxLength: 72, nullable: false),
                    Notes = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PressContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PressContacts_PressLists_PressListId",
                        column: x => x.PressListId,
                        principalTable: "PressLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PressRecipients",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ArticleId = table.Column<int>(type: "int", nullable: false),
                    PressContactId = table.Column<int>(type: "int", nullable: true),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Outlet = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    EmailKey = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Lists = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    LinkSecret = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FirstOpenedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Opens = table.Column<int>(type: "int", nullable: false),
                    BaseUrl = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PressRecipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PressRecipients_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PressRecipients_PressContacts_PressContactId",
                        column: x => x.PressContactId,
                        principalTable: "PressContacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "PressMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PressRecipientId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SentAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PressMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PressMessages_PressRecipients_PressRecipientId",
                        column: x => x.PressRecipientId,
                        principalTable: "PressRecipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PressContacts_EmailKey",
                table: "PressContacts",
                column: "EmailKey");

            migrationBuilder.CreateIndex(
                name: "IX_PressContacts_PressListId_EmailKey",
                table: "PressContacts",
                columns: new[] { "PressListId", "EmailKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PressLists_Name",
                table: "PressLists",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PressMessages_PressRecipientId_Kind",
                table: "PressMessages",
                columns: new[] { "PressRecipientId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PressMessages_Status_NextAttemptAt",
                table: "PressMessages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PressRecipients_ArticleId_EmailKey",
                table: "PressRecipients",
                columns: new[] { "ArticleId", "EmailKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PressRecipients_PressContactId",
                table: "PressRecipients",
                column: "PressContactId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PressMessages");

            migrationBuilder.DropTable(
                name: "PressOptOuts");

            migrationBuilder.DropTable(
                name: "PressRecipients");

            migrationBuilder.DropTable(
                name: "PressContacts");

            migrationBuilder.DropTable(
                name: "PressLists");
        }
    }
}
