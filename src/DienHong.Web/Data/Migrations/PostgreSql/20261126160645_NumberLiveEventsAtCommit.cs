using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DienHong.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class NumberLiveEventsAtCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Live events are numbered when their transaction commits (LiveFeed inserts them under
            // placeholder numbers, minus their keys): the meeting's counter row is then locked only inside
            // PostgreSQL's commit, not across a round trip to the app. Deferred, so it runs at COMMIT; per
            // row, in insertion order; held to the end of the commit, so numbers follow commit order.
            migrationBuilder.Sql("""
                CREATE FUNCTION "LiveEvents_number_at_commit"() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    taken bigint;
                BEGIN
                    INSERT INTO "LiveStreams" ("MeetingId", "LastNumber") VALUES (NEW."MeetingId", 1)
                    ON CONFLICT ("MeetingId") DO UPDATE SET "LastNumber" = "LiveStreams"."LastNumber" + 1
                    RETURNING "LastNumber" INTO taken;
                    UPDATE "LiveEvents" SET "Number" = taken WHERE "Id" = NEW."Id";
                    RETURN NULL;
                END
                $$;

                CREATE CONSTRAINT TRIGGER "LiveEvents_number_at_commit" AFTER INSERT ON "LiveEvents"
                DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW WHEN (NEW."Number" <= 0)
                EXECUTE FUNCTION "LiveEvents_number_at_commit"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "LiveEvents_number_at_commit" ON "LiveEvents";
                DROP FUNCTION "LiveEvents_number_at_commit"();
                """);
        }
    }
}
