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
using QRCoder;

namespace DienHong.Tests.Browser;

/// <summary>The secretary runs the sitting from the Điều hành page while a commune site checks people in from a phone — in Chromium.</summary>
public class LiveMeetingInTheBrowserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_sitting_is_run_from_the_conduct_page_and_a_site_checks_in_by_code_until_its_room_is_full(DatabaseProvider provider)
    {
        var camera = Path.Combine(Path.GetTempPath(), $"dienhong-camera-{Guid.NewGuid():N}.y4m");
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true), camera);
        int meetingId, siteId, otherMeetingId;
        List<Participant> invited;
        await using (var db = session.App.CreateContext())
        {
            meetingId = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(Token);
            otherMeetingId = await db.Meetings.Where(m => m.Id != meetingId).Select(m => m.Id).FirstAsync(Token);
            var site = await db.Sites.SingleAsync(s => s.MeetingId == meetingId && s.Name.Contains("Tiến Thành"), Token);
            site.Capacity = 2;
            siteId = site.Id;
            invited =
            [
                new() { MeetingId = meetingId, SiteId = siteId, PersonName = "Điểu Thị Hường", Title = "Cử tri", Role = ParticipantRole.Voter },
                new() { MeetingId = meetingId, SiteId = siteId, PersonName = "Thị Kim Loan", Title = "Cử tri", Role = ParticipantRole.Voter },
                new() { MeetingId = meetingId, SiteId = siteId, PersonName = "Nguyễn Văn Muộn", Title = "Cử tri", Role = ParticipantRole.Voter },
            ];
            db.Participants.AddRange(invited);
            await db.SaveChangesAsync(Token);
        }

        var protection = session.App.Services.GetRequiredService<IDataProtectionProvider>();
        var codes = invited.Select(p => CheckInCodes.Create(protection, meetingId, p.Id)).ToList();
        // The phone's camera films the second invitation's QR code.
        WriteQrVideo(camera, codes[1]);
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
        async Task TypeCodeAsync(string code)
        {
            // A USB scanner types the code and Enter.
            await phone.FillAsync("#checkin-code", code);
            await phone.PressAsync("#checkin-code", "Enter");
        }

        await TypeCodeAsync(codes[0]);
        await Assertions.Expect(phone.Locator(".alert.success").Filter(new() { HasText = "Điểu Thị Hường" })).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator("#attendance-count")).ToContainTextAsync("Có mặt 1");
        await Assertions.Expect(phone.Locator($"#present-{invited[0].Id}")).ToBeCheckedAsync();
        await TypeCodeAsync(codes[0]);
        await Assertions.Expect(phone.Locator("text=mỗi giấy mời chỉ điểm danh một lần")).ToHaveCountAsync(1);
        await TypeCodeAsync(codes[0][..^3] + (codes[0][^3] == 'A' ? "B" : "A") + codes[0][^2..]);
        await Assertions.Expect(phone.Locator("text=Mã điểm danh không hợp lệ")).ToHaveCountAsync(1);
        await TypeCodeAsync(CheckInCodes.Create(protection, otherMeetingId, invited[0].Id));
        await Assertions.Expect(phone.Locator("text=giấy mời một cuộc họp khác")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator("#attendance-count")).ToContainTextAsync("Có mặt 1");

        // The camera reads the second invitation (BarcodeDetector where the browser has it, jsQR here).
        await phone.ClickAsync("#checkin-camera");
        await Assertions.Expect(phone.Locator("#checkin-video")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator(".alert.success").Filter(new() { HasText = "Thị Kim Loan" })).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator("#attendance-count")).ToContainTextAsync("Có mặt 2");
        await BrowserSession.ScreenshotAsync(phone, $"live-checkin-camera-{provider}");
        await phone.ClickAsync("#checkin-camera");
        await Assertions.Expect(phone.Locator("#checkin-video")).ToBeHiddenAsync();

        // The room is full: the third invitation's code and a walk-in are refused with the reason, nothing recorded.
        await TypeCodeAsync(codes[2]);
        await Assertions.Expect(phone.Locator("text=Điểm cầu đã đủ 2/2 người")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator("text=chưa ghi nhận Nguyễn Văn Muộn")).ToHaveCountAsync(1);
        await phone.FillAsync("#walk-in-name", "Lâm Văn Sang");
        await phone.FillAsync("#walk-in-address", "Khu phố 3, phường Tiến Thành");
        await phone.ClickAsync("#add-walk-in");
        await Assertions.Expect(phone.Locator("text=chưa ghi nhận Lâm Văn Sang")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator("#attendance-count")).ToContainTextAsync("Có mặt 2");
        await Assertions.Expect(phone.Locator($"#present-{invited[2].Id}")).Not.ToBeCheckedAsync();
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the console is wider than a phone screen");
        await BrowserSession.ScreenshotAsync(phone, $"live-checkin-phone-{provider}");

        // The host's board took the counts from the live events, never reloading.
        await Assertions.Expect(tile).ToHaveTextAsync(new Regex(@"^2/\d+/2$"));
        await Assertions.Expect(tile).ToHaveClassAsync(new Regex("bad"));
        Assert.Equal(1, await host.EvaluateAsync<int>("performance.getEntriesByType('navigation').length"));
        await session.ScreenshotAsync($"live-board-{provider}");
        await using var check = session.App.CreateContext();
        var present = await check.CheckIns.Where(c => c.SiteId == siteId && c.CheckedOutAt == null).OrderBy(c => c.Id).ToListAsync(Token);
        Assert.Equal([(invited[0].Id, CheckInMethod.Code), (invited[1].Id, CheckInMethod.Code)], present.Select(c => (c.ParticipantId ?? 0, c.Method)));
        File.Delete(camera);
    }

    /// <summary>
    /// A camera's view of a printed QR code as Chromium's fake capture device reads it: one Y4M
    /// frame (4:2:0, black modules on white paper), which the browser repeats.
    /// </summary>
    private static void WriteQrVideo(string path, string text)
    {
        using var generator = new QRCodeGenerator();
        var modules = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M).ModuleMatrix;
        const int width = 640, height = 480;
        var scale = height / modules.Count;
        var (left, top) = ((width - modules.Count * scale) / 2, (height - modules.Count * scale) / 2);
        var luma = Enumerable.Repeat((byte)235, width * height).ToArray();
        for (var row = 0; row < modules.Count * scale; row++)
        {
            for (var column = 0; column < modules.Count * scale; column++)
            {
                if (modules[row / scale][column / scale])
                {
                    luma[(top + row) * width + left + column] = 16;
                }
            }
        }

        using var file = File.Create(path);
        file.Write(System.Text.Encoding.ASCII.GetBytes($"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\nFRAME\n"));
        file.Write(luma);
        file.Write(Enumerable.Repeat((byte)128, width * height / 2).ToArray());
    }
}
