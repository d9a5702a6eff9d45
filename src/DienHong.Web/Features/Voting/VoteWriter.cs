using System.Data.Common;
using System.Threading.Channels;
using DienHong.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DienHong.Features.Voting;

/// <summary>
/// Group commit for open votes. Each caller has checked its own vote (the delegate, their site,
/// the motion) and queues the write here; one writer per node takes everything queued and writes
/// it in one transaction (the same <c>INSERT … SELECT … ON CONFLICT</c> per vote, which still
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
            var written = connection.CanCreateBatch
                ? await InOneRoundTripAsync(connection, transaction.GetDbTransaction(), votes, token)
                : await OneByOneAsync(connection, transaction.GetDbTransaction(), votes, token);
            await transaction.CommitAsync(token);
            return written;
        }, stopping.Token);
    }

    /// <summary>PostgreSQL: every statement in one batch, one round trip.</summary>
    private static async Task<int?[]> InOneRoundTripAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<QueuedVote> votes, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var vote in votes)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = Sql;
            foreach (var (name, value) in vote.Parameters)
            {
                var parameter = command.CreateParameter();
                (parameter.ParameterName, parameter.Value) = (name, value);
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        var written = new int?[votes.Count];
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < votes.Count; i++)
        {
            written[i] = await reader.ReadAsync(cancellationToken) ? reader.GetInt32(0) : null;
            await reader.NextResultAsync(cancellationToken);
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
        public int MotionId { get; } = motionId;

        public TaskCompletionSource<int?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public (string Name, object Value)[] Parameters { get; } =
            [("@meeting", meetingId), ("@motion", motionId), ("@user", userId), ("@choice", choice), ("@castAt", castAt)];
    }

    private sealed class QueuedDrain : Queued
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
