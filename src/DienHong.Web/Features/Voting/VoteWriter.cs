using System.Data.Common;
using System.Threading.Channels;
using DienHong.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DienHong.Features.Voting;

/// <summary>
/// Group commit for open votes. Each caller has checked its own vote (the delegate, their site,
/// the motion) and queues the write here; one writer per node takes everything queued and writes
/// it in one transaction (on SQLite the same <c>INSERT … SELECT … ON CONFLICT</c> per vote, on PostgreSQL one such
/// statement over arrays of the whole batch; either still
/// writes only while the motion is open and the site has not shown hands), and each caller gets
/// its answer only once that transaction has committed. 2,000 votes at once are then a handful
/// of commits instead of 2,000 writers queueing for SQLite's lock (or PostgreSQL's WAL flushes).
/// A batch that fails is written again vote by vote, so a bad vote fails alone, with the error it
/// would have had alone. <see cref="DrainAsync"/> lets the close wait for every vote queued before it.
/// </summary>
public sealed class VoteWriter(IServiceScopeFactory scopes, ILogger<VoteWriter> logger) : IAsyncDisposable
{
    /// <summary>At most this many votes in one transaction (a PostgreSQL batch stays one round trip of moderate size).</summary>
    public const int MaxBatch = 1_000;

    // The delegate's seat and present check-in are found by the statement itself: a vote that is not
    // theirs to cast (no seat, not checked in, motion not open, site showed hands) writes no row.
    private const string Sql = """
        INSERT INTO "Votes" ("MotionId", "ParticipantId", "SiteId", "Choice", "CastAt", "Changes")
        SELECT m."Id", p."Id", c."SiteId", @choice, @castAt, 0
        FROM "Motions" AS m
        JOIN "Participants" AS p ON p."MeetingId" = m."MeetingId"
        JOIN "CheckIns" AS c ON c."ParticipantId" = p."Id"
        WHERE m."Id" = @motion AND m."MeetingId" = @meeting AND m."State" = 'Open' AND m."Method" = 'Open'
          AND p."UserId" = @user AND c."CheckedOutAt" IS NULL
          AND NOT EXISTS (SELECT 1 FROM "SiteTallies" AS t WHERE t."MotionId" = m."Id" AND t."SiteId" = c."SiteId")
        ON CONFLICT ("MotionId", "ParticipantId") DO UPDATE SET
          "Changes" = "Votes"."Changes" + CASE WHEN "Votes"."Choice" = excluded."Choice" THEN 0 ELSE 1 END,
          "Choice" = excluded."Choice", "CastAt" = excluded."CastAt", "SiteId" = excluded."SiteId"
        RETURNING "Changes"
        """;

    private readonly Channel<Queued> queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock starting = new();
    private Task? writer;

    /// <summary>
    /// Writes the account's vote (with the others queued meanwhile) and answers, once committed, how many
    /// times the delegate has changed their mind; null when nothing was written: the account has no seat in
    /// the meeting or is not checked in, the motion is not an open vote that is open, or the site has shown hands.
    /// </summary>
    public Task<int?> WriteAsync(int meetingId, int motionId, string userId, VoteChoice choice, DateTime castAt, CancellationToken cancellationToken = default)
    {
        var vote = new QueuedVote(meetingId, motionId, userId, choice.ToString(), castAt);
        Enqueue(vote);
        // Giving up waiting does not take the vote back: like a request cut off, it may still be recorded.
        return vote.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes once every vote queued before this call has been written (or refused).</summary>
    public Task DrainAsync(CancellationToken cancellationToken = default)
    {
        var marker = new QueuedDrain();
        Enqueue(marker);
        return marker.Done.Task.WaitAsync(cancellationToken);
    }

    private void Enqueue(Queued item)
    {
        lock (starting)
        {
            writer ??= Task.Run(RunAsync, CancellationToken.None);
        }

        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(item), this);
    }

