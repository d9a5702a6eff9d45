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
        var data = await VotingTestData.MeetingAsync(app, members: 4);
        var delegates = await data.DelegatesAsync(app, 3, data.SiteIds[0]);
        var chair = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Chair));
        var motions = $"/api/meetings/{data.MeetingId}/motions";
        var motion = await VotingTests.CreateAsync(chair.Http, data);
        await VotingTests.StepAsync(chair.Http, data, motion.Id, "open");
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
