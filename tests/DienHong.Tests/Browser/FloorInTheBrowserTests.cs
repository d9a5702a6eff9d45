using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Demo;
using DienHong.Features.Projector;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DienHong.Tests.Browser;

/// <summary>
/// The floor from a commune site in Chromium, three people at once: the chair on the Điều hành
/// page, the commune's operator on a phone, and the hall's projector opened by its link with no
/// account. The voter registered at the commune reaches the chair's queue live; the chair gives
/// the floor; the projector shows the speaker, the site and the countdown.
/// </summary>
public class FloorInTheBrowserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_voter_registered_at_a_commune_is_given_the_floor_by_the_chair_and_shown_on_the_projector(DatabaseProvider provider)
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true));
        int meetingId, siteId;
        string siteName;
        var token = ProjectorLink.NewToken();
        await using (var db = session.App.CreateContext())
        {
            meetingId = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(Token);
            var site = await db.Sites.SingleAsync(s => s.MeetingId == meetingId && s.Name.Contains("Tiến Thành"), Token);
            (siteId, siteName) = (site.Id, site.Name);
            db.ProjectorLinks.Add(new ProjectorLink { MeetingId = meetingId, Label = "Màn hình hội trường", TokenHash = ProjectorLink.Hash(token), CreatedAt = DateTime.UtcNow, CreatedBy = "thuky", Version = 1 });
            await db.SaveChangesAsync(Token);
        }

        // The chair's side: a sitting started and the voters' item made current.
        var chair = session.Page;
        await session.SignInAsync("thuky", DemoSeeder.DemoPassword);
        await chair.GotoAsync($"/meetings/{meetingId}/conduct");
        await chair.ClickAsync("#propose-sittings");
        await chair.Locator("#sittings tbody tr").First.Locator("button.start").ClickAsync();
        await Assertions.Expect(chair.Locator("#sittings tbody tr").First).ToContainTextAsync("Đang họp");
        await chair.Locator("#agenda-conduct tbody tr").Nth(1).Locator("button.make-current").ClickAsync();
        await Assertions.Expect(chair.Locator("#floor-list-state")).ToContainTextAsync("Đang nhận đăng ký phát biểu");

        // The hall's screen: no account, the link's token only.
        var projector = await session.NewPersonAsync(1920, 1080);
        await projector.GotoAsync($"/trinh-chieu/{token}");
        await Assertions.Expect(projector.Locator("#p-item")).ToContainTextAsync("Mục 2.");
        await Assertions.Expect(projector.Locator("#p-idle")).ToBeVisibleAsync();

        // The commune's operator registers a voter present at the site, from a phone.
        var phone = await session.NewPersonAsync(390, 844, mobile: true);
        await BrowserSession.SignInAsync(phone, "kythuat.dongxoai", DemoSeeder.DemoPassword);
        await phone.GotoAsync($"/meetings/{meetingId}/sites/{siteId}/console");
        await phone.FillAsync("#floor-name", "Điểu Văn Bình");
        await phone.FillAsync("#floor-address", "Khu phố 2, phường Tiến Thành");
        await phone.FillAsync("#floor-topic", "Đường giao thông nông thôn");
        await phone.ClickAsync("#floor-register");
        await Assertions.Expect(phone.Locator("#site-floor-queue")).ToContainTextAsync("Điểu Văn Bình");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the console is wider than a phone screen");
        await BrowserSession.ScreenshotAsync(phone, $"floor-site-phone-{provider}");

        // It reached the chair's queue live, with its site; the chair gives the floor.
        var row = chair.Locator("#floor-queue tr.floor-request").Filter(new() { HasText = "Điểu Văn Bình" });
        await Assertions.Expect(row.Locator(".floor-site")).ToHaveTextAsync(siteName);
        await Assertions.Expect(projector.Locator("#p-next")).ToContainTextAsync("Điểu Văn Bình");
        await row.Locator("button.give").ClickAsync();
        await Assertions.Expect(chair.Locator("#floor-speaker-name")).ToHaveTextAsync("Điểu Văn Bình");
        await Assertions.Expect(chair.Locator("#floor-countdown")).ToHaveTextAsync(new Regex(@"^[67]:\d\d$"));
        await session.ScreenshotAsync($"floor-chair-{provider}");

        // The projector shows who speaks, from which site, and the time left counting down by itself.
        await Assertions.Expect(projector.Locator("#p-name")).ToHaveTextAsync("Điểu Văn Bình");
        await Assertions.Expect(projector.Locator("#p-site")).ToHaveTextAsync(siteName);
        await Assertions.Expect(projector.Locator("#p-unit")).ToHaveTextAsync("Khu phố 2, phường Tiến Thành");
        var countdown = projector.Locator("#p-countdown");
        await Assertions.Expect(countdown).ToHaveTextAsync(new Regex(@"^[67]:\d\d$"));
        var before = await countdown.TextContentAsync();
        await Assertions.Expect(countdown).Not.ToHaveTextAsync(before!);
        await Assertions.Expect(projector.Locator("#p-sites")).ToContainTextAsync("Điểm cầu trực tuyến");
        Assert.True(await projector.EvaluateAsync<bool>("document.documentElement.scrollHeight <= window.innerHeight + 1"), "the projector scrolls at 1920×1080");
        await BrowserSession.ScreenshotAsync(projector, $"floor-projector-1920x1080-{provider}", fullPage: false);
        await projector.SetViewportSizeAsync(1280, 720);
        await Assertions.Expect(projector.Locator("#p-name")).ToBeVisibleAsync();
        Assert.True(await projector.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the projector is wider than 1280 px");
        await BrowserSession.ScreenshotAsync(projector, $"floor-projector-1280x720-{provider}", fullPage: false);

        // The site raises its hand as a whole; with 30 seconds a turn on this item, its turn shows in the warning colour at once.
        await phone.ClickAsync("#floor-raise-hand");
        await Assertions.Expect(phone.Locator("#site-floor-queue")).ToContainTextAsync(siteName);
        await chair.FillAsync("#floor-first", "0.5");
        await chair.ClickAsync("#floor-times-item");
        await Assertions.Expect(chair.Locator("#floor-list-state")).ToContainTextAsync("lượt đầu 0,5 phút");
        await chair.Locator("#floor-queue tr.floor-request").Filter(new() { HasText = siteName }).Locator("button.give").ClickAsync();
        await Assertions.Expect(projector.Locator("#p-unit")).ToHaveTextAsync("Cả điểm cầu");
        await Assertions.Expect(countdown).ToHaveClassAsync(new Regex("warning"));
        await Assertions.Expect(countdown).ToHaveTextAsync(new Regex(@"^0:[0-3]\d$"));
        await BrowserSession.ScreenshotAsync(projector, $"floor-projector-warning-1280x720-{provider}", fullPage: false);
        await chair.ClickAsync("#floor-end");
        await Assertions.Expect(projector.Locator("#p-idle")).ToBeVisibleAsync();
        await using var check = session.App.CreateContext();
        var spoken = await check.FloorRequests.Where(r => r.MeetingId == meetingId).OrderBy(r => r.StartedAt).ToListAsync(Token);
        Assert.Equal([("Điểu Văn Bình", false), (siteName, true)], spoken.Select(r => (r.Name, r.WholeSite)));
        Assert.All(spoken, r => Assert.True(r.SiteId == siteId && r.SpokenSeconds >= 0));

        // Seven more voters register: the floor event names the next five, and the screen counts the rest.
        for (var i = 1; i <= 7; i++)
        {
            await phone.FillAsync("#floor-name", $"Cử tri {i}");
            await phone.FillAsync("#floor-address", $"Ấp {i}");
            await phone.ClickAsync("#floor-register");
            await Assertions.Expect(phone.Locator("#site-floor-queue")).ToContainTextAsync($"Cử tri {i}");
        }

        await Assertions.Expect(projector.Locator("#p-next li")).ToHaveCountAsync(5);
        await Assertions.Expect(projector.Locator("#p-next")).ToContainTextAsync("Cử tri 5");
        await Assertions.Expect(projector.Locator("#p-more")).ToHaveTextAsync("và 2 người nữa");
        await BrowserSession.ScreenshotAsync(projector, $"floor-projector-queue-1280x720-{provider}", fullPage: false);
    }
}
