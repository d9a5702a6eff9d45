using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Incidents;
using DienHong.Features.Readiness;
using DienHong.Features.Video;
using DienHong.Tests.Api;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Video;

/// <summary>What site consoles report about the video room, through the API on both databases: drops become incidents.</summary>
public class VideoReportTests
{
    private const string Secret = "a-shared-secret-of-forty-bytes-0123456789";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static DienHongApp WithEngine(TestDatabase database)
    {
        var app = new DienHongApp(database);
        app.Settings["Video:EngineUrl"] = "https://video.hagiang.example.vn";
        app.Settings["Video:AppId"] = "dienhong";
        app.Settings["Video:Secret"] = Secret;
        return app;
    }

    private static async Task<HttpResponseMessage> ReportAsync(HttpClient client, ReadinessTestData.Seeded seeded, int site, VideoReport report) =>
        await client.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sites/{site}/video/reports", report, Token);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_site_dropping_out_of_the_room_opens_an_incident_that_closes_with_its_duration_when_it_returns(DatabaseProvider provider)
    {
        await using var app = WithEngine(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, checklist: false);
        var site = seeded.SiteIds[2];
        var console = await app.SignedInClientAsync(Roles.SiteOperator, site);

        // The console gets its way in: the engine's script, the meeting's room, a token the engine accepts.
        var access = await console.GetFromJsonAsync<VideoAccess>($"/api/meetings/{seeded.MeetingId}/sites/{site}/video", Token);
        Assert.True(access!.Configured);
        var rules = new JitsiTokenRules("dienhong", Secret, "video.hagiang.example.vn");
        Assert.True(rules.Check(access.Join!.Token, access.Join.Room, DateTimeOffset.UtcNow).Accepted);
        Assert.False(access.Join.Moderator);

        (await ReportAsync(console, seeded, site, new VideoReport(VideoEvent.Joined, Participants: 4))).EnsureSuccessStatusCode();
        (await ReportAsync(console, seeded, site, new VideoReport(VideoEvent.Participants, Participants: 6))).EnsureSuccessStatusCode();
        var board = await console.GetFromJsonAsync<SiteReadiness>($"/api/meetings/{seeded.MeetingId}/sites/{site}/readiness", Token);
        Assert.True(board!.Tile.Video!.InRoom);
        Assert.Equal(6, board.Tile.Video.Participants);
        Assert.Empty(board.Tile.Incidents);

        // The room drops: an incident opens at the site, on its tile with its time.
        (await ReportAsync(console, seeded, site, new VideoReport(VideoEvent.Error, Message: "connection.droppedError", Fatal: true))).EnsureSuccessStatusCode();
        board = await console.GetFromJsonAsync<SiteReadiness>($"/api/meetings/{seeded.MeetingId}/sites/{site}/readiness", Token);
        Assert.False(board!.Tile.Video!.InRoom);
        var open = Assert.Single(board.Tile.Incidents);
        Assert.Equal(IncidentKind.ConnectionLost, open.Kind);
        Assert.Equal(VideoService.Reporter, open.OpenedBy);
        Assert.Contains("connection.droppedError", open.Description, StringComparison.Ordinal);
        Assert.Equal(1, board.Tile.OpenIncidents);

        // A second "left" while out does not open another one.
        (await ReportAsync(console, seeded, site, new VideoReport(VideoEvent.Left))).EnsureSuccessStatusCode();
        await using (var db = app.CreateContext())
        {
            Assert.Equal(1, await db.Incidents.CountAsync(i => i.SiteId == site, Token));
            // Seven minutes pass before the site is back.
            await db.Incidents.Where(i => i.Id == open.Id).ExecuteUpdateAsync(i => i.SetProperty(x => x.OpenedAt, x => x.OpenedAt.AddMinutes(-7)), Token);
        }

        (await ReportAsync(console, seeded, site, new VideoReport(VideoEvent.Joined, Participants: 5))).EnsureSuccessStatusCode();
        var secretary = await app.SignedInClientAsync(Roles.Secretariat);
        var report = await secretary.GetFromJsonAsync<IncidentReport>($"/api/meetings/{seeded.MeetingId}/incidents", Token);
        var closed = Assert.Single(report!.Incidents);
        Assert.Equal(VideoService.Reporter, closed.ClosedBy);
        Assert.InRange(closed.DurationSeconds!.Value, 7 * 60, (7 * 60) + 60);
        var statistics = report.Statistics;
        Assert.Equal((1, 0, 1, closed.DurationSeconds.Value, 1), (statistics.Total, statistics.Open, statistics.Closed, statistics.TotalSeconds, statistics.SitesAffected));
        Assert.Equal(new IncidentKindCount(IncidentKind.ConnectionLost, 1, 0, closed.DurationSeconds.Value), Assert.Single(statistics.ByKind));
        await using (var db = app.CreateContext())
        {
            // The incident's opening and closing are audited; the console's reports are not.
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Incident), Token));
            Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(SiteVideo), Token));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_host_console_moderates_and_reports_only_for_its_own_site_with_valid_figures(DatabaseProvider provider)
    {
        await using var app = WithEngine(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, checklist: false);
        var host = await app.SignedInClientAsync(Roles.SiteOperator, seeded.SiteIds[0]);
        var access = await host.GetFromJsonAsync<VideoAccess>($"/api/meetings/{seeded.MeetingId}/sites/{seeded.SiteIds[0]}/video", Token);
        Assert.True(access!.Join!.Moderator);

        // Another site is not the host operator's to see, let alone report for.
        var response = await ReportAsync(host, seeded, seeded.SiteIds[1], new VideoReport(VideoEvent.Left));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var bad = await ReportAsync(host, seeded, seeded.SiteIds[0], new VideoReport(VideoEvent.Participants, Participants: -2));
        await Problems.AssertVietnameseAsync(bad, HttpStatusCode.BadRequest, "Participants");
        await using var db = app.CreateContext();
        Assert.False(await db.SiteVideos.AnyAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_an_engine_everything_else_works_and_the_pages_say_so(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, checklist: false);
        var secretary = await app.SignedInClientAsync(Roles.Secretariat);

        var access = await secretary.GetFromJsonAsync<VideoAccess>($"/api/meetings/{seeded.MeetingId}/sites/{seeded.SiteIds[1]}/video", Token);
        Assert.False(access!.Configured);
        Assert.Null(access.Join);
        Assert.Equal(VideoAccess.NotConfigured, access.Reason);
        var person = await secretary.GetFromJsonAsync<VideoAccess>($"/api/meetings/{seeded.MeetingId}/video", Token);
        Assert.False(person!.Configured);

        var page = await secretary.GetStringAsync($"/meetings/{seeded.MeetingId}/readiness", Token);
        Assert.Contains("Chưa cấu hình hệ thống truyền hình hội nghị (video)", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("data-video=\"off\"", page, StringComparison.Ordinal);

        // The rest of the live meeting goes on: a site still reports an incident and checks people in.
        (await secretary.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sites/{seeded.SiteIds[1]}/incidents", new IncidentInput(IncidentKind.PowerCut), Token)).EnsureSuccessStatusCode();
        (await secretary.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sites/{seeded.SiteIds[1]}/attendance", new Features.Attendance.CheckInInput(Name: "Cử tri Lò Thị Mai", Address: "Thôn Lũng Cú"), Token)).EnsureSuccessStatusCode();
    }
}
