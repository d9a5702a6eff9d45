using System.Text.Encodings.Web;
using System.Text.Json;
using DienHong.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DienHong.Features.Live;

/// <summary>A change to announce: its type, who may see it, and the new state (any object, written as camelCase JSON).</summary>
public sealed record LiveChange(string Type, object Payload, LiveAudience Audience, int? SiteId = null);

/// <summary>
/// The one way a feature changes a meeting's live state: SaveAsync saves the tracked
/// changes, numbers the events that describe them and stores those in the same transaction, then
/// tells every node's <see cref="LiveDispatcher"/>. Nothing is pushed before it is committed, and
/// nothing committed goes unannounced (a node that missed the signal finds it by polling).
/// </summary>
public sealed class LiveFeed(ILiveSignal signal, TimeProvider clock) : IDisposable
{
    // SQLite takes one writer at a time; the others would wait in its busy handler, each holding a
    // thread (see SqliteLockWait). Live writes of this process queue here instead, in order and
    // holding none (PostgreSQL locks rows and needs no gate). The thread pool is left at its default
    // size: with more threads than cores running SQLite's synchronous calls, the gate's holder is the
    // one preempted (check-ins at 200 a second: p95 50 ms with 64 threads ready, 23 ms without).
    private readonly SemaphoreSlim sqliteWriter = new(1, 1);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Vietnamese stays readable in the stored payload and on the wire.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Saves the context's pending changes, then asks <paramref name="describe"/> (inside the same
    /// transaction, so it sees them, new keys included) for the events to record. An empty list
    /// records nothing. Throws what SaveChanges throws (rules, concurrency) with nothing written.
    /// </summary>
    public async Task<IReadOnlyList<LiveEvent>> SaveAsync(
        DienHongDbContext db, int meetingId, Func<CancellationToken, Task<IReadOnlyList<LiveChange>>> describe, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("LiveFeed.SaveAsync owns its transaction: call it with none open.");
        }

        var gated = db.Database.IsSqlite();
        if (gated)
        {
            await sqliteWriter.WaitAsync(cancellationToken);
        }

