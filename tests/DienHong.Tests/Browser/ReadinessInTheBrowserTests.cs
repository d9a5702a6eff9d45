using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Demo;
using DienHong.Features.Readiness;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TestResult = DienHong.Features.Readiness.TestResult;

namespace DienHong.Tests.Browser;

/// <summary>The host watches the sites board while a site's technician readies the site from a phone — in Chromium.</summary>
public class ReadinessInTheBrowserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_operator_on_a_phone_ticks_and_tests_and_the_hosts_board_turns_the_site_ready_without_reloading(DatabaseProvider provider)
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true));
        int meetingId, siteId;
        await using (var db = session.App.CreateContext())
        {
            meetingId = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(Token);
            siteId = await db.Sites.Where(s => s.MeetingId == meetingId && s.Name.Contains("Tiến Thành")).Select(s => s.Id).SingleAsync(Token);
        }

        var host = session.Page;
        await session.SignInAsync("thuky", DemoSeeder.DemoPassword);
        await host.GotoAsync($"/meetings/{meetingId}/readiness");
        var tile = host.Locator($".tile[data-site='{siteId}']");
        await Assertions.Expect(host.Locator(".tile")).ToHaveCountAsync(13);
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-state", "overdue");
        await Assertions.Expect(host.Locator("#board-summary")).ToContainTextAsync("11/13 điểm cầu sẵn sàng");
        await Assertions.Expect(host.Locator("#board-summary")).ToContainTextAsync("1 sự cố đang mở");
        await Assertions.Expect(host.Locator("#board-live.on")).ToHaveCountAsync(1);
        await session.ScreenshotAsync($"readiness-board-before-{provider}");

        var phone = await session.NewPersonAsync(390, 844, mobile: true);
        await BrowserSession.SignInAsync(phone, "kythuat.dongxoai", DemoSeeder.DemoPassword);
        await phone.GotoAsync("/my-sites");
        await phone.ClickAsync("text=Phường Tiến Thành");
        await phone.WaitForURLAsync(new Regex($"/meetings/{meetingId}/sites/{siteId}/console$"));
        for (var i = 5; i < 9; i++)
        {
            await phone.ClickAsync($"#check-{i}-passed");
            await Assertions.Expect(phone.Locator($"#check-{i}")).ToHaveClassAsync(new Regex("Passed"));
        }

        await phone.ClickAsync("#start-test");
        await phone.ClickAsync("#finish-test-passed");
        await Assertions.Expect(phone.Locator("#site-status")).ToContainTextAsync("Sẵn sàng");
        // The phone-sized page stays one column: nothing wider than the screen.
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the console is wider than a phone screen");
        await BrowserSession.ScreenshotAsync(phone, $"readiness-console-phone-{provider}");

        // The host's page was never reloaded: the tile turned green from the live events.
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-state", "ready");
        await Assertions.Expect(tile).ToContainTextAsync("Trực tuyến");
        await Assertions.Expect(host.Locator("#board-summary")).ToContainTextAsync("12/13 điểm cầu sẵn sàng");
        Assert.Equal(1, await host.EvaluateAsync<int>("performance.getEntriesByType('navigation').length"));
        await session.ScreenshotAsync($"readiness-board-after-{provider}");

        var docx = await host.APIRequest.GetAsync($"api/meetings/{meetingId}/readiness.docx");
        Assert.Equal(200, docx.Status);
        var text = Drafting.DocxText.All(await docx.BodyAsync());
        Assert.Contains("12/13 điểm cầu sẵn sàng", text, StringComparison.Ordinal);
        Assert.Contains("UBND xã Lộc Thái", text, StringComparison.Ordinal);
        var xlsx = await host.APIRequest.GetAsync($"api/meetings/{meetingId}/readiness.xlsx");
        Assert.Equal(200, xlsx.Status);
    }

    [Fact]
    public async Task Sixty_three_sites_fit_one_screen_and_can_be_searched_and_grouped()
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite)));
        var seeded = await ReadinessTestData.MeetingAsync(session.App.Database, sites: 63);
        await using (var db = session.App.CreateContext())
        {
            // Most provinces ready, a few with failed items, the rest not started.
            var now = DateTime.UtcNow;
            foreach (var (site, i) in seeded.SiteIds.Select((s, i) => (s, i)).Where(p => p.i % 7 != 3))
            {
                db.ReadinessMarks.AddRange(seeded.CheckIds.Select(c => new ReadinessMark
                {
                    MeetingId = seeded.MeetingId,
                    SiteId = site,
                    CheckId = c,
                    State = i % 11 == 5 && c == seeded.CheckIds[2] ? CheckState.Failed : CheckState.Passed,
                    SetBy = "kỹ thuật",
                    SetAt = now,
                    Version = 1,
                }));
                db.ConnectionTests.Add(new ConnectionTest
                {
                    MeetingId = seeded.MeetingId,
                    SiteId = site,
                    StartedAt = now,
                    StartedBy = "kỹ thuật",
                    EndedAt = now,
                    EndedBy = "kỹ thuật",
                    Result = TestResult.Passed,
                    Version = 2,
                });
            }

            await db.SaveChangesAsync(Token);
        }

        var wall = await session.NewPersonAsync(1920, 1080);
        await BrowserSession.SignInAsync(wall, "admin", DienHongApp.Password);
        await wall.GotoAsync($"/meetings/{seeded.MeetingId}/readiness?wall=1");
        await Assertions.Expect(wall.Locator(".tile")).ToHaveCountAsync(63);
        // Readable at a glance: every tile inside one 1920×1080 screen.
        var bottom = await wall.EvaluateAsync<double>("Math.max(...[...document.querySelectorAll('.tile')].map(t => t.getBoundingClientRect().bottom))");
        Assert.True(bottom <= 1080, $"63 tiles need {bottom:0} px of height");
        await BrowserSession.ScreenshotAsync(wall, "readiness-board-63-sites", fullPage: false);

        await wall.GotoAsync($"/meetings/{seeded.MeetingId}/readiness");
        await wall.FillAsync("#board-search", "xa so 12");
        await Assertions.Expect(wall.Locator(".tile")).ToHaveCountAsync(1);
        await wall.FillAsync("#board-search", "");
        await wall.SelectOptionAsync("#board-state", "not-ready");
        var notReady = await wall.Locator(".tile").CountAsync();
        Assert.InRange(notReady, 9, 20);
        await wall.SelectOptionAsync("#board-state", "");
        await wall.CheckAsync("#board-group");
        await Assertions.Expect(wall.Locator(".board-group")).ToHaveCountAsync(2);
        await BrowserSession.ScreenshotAsync(wall, "readiness-board-63-sites-grouped");
    }
}
