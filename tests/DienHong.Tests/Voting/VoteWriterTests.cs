using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Voting;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Voting;

/// <summary>Votes written together (group commit, <see cref="VoteWriter"/>): each counted once, a bad one failing alone, the close counting all it received.</summary>
public class VoteWriterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Votes_arriving_together_over_the_hub_and_http_are_each_counted_once_with_their_changes_of_mind(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var address = LiveHosting.Start(app);
        const int each = 12;
        var data = await VotingTestData.MeetingAsync(app, members: 30);
        var delegates = (await data.DelegatesAsync(app, each, data.SiteIds[0])).Concat(await data.DelegatesAsync(app, each, data.SiteIds[2])).ToList();
        var signedIn = await Task.WhenAll(delegates.Select(d => LiveHosting.SignInAsync(address, d.UserName)));
        var hubs = await Task.WhenAll(signedIn.Take(each).Select(user => VotingHubTests.ConnectAsync(address, user)));
        try
        {
            var chair = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Chair));
            var motion = await VotingTests.CreateAsync(chair.Http, data);
            await VotingTests.StepAsync(chair.Http, data, motion.Id, "open");

            // Half vote over the live connection, half over HTTP, all at once, each changing their mind twice.
            string[] choices = ["For", "Against", "Abstain"];
            string Final(int i) => choices[i % 3];
            var receipts = await Task.WhenAll(Enumerable.Range(0, 2 * each).Select(async i =>
            {
                VoteReceipt? last = null;
                foreach (var choice in new[] { choices[(i + 1) % 3], choices[(i + 2) % 3], Final(i) })
                {
                    if (i < each)
                    {
                        last = await hubs[i].InvokeAsync<VoteReceipt>("Vote", data.MeetingId, motion.Id, choice, Token);
                    }
                    else
                    {
                        var response = await VotingTests.VoteAsync(signedIn[i].Http, data, motion.Id, choice);
                        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                        last = await response.Content.ReadFromJsonAsync<VoteReceipt>(Token);
                    }
                }

                return last!;
            }));

            // Each receipt says what was recorded: the last choice, two changes of mind.
            Assert.All(receipts.Select((r, i) => (r, i)), x => Assert.Equal((Enum.Parse<VoteChoice>(Final(x.i)), 2), (x.r.Choice, x.r.Changes)));
            var result = (await VotingTests.StepAsync(chair.Http, data, motion.Id, "close")).Result!;
            var expected = Enumerable.Range(0, 2 * each).GroupBy(Final).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal((expected["For"], expected["Against"], expected["Abstain"]), (result.InFavour, result.Against, result.Abstaining));
            await using var db = app.CreateContext();
            var rows = await db.Votes.Where(v => v.MotionId == motion.Id).ToListAsync(Token);
            Assert.Equal(2 * each, rows.Count);
            Assert.Equal(delegates.Select(d => d.ParticipantId).Order(), rows.Select(r => r.ParticipantId).Order());
            Assert.All(rows, r => Assert.Equal(2, r.Changes));
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_batch_in_which_one_vote_fails_or_is_refused_still_records_the_others(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var chair = await app.SignedInClientAsync(Roles.Chair);
        var (data, delegates, motion, draft) = await OpenVote.StartAsync(app, chair, members: 12, delegates: 8);
        var writer = app.Services.GetRequiredService<VoteWriter>();
        var users = await UserIdsAsync(app, delegates);
        var now = DateTime.UtcNow;
        // The database itself refuses one delegate's row (a trigger): a failure of the statement, which fails the batch it is in.
        var refusedByDatabase = delegates[3].ParticipantId;
        await using (var setup = app.CreateContext())
        {
            await setup.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSql
                ? $"""
                    CREATE FUNCTION refuse_vote() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql;
                    CREATE TRIGGER refuse_vote BEFORE INSERT ON "Votes" FOR EACH ROW WHEN (NEW."ParticipantId" = {refusedByDatabase}) EXECUTE FUNCTION refuse_vote();
                    """
                : $"""CREATE TRIGGER refuse_vote BEFORE INSERT ON "Votes" WHEN NEW."ParticipantId" = {refusedByDatabase} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;""",
                Token);
        }

        var strangerId = await UserIdAsync(app, await app.CreateUserAsync(Roles.Delegate));
        Task<int?> first, bad, refused, stranger;
        List<Task<int?>> good;
        await using (var hold = await MotionHold.TakeAsync(app, provider, motion.Id))
        {
            // The writer waits on its first vote while the rest queue behind it: they are written together, the bad ones among them.
            first = writer.WriteAsync(data.MeetingId, motion.Id, users[0], VoteChoice.For, now, Token);
            await Task.Delay(200, Token);
            good = [.. users.Skip(1).Take(2).Select(u => writer.WriteAsync(data.MeetingId, motion.Id, u, VoteChoice.Against, now, Token))];
            bad = writer.WriteAsync(data.MeetingId, motion.Id, users[3], VoteChoice.For, now, Token);
            // A motion that is not open, and an account with no seat in the meeting: not written, answered as such.
            refused = writer.WriteAsync(data.MeetingId, draft.Id, users[4], VoteChoice.For, now, Token);
            stranger = writer.WriteAsync(data.MeetingId, motion.Id, strangerId, VoteChoice.For, now, Token);
            good.AddRange(users.Skip(5).Select(u => writer.WriteAsync(data.MeetingId, motion.Id, u, VoteChoice.Abstain, now, Token)));
            await hold.ReleaseAsync();
        }

        Assert.Equal(0, await first);
        Assert.All(await Task.WhenAll(good), changes => Assert.Equal(0, changes));
        Assert.Contains("refused by the test", (await Assert.ThrowsAnyAsync<DbException>(() => bad)).Message, StringComparison.Ordinal);
        Assert.Null(await refused);
        Assert.Null(await stranger);
        await using var db = app.CreateContext();
        var stored = await db.Votes.Where(v => v.MotionId == motion.Id).Select(v => v.ParticipantId).ToListAsync(Token);
        Assert.Equal(delegates.Where((_, i) => i is not (3 or 4)).Select(d => d.ParticipantId).Order(), stored.Order());
        Assert.False(await db.Votes.AnyAsync(v => v.MotionId == draft.Id, Token));

        // The close waits for votes queued before it: the writer is drained, and they are counted.
        Task<int?>[] late =
        [
            writer.WriteAsync(data.MeetingId, motion.Id, users[0], VoteChoice.Against, DateTime.UtcNow, Token),
            writer.WriteAsync(data.MeetingId, motion.Id, users[5], VoteChoice.For, DateTime.UtcNow, Token),
        ];
        var result = (await VotingTests.StepAsync(chair, data, motion.Id, "close")).Result!;
        Assert.Equal([1, 1], await Task.WhenAll(late));
        Assert.Equal((1, 3, 2), (result.InFavour, result.Against, result.Abstaining));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_batch_mixing_valid_refused_and_changed_votes_stores_exactly_the_valid_ones_once_with_their_changes(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var (data, delegates, motion, draft) = await OpenVote.StartAsync(app, await app.SignedInClientAsync(Roles.Chair), members: 8, delegates: 6);
        var writer = app.Services.GetRequiredService<VoteWriter>();
        var users = await UserIdsAsync(app, delegates);
        var strangerId = await UserIdAsync(app, await app.CreateUserAsync(Roles.Delegate));
        var now = DateTime.UtcNow;
        // Delegate 1 voted before the batch; delegate 5 is checked out.
        Assert.Equal(0, await writer.WriteAsync(data.MeetingId, motion.Id, users[1], VoteChoice.For, now, Token));
        await data.CheckOutAsync(app, [delegates[5].ParticipantId]);

        Task<int?>[] votes;
        await using (var hold = await MotionHold.TakeAsync(app, provider, motion.Id))
        {
            // The votes queue up and are written together (however the writer splits them, the outcome is the same).
            votes =
            [
                writer.WriteAsync(data.MeetingId, motion.Id, users[0], VoteChoice.For, now, Token),          // new
                writer.WriteAsync(data.MeetingId, motion.Id, users[1], VoteChoice.Against, now, Token),      // a change of mind on an earlier vote
                writer.WriteAsync(data.MeetingId, motion.Id, users[2], VoteChoice.For, now, Token),          // new, then changed twice in the same batch
                writer.WriteAsync(data.MeetingId, draft.Id, users[3], VoteChoice.For, now, Token),           // motion not open
                writer.WriteAsync(data.MeetingId, motion.Id, strangerId, VoteChoice.For, now, Token),        // no seat in the meeting
                writer.WriteAsync(data.MeetingId, motion.Id, users[5], VoteChoice.For, now, Token),          // checked out
                writer.WriteAsync(data.MeetingId + 1_000, motion.Id, users[4], VoteChoice.For, now, Token),  // the motion through another meeting
                writer.WriteAsync(data.MeetingId, motion.Id, users[2], VoteChoice.Against, now, Token),
                writer.WriteAsync(data.MeetingId, motion.Id, users[2], VoteChoice.Abstain, now, Token),
                writer.WriteAsync(data.MeetingId, motion.Id, users[4], VoteChoice.Abstain, now, Token),      // new
            ];
            await Task.Delay(200, Token);
            await hold.ReleaseAsync();
        }

        Assert.Equal([0, 1, 0, null, null, null, null, 1, 2, 0], await Task.WhenAll(votes));
        await using var db = app.CreateContext();
        var stored = await db.Votes.Where(v => v.MotionId == motion.Id).OrderBy(v => v.ParticipantId).Select(v => new { v.ParticipantId, v.Choice, v.Changes }).ToListAsync(Token);
        Assert.Equal(
            new[] { (delegates[0].ParticipantId, VoteChoice.For, 0), (delegates[1].ParticipantId, VoteChoice.Against, 1), (delegates[2].ParticipantId, VoteChoice.Abstain, 2), (delegates[4].ParticipantId, VoteChoice.Abstain, 0) }.OrderBy(v => v.Item1),
            stored.Select(v => (v.ParticipantId, v.Choice, v.Changes)));
        Assert.False(await db.Votes.AnyAsync(v => v.MotionId == draft.Id, Token));
    }

    private static async Task<List<string>> UserIdsAsync(DienHongApp app, IEnumerable<(int ParticipantId, string UserName, int SiteId)> delegates)
    {
        var list = new List<string>();
        foreach (var d in delegates)
        {
            list.Add(await UserIdAsync(app, d.UserName));
        }

        return list;
    }

    private static async Task<string> UserIdAsync(DienHongApp app, string userName)
    {
        await using var db = app.CreateContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Token);
    }
}