    private async Task RunAsync()
    {
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var votes = new List<QueuedVote>();
            var drains = new List<QueuedDrain>();
            while (votes.Count < MaxBatch && reader.TryRead(out var item))
            {
                if (item is QueuedVote vote)
                {
                    votes.Add(vote);
                }
                else
                {
                    drains.Add((QueuedDrain)item);
                }
            }

            if (votes.Count > 0)
            {
                await WriteAllAsync(votes);
            }

            // Everything queued before each marker was in this batch or an earlier one.
            foreach (var drain in drains)
            {
                drain.Done.TrySetResult();
            }
        }
    }

    private async Task WriteAllAsync(List<QueuedVote> votes)
    {
        if (votes.Count > 1)
        {
            try
            {
                var written = await WriteTogetherAsync(votes);
                for (var i = 0; i < votes.Count; i++)
                {
                    votes[i].Done.TrySetResult(written[i]);
                }

                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A batch of {Count} votes failed; writing them one by one.", votes.Count);
            }
        }

        foreach (var vote in votes)
        {
            try
            {
                vote.Done.TrySetResult((await WriteTogetherAsync([vote]))[0]);
            }
            catch (Exception exception)
            {
                vote.Done.TrySetException(exception);
            }
        }
    }

    /// <summary>One transaction: on PostgreSQL a share lock on each motion first, so a close waits for the batch and every later batch sees it closed.</summary>
    private async Task<int?[]> WriteTogetherAsync(IReadOnlyList<QueuedVote> votes)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DienHongDbContext>();
        var postgres = db.Database.IsNpgsql();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            if (postgres)
            {
                foreach (var motionId in votes.Select(v => v.MotionId).Distinct().Order())
                {
                    await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Motions" WHERE "Id" = {motionId} FOR SHARE""", token);
                }
            }

            var connection = db.Database.GetDbConnection();
            var written = postgres
                ? await AsOneStatementAsync(connection, transaction.GetDbTransaction(), votes, token)
                : await OneByOneAsync(connection, transaction.GetDbTransaction(), votes, token);
            await transaction.CommitAsync(token);
            return written;
        }, stopping.Token);
    }

    // PostgreSQL: the whole batch as one statement over arrays (one row per vote, its position in the batch beside it),
    // with the per-vote statement's checks; it answers the position and change count of each vote it wrote.
    private const string SetSql = """
        WITH cast_votes AS (
          SELECT v.ordinal, m."Id" AS motion, p."Id" AS participant, c."SiteId" AS site, v.choice, v.cast_at
          FROM unnest(@meetings, @motions, @users, @choices, @castAts, @ordinals) AS v(meeting, motion, user_id, choice, cast_at, ordinal)
          JOIN "Motions" AS m ON m."Id" = v.motion AND m."MeetingId" = v.meeting
          JOIN "Participants" AS p ON p."MeetingId" = m."MeetingId" AND p."UserId" = v.user_id
          JOIN "CheckIns" AS c ON c."ParticipantId" = p."Id"
          WHERE m."State" = 'Open' AND m."Method" = 'Open' AND c."CheckedOutAt" IS NULL
            AND NOT EXISTS (SELECT 1 FROM "SiteTallies" AS t WHERE t."MotionId" = m."Id" AND t."SiteId" = c."SiteId")
        ), written AS (
          INSERT INTO "Votes" ("MotionId", "ParticipantId", "SiteId", "Choice", "CastAt", "Changes")
          SELECT motion, participant, site, choice, cast_at, 0 FROM cast_votes
          ON CONFLICT ("MotionId", "ParticipantId") DO UPDATE SET
            "Changes" = "Votes"."Changes" + CASE WHEN "Votes"."Choice" = excluded."Choice" THEN 0 ELSE 1 END,
            "Choice" = excluded."Choice", "CastAt" = excluded."CastAt", "SiteId" = excluded."SiteId"
          RETURNING "MotionId", "ParticipantId", "Changes"
        )
        SELECT cast_votes.ordinal, written."Changes"
        FROM written JOIN cast_votes ON cast_votes.motion = written."MotionId" AND cast_votes.participant = written."ParticipantId"
        """;

    /// <summary>
    /// PostgreSQL: one set-based statement per batch, whatever its size. A delegate's second vote in the same batch (a change
    /// of mind) goes into a following statement of the same transaction, as one row may be written once per statement.
    /// </summary>
    private static async Task<int?[]> AsOneStatementAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<QueuedVote> votes, CancellationToken cancellationToken)
    {
        var written = new int?[votes.Count];
        var seen = new Dictionary<(int Motion, string User), int>();
        var rounds = new List<List<int>>();
        for (var i = 0; i < votes.Count; i++)
        {
            var round = seen.TryGetValue((votes[i].MotionId, votes[i].UserId), out var earlier) ? earlier + 1 : 0;
            seen[(votes[i].MotionId, votes[i].UserId)] = round;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(i);
        }

        foreach (var round in rounds)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = SetSql;
            foreach (var (name, value) in new (string, object)[]
            {
                ("@meetings", round.Select(i => votes[i].MeetingId).ToArray()),
                ("@motions", round.Select(i => votes[i].MotionId).ToArray()),
                ("@users", round.Select(i => votes[i].UserId).ToArray()),
                ("@choices", round.Select(i => votes[i].Choice).ToArray()),
                ("@castAts", round.Select(i => votes[i].CastAt).ToArray()),
                ("@ordinals", round.ToArray()),
            })
            {
                var parameter = command.CreateParameter();
                (parameter.ParameterName, parameter.Value) = (name, value);
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                written[reader.GetInt32(0)] = reader.GetInt32(1);
            }
        }

        return written;
    }

    /// <summary>SQLite (in process, no round trips): one prepared statement, run for each vote.</summary>
    private static async Task<int?[]> OneByOneAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<QueuedVote> votes, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql;
        var parameters = votes[0].Parameters.Select(p =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = p.Name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToList();
        var written = new int?[votes.Count];
        for (var i = 0; i < votes.Count; i++)
        {
            foreach (var (parameter, (_, value)) in parameters.Zip(votes[i].Parameters))
            {
                parameter.Value = value;
            }

            written[i] = await command.ExecuteScalarAsync(cancellationToken) is { } changes and not DBNull ? Convert.ToInt32(changes, System.Globalization.CultureInfo.InvariantCulture) : null;
        }

        return written;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        Task? running;
        lock (starting)
        {
            running = writer;
        }

        if (running is not null)
        {
            // Votes already queued are written; a write stuck on a database that is gone is given up after a while.
            if (await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(10))) != running)
            {
                await stopping.CancelAsync();
            }
        }
    }

    private abstract class Queued;

    private sealed class QueuedVote(int meetingId, int motionId, string userId, string choice, DateTime castAt) : Queued
    {
        public int MeetingId { get; } = meetingId;

        public int MotionId { get; } = motionId;

        public string UserId { get; } = userId;

        public string Choice { get; } = choice;

        public DateTime CastAt { get; } = castAt;

        public TaskCompletionSource<int?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public (string Name, object Value)[] Parameters { get; } =
            [("@meeting", meetingId), ("@motion", motionId), ("@user", userId), ("@choice", choice), ("@castAt", castAt)];
    }

    private sealed class QueuedDrain : Queued
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
