using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Attendance;
using DienHong.Features.Demo;
using DienHong.Features.Participants;
using DienHong.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DienHong.Tests.Browser;

/// <summary>The secretary runs the sitting from the Điều hành page while a commune site checks people in from a phone — in Chromium.</summary>
public class LiveMeetingInTheBrowserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_sitting_is_run_from_the_conduct_page_and_a_site_checks_in_by_code_until_its_room_is_full(DatabaseProvider provider)
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true));
        int meetingId, siteId;
        List<Participant> invited;
        await using (var db = session.App.CreateContext())
        {
            meetingId = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(Token);
            var site = await db.Sites.SingleAsync(s => s.MeetingId == meetingId && s.Name.Contains("Tiến Thành"), Token);
            site.Capacity = 2;
            siteId = site.Id;
            invited = [new() { MeetingId = meetingId, SiteId = siteId, PersonName = "Điểu Thị Hường", Title = "Cử tri", Role = ParticipantRole.Voter }];
            db.Participants.AddRange(invited);
            await db.SaveChangesAsync(Token);
        }

        var code = CheckInCodes.Create(session.App.Services.GetRequiredService<IDataProtectionProvider>(), meetingId, invited[0].Id);
        var host = session.Page;
        await session.SignInAsync("thuky", DemoSeeder.DemoPassword);
        await host.GotoAsync($"/meetings/{meetingId}/conduct");
        await host.ClickAsync("#propose-sittings");
        var first = host.Locator("#sittings tbody tr").First;
        await Assertions.Expect(first).ToContainTextAsync("Chưa bắt đầu");
        await first.Locator("button.start").ClickAsync();
        await Assertions.Expect(first).ToContainTextAsync("Đang họp");
        await host.Locator("#agenda-conduct tbody tr").Nth(1).Locator("button.make-current").ClickAsync();
        await Assertions.Expect(host.Locator("#agenda-conduct tbody tr.current")).ToHaveCountAsync(1);
        await Assertions.Expect(host.Locator("#conduct-status")).ToContainTextAsync("Đang thảo luận: 2.");
        await session.ScreenshotAsync($"live-conduct-{provider}");

        await host.GotoAsync($"/meetings/{meetingId}/readiness");
        var tile = host.Locator($".tile[data-site='{siteId}'] .headcount");
        await Assertions.Expect(host.Locator("#board-conduct")).ToContainTextAsync("Đang họp");

        var phone = await session.NewPersonAsync(390, 844, mobile: true);
        await BrowserSession.SignInAsync(phone, "kythuat.dongxoai", DemoSeeder.DemoPassword);
        await phone.GotoAsync($"/meetings/{meetingId}/sites/{siteId}/console");
        // A USB scanner types the code and Enter.
        await phone.FillAsync("#checkin-code", code);
        await phone.PressAsync("#checkin-code", "Enter");
        await Assertions.Expect(phone.Locator(".alert.success").Filter(new() { HasText = "Điểu Thị Hường" })).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator("#attendance-count")).ToContainTextAsync("Có mặt 1");
        await Assertions.Expect(phone.Locator($"#present-{invited[0].Id}")).ToBeCheckedAsync();
        await phone.FillAsync("#checkin-code", code);
        await phone.PressAsync("#checkin-code", "Enter");
        await Assertions.Expect(phone.Locator("text=mỗi giấy mời chỉ điểm danh một lần")).ToHaveCountAsync(1);

        await phone.FillAsync("#walk-in-name", "Lâm Văn Sang");
        await phone.FillAsync("#walk-in-address", "Khu phố 3, phường Tiến Thành");
        await phone.ClickAsync("#add-walk-in");
        await Assertions.Expect(phone.Locator("#attendance-walk-ins")).ToContainTextAsync("Lâm Văn Sang");
        await phone.FillAsync("#walk-in-name", "Nguyễn Văn Muộn");
        await phone.ClickAsync("#add-walk-in");
        await Assertions.Expect(phone.Locator("text=Điểm cầu đã đủ 2/2 người")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator("#attendance-count")).ToContainTextAsync("Có mặt 2");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the console is wider than a phone screen");
        await BrowserSession.ScreenshotAsync(phone, $"live-checkin-phone-{provider}");

        // The host's board took the counts from the live events, never reloading.
        await Assertions.Expect(tile).ToHaveTextAsync(new Regex(@"^2/\d+/2$"));
        await Assertions.Expect(tile).ToHaveClassAsync(new Regex("bad"));
        Assert.Equal(1, await host.EvaluateAsync<int>("performance.getEntriesByType('navigation').length"));
        await session.ScreenshotAsync($"live-board-{provider}");
        await using var check = session.App.CreateContext();
        Assert.Equal(2, await check.CheckIns.CountAsync(c => c.SiteId == siteId && c.CheckedOutAt == null, Token));
    }
}
