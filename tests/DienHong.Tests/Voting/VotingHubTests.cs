using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Live;
using DienHong.Features.Voting;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Voting;

/// <summary>Votes over the live connection (the real .NET SignalR client): the HTTP endpoints' path, rules, receipt and messages.</summary>
public class VotingHubTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_vote_over_the_live_connection_gets_the_endpoint_s_receipt_and_refusals_and_counts_once_beside_http_votes(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var address = LiveHosting.Start(app);
        var chair = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Chair));
        var (data, delegates, motion, _) = await OpenVote.StartAsync(app, chair.Http, members: 4, delegates: 3);
        var motions = $"/api/meetings/{data.MeetingId}/motions";
        var byHub = await LiveHosting.SignInAsync(address, delegates[0].UserName);
        var byHttp = await LiveHosting.SignInAsync(address, delegates[1].UserName);
        await using var hub = await ConnectAsync(address, byHub);
        await using var viewer = await ConnectAsync(address, await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Viewer)));

        // Bad input: a malformed choice, a number, an unknown motion, someone who is no delegate — a Vietnamese message and nothing written.
        Assert.EndsWith("Hãy chọn Tán thành, Không tán thành hoặc Không biểu quyết.", await RefusedAsync(hub.InvokeAsync<VoteReceipt>("Vote", data.MeetingId, motion.Id, "Maybe", Token)), StringComparison.Ordinal);
        Assert.EndsWith("Hãy chọn Tán thành, Không tán thành hoặc Không biểu quyết.", await RefusedAsync(hub.InvokeAsync<VoteReceipt>("Vote", data.MeetingId, motion.Id, "7", Token)), StringComparison.Ordinal);
        Assert.EndsWith("Hãy chọn Tán thành, Không tán thành hoặc Không biểu quyết.", await RefusedAsync(hub.InvokeAsync<VoteReceipt>("Vote", data.MeetingId, motion.Id, "For, Against", Token)), StringComparison.Ordinal);
        Assert.EndsWith("Không tìm thấy nội dung biểu quyết này trong cuộc họp.", await RefusedAsync(hub.InvokeAsync<VoteReceipt>("Vote", data.MeetingId, 999_999, "For", Token)), StringComparison.Ordinal);
        Assert.EndsWith("Chỉ đại biểu của cuộc họp mới được biểu quyết.", await RefusedAsync(viewer.InvokeAsync<VoteReceipt>("Vote", data.MeetingId, motion.Id, "For", Token)), StringComparison.Ordinal);
        await using (var db = app.CreateContext())
        {
            Assert.Equal(0, await db.Votes.CountAsync(Token));
        }

        // The receipt, a change of mind on the same row, and the same receipt read back over HTTP.
        var first = await hub.InvokeAsync<VoteReceipt>("Vote", data.MeetingId, motion.Id, "For", Token);
        Assert.Equal((motion.Id, VoteChoice.For, 0), (first.MotionId, first.Choice, first.Changes));
        var changed = await hub.InvokeAsync<VoteReceipt>("Vote", data.MeetingId, motion.Id, "Against", Token);
        Assert.Equal((VoteChoice.Against, 1), (changed.Choice, changed.Changes));
        var mine = await byHub.Http.GetFromJsonAsync<VoteReceipt>($"{motions}/{motion.Id}/votes/mine", Token);
        Assert.Equal((changed.MotionId, changed.Choice, changed.Changes), (mine!.MotionId, mine.Choice, mine.Changes));
        Assert.Equal(HttpStatusCode.OK, (await VotingTests.VoteAsync(byHttp.Http, data, motion.Id, "For")).StatusCode);

        var result = (await VotingTests.StepAsync(chair.Http, data, motion.Id, "close")).Result!;
        Assert.Equal((1, 1, 0), (result.InFavour, result.Against, result.Abstaining));
        await using (var db = app.CreateContext())
        {
            Assert.Equal(2, await db.Votes.CountAsync(v => v.MotionId == motion.Id, Token));
        }

        // After close: refused over the hub in the very words of the HTTP endpoint's 409.
        var late = await RefusedAsync(hub.InvokeAsync<VoteReceipt>("Vote", data.MeetingId, motion.Id, "For", Token));
        var lateOverHttp = await VotingTests.VoteAsync(byHttp.Http, data, motion.Id, "Against");
        Assert.Equal(HttpStatusCode.Conflict, lateOverHttp.StatusCode);
        var title = JsonDocument.Parse(await lateOverHttp.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("title").GetString()!;
        Assert.Contains("đã kết thúc", title, StringComparison.Ordinal);
        Assert.EndsWith(title, late, StringComparison.Ordinal);

        // A secret ballot over the hub goes into the same box: one per delegate, counted with the HTTP one.
        var election = await VotingTests.CreateAsync(chair.Http, data, new MotionInput(data.AgendaItemId, "Bầu Phó Chủ tịch Hội đồng nhân dân tỉnh", MotionKind.Personnel,
            Method: VotingMethod.Secret, BallotKind: BallotKind.Election, Seats: 1, Candidates: ["Lò Văn Mừng", "Quàng Thị Hoa"]));
        await VotingTests.StepAsync(chair.Http, data, election.Id, "open");
        var candidate = election.Candidates[1].Id;
        var receipt = await hub.InvokeAsync<BallotReceipt>("CastBallot", data.MeetingId, election.Id, new BallotInput([new(candidate)]), Token);
        Assert.Equal(election.Id, receipt.MotionId);
        Assert.EndsWith("mỗi đại biểu một phiếu.", await RefusedAsync(hub.InvokeAsync<BallotReceipt>("CastBallot", data.MeetingId, election.Id, new BallotInput([new(candidate)]), Token)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await byHttp.Http.PostAsJsonAsync($"{motions}/{election.Id}/ballots", new BallotInput([new(candidate)]), Token)).StatusCode);
        await VotingTests.StepAsync(chair.Http, data, election.Id, "close");
        var confirmed = await VotingTests.StepAsync(chair.Http, data, election.Id, "confirm");
        // Both ballots counted; 2 of 4 members is not more than half, so no one is elected.
        Assert.Equal(((int?)2, (int?)0, (bool?)false), (confirmed.Candidates[1].Chosen, confirmed.Candidates[0].Chosen, confirmed.Candidates[1].Elected));
        await using (var db = app.CreateContext())
        {
            Assert.Equal(2, await db.BallotCasts.CountAsync(c => c.MotionId == election.Id, Token));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_connection_s_remembered_right_to_vote_widens_nothing_and_a_delegate_removed_or_checked_out_is_refused_at_once(DatabaseProvider provider)
    {
        const string notTheirs = "Tài khoản của bạn không phải đại biểu biểu quyết của cuộc họp này; phiếu không được ghi nhận.";
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var address = LiveHosting.Start(app);
        var here = await VotingTestData.MeetingAsync(app, members: 1);
        var there = await VotingTestData.MeetingAsync(app, members: 1);
        var seated = (await here.DelegatesAsync(app, 1, here.SiteIds[0]))[0];
        var elsewhere = (await there.DelegatesAsync(app, 1, there.SiteIds[0]))[0];
        var chair = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Chair));
        var motion = await VotingTests.CreateAsync(chair.Http, here);
        await VotingTests.StepAsync(chair.Http, here, motion.Id, "open");
        var foreign = await VotingTests.CreateAsync(chair.Http, there);
        await VotingTests.StepAsync(chair.Http, there, foreign.Id, "open");
        await using var hub = await ConnectAsync(address, await LiveHosting.SignInAsync(address, seated.UserName));
        await using var other = await ConnectAsync(address, await LiveHosting.SignInAsync(address, elsewhere.UserName));
        var planner = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Administrator));
        await using var plannerHub = await ConnectAsync(address, planner);
        await using var viewer = await ConnectAsync(address, await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Viewer)));

        // Each delegate votes in their own meeting first: their connection now holds its yes for that meeting.
        Assert.Equal(VoteChoice.For, (await hub.InvokeAsync<VoteReceipt>("Vote", here.MeetingId, motion.Id, "For", Token)).Choice);
        Assert.Equal(VoteChoice.For, (await other.InvokeAsync<VoteReceipt>("Vote", there.MeetingId, foreign.Id, "For", Token)).Choice);

        // Then, on the same connections: another meeting's motion through this meeting, each delegate in the other's meeting,
        // a planner (whom the scope check lets through: the statement finds no seat), a viewer (refused by the scope check, each time).
        Assert.EndsWith("Không tìm thấy nội dung biểu quyết này trong cuộc họp.", await RefusedAsync(hub.InvokeAsync<VoteReceipt>("Vote", here.MeetingId, foreign.Id, "Against", Token)), StringComparison.Ordinal);
        Assert.EndsWith(notTheirs, await RefusedAsync(hub.InvokeAsync<VoteReceipt>("Vote", there.MeetingId, foreign.Id, "Against", Token)), StringComparison.Ordinal);
        Assert.EndsWith(notTheirs, await RefusedAsync(other.InvokeAsync<VoteReceipt>("Vote", here.MeetingId, motion.Id, "Against", Token)), StringComparison.Ordinal);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.EndsWith(notTheirs, await RefusedAsync(plannerHub.InvokeAsync<VoteReceipt>("Vote", here.MeetingId, motion.Id, "Against", Token)), StringComparison.Ordinal);
            Assert.EndsWith("Chỉ đại biểu của cuộc họp mới được biểu quyết.", await RefusedAsync(viewer.InvokeAsync<VoteReceipt>("Vote", here.MeetingId, motion.Id, "Against", Token)), StringComparison.Ordinal);
        }

        await AssertStoredAsync(app, (motion.Id, seated.ParticipantId), (foreign.Id, elsewhere.ParticipantId));

        // Removed from the meeting's delegates while connected, or checked out: the very next vote on the same connection is refused.
        (await planner.Http.DeleteAsync($"/api/meetings/{here.MeetingId}/voting/delegates/{seated.ParticipantId}", Token)).EnsureSuccessStatusCode();
        Assert.EndsWith(notTheirs, await RefusedAsync(hub.InvokeAsync<VoteReceipt>("Vote", here.MeetingId, motion.Id, "Against", Token)), StringComparison.Ordinal);
        await there.CheckOutAsync(app, [elsewhere.ParticipantId]);
        Assert.EndsWith("Bạn chưa điểm danh tại điểm cầu nào; hãy điểm danh trước khi biểu quyết.",
            await RefusedAsync(other.InvokeAsync<VoteReceipt>("Vote", there.MeetingId, foreign.Id, "Against", Token)), StringComparison.Ordinal);
        await AssertStoredAsync(app, (motion.Id, seated.ParticipantId), (foreign.Id, elsewhere.ParticipantId));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_right_to_vote_decided_when_a_device_joins_the_meeting_lets_only_a_seated_delegate_vote_and_is_no_pass_after_removal(DatabaseProvider provider)
    {
        const string notTheirs = "Tài khoản của bạn không phải đại biểu biểu quyết của cuộc họp này; phiếu không được ghi nhận.";
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        var address = LiveHosting.Start(app);
        var data = await VotingTestData.MeetingAsync(app, members: 1);
        var seated = (await data.DelegatesAsync(app, 1, data.SiteIds[0]))[0];
        var chair = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Chair));
        var planner = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Administrator));
        await using var hub = await ConnectAsync(address, await LiveHosting.SignInAsync(address, seated.UserName));
        await using var viewer = await ConnectAsync(address, await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Viewer)));
        await using var plannerHub = await ConnectAsync(address, planner);

        // Each device opens the meeting before any motion exists (the join decides the right to vote).
        await hub.InvokeAsync("Join", data.MeetingId, (long?)null, Token);
        await viewer.InvokeAsync("Join", data.MeetingId, (long?)null, Token);
        await plannerHub.InvokeAsync("Join", data.MeetingId, (long?)null, Token);
        var motion = await VotingTests.CreateAsync(chair.Http, data);
        await VotingTests.StepAsync(chair.Http, data, motion.Id, "open");

        Assert.Equal(VoteChoice.For, (await hub.InvokeAsync<VoteReceipt>("Vote", data.MeetingId, motion.Id, "For", Token)).Choice);
        Assert.EndsWith("Chỉ đại biểu của cuộc họp mới được biểu quyết.", await RefusedAsync(viewer.InvokeAsync<VoteReceipt>("Vote", data.MeetingId, motion.Id, "Against", Token)), StringComparison.Ordinal);
        Assert.EndsWith(notTheirs, await RefusedAsync(plannerHub.InvokeAsync<VoteReceipt>("Vote", data.MeetingId, motion.Id, "Against", Token)), StringComparison.Ordinal);

        // Removed after joining: the yes kept since the join writes nothing.
        (await planner.Http.DeleteAsync($"/api/meetings/{data.MeetingId}/voting/delegates/{seated.ParticipantId}", Token)).EnsureSuccessStatusCode();
        Assert.EndsWith(notTheirs, await RefusedAsync(hub.InvokeAsync<VoteReceipt>("Vote", data.MeetingId, motion.Id, "Against", Token)), StringComparison.Ordinal);
        await AssertStoredAsync(app, (motion.Id, seated.ParticipantId));
    }

    /// <summary>Exactly these votes are stored, each still as first cast (For, no change of mind).</summary>
    private static async Task AssertStoredAsync(DienHongApp app, params (int MotionId, int ParticipantId)[] expected)
    {
        await using var db = app.CreateContext();
        var stored = await db.Votes.OrderBy(v => v.MotionId).Select(v => new { v.MotionId, v.ParticipantId, v.Choice, v.Changes }).ToListAsync(Token);
        Assert.Equal([.. expected.OrderBy(e => e.MotionId).Select(e => (e.MotionId, e.ParticipantId, VoteChoice.For, 0))],
            stored.Select(v => (v.MotionId, v.ParticipantId, v.Choice, v.Changes)));
    }

    /// <summary>A signed-in user's own connection to the live hub (the .NET SignalR client, with the user's cookie).</summary>
    internal static async Task<HubConnection> ConnectAsync(Uri address, SignedIn user)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(address, LiveHub.Path), options => options.Headers["Cookie"] = user.Cookie).Build();
        await connection.StartAsync(Token);
        return connection;
    }

    /// <summary>The refusal's message as the client sees it.</summary>
    private static async Task<string> RefusedAsync(Task call) => (await Assert.ThrowsAsync<HubException>(() => call)).Message;
}
