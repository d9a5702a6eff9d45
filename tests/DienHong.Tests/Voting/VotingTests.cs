using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Voting;
using DienHong.Tests.Api;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Voting;

/// <summary>Open electronic votes through the API on both databases: quorum gate, votes and changes of mind, close and count, refusals.</summary>
public class VotingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Motions(VotingTestData data) => $"/api/meetings/{data.MeetingId}/motions";

    internal static async Task<MotionDto> CreateAsync(HttpClient chair, VotingTestData data, MotionInput? input = null)
    {
        var response = await chair.PostAsJsonAsync(Motions(data), input ?? new MotionInput(data.AgendaItemId, "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2020"), Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<MotionDto>(Token))!;
    }

    internal static async Task<MotionDto> StepAsync(HttpClient chair, VotingTestData data, int motionId, string step)
    {
        var response = await chair.PostAsync($"{Motions(data)}/{motionId}/{step}", null, Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        return (await response.Content.ReadFromJsonAsync<MotionDto>(Token))!;
    }

    internal static Task<HttpResponseMessage> VoteAsync(HttpClient delegateClient, VotingTestData data, int motionId, object choice) =>
        delegateClient.PostAsJsonAsync($"{Motions(data)}/{motionId}/votes", new { choice }, Token);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_vote_opens_only_with_quorum_counts_changes_of_mind_once_and_refuses_votes_after_close(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var data = await VotingTestData.MeetingAsync(app, members: 6);
        var chair = await app.SignedInClientAsync(Roles.Chair);
        var atHall = await data.DelegatesAsync(app, 3, data.SiteIds[0]);
        var motion = await CreateAsync(chair, data);
        Assert.Equal(MotionState.Draft, motion.State);

        // 3 of 6 present: two-thirds (4) are needed; the chair sees why.
        var quorum = await chair.GetFromJsonAsync<QuorumState>($"/api/meetings/{data.MeetingId}/voting/quorum", Token);
        Assert.Equal((6, 4, 3, false), (quorum!.Members, quorum.Required, quorum.Present, quorum.HasQuorum));
        var refused = await Problems.AssertVietnameseAsync(await chair.PostAsync($"{Motions(data)}/{motion.Id}/open", null, Token), HttpStatusCode.BadRequest, "Quorum");
        Assert.Contains("có mặt 3/6 đại biểu, cần ít nhất 4", refused, StringComparison.Ordinal);

        var atSite = await data.DelegatesAsync(app, 1, data.SiteIds[1]);
        var opened = await StepAsync(chair, data, motion.Id, "open");
        Assert.Equal((MotionState.Open, 6, 4), (opened.State, opened.Members, opened.PresentAtOpening));
        Assert.Null(opened.Result);
        await AssertAnsweredAsReadAsync(chair, data, opened);

        var clients = new List<HttpClient>();
        foreach (var d in atHall.Concat(atSite))
        {
            clients.Add(await app.SignInAsync(d.UserName, DienHongApp.Password));
        }

        // Bad input first: a malformed choice, an unknown motion, a delegate not of this meeting, one who left.
        await Problems.AssertVietnameseAsync(await VoteAsync(clients[0], data, motion.Id, "Maybe"), HttpStatusCode.BadRequest);
        await Problems.AssertVietnameseAsync(await VoteAsync(clients[0], data, motion.Id, 7), HttpStatusCode.BadRequest);
        await Problems.AssertVietnameseAsync(await VoteAsync(clients[0], data, 999_999, "For"), HttpStatusCode.NotFound);
        var stranger = await app.SignedInClientAsync(Roles.Delegate);
        await Problems.AssertVietnameseAsync(await stranger.PostAsJsonAsync($"{Motions(data)}/{motion.Id}/votes", new { choice = "For", participantId = atHall[0].ParticipantId }, Token), HttpStatusCode.BadRequest, "Delegate");
        var viewer = await app.SignedInClientAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await VoteAsync(viewer, data, motion.Id, "For")).StatusCode);
        await using (var db = app.CreateContext())
        {
            Assert.Equal(0, await db.Votes.CountAsync(Token));
        }

        var receipts = new List<VoteReceipt>();
        foreach (var (client, choice) in clients.Zip(new[] { "For", "For", "Against", "For" }))
        {
            var response = await VoteAsync(client, data, motion.Id, choice);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            receipts.Add((await response.Content.ReadFromJsonAsync<VoteReceipt>(Token))!);
        }

        // A change of mind: the same row, counted once, with the change noted on the receipt.
        var changed = await (await VoteAsync(clients[3], data, motion.Id, "Abstain")).Content.ReadFromJsonAsync<VoteReceipt>(Token);
        Assert.Equal((VoteChoice.Abstain, 1), (changed!.Choice, changed.Changes));
        Assert.Equal(0, receipts[0].Changes);
        var mine = await clients[3].GetFromJsonAsync<VoteReceipt>($"{Motions(data)}/{motion.Id}/votes/mine", Token);
        Assert.Equal(VoteChoice.Abstain, mine!.Choice);

        var closed = await StepAsync(chair, data, motion.Id, "close");
        Assert.Equal(MotionState.Closed, closed.State);
        var result = closed.Result!;
        Assert.Equal((2, 1, 1, 4, 2), (result.InFavour, result.Against, result.Abstaining, result.Voting, result.NotVoting));
        Assert.Equal(4, result.Required);
        Assert.False(result.Passed);
        Assert.Equal(["Tán thành: 2 (33,33%)", "Không tán thành: 1 (16,67%)", "Không biểu quyết: 1 (16,67%)", "Số đại biểu tham gia biểu quyết: 4 (66,67%)"], result.Lines);
        Assert.Equal(result, await chair.GetFromJsonAsync<MotionResult>($"{Motions(data)}/{motion.Id}/result", Token), MotionResultComparer.Instance);
        await AssertAnsweredAsReadAsync(chair, data, closed);

        // After close: refused visibly, nothing changed.
        var late = await Problems.AssertVietnameseAsync(await VoteAsync(clients[2], data, motion.Id, "For"), HttpStatusCode.Conflict);
        Assert.Contains("đã kết thúc", late, StringComparison.Ordinal);
        var named = await chair.GetFromJsonAsync<List<NamedVote>>($"{Motions(data)}/{motion.Id}/named-list", Token);
        Assert.Equal([VoteChoice.For, VoteChoice.For, VoteChoice.Against, VoteChoice.Abstain], named!.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => n.Choice!.Value));
        Assert.Equal(HttpStatusCode.Forbidden, (await clients[0].GetAsync($"{Motions(data)}/{motion.Id}/named-list", Token)).StatusCode);
        await using (var db = app.CreateContext())
        {
            Assert.Equal(VoteChoice.Against, await db.Votes.Where(v => v.MotionId == motion.Id && v.ParticipantId == atHall[2].ParticipantId).Select(v => v.Choice).SingleAsync(Token));
            Assert.True(await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Motion), Token) >= 3);
            // The database holds one vote per delegate and motion, whatever the code does.
            db.Votes.Add(new Vote { MotionId = motion.Id, ParticipantId = atHall[0].ParticipantId, SiteId = data.SiteIds[0], Choice = VoteChoice.Against, CastAt = DateTime.UtcNow });
            Assert.True((await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token))).IsUniqueViolation());
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Many_delegates_voting_and_changing_their_minds_at_once_are_each_counted_exactly_once_even_as_the_chair_closes(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        const int count = 30;
        var data = await VotingTestData.MeetingAsync(app, members: 40);
        var chair = await app.SignedInClientAsync(Roles.Chair);
        var delegates = (await data.DelegatesAsync(app, count / 2, data.SiteIds[0])).Concat(await data.DelegatesAsync(app, count / 2, data.SiteIds[2])).ToList();
        var clients = await Task.WhenAll(delegates.Select(d => app.SignInAsync(d.UserName, DienHongApp.Password)));
        var motion = await CreateAsync(chair, data);
        await StepAsync(chair, data, motion.Id, "open");

        // Each delegate votes three times (their own device, in turn); all delegates at once.
        string[] choices = ["For", "Against", "Abstain"];
        string Final(int i) => choices[i % 3];
        await Task.WhenAll(clients.Select(async (client, i) =>
        {
            foreach (var choice in new[] { choices[(i + 1) % 3], choices[(i + 2) % 3], Final(i) })
            {
                var response = await VoteAsync(client, data, motion.Id, choice);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }));
        var closed = (await StepAsync(chair, data, motion.Id, "close")).Result!;
        var expected = Enumerable.Range(0, count).GroupBy(Final).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal((expected["For"], expected["Against"], expected["Abstain"]), (closed.InFavour, closed.Against, closed.Abstaining));
        Assert.Equal(expected["For"] >= 21, closed.Passed);

        // The chair closes while votes arrive: each vote is either recorded and counted, or refused; none lands after the count.
        var second = await CreateAsync(chair, data, new MotionInput(data.AgendaItemId, "Thông qua Nghị quyết về bảng giá đất", Rule: PassingRule.MoreThanHalfOfVoting));
        await StepAsync(chair, data, second.Id, "open");
        var votes = clients.Select(async (client, i) =>
        {
            await Task.Delay(i % 10, Token);
            return await VoteAsync(client, data, second.Id, "For");
        }).ToList();
        await Task.Delay(15, Token);
        var closing = await chair.PostAsync($"{Motions(data)}/{second.Id}/close", null, Token);
        Assert.Equal(HttpStatusCode.OK, closing.StatusCode);
        var result = (await closing.Content.ReadFromJsonAsync<MotionDto>(Token))!.Result!;
        var answers = await Task.WhenAll(votes);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)a.StatusCode}"));
        await using var db = app.CreateContext();
        var stored = await db.Votes.CountAsync(v => v.MotionId == second.Id, Token);
        Assert.Equal(answers.Count(a => a.StatusCode == HttpStatusCode.OK), stored);
        Assert.Equal(stored, result.InFavour);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_site_s_show_of_hands_is_capped_by_its_delegates_present_and_never_counts_a_device_voter_twice(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var data = await VotingTestData.MeetingAsync(app, members: 9);
        var chair = await app.SignedInClientAsync(Roles.Chair);
        var hall = await data.DelegatesAsync(app, 2, data.SiteIds[0]);
        var commune = await data.DelegatesAsync(app, 5, data.SiteIds[1]);
        await data.DelegatesAsync(app, 1, data.SiteIds[1], present: false);
        var secretary = await app.SignedInClientAsync(Roles.SiteOperator, data.SiteIds[1]);
        var otherSecretary = await app.SignedInClientAsync(Roles.SiteOperator, data.SiteIds[2]);
        var motion = await CreateAsync(chair, data);
        await StepAsync(chair, data, motion.Id, "open");
        var hands = $"/api/meetings/{data.MeetingId}/sites/{data.SiteIds[1]}/motions/{motion.Id}/hands";

        // Two of the commune's delegates vote on their phones; the site may then show at most 3 hands.
        foreach (var d in hall.Concat(commune.Take(2)))
        {
            Assert.Equal(HttpStatusCode.OK, (await VoteAsync(await app.SignInAsync(d.UserName, DienHongApp.Password), data, motion.Id, "For")).StatusCode);
        }

        var over = await Problems.AssertVietnameseAsync(await secretary.PostAsJsonAsync(hands, new HandsInput(3, 1, 0), Token), HttpStatusCode.BadRequest, "InFavour");
        Assert.Contains("có 3 đại biểu", over, StringComparison.Ordinal);
        await Problems.AssertVietnameseAsync(await secretary.PostAsJsonAsync(hands, new HandsInput(-1, 0, 0), Token), HttpStatusCode.BadRequest, "InFavour");
        Assert.True((await otherSecretary.PostAsJsonAsync(hands, new HandsInput(1, 0, 0), Token)).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound);
        var entered = await (await secretary.PostAsJsonAsync(hands, new HandsInput(2, 1, 0), Token)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SiteTallyDto>(Token);
        Assert.Equal((3, 1), (entered!.Cap, entered.Version));

        // Once the site showed hands, a device vote from a delegate there is refused, and changes nothing.
        var third = await app.SignInAsync(commune[2].UserName, DienHongApp.Password);
        var refused = await Problems.AssertVietnameseAsync(await VoteAsync(third, data, motion.Id, "Against"), HttpStatusCode.BadRequest, "Choice");
        Assert.Contains("giơ tay", refused, StringComparison.Ordinal);
        // A correction with the version seen; a stale one is refused.
        Assert.Equal(HttpStatusCode.OK, (await secretary.PostAsJsonAsync(hands, new HandsInput(3, 0, 0, Version: 1), Token)).StatusCode);
        await Problems.AssertVietnameseAsync(await secretary.PostAsJsonAsync(hands, new HandsInput(1, 0, 0, Version: 1), Token), HttpStatusCode.Conflict);

        var result = (await StepAsync(chair, data, motion.Id, "close")).Result!;
        Assert.Equal((7, 0, 0), (result.InFavour, result.Against, result.Abstaining));
        Assert.True(result.Passed);
        Assert.Equal("Tán thành: 7 (77,78%)", result.Lines[0]);
        await Problems.AssertVietnameseAsync(await secretary.PostAsJsonAsync(hands, new HandsInput(0, 0, 0, Version: 2), Token), HttpStatusCode.Conflict);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_chair_annuls_a_vote_with_a_reason_and_repeats_it(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var data = await VotingTestData.MeetingAsync(app, members: 3);
        var chair = await app.SignedInClientAsync(Roles.Chair);
        var delegates = await data.DelegatesAsync(app, 3, data.SiteIds[0]);
        var motion = await CreateAsync(chair, data);
        await StepAsync(chair, data, motion.Id, "open");
        var first = await app.SignInAsync(delegates[0].UserName, DienHongApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await VoteAsync(first, data, motion.Id, "For")).StatusCode);
        await StepAsync(chair, data, motion.Id, "close");

        await Problems.AssertVietnameseAsync(await chair.PostAsJsonAsync($"{Motions(data)}/{motion.Id}/annul", new AnnulInput("  "), Token), HttpStatusCode.BadRequest, "Reason");
        await Problems.AssertVietnameseAsync(await chair.PostAsync($"{Motions(data)}/{motion.Id}/repeat", null, Token), HttpStatusCode.BadRequest, "State");
        const string reason = "Hệ thống biểu quyết tại điểm cầu Mường Nhé gặp sự cố";
        var annulled = await (await chair.PostAsJsonAsync($"{Motions(data)}/{motion.Id}/annul", new AnnulInput(reason), Token)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<MotionDto>(Token);
        Assert.Equal((MotionState.Annulled, reason), (annulled!.State, annulled.AnnulReason));
        Assert.Null(annulled.Result);
        Assert.Equal(HttpStatusCode.NoContent, (await chair.GetAsync($"{Motions(data)}/{motion.Id}/result", Token)).StatusCode);

        var repeated = await chair.PostAsync($"{Motions(data)}/{motion.Id}/repeat", null, Token);
        Assert.Equal(HttpStatusCode.Created, repeated.StatusCode);
        var again = (await repeated.Content.ReadFromJsonAsync<MotionDto>(Token))!;
        Assert.Equal((MotionState.Draft, motion.Id, motion.Title), (again.State, again.RepeatOfId, again.Title));
        await StepAsync(chair, data, again.Id, "open");
        foreach (var d in delegates)
        {
            Assert.Equal(HttpStatusCode.OK, (await VoteAsync(await app.SignInAsync(d.UserName, DienHongApp.Password), data, again.Id, "For")).StatusCode);
        }

        Assert.True((await StepAsync(chair, data, again.Id, "close")).Result!.Passed);
        await using var db = app.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Motion)).Select(a => a.Changes).ToListAsync(Token);
        Assert.Contains(audit, changes => changes != null && changes.Contains(reason, StringComparison.Ordinal));
    }

    /// <summary>
    /// A step answers the motion as it saved it (built in its transaction, not read again after the commit):
    /// exactly what a read gives afterwards, times to the database's precision included.
    /// </summary>
    private static async Task AssertAnsweredAsReadAsync(HttpClient chair, VotingTestData data, MotionDto answered)
    {
        var read = await chair.GetFromJsonAsync<MotionDto>($"{Motions(data)}/{answered.Id}", Token);
        Assert.Equal(JsonSerializer.Serialize(read), JsonSerializer.Serialize(answered));
    }

    private sealed class MotionResultComparer : IEqualityComparer<MotionResult?>
    {
        public static readonly MotionResultComparer Instance = new();

        public bool Equals(MotionResult? x, MotionResult? y) => x is not null && y is not null && x with { Lines = [] } == y with { Lines = [] } && x.Lines.SequenceEqual(y.Lines);

        public int GetHashCode(MotionResult? obj) => obj?.InFavour ?? 0;
    }
}
