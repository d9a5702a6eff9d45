using System.Diagnostics;
using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Demo;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DienHong.Tests.Browser;

/// <summary>
/// The meeting editor in Chromium: it does not crash or lose work, rows stay where the user put
/// them, leaving asks first, and its grids read well at national scale and for read-only users.
/// </summary>
public class MeetingEditorInTheBrowserTests
{
    private const string Rows = "tbody tr[aria-rowindex]";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<BrowserSession> DemoAsync(string userName)
    {
        var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), seedDemo: true));
        await session.SignInAsync(userName, userName == "admin" ? DienHongApp.Password : DemoSeeder.DemoPassword);
        return session;
    }

    [Fact]
    public async Task Two_tasks_for_one_organization_and_two_people_of_the_organizer_save_without_ending_the_session_and_leaving_asks_first()
    {
        await using var session = await DemoAsync("thuky");
        var page = session.Page;
        await using var db = session.App.CreateContext();
        var meetingId = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(Token);
        var organizer = await db.Meetings.Where(m => m.Id == meetingId).SelectMany(m => m.Organizers).Where(o => o.IsLead).Select(o => o.Organization!.Name).SingleAsync(Token);
        var dialogs = new List<(string Type, string Message)>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add((dialog.Type, dialog.Message));
            await dialog.DismissAsync();
        };
        await page.ClickAsync("text=" + BinhPhuocDemo.Title);

        // Tasks: two for the organizer, which the meeting already tracks.
        await page.ClickAsync("#tab-assignments");
        foreach (var content in new[] { "Chuẩn bị nội dung báo cáo tổng hợp ý kiến cử tri", "Rà soát danh sách đại biểu dự hội nghị" })
        {
            await page.ClickAsync("#add-assignment");
            await page.SelectOptionAsync("#assignment-organization", new SelectOptionValue { Label = organizer });
            await page.FillAsync("#assignment-content", content);
            await page.FillAsync("#assignment-deadline", "17/11/2021");
            await page.ClickAsync("#assignment-done");
        }

        // People: two of the organizer at the host site.
        await page.ClickAsync("#tab-participants");
        foreach (var name in new[] { "Trần Văn Một", "Lê Thị Hai" })
        {
            await page.ClickAsync("#add-participant");
            await page.FillAsync("#participant-name", name);
            await page.SelectOptionAsync("#participant-organization", new SelectOptionValue { Label = organizer });
            await page.SelectOptionAsync("#participant-site", new SelectOptionValue { Index = 1 });
            await page.ClickAsync("#participant-done");
        }

        // The tabs with changes are marked, and leaving asks — by the back link, the menu, or closing
        // the browser tab (the browser's own question); "stay" keeps everything.
        await Assertions.Expect(page.Locator("#unsaved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tab-assignments .unsaved-dot")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tab-participants .unsaved-dot")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tab-agenda .unsaved-dot")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("editor-unsaved-changes");
        foreach (var leave in new[] { "a.back", ".mainnav a:has-text('Cơ quan, đơn vị')" })
        {
            var before = dialogs.Count;
            await page.ClickAsync(leave);
            await WaitForAsync(() => dialogs.Count > before);
            await Assertions.Expect(page.Locator("#unsaved")).ToBeVisibleAsync();
            Assert.Equal("beforeunload", dialogs[^1].Type);
        }

        await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        await WaitForAsync(() => dialogs.Count > 2);
        Assert.Equal((3, "beforeunload"), (dialogs.Count, dialogs[^1].Type));
        Assert.Matches($"/meetings/{meetingId}$", page.Url);
        await Assertions.Expect(page.Locator("#participants " + Rows, new() { HasText = "Lê Thị Hai" })).ToHaveCountAsync(1);

        await page.ClickAsync("#save-meeting");
        await Assertions.Expect(page.Locator(".alert.success")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#unsaved")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await page.ClickAsync("#tab-history");
        await Assertions.Expect(page.Locator("#history " + Rows).First).ToContainTextAsync("Thêm");
        await session.ScreenshotAsync("editor-history-after-save");

        await using (var check = session.App.CreateContext())
        {
            var tasks = await check.Assignments.Where(a => a.MeetingId == meetingId && a.Organization!.Name == organizer && a.Deadline == new DateOnly(2021, 11, 17)).CountAsync(Token);
            var people = await check.Participants.Where(p => p.MeetingId == meetingId && p.Organization!.Name == organizer && (p.PersonName == "Trần Văn Một" || p.PersonName == "Lê Thị Hai")).CountAsync(Token);
            Assert.Equal((2, 2), (tasks, people));
        }

        // Saved: leaving no longer asks.
        var asked = dialogs.Count;
        await page.ClickAsync("a.back");
        await page.WaitForURLAsync(new Regex("/meetings$"));
        Assert.Equal(asked, dialogs.Count);
    }

    [Fact]
    public async Task Ticking_the_host_on_the_third_row_keeps_every_row_in_place_and_saves_that_site_as_host()
    {
        await using var session = await DemoAsync("thuky");
        var page = session.Page;
        await page.ClickAsync("text=" + BinhPhuocDemo.Title);
        await page.ClickAsync("#tab-sites");
        var names = page.Locator("#sites " + Rows + " td.col-name");
        await Assertions.Expect(names).ToHaveCountAsync(13);
        var before = await names.AllInnerTextsAsync();

        await page.CheckAsync("#site-host-2");

        Assert.Equal(before, await names.AllInnerTextsAsync());
        await Assertions.Expect(page.Locator("#site-host-2")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#site-host-0")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#sites " + Rows + ".host")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#sites " + Rows).Nth(2)).ToHaveClassAsync("host");
        await session.ScreenshotAsync("editor-host-ticked-third-row");
        await page.ClickAsync("#save-meeting");
        await Assertions.Expect(page.Locator(".alert.success")).ToBeVisibleAsync();
        Assert.Equal(before, await names.AllInnerTextsAsync());

        await using var db = session.App.CreateContext();
        var host = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).SelectMany(m => m.Sites).Where(s => s.IsHost).Select(s => s.Name).SingleAsync(Token);
        Assert.Equal(before[2], host);
    }

    [Fact]
    public async Task Dates_are_typed_and_shown_day_first_in_24_hours_and_a_wrong_one_is_refused_in_Vietnamese()
    {
        await using var session = await DemoAsync("thuky");
        var page = session.Page;
        await page.ClickAsync("text=" + BinhPhuocDemo.Title);

        await Assertions.Expect(page.Locator("#starts-at")).ToHaveValueAsync("19/11/2021 08:00");
        await Assertions.Expect(page.Locator("#ends-at")).ToHaveValueAsync("19/11/2021 11:30");
        await page.FillAsync("#ends-at", "19/11/2021 2:30 PM");
        await page.PressAsync("#ends-at", "Tab");
        await Assertions.Expect(page.Locator(".field-error")).ToHaveTextAsync("\"19/11/2021 2:30 PM\" không phải ngày giờ hợp lệ: gõ theo dạng dd/MM/yyyy HH:mm, ví dụ 19/11/2021 08:00.");
        await page.ClickAsync("#save-meeting");
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("không phải ngày giờ hợp lệ");
        await session.ScreenshotAsync("editor-date-refused");

        await page.FillAsync("#ends-at", "14h30 19/11/2021");
        await page.PressAsync("#ends-at", "Tab");
        await Assertions.Expect(page.Locator("#ends-at")).ToHaveValueAsync("19/11/2021 14:30");
        await page.ClickAsync("#save-meeting");
        await Assertions.Expect(page.Locator(".alert.success")).ToBeVisibleAsync();
        await using var db = session.App.CreateContext();
        Assert.Equal(new DateTime(2021, 11, 19, 7, 30, 0, DateTimeKind.Utc), await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.EndsAt).SingleAsync(Token));
    }

    [Fact]
    public async Task A_national_meeting_of_63_sites_and_2000_people_reads_whole_in_grids_that_fit_the_page()
    {
        await using var session = await DemoAsync("admin");
        var page = session.Page;
        var meetingId = await NationalMeetingAsync(session.App);
        await page.GotoAsync($"/meetings/{meetingId}");

        await page.ClickAsync("#tab-sites");
        await Assertions.Expect(page.Locator("#sites " + Rows)).ToHaveCountAsync(50);
        await Assertions.Expect(page.Locator(".grid-pager")).ToContainTextAsync("Dòng 1–50 / 63");
        await AssertReadsWholeAsync(page, "#sites-frame");
        await session.ScreenshotAsync("national-sites");

        var watch = Stopwatch.StartNew();
        await page.ClickAsync("#tab-participants");
        await Assertions.Expect(page.Locator("#participants " + Rows)).ToHaveCountAsync(50);
        TestContext.Current.SendDiagnosticMessage($"2,000 participants: first page shown {watch.ElapsedMilliseconds} ms after the click (browser, shared CPU)");
        await Assertions.Expect(page.Locator(".grid-pager")).ToContainTextAsync("Dòng 1–50 / 2.000");
        await AssertReadsWholeAsync(page, "#participants-frame");
        await session.ScreenshotAsync("national-participants");

        // The site list tells 63 "Đoàn ĐBQH tỉnh …" apart: each option's whole text fits the box.
        await page.Locator("#participants " + Rows).First.Locator("button:has-text('Sửa')").ClickAsync();
        var cut = await page.EvaluateAsync<string[]>("""
            () => {
                const cut = [];
                for (const select of document.querySelectorAll('#participant-site, #participant-site-filter')) {
                    const style = getComputedStyle(select);
                    const context = document.createElement('canvas').getContext('2d');
                    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
                    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
                    for (const option of select.options) {
                        if (context.measureText(option.text).width > room) cut.push(`${select.id}: ${option.text}`);
                    }
                }
                return cut;
            }
            """);
        Assert.Empty(cut);
        await session.ScreenshotAsync("national-participant-editor");

        // Sorting by a header; the header stays in view while the rows scroll under it.
        await page.ClickAsync("#participants th:has-text('Họ tên') button");
        var firstNames = await page.Locator("#participants " + Rows + " td.col-name").First.InnerTextAsync();
        Assert.EndsWith(" An", firstNames);
        var header = await page.EvaluateAsync<double[]>("""
            () => {
                const frame = document.querySelector('#participants-frame');
                frame.scrollTop = 600;
                return [frame.getBoundingClientRect().top, frame.querySelector('thead th').getBoundingClientRect().top, frame.scrollTop];
            }
            """);
        Assert.True(header[2] > 0, "the participants frame scrolls");
        Assert.InRange(header[1] - header[0], -1, 2);
        await session.ScreenshotAsync("national-participants-scrolled");
    }

    [Fact]
    public async Task A_read_only_user_reads_text_not_disabled_boxes_on_every_planning_tab()
    {
        await using var session = await DemoAsync("xem");
        var page = session.Page;
        await page.ClickAsync("text=" + BinhPhuocDemo.Title);
        await Assertions.Expect(page.Locator("#general-facts")).ToContainTextAsync(BinhPhuocDemo.Title);
        await Assertions.Expect(page.Locator("#save-meeting")).ToHaveCountAsync(0);

        foreach (var tab in new[] { "general", "sites", "participants", "agenda", "assignments" })
        {
            await page.ClickAsync($"#tab-{tab}");
            await Assertions.Expect(page.Locator(".tab-body table, .tab-body dl").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".tab-body input:not([type=search]), .tab-body select:not(#participant-site-filter), .tab-body textarea")).ToHaveCountAsync(0);
            await session.ScreenshotAsync($"read-only-{tab}");
        }

        await page.ClickAsync("#tab-sites");
        await Assertions.Expect(page.Locator("#sites " + Rows).First).ToContainTextAsync("✓");
    }

    /// <summary>The browser reports a dialog a moment after the action that raised it.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition() && waited < 30_000; waited += 100)
        {
            await Task.Delay(100, Token);
        }
    }

    /// <summary>Nothing cut or hidden: no cell's text overflows, no table is wider than its frame or the page.</summary>
    private static async Task AssertReadsWholeAsync(IPage page, string frame)
    {
        var problems = await page.EvaluateAsync<string[]>($$"""
            () => {
                const frame = document.querySelector('{{frame}}');
                const problems = [];
                if (frame.scrollWidth > frame.clientWidth + 1) problems.push(`frame scrolls sideways: ${frame.scrollWidth} > ${frame.clientWidth}`);
                if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`page wider than the window: ${document.documentElement.scrollWidth}`);
                for (const cell of frame.querySelectorAll('th, tbody tr[aria-rowindex] td')) {
                    if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`cut: ${cell.innerText}`);
                }
                return problems;
            }
            """);
        Assert.Empty(problems);
    }

    private static readonly string[] Provinces =
    [
        "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định", "Bình Phước",
        "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp",
        "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
        "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An",
        "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng",
        "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Thành phố Hồ Chí Minh", "Trà Vinh", "Tuyên Quang",
        "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
    ];

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"];

    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long", "Minh", "Nam", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Yến"];

    /// <summary>A session of the National Assembly online from 63 provinces, 2,000 people, nothing like the demo.</summary>
    private static async Task<int> NationalMeetingAsync(DienHongApp app)
    {
        Assert.Equal(63, Provinces.Length);
        var start = new DateTime(2026, 10, 20, 1, 0, 0, DateTimeKind.Utc);
        var meeting = new Meeting
        {
            Title = "Kỳ họp thứ mười, Quốc hội khóa XV — họp trực tuyến với các Đoàn đại biểu Quốc hội",
            Kind = MeetingKind.RegularSession,
            Format = MeetingFormat.Online,
            StartsAt = start,
            EndsAt = start.AddDays(10),
            Place = "Hà Nội",
        };
        meeting.Sites.Add(new Site { Name = "Hội trường Diên Hồng, Nhà Quốc hội", IsHost = true, Level = SiteLevel.Central, Capacity = 500, Room = "Hội trường Diên Hồng" });
        meeting.Sites.AddRange(Provinces.Take(62).Select(p => new Site
        {
            Name = $"Đoàn ĐBQH {(p.StartsWith("Thành phố", StringComparison.Ordinal) || p is "Hà Nội" or "Hải Phòng" or "Đà Nẵng" or "Cần Thơ" ? "thành phố" : "tỉnh")} {p.Replace("Thành phố ", "", StringComparison.Ordinal)}",
            Level = SiteLevel.Province,
            Capacity = 40,
            Room = $"Phòng họp trực tuyến Văn phòng Đoàn ĐBQH và HĐND {p}",
            PresidingPerson = $"Trưởng Đoàn ĐBQH {p}",
            TechnicalContactName = "Cán bộ kỹ thuật Văn phòng",
            TechnicalContactPhone = "0912 345 678",
            ConnectionTestAt = start.AddHours(-18),
        }));
        for (var i = 0; i < 2_000; i++)
        {
            meeting.Participants.Add(new Participant
            {
                PersonName = $"{FamilyNames[i % FamilyNames.Length]} {(i % 2 == 0 ? "Văn" : "Thị")} {GivenNames[i / 3 % GivenNames.Length]}",
                Title = "Đại biểu Quốc hội",
                OrganizationName = $"Đoàn đại biểu Quốc hội {Provinces[i % 63]}",
                Role = ParticipantRole.Delegate,
                Site = meeting.Sites[i % 63],
                Email = $"daibieu{i}@quochoi.vn",
            });
        }

        await using var db = app.CreateContext();
        db.Meetings.Add(meeting);
        await db.SaveMeetingAsync(meeting, Token);
        return meeting.Id;
    }
}
