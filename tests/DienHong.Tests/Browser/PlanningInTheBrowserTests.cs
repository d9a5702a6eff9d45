using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DienHong.Tests.Browser;

/// <summary>A person signs in, plans a meeting with two sites and an agenda item, and finds it in the list — in Chromium.</summary>
public class PlanningInTheBrowserTests
{
    private const string Title = "Hội nghị tiếp xúc cử tri thử nghiệm trên trình duyệt";
    private const string Summary = "Phối hợp tổ chức Hội nghị Tiếp xúc cử tri trực tuyến sau kỳ họp thứ hai, Quốc hội khóa XV của Đoàn ĐBQH tỉnh Bình Phước.";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_secretary_creates_a_meeting_with_two_sites_and_an_agenda_item_and_sees_it_in_the_list(DatabaseProvider provider)
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(provider)));
        var page = session.Page;

        await page.GotoAsync("/meetings");
        await page.WaitForURLAsync(new Regex("account/login"));
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", DienHongApp.Password);
        await page.ClickAsync("button:has-text('Đăng nhập')");
        await page.WaitForURLAsync(new Regex("/meetings$"));

        await page.ClickAsync("#new-meeting");
        await page.FillAsync("#title", Title);
        await page.FillAsync("#starts-at", "05/12/2026 08:00");
        await page.FillAsync("#ends-at", "05/12/2026 11:30");
        await page.ClickAsync("#tab-sites");
        await page.ClickAsync("#add-site");
        await page.FillAsync("#site-name", "Phòng họp trực tuyến Văn phòng Đoàn ĐBQH và HĐND tỉnh");
        await page.ClickAsync("#site-done");
        await page.ClickAsync("#add-site");
        await page.FillAsync("#site-name", "Hội trường UBND xã Tân Lập");
        await page.FillAsync("#site-capacity", "30");
        await page.ClickAsync("#site-done");
        await page.ClickAsync("#tab-agenda");
        await page.ClickAsync("#add-agenda-item");
        await page.FillAsync("#agenda-content-0", "Tuyên bố lý do, giới thiệu đại biểu");
        await page.FillAsync("#agenda-presenter-0", "Đại diện BTT UBMTTQVN tỉnh");
        await page.ClickAsync("#save-meeting");
        await page.WaitForURLAsync(new Regex(@"/meetings/\d+\?saved=1$"));
        await Assertions.Expect(page.Locator(".alert.success")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Title);
        await page.ClickAsync("#tab-sites");
        await Assertions.Expect(page.Locator("#sites tbody tr[aria-rowindex]")).ToHaveCountAsync(2);
        await session.ScreenshotAsync($"meeting-editor-sites-{provider}");

        await page.GotoAsync("/meetings?q=tiep+xuc+cu+tri");
        var row = page.Locator("#meeting-list tbody tr", new() { HasText = Title });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("05/12/2026 8h00");
        await Assertions.Expect(row.Locator("td.num")).ToHaveTextAsync("2");
        await session.ScreenshotAsync($"meeting-list-{provider}");

        await using var db = session.App.CreateContext();
        var saved = await db.Meetings.Include(m => m.Sites).Include(m => m.AgendaItems).SingleAsync(m => m.Title == Title, TestContext.Current.CancellationToken);
        Assert.Equal(2, saved.Sites.Count);
        Assert.Single(saved.Sites, s => s.IsHost);
        Assert.Equal("Tuyên bố lý do, giới thiệu đại biểu", Assert.Single(saved.AgendaItems).Content);
        Assert.Equal(new DateTime(2026, 12, 5, 1, 0, 0, DateTimeKind.Utc), saved.StartsAt);
    }

    [Fact]
    public async Task The_demo_conference_is_browsable_by_its_office_secretary_and_only_it()
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), seedDemo: true));
        var page = session.Page;

        await session.SignInAsync("thuky", Features.Demo.DemoSeeder.DemoPassword);
        // The demo secretary belongs to the Bình Phước office: the Điện Biên session is not theirs.
        await Assertions.Expect(page.Locator("#meeting-list tbody tr")).ToHaveCountAsync(1);
        await session.ScreenshotAsync("demo-meeting-list");

        await page.ClickAsync("text=" + Features.Demo.BinhPhuocDemo.Title);
        await page.ClickAsync("#tab-sites");
        await Assertions.Expect(page.Locator("#sites tbody tr[aria-rowindex]")).ToHaveCountAsync(13);
        await session.ScreenshotAsync("demo-sites");
        await page.ClickAsync("#tab-agenda");
        await Assertions.Expect(page.Locator("#agenda tbody tr")).ToHaveCountAsync(6);
        await session.ScreenshotAsync("demo-agenda");
    }

    [Fact]
    public async Task The_secretary_issues_the_plan_from_the_demo_meeting_in_a_few_clicks()
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), seedDemo: true));
        var page = session.Page;
        await session.SignInAsync("thuky", Features.Demo.DemoSeeder.DemoPassword);
        await page.ClickAsync("text=" + Features.Demo.BinhPhuocDemo.Title);

        // The tab answers once the page is interactive: click until the plan's wording is there.
        var wording = page.Locator("#document-text");
        for (var attempt = 1; ; attempt++)
        {
            await page.ClickAsync("#tab-documents");
            try
            {
                await Assertions.Expect(wording).ToHaveValueAsync(new Regex("^@summary ", RegexOptions.Multiline), new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }

        // The office words the summary its own way (the seed's), then issues.
        var text = await wording.InputValueAsync();
        await wording.FillAsync(Regex.Replace(text, "^@summary .*$", "@summary " + Summary, RegexOptions.Multiline));
        await page.ClickAsync("#issue-document");

        var row = page.Locator("#issued-documents tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.First).ToContainTextAsync("01/KH-ĐBQH");
        await Assertions.Expect(page.Locator(".backdrops img").First).ToBeVisibleAsync();
        await session.ScreenshotAsync("demo-documents");
        var download = await page.APIRequest.GetAsync(await row.First.Locator("a:has-text('DOCX')").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, download.Status);
        var issued = Drafting.DocxText.All(await download.BodyAsync());
        Assert.Contains("Số: 01/KH-ĐBQH", issued, StringComparison.Ordinal);
        Assert.Contains(Summary, issued, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agenda_items_reorder_by_drag_and_drop_and_by_buttons_keeping_numbers_continuous()
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), seedDemo: true));
        var page = session.Page;
        await session.SignInAsync("thuky", Features.Demo.DemoSeeder.DemoPassword);
        await page.ClickAsync("text=" + Features.Demo.BinhPhuocDemo.Title);
        await page.ClickAsync("#tab-agenda");
        var rows = page.Locator("#agenda tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(6);

        await rows.Nth(5).Locator("td.handle").DragToAsync(rows.Nth(0));
        await Assertions.Expect(page.Locator("#agenda-content-0")).ToHaveValueAsync("Kết thúc Hội nghị");
        await rows.Nth(0).Locator("button[title='Xuống']").ClickAsync();
        await Assertions.Expect(page.Locator("#agenda-content-1")).ToHaveValueAsync("Kết thúc Hội nghị");
        await page.ClickAsync("#save-meeting");
        await Assertions.Expect(page.Locator(".alert.success")).ToBeVisibleAsync();

        await using var db = session.App.CreateContext();
        var meetingId = await db.Meetings.Where(m => m.Title == Features.Demo.BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(TestContext.Current.CancellationToken);
        var conference = await db.AgendaItems.Where(a => a.MeetingId == meetingId).OrderBy(a => a.Order).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([1, 2, 3, 4, 5, 6], conference.Select(a => a.Order));
        Assert.Equal(["Tuyên bố lý do, giới thiệu đại biểu", "Kết thúc Hội nghị"], conference.Take(2).Select(a => a.Content));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_site_file_with_a_bad_row_is_refused_row_by_row_then_a_good_one_lands(DatabaseProvider provider)
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true));
        var page = session.Page;
        await session.SignInAsync("thuky", Features.Demo.DemoSeeder.DemoPassword);
        await page.ClickAsync("text=" + Features.Demo.BinhPhuocDemo.Title);
        await page.ClickAsync("#tab-sites");
        var bad = "Tên điểm cầu,Sức chứa\nUBND xã Tân Tiến,30\nUBND xã Tân Hòa,không rõ\n"u8.ToArray();
        var good = "Tên điểm cầu,Sức chứa,Cấp\nUBND xã Tân Tiến,30,Xã\nUBND xã Tân Hòa,25,Xã\n"u8.ToArray();

        // Blazor's InputFile hooks its listener after the first render: offer the file until it is taken.
        var refused = page.Locator(".import-box .alert.error");
        for (var attempt = 1; ; attempt++)
        {
            await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "diem-cau.csv", MimeType = "text/csv", Buffer = bad });
            try
            {
                await Assertions.Expect(refused).ToBeVisibleAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }

        var badLine = refused.Locator("tbody tr", new() { HasText = "Sức chứa \"không rõ\" không phải số nguyên dương." });
        await Assertions.Expect(badLine.Locator("td").First).ToHaveTextAsync("3");
        await session.ScreenshotAsync($"import-refused-{provider}");
        await Assertions.Expect(page.Locator("#sites tbody tr[aria-rowindex]")).ToHaveCountAsync(13);

        await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "diem-cau.csv", MimeType = "text/csv", Buffer = good });
        await Assertions.Expect(page.Locator("#sites tbody tr[aria-rowindex]")).ToHaveCountAsync(15);
        await using var db = session.App.CreateContext();
        Assert.Equal(15 + 12, await db.Sites.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_secretary_copies_last_sessions_conference_as_the_start_of_the_next_one()
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), seedDemo: true));
        var page = session.Page;
        await session.SignInAsync("thuky", Features.Demo.DemoSeeder.DemoPassword);
        await page.ClickAsync("text=" + Features.Demo.BinhPhuocDemo.Title);

        await page.ClickAsync("button:has-text('Sao chép thành cuộc họp mới')");
        await page.FillAsync("#copy-starts-at", "24/06/2022 08:00");
        await page.FillAsync("#copy-title", "Hội nghị tiếp xúc cử tri trực tuyến sau kỳ họp thứ ba, Quốc hội khóa XV");
        await page.ClickAsync("button:has-text('Tạo bản sao')");

        await page.WaitForURLAsync(new Regex(@"/meetings/\d+\?saved=1$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hội nghị tiếp xúc cử tri trực tuyến sau kỳ họp thứ ba, Quốc hội khóa XV");
        await using var db = session.App.CreateContext();
        var copy = await db.Meetings.Include(m => m.Sites).Include(m => m.Assignments)
            .SingleAsync(m => m.Title.Contains("kỳ họp thứ ba"), TestContext.Current.CancellationToken);
        Assert.Equal((Features.Meetings.MeetingStatus.Draft, 13), (copy.Status, copy.Sites.Count));
        Assert.Equal(new DateTime(2022, 6, 24, 1, 0, 0, DateTimeKind.Utc), copy.StartsAt);
        Assert.All(copy.Sites, s => Assert.Equal(new DateTime(2022, 6, 23, 7, 0, 0, DateTimeKind.Utc), s.ConnectionTestAt));
    }
}