        try
        {
            return await SaveInTransactionAsync(db, meetingId, describe, cancellationToken);
        }
        finally
        {
            if (gated)
            {
                sqliteWriter.Release();
            }
        }
    }

    public void Dispose() => sqliteWriter.Dispose();

    private async Task<IReadOnlyList<LiveEvent>> SaveInTransactionAsync(
        DienHongDbContext db, int meetingId, Func<CancellationToken, Task<IReadOnlyList<LiveChange>>> describe, CancellationToken cancellationToken)
    {
        List<LiveEvent> events = [];
        var saved = false;
        // Under PostgreSQL's retrying strategy: a failure before anything is saved is retried; once the
        // changes are saved (and accepted) a retry could not save them again, so the caller gets a 503
        // ("try again") with nothing committed.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            if (saved)
            {
                throw new RetryLimitExceededException("The live change failed after its first save; nothing was committed.");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(token);
            saved = true;
            await db.SaveChangesAsync(token);
            var changes = await describe(token);
            if (changes.Count == 0)
            {
                await transaction.CommitAsync(token);
                return;
            }

            // Last, so that on SQLite the counter row is locked for as short a time as possible: from here to
            // the commit (PostgreSQL locks it only inside its commit, see InsertToBeNumberedAtCommitAsync).
            var now = clock.GetUtcNow().UtcDateTime;
            events = [.. changes.Select(change => new LiveEvent
            {
                MeetingId = meetingId,
                Type = change.Type,
                Audience = change.Audience,
                SiteId = change.SiteId,
                Payload = JsonSerializer.Serialize(change.Payload, Json),
                At = now,
            })];
            if (db.Database.IsNpgsql())
            {
                await InsertToBeNumberedAtCommitAsync(db, meetingId, events, token);
            }
            else
            {
                // SQLite: one writer at a time anyway (the gate above), and no network between statements.
                var last = await AllocateAsync(db, meetingId, events.Count, token);
                for (var i = 0; i < events.Count; i++)
                {
                    events[i].Number = last - events.Count + 1 + i;
                }

                db.LiveEvents.AddRange(events);
                await db.SaveChangesAsync(token);
            }

            await transaction.CommitAsync(token);
        }, cancellationToken);

        if (events.Count == 0)
        {
            return [];
        }

        if (db.Database.IsNpgsql())
        {
            // Committed: read and announce them even if the caller has stopped waiting.
            await ReadNumbersAsync(db, events, CancellationToken.None);
        }

        await signal.CommittedAsync(meetingId, events[^1].Number);
        return events;
    }

    /// <summary>As above with changes known before saving.</summary>
    public Task<IReadOnlyList<LiveEvent>> SaveAsync(DienHongDbContext db, int meetingId, IReadOnlyList<LiveChange> changes, CancellationToken cancellationToken = default) =>
        SaveAsync(db, meetingId, _ => Task.FromResult(changes), cancellationToken);

    /// <summary>Takes <paramref name="count"/> numbers; the same statement on SQLite (3.35+) and PostgreSQL.</summary>
    private static async Task<long> AllocateAsync(DienHongDbContext db, int meetingId, int count, CancellationToken cancellationToken)
    {
        var numbers = await db.Database.SqlQuery<long>($"""
            INSERT INTO "LiveStreams" ("MeetingId", "LastNumber") VALUES ({meetingId}, {(long)count})
            ON CONFLICT ("MeetingId") DO UPDATE SET "LastNumber" = "LiveStreams"."LastNumber" + {(long)count}
            RETURNING "LastNumber" AS "Value"
            """).ToListAsync(cancellationToken);
        return numbers.Single();
    }

    /// <summary>
    /// PostgreSQL: inserts the events under placeholder numbers (minus their keys: unique, and below every
    /// real number); the deferred constraint trigger <c>LiveEvents_number_at_commit</c> (migration
    /// NumberLiveEventsAtCommit) gives them their numbers from the meeting's counter row when the
    /// transaction commits, in the order inserted. So that row, which every live write of the meeting
    /// passes one at a time, is locked only while PostgreSQL commits, with no round trip to this process
    /// inside the lock; numbers stay gap-free and in commit order, as the lock is still held to the commit.
    /// </summary>
    private static async Task InsertToBeNumberedAtCommitAsync(DienHongDbContext db, int meetingId, List<LiveEvent> events, CancellationToken cancellationToken)
    {
        string[] types = [.. events.Select(e => e.Type)];
        string[] audiences = [.. events.Select(e => e.Audience.ToString())]; // stored by name (TolerantEnumConverter)
        int?[] sites = [.. events.Select(e => e.SiteId)];
        // NFC, as the context's save makes every stored text (the SQLite path goes through it).
        string[] payloads = [.. events.Select(e => e.Payload.Normalize())];
        var at = events[0].At;
        // Keys taken in the events' order, and rows inserted in it (the trigger numbers in insertion order).
        var keys = await db.Database.SqlQuery<long>($"""
            INSERT INTO "LiveEvents" ("Id", "MeetingId", "Number", "Type", "Audience", "SiteId", "Payload", "At")
            SELECT e.id, {meetingId}, -e.id, e.type, e.audience, e.site, e.payload, {at}
            FROM (SELECT nextval(pg_get_serial_sequence('"LiveEvents"', 'Id')) AS id, u.*
                  FROM unnest({types}::text[], {audiences}::text[], {sites}::integer[], {payloads}::text[]) WITH ORDINALITY AS u(type, audience, site, payload, i)) AS e
            ORDER BY e.i
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken);
        keys.Sort();
        for (var i = 0; i < events.Count; i++)
        {
            events[i].Id = keys[i];
        }
    }

    /// <summary>PostgreSQL, after the commit: the numbers the trigger gave the events, for the signal and the caller.</summary>
    private static async Task ReadNumbersAsync(DienHongDbContext db, List<LiveEvent> events, CancellationToken cancellationToken)
    {
        long[] keys = [.. events.Select(e => e.Id)];
        var numbered = await db.Database.SqlQuery<NumberedEvent>($"""
            SELECT "Id", "Number" FROM "LiveEvents" WHERE "Id" = ANY({keys})
            """).ToDictionaryAsync(e => e.Id, e => e.Number, cancellationToken);
        foreach (var liveEvent in events)
        {
            liveEvent.Number = numbered[liveEvent.Id];
        }
    }

    private sealed class NumberedEvent
    {
        public long Id { get; set; }
        public long Number { get; set; }
    }

    /// <summary>The last number given out for a meeting (0 before its first event).</summary>
    public static async Task<long> LastNumberAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default) =>
        await db.LiveStreams.Where(s => s.MeetingId == meetingId).Select(s => s.LastNumber).FirstOrDefaultAsync(cancellationToken);
}
