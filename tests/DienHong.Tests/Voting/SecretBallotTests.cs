using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Voting;
using DienHong.Tests.Api;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Voting;

/// <summary>Secret ballots on both databases: one per delegate, valid and invalid, confirmed before announced, and who voted never linkable to what.</summary>
public class SecretBallotTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_election_counts_ballots_apart_from_who_cast_them_and_announces_only_after_the_committee_confirms(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var data = await VotingTestData.MeetingAsync(app, members: 10);
        var chair = await app.SignedInClientAsync(Roles.Chair);
        var delegates = (await data.DelegatesAsync(app, 5, data.SiteIds[0])).Concat(await data.DelegatesAsync(app, 3, data.SiteIds[1])).ToList();
        var motion = await VotingTests.CreateAsync(chair, data, new MotionInput(data.AgendaItemId, "Bầu Phó Chủ tịch Ủy ban nhân dân tỉnh", MotionKind.Personnel,
            Method: VotingMethod.Secret, BallotKind: BallotKind.Election, Seats: 1, Candidates: ["Lê Thành Đô", "Vừ A Bằng"]));
        var (first, second) = (motion.Candidates[0].Id, motion.Candidates[1].Id);
        await VotingTests.StepAsync(chair, data, motion.Id, "open");
        var path = $"/api/meetings/{data.MeetingId}/motions/{motion.Id}/ballots";
        var clients = new List<HttpClient>();
        foreach (var d in delegates)
        {
            clients.Add(await app.SignInAsync(d.UserName, DienHongApp.Password));
        }

        // Open-vote choices do not fit a secret ballot; a mark for someone not on it changes nothing.
        await Problems.AssertVietnameseAsync(await VotingTests.VoteAsync(clients[0], data, motion.Id, "For"), HttpStatusCode.BadRequest, "Choice");
        await Problems.AssertVietnameseAsync(await clients[0].PostAsJsonAsync(path, new BallotInput([new(999_999)]), Token), HttpStatusCode.BadRequest, "Marks");

        // 6 for the first, 1 for the second, 1 invalid (two chosen where one may be).
        BallotInput[] ballots = [.. Enumerable.Repeat(new BallotInput([new(first)]), 6), new BallotInput([new(second)]), new BallotInput([new(first), new(second)])];
        foreach (var (client, ballot) in clients.Zip(ballots))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(path, ballot, Token)).StatusCode);
        }

        await Problems.AssertVietnameseAsync(await clients[6].PostAsJsonAsync(path, new BallotInput([new(first)]), Token), HttpStatusCode.Conflict);
        await using (var db = app.CreateContext())
        {
            // Who voted is recorded; what they voted is still in the box, to be written together.
            Assert.Equal(8, await db.BallotCasts.CountAsync(c => c.MotionId == motion.Id, Token));
            Assert.Equal(0, await db.Ballots.CountAsync(Token));
        }

        var closed = await VotingTests.StepAsync(chair, data, motion.Id, "close");
        Assert.Null(closed.Result);
        Assert.All(closed.Candidates, c => Assert.Null(c.Chosen));
        Assert.Equal(HttpStatusCode.NoContent, (await chair.GetAsync($"/api/meetings/{data.MeetingId}/motions/{motion.Id}/result", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clients[0].PostAsync($"/api/meetings/{data.MeetingId}/motions/{motion.Id}/confirm", null, Token)).StatusCode);
        var confirmed = await VotingTests.StepAsync(chair, data, motion.Id, "confirm");
        var result = confirmed.Result!;
        Assert.Equal((7, 1, 8), (result.InFavour, result.InvalidBallots, result.Voting));
        Assert.Contains("Lê Thành Đô: 6 (60,00%) — trúng cử", result.Lines);
        Assert.Contains("Vừ A Bằng: 1 (10,00%)", result.Lines);
        Assert.Equal([true, false], confirmed.Candidates.Select(c => c.Elected == true));
        Assert.Equal(HttpStatusCode.NotFound, (await chair.GetAsync($"/api/meetings/{data.MeetingId}/motions/{motion.Id}/named-list", Token)).StatusCode);

        // Read from the tables: nothing ties a ballot to a delegate.
        await using (var db = app.CreateContext())
        {
            Assert.Equal(["MotionId", "ParticipantId"], Columns(db, typeof(BallotCast)));
            Assert.Equal(["Id", "MotionId", "Valid"], Columns(db, typeof(Ballot)));
            Assert.Equal(["BallotId", "CandidateId", "Mark"], Columns(db, typeof(BallotMark)));
            var ids = await db.Ballots.Where(b => b.MotionId == motion.Id).Select(b => b.Id).ToListAsync(Token);
            Assert.Equal(8, ids.Count);
            Assert.All(ids, id => Assert.Equal(4, id.Version)); // random keys, not time-ordered
            var participants = delegates.Select(d => d.ParticipantId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var logged = string.Join('\n', await db.AuditEntries.Select(a => a.Changes).ToListAsync(Token)) + string.Join('\n', await db.LiveEvents.Select(e => e.Payload).ToListAsync(Token));
            Assert.All(ids, id => Assert.DoesNotContain(id.ToString(), logged, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(nameof(BallotCast), await db.AuditEntries.Select(a => a.EntityType).Distinct().ToListAsync(Token));
            if (provider == DatabaseProvider.PostgreSql)
            {
                // Every ballot was written by one transaction, which wrote no one's "voted" row.
                var ballotTransactions = await db.Database.SqlQuery<string>($"""SELECT DISTINCT xmin::text AS "Value" FROM "Ballots" WHERE "MotionId" = {motion.Id}""").ToListAsync(Token);
                var castTransactions = await db.Database.SqlQuery<string>($"""SELECT DISTINCT xmin::text AS "Value" FROM "BallotCasts" WHERE "MotionId" = {motion.Id}""").ToListAsync(Token);
                Assert.Single(ballotTransactions);
                Assert.Equal(8, castTransactions.Count);
                Assert.DoesNotContain(ballotTransactions[0], castTransactions);
            }
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_vote_of_confidence_rates_each_person_high_medium_or_low(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var data = await VotingTestData.MeetingAsync(app, members: 4);
        var chair = await app.SignedInClientAsync(Roles.Chair);
        var delegates = await data.DelegatesAsync(app, 3, data.SiteIds[0]);
        var motion = await VotingTests.CreateAsync(chair, data, new MotionInput(data.AgendaItemId, "Lấy phiếu tín nhiệm", MotionKind.Personnel,
            Method: VotingMethod.Secret, BallotKind: BallotKind.Confidence, Seats: 1, Candidates: ["Mùa A Sơn"]));
        await VotingTests.StepAsync(chair, data, motion.Id, "open");
        var path = $"/api/meetings/{data.MeetingId}/motions/{motion.Id}/ballots";
        var person = motion.Candidates[0].Id;
        var clients = new List<HttpClient>();
        foreach (var d in delegates)
        {
            clients.Add(await app.SignInAsync(d.UserName, DienHongApp.Password));
        }

        await Problems.AssertVietnameseAsync(await clients[0].PostAsJsonAsync(path, new BallotInput([new(person, 4)]), Token), HttpStatusCode.BadRequest, "Marks");
        foreach (var (client, mark) in clients.Zip([1, 1, 3]))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(path, new BallotInput([new(person, mark)]), Token)).StatusCode);
        }

        await VotingTests.StepAsync(chair, data, motion.Id, "close");
        var result = (await VotingTests.StepAsync(chair, data, motion.Id, "confirm")).Result!;
        Assert.Contains("Mùa A Sơn — tín nhiệm cao: 2 (50,00%); tín nhiệm: 0 (0,00%); tín nhiệm thấp: 1 (25,00%)", result.Lines);
    }

    internal static List<string> Columns(DienHongDbContext db, Type entity) =>
        [.. db.Model.FindEntityType(entity)!.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal)];
}
