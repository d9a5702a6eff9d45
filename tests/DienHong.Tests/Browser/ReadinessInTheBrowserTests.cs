using System.Text.Json;
using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Demo;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Readiness;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task A_problem_reported_from_the_phone_and_a_task_done_by_its_agency_reach_the_hosts_board_without_reloading()
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), seedDemo: true));
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
        await Assertions.Expect(host.Locator("#board-summary")).ToContainTextAsync("1 sự cố đang mở");
        await Assertions.Expect(host.Locator("#board-live.on")).ToHaveCountAsync(1);
        var powerTask = host.Locator("#board-tasks tbody tr", new() { HasText = "Điện lực Bình Phước" });
        await Assertions.Expect(powerTask).ToHaveCountAsync(1);
        await Assertions.Expect(powerTask).Not.ToContainTextAsync("Hoàn thành");

        // The site's technician reports a problem to the host from the phone.
        var phone = await session.NewPersonAsync(390, 844, mobile: true);
        await BrowserSession.SignInAsync(phone, "kythuat.dongxoai", DemoSeeder.DemoPassword);
        await phone.GotoAsync($"/meetings/{meetingId}/sites/{siteId}/console");
        await phone.SelectOptionAsync("#incident-kind", "NoSound");
        await phone.FillAsync("#incident-description", "Loa hội trường rè");
        await phone.ClickAsync("#report-incident");
        await Assertions.Expect(phone.Locator("#problems")).ToContainTextAsync("Loa hội trường rè");
        await BrowserSession.ScreenshotAsync(phone, "readiness-console-problem-reported");

        await Assertions.Expect(host.Locator("#board-summary")).ToContainTextAsync("2 sự cố đang mở");
        await Assertions.Expect(tile).ToContainTextAsync("⚠");

        // The power company marks its own task done, with a note, on its tasks page.
        var agency = await session.NewPersonAsync(1280, 800);
        await BrowserSession.SignInAsync(agency, "dienluc", DemoSeeder.DemoPassword);
        await agency.GotoAsync("/tasks");
        var row = agency.Locator("#agency-tasks tbody tr", new() { HasText = BinhPhuocDemo.Title });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("input").FillAsync("Đã bố trí máy phát dự phòng");
        await row.Locator("button").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Đã bố trí máy phát dự phòng");
        await Assertions.Expect(agency.Locator(".success, [role=status]").First).Not.ToContainTextAsync("..");
        await BrowserSession.ScreenshotAsync(agency, "agency-tasks-done");

        await Assertions.Expect(powerTask).ToContainTextAsync("Hoàn thành");
        await Assertions.Expect(powerTask).ToContainTextAsync("Đã bố trí máy phát dự phòng");
        Assert.Equal(1, await host.EvaluateAsync<int>("performance.getEntriesByType('navigation').length"));
        await session.ScreenshotAsync("readiness-board-problem-and-task");
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
        await BrowserSession.ScreenshotAsync(wall, "readiness-board-63-sites", fullPage: false);
        Assert.True(bottom <= 1080, $"63 tiles need {bottom:0} px of height");

        await wall.GotoAsync($"/meetings/{seeded.MeetingId}/readiness");
        await wall.FillAsync("#board-search", "xa so 12");
        await Assertions.Expect(wall.Locator(".tile")).ToHaveCountAsync(1);
        await wall.FillAsync("#board-search", "");
        await wall.SelectOptionAsync("#board-state", "not-ready");
        // The board renders on the next animation frame: wait for the filtered count, never read it once.
        var notReady = Enumerable.Range(0, 63).Count(i => i % 7 == 3 || i % 11 == 5);
        await Assertions.Expect(wall.Locator(".tile")).ToHaveCountAsync(notReady);
        await wall.SelectOptionAsync("#board-state", "");
        await wall.SelectOptionAsync("#board-group", "level");
        await Assertions.Expect(wall.Locator(".board-group")).ToHaveCountAsync(2);
        await BrowserSession.ScreenshotAsync(wall, "readiness-board-63-sites-grouped");
    }

    [Fact]
    public async Task Seven_hundred_sites_render_and_can_be_grouped_by_province_searched_and_filtered()
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite)));
        var seeded = await ReadinessTestData.MeetingAsync(session.App.Database, sites: 700);
        await using (var db = session.App.CreateContext())
        {
            // A national meeting: 35 provinces, each with its communes; every site in a commune, the host in its province.
            var provinces = Enumerable.Range(1, 35).Select(p => new AdministrativeUnit { Code = $"T{p:00}", Name = $"Tỉnh Thử Số {p}", Level = AdministrativeLevel.Province }).ToList();
            db.AdministrativeUnits.AddRange(provinces);
            await db.SaveChangesAsync(Token);
            var sites = await db.Sites.Where(s => s.MeetingId == seeded.MeetingId).OrderBy(s => s.Id).ToListAsync(Token);
            var communes = sites.Skip(1).Select((site, i) => new AdministrativeUnit
            {
                Code = $"X{i:000}",
                Name = $"Xã Thử Số {i + 1}",
                Level = AdministrativeLevel.Commune,
                ParentId = provinces[i % provinces.Count].Id,
            }).ToList();
            db.AdministrativeUnits.AddRange(communes);
            await db.SaveChangesAsync(Token);
            sites[0].AdministrativeUnitId = provinces[0].Id;
            foreach (var (site, commune) in sites.Skip(1).Zip(communes))
            {
                site.AdministrativeUnitId = commune.Id;
            }

            // Every tenth site ready; the rest not started.
            var now = DateTime.UtcNow;
            foreach (var site in seeded.SiteIds.Where((_, i) => i % 10 == 0))
            {
                db.ReadinessMarks.AddRange(seeded.CheckIds.Select(c => new ReadinessMark { MeetingId = seeded.MeetingId, SiteId = site, CheckId = c, State = CheckState.Passed, SetBy = "kỹ thuật", SetAt = now, Version = 1 }));
                db.ConnectionTests.Add(new ConnectionTest { MeetingId = seeded.MeetingId, SiteId = site, StartedAt = now, StartedBy = "kỹ thuật", EndedAt = now, EndedBy = "kỹ thuật", Result = TestResult.Passed, Version = 2 });
            }

            await db.SaveChangesAsync(Token);
        }

        var page = await session.NewPersonAsync(1920, 1080);
        await BrowserSession.SignInAsync(page, "admin", DienHongApp.Password);
        await page.GotoAsync($"/meetings/{seeded.MeetingId}/readiness");
        await Assertions.Expect(page.Locator(".tile")).ToHaveCountAsync(700, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#board-summary")).ToContainTextAsync("70/700 điểm cầu sẵn sàng");

        await page.SelectOptionAsync("#board-group", "province");
        await Assertions.Expect(page.Locator(".board-group")).ToHaveCountAsync(35);
        // Each province says how ready it is: Tỉnh Thử Số 1 has the host (ready) and 20 communes (none ready).
        var first = page.Locator(".board-group", new() { HasText = "Tỉnh Thử Số 1 —" });
        await Assertions.Expect(first.Locator("summary")).ToContainTextAsync("Tỉnh Thử Số 1 — 1/21 điểm cầu sẵn sàng");
        await Assertions.Expect(first.Locator(".tile")).ToHaveCountAsync(21);
        await BrowserSession.ScreenshotAsync(page, "readiness-board-700-sites-by-province", fullPage: false);

        // Accent-free search finds a province's sites; a state filter narrows them; a group folds away.
        await page.FillAsync("#board-search", "tinh thu so 5");
        await Assertions.Expect(page.Locator(".board-group")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".board-group summary")).ToContainTextAsync("Tỉnh Thử Số 5 — 10/20 điểm cầu sẵn sàng");
        await Assertions.Expect(page.Locator(".tile")).ToHaveCountAsync(20);
        await page.SelectOptionAsync("#board-state", "ready");
        await Assertions.Expect(page.Locator(".tile")).ToHaveCountAsync(10);
        await page.FillAsync("#board-search", "");
        await Assertions.Expect(page.Locator(".tile")).ToHaveCountAsync(70);
        await page.SelectOptionAsync("#board-state", "");
        await page.Locator(".board-group summary", new() { HasText = "Tỉnh Thử Số 2 —" }).ClickAsync();
        await Assertions.Expect(page.Locator(".board-group", new() { HasText = "Tỉnh Thử Số 2 —" }).Locator(".tile").First).ToBeHiddenAsync();
        await BrowserSession.ScreenshotAsync(page, "readiness-board-700-sites-filtered");
    }

    [Fact]
    public async Task An_office_edits_its_checklist_template_on_the_organizations_page_and_its_next_meeting_of_that_kind_gets_the_items()
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite)));
        var seeded = await ReadinessTestData.MeetingAsync(session.App.Database, sites: 2, checklist: false);
        await using (var db = session.App.CreateContext())
        {
            var office = new Organization { Name = "Văn phòng HĐND tỉnh Lâm Đồng", Kind = OrganizationKind.Office };
            db.Organizations.Add(office);
            await db.SaveChangesAsync(Token);
            db.Add(new MeetingOrganizer { MeetingId = seeded.MeetingId, OrganizationId = office.Id, IsLead = true });
            await db.SaveChangesAsync(Token);
            await using var scope = session.App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var clerk = new AppUser { UserName = "vanphong.lamdong", FullName = "Lê Thị Văn Phòng", OrganizationId = office.Id };
            Assert.True((await users.CreateAsync(clerk, DienHongApp.Password)).Succeeded);
            await users.AddToRoleAsync(clerk, Roles.Secretariat);
        }

        var page = session.Page;
        await session.SignInAsync("vanphong.lamdong", DienHongApp.Password);
        await page.GotoAsync("/organizations");
        // The page is interactive once its circuit is up: click until the editor opens.
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("#organizations tr", new() { HasText = "Văn phòng HĐND tỉnh Lâm Đồng" }).Locator(".checklist-link").ClickAsync();
            try
            {
                await Assertions.Expect(page.Locator("#checklist-template-kind")).ToBeVisibleAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }

        await page.SelectOptionAsync("#checklist-template-kind", nameof(MeetingKind.VoterContactConference));
        var defaults = DefaultChecklist.For(MeetingKind.VoterContactConference).Select(c => c.Name).ToList();
        await Assertions.Expect(page.Locator(".checklist-template-name")).ToHaveCountAsync(defaults.Count);
        await Assertions.Expect(page.Locator("#checklist-template-name-0")).ToHaveValueAsync(defaults[0]);

        // Its own wording for the room, no backdrop at a voter meeting, and one item of its own.
        await page.FillAsync("#checklist-template-name-0", "Phòng họp, bàn ghế, nước uống");
        await page.ClickAsync($"#checklist-template-remove-{defaults.IndexOf("Maket")}");
        await page.ClickAsync("#checklist-template-add");
        await page.FillAsync($"#checklist-template-name-{defaults.Count - 1}", "Xe đưa đón cử tri");
        await page.ClickAsync("#save-checklist-template");
        await Assertions.Expect(page.Locator("#checklist-template-editor")).ToContainTextAsync("Đã lưu danh mục kiểm tra mẫu.");
        await Assertions.Expect(page.Locator("#checklist-template-editor")).ToContainTextAsync("Đang dùng bản của cơ quan.");
        await session.ScreenshotAsync("readiness-checklist-template");

        // A blank item is refused with a Vietnamese message and nothing changes.
        await page.ClickAsync("#checklist-template-add");
        await page.ClickAsync("#save-checklist-template");
        await Assertions.Expect(page.Locator("#checklist-template-editor")).ToContainTextAsync("Mục kiểm tra không được để trống.");

        // The office's next meeting of that kind takes the edited items.
        await page.GotoAsync($"/meetings/{seeded.MeetingId}/readiness");
        await page.ClickAsync("#create-checklist");
        await Assertions.Expect(page.Locator("#board-checklist")).ToBeHiddenAsync();
        var board = await page.APIRequest.GetAsync($"api/meetings/{seeded.MeetingId}/readiness");
        using var json = JsonDocument.Parse(await board.TextAsync());
        var names = json.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        var expected = DefaultChecklist.For(MeetingKind.VoterContactConference).Where(c => !c.EpidemicOnly && c.Name != "Maket").Select(c => c.Name).ToList();
        expected[0] = "Phòng họp, bàn ghế, nước uống";
        expected.Add("Xe đưa đón cử tri");
        Assert.Equal(expected, names);
    }
}
