using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DienHong.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DocumentRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IssuedDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    MeetingId = table.Column<int>(type: "integer", nullable: true),
                    Kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: true),
                    Symbol = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    FileName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Wording = table.Column<string>(type: "character varying(32000)", maxLength: 32000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IssuedDocuments_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_IssuedDocuments_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ParentBodyName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    IssuingBodyName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    BodySymbol = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DraftingUnitSymbol = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SignerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SignerTitle = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SigningAuthority = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SignerOnBehalfOf = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ArchiveLine = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ContactLine = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganizationTemplates_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_MeetingId",
                table: "IssuedDocuments",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_OrganizationId_Kind_Year_Number_Version",
                table: "IssuedDocuments",
                columns: new[] { "OrganizationId", "Kind", "Year", "Number", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationTemplates_OrganizationId",
                table: "OrganizationTemplates",
                column: "OrganizationId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IssuedDocuments");

            migrationBuilder.DropTable(
                name: "OrganizationTemplates");
        }
    }
}
