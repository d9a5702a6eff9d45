using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Demo;
using DienHong.Features.Incidents;
using DienHong.Features.Projector;
using DienHong.Features.Sittings;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DienHong.Tests.Browser;

/// <summary>
/// The demo conference run from the consoles, start to finish, as people do it in Chromium: the
/// secretary starts the sitting, two commune sites check voters in and register them, the voters
/// speak in turn, one site logs a sound incident and closes it, the sitting ends — the sites board
/// and the hall's projector following every step live.
/// </summary>
public class ConferenceFromTheConsolesInTheBrowserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_conference_runs_from_the_consoles_from_the_first_check_in_to_the_end_of_the_sitting(DatabaseProvider provider)
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true));
        int meetingId, tienThanh, anLoc;
        string tienThanhName, anLocName;
        var token = ProjectorLink.NewToken();
        await using (var db = session.App.CreateContext())
        {
            meetingId = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(Token);
            var sites = await db.Sites.Where(s => s.MeetingId == meetingId).ToListAsync(Token);
            (tienThanh, tienThanhName) = sites.Where(s => s.Name.Contains("Tiến Thành")).Select(s => (s.Id, s.Name)).Single();
            (anLoc, anLocName) = sites.Where(s => s.Name.Contains("An Lộc")).Select(s => (s.Id, s.Name)).Single();
            db.ProjectorLinks.Add(new ProjectorLink { MeetingId = meetingId, Label = "Màn hình hội trường", TokenHash = ProjectorLink.Hash(token), CreatedAt = DateTime.UtcNow, CreatedBy = "thuky", Version = 1 });
            await db.SaveChangesAsync(Token);
        }

        // The secretary opens the sites board, then runs the sitting from the Điều hành page.
        var board = session.Page;
        await session.SignInAsync("thuky", DemoSeeder.DemoPassword);
        await board.GotoAsync($"/meetings/{meetingId}/readiness");
        var host = await session.NewPersonAsync();
        await BrowserSession.SignInAsync(host, "thuky", DemoSeeder.DemoPassword);
        await host.GotoAsync($"/meetings/{meetingId}/conduct");
        await host.ClickAsync("#propose-sittings");
        await Assertions.Expect(host.Locator(".alert.success").Filter(new() { HasText = "Đã thêm các phiên họp theo kế hoạch" })).ToHaveCountAsync(1);
        var sitting = host.Locator("#sittings tbody tr").First;
        await sitting.Locator("button.start").ClickAsync();
        await Assertions.Expect(sitting).ToContainTextAsync("Đang họp");
        await Assertions.Expect(board.Locator("#board-conduct")).ToContainTextAsync("Đang họp");
        await host.Locator("#agenda-conduct tbody tr").Nth(1).Locator("button.make-current").ClickAsync();
        await Assertions.Expect(host.Locator("#floor-list-state")).ToContainTextAsync("Đang nhận đăng ký phát biểu");

        var projector = await session.NewPersonAsync(1920, 1080);
        await projector.GotoAsync($"/trinh-chieu/{token}");
        await Assertions.Expect(projector.Locator("#p-item")).ToContainTextAsync("Mục 2.");

        // Two commune sites check their voters in (walk-ins) and register them to speak.
        var first = await SiteAsync(session, "kythuat.dongxoai", meetingId, tienThanh, mobile: true);
        var second = await SiteAsync(session, "kythuat.binhlong", meetingId, anLoc, mobile: false);
        await WalkInAsync(first, "Điểu Văn Bình", "Khu phố 2, phường Tiến Thành");
        await WalkInAsync(first, "Thị Hồng", "Khu phố 5, phường Tiến Thành");
        await WalkInAsync(second, "Trần Thị Mai", "Khu phố Phú Trung, phường An Lộc");
        await Assertions.Expect(board.Locator($".tile[data-site='{tienThanh}'] .headcount")).ToHaveTextAsync(new Regex(@"^2/"));
        await Assertions.Expect(board.Locator($".tile[data-site='{anLoc}'] .headcount")).ToHaveTextAsync(new Regex(@"^1/"));
        await RegisterAsync(first, "Điểu Văn Bình", "Khu phố 2, phường Tiến Thành", "Đường giao thông nông thôn");
        await RegisterAsync(second, "Trần Thị Mai", "Khu phố Phú Trung, phường An Lộc", "Giá phân bón");
        await RegisterAsync(first, "Thị Hồng", "Khu phố 5, phường Tiến Thành", "Nước sạch");
        await Assertions.Expect(host.Locator("#floor-queue tr.floor-request")).ToHaveCountAsync(3);
        await session.ScreenshotAsync($"conference-board-{provider}");

        // The voters speak in turn, from one commune and the other; the projector follows.
        foreach (var (voter, siteName) in new[] { ("Điểu Văn Bình", tienThanhName), ("Trần Thị Mai", anLocName), ("Thị Hồng", tienThanhName) })
        {
            await host.Locator("#floor-queue tr.floor-request").Filter(new() { HasText = voter }).Locator("button.give").ClickAsync();
            await Assertions.Expect(host.Locator("#floor-speaker-name")).ToHaveTextAsync(voter);
            await Assertions.Expect(projector.Locator("#p-name")).ToHaveTextAsync(voter);
            await Assertions.Expect(projector.Locator("#p-site")).ToHaveTextAsync(siteName);
            await Assertions.Expect(projector.Locator("#p-countdown")).ToHaveTextAsync(new Regex(@"^[67]:\d\d$"));
        }

        await BrowserSession.ScreenshotAsync(projector, $"conference-projector-{provider}", fullPage: false);
        await host.ClickAsync("#floor-end");
        await Assertions.Expect(projector.Locator("#p-idle")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(host, $"conference-conduct-{provider}");

        // An Lộc loses its sound: logged from its console, seen on the board, closed when fixed.
        await second.SelectOptionAsync("#incident-kind", new SelectOptionValue { Label = "Mất tiếng" });
        await second.FillAsync("#incident-description", "Micro phòng họp không lên tiếng");
        await second.ClickAsync("#report-incident");
        await Assertions.Expect(second.Locator(".alert.success").Filter(new() { HasText = "Đã báo sự cố" })).ToHaveCountAsync(1);
        var incident = board.Locator($".tile[data-site='{anLoc}'] .incident");
        await Assertions.Expect(incident).ToContainTextAsync("Mất tiếng");
        await second.ClickAsync("button:has-text('Đã khắc phục')");
        await Assertions.Expect(second.Locator(".alert.success").Filter(new() { HasText = "được khắc phục" })).ToHaveCountAsync(1);
        await Assertions.Expect(incident).ToHaveCountAsync(0);

        // The sitting ends; the board and the projector say so.
        await sitting.Locator("button.end").ClickAsync();
        await Assertions.Expect(sitting).ToContainTextAsync("Kết thúc");
        await Assertions.Expect(board.Locator("#board-conduct")).Not.ToContainTextAsync("Đang họp");
        await session.ScreenshotAsync($"conference-ended-board-{provider}");
        await BrowserSession.ScreenshotAsync(projector, $"conference-ended-projector-{provider}", fullPage: false);
        await BrowserSession.ScreenshotAsync(host, $"conference-ended-conduct-{provider}");
        Assert.Equal(1, await board.EvaluateAsync<int>("performance.getEntriesByType('navigation').length"));

        await using var check = session.App.CreateContext();
        var spoken = await check.FloorRequests.Where(r => r.MeetingId == meetingId && r.SpokenSeconds != null).OrderBy(r => r.StartedAt).ToListAsync(Token);
        Assert.Equal([("Điểu Văn Bình", tienThanh), ("Trần Thị Mai", anLoc), ("Thị Hồng", tienThanh)], spoken.Select(r => (r.Name, r.SiteId)));
        var closed = await check.Incidents.SingleAsync(i => i.SiteId == anLoc && i.Kind == IncidentKind.NoSound, Token);
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(SittingState.Ended, (await check.Sittings.Where(s => s.MeetingId == meetingId).OrderBy(s => s.PlannedStart).FirstAsync(Token)).State);
        Assert.Equal(3, await check.CheckIns.CountAsync(c => c.MeetingId == meetingId, Token));
    }

    private static async Task<IPage> SiteAsync(BrowserSession session, string operatorName, int meetingId, int siteId, bool mobile)
    {
        var page = mobile ? await session.NewPersonAsync(390, 844, mobile: true) : await session.NewPersonAsync();
        await BrowserSession.SignInAsync(page, operatorName, DemoSeeder.DemoPassword);
        await page.GotoAsync($"/meetings/{meetingId}/sites/{siteId}/console");
        await Assertions.Expect(page.Locator("#attendance-count")).ToContainTextAsync("Có mặt 0");
        return page;
    }

    private static async Task WalkInAsync(IPage site, string name, string address)
    {
        await site.FillAsync("#walk-in-name", name);
        await site.FillAsync("#walk-in-address", address);
        await site.ClickAsync("#add-walk-in");
        await Assertions.Expect(site.Locator("#attendance-walk-ins")).ToContainTextAsync(name);
    }

    private static async Task RegisterAsync(IPage site, string name, string address, string topic)
    {
        await site.FillAsync("#floor-name", name);
        await site.FillAsync("#floor-address", address);
        await site.FillAsync("#floor-topic", topic);
        await site.ClickAsync("#floor-register");
        await Assertions.Expect(site.Locator("#site-floor-queue")).ToContainTextAsync(name);
    }
}
