using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Demo;
using DienHong.Features.Issuing;
using DienHong.Features.Projector;
using DienHong.Tests.Drafting;
using DienHong.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DienHong.Tests.Browser;

/// <summary>
/// A resolution of the demo council session from motion to result in Chromium: the chair on the
/// Điều hành page, the demo delegate on a phone in the hall, the district site's secretary entering
/// its show of hands on a phone, 16 more delegates in the hall voting from their own devices, and
/// the hall's projector opened by its link with no account.
/// </summary>
public class VotingInTheBrowserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_delegate_votes_on_a_phone_a_site_shows_hands_the_chair_closes_and_the_projector_shows_the_result(DatabaseProvider provider)
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true) { Settings = { ["Http:SignInsPerMinute"] = "1000" } });
        int meetingId, motionId, districtId;
        var token = ProjectorLink.NewToken();
        List<string> hallDelegates;
        await using (var db = session.App.CreateContext())
        {
            meetingId = await db.Meetings.Where(m => m.Title == DienBienDemo.Title).Select(m => m.Id).SingleAsync(Token);
            motionId = await db.Motions.Where(m => m.MeetingId == meetingId && m.Title == VotingDemo.Resolution).Select(m => m.Id).SingleAsync(Token);
            districtId = await db.Sites.Where(s => s.MeetingId == meetingId && s.Name == VotingDemo.DistrictSiteName).Select(s => s.Id).SingleAsync(Token);
            hallDelegates = await (from p in db.Participants
                                   join u in db.Users on p.UserId equals u.Id
                                   where p.MeetingId == meetingId && p.SiteId != districtId && u.UserName != VotingDemo.HallDelegate
                                   orderby p.Id
                                   select u.UserName!).Take(17).ToListAsync(Token);
            db.ProjectorLinks.Add(new ProjectorLink { MeetingId = meetingId, Label = "Màn hình hội trường", TokenHash = ProjectorLink.Hash(token), CreatedAt = DateTime.UtcNow, CreatedBy = "thuky", Version = 1 });
            await db.SaveChangesAsync(Token);
        }

        // The chair starts the sitting and moves to item 2; the panel shows the quorum.
        var chair = session.Page;
        await session.SignInAsync(VotingDemo.Chair, DemoSeeder.DemoPassword);
        await chair.GotoAsync($"/meetings/{meetingId}/conduct");
        await chair.Locator("#sittings tbody tr").First.Locator("button.start").ClickAsync();
        await Assertions.Expect(chair.Locator("#sittings tbody tr").First).ToContainTextAsync("Đang họp");
        await chair.Locator("#agenda-conduct tbody tr").Nth(1).Locator("button.make-current").ClickAsync();
        await Assertions.Expect(chair.Locator("#voting-quorum")).ToContainTextAsync("Có mặt 35/50 đại biểu · đủ túc số (cần 34)");
        var motion = chair.Locator($"#motion-{motionId}");
        await Assertions.Expect(motion.Locator(".motion-title")).ToHaveTextAsync(VotingDemo.Resolution);

        // A motion without a title is refused in Vietnamese and adds nothing.
        await chair.ClickAsync("#motion-new summary");
        await chair.ClickAsync("#motion-create");
        await Assertions.Expect(chair.Locator("#voting .alert.error")).ToContainTextAsync("Hãy ghi nội dung biểu quyết");
        await Assertions.Expect(chair.Locator("#voting .motion")).ToHaveCountAsync(1);

        var projector = await session.NewPersonAsync(1920, 1080);
        await projector.GotoAsync($"/trinh-chieu/{token}");
        await Assertions.Expect(projector.Locator("#p-item")).ToContainTextAsync("Mục 2.");

        // The demo delegate checks in from their phone: 36 present, seen live by the chair.
        var phone = await session.NewPersonAsync(390, 844, mobile: true);
        await BrowserSession.SignInAsync(phone, VotingDemo.HallDelegate, DemoSeeder.DemoPassword);
        await phone.GotoAsync($"/meetings/{meetingId}/delegate");
        await phone.ClickAsync("#delegate-check-in");
        await Assertions.Expect(phone.Locator("#delegate-presence")).ToHaveTextAsync("Đã điểm danh");
        await Assertions.Expect(chair.Locator("#voting-quorum")).ToContainTextAsync("Có mặt 36/50");

        // The chair opens the vote: the phone shows the buttons live, the projector says a vote is on.
        await motion.Locator("button.motion-open").ClickAsync();
        await Assertions.Expect(motion.Locator(".motion-state")).ToHaveTextAsync("Đang biểu quyết");
        await Assertions.Expect(projector.Locator("#p-vote-state")).ToHaveTextAsync("Đang biểu quyết");
        await Assertions.Expect(projector.Locator("#p-vote-title")).ToHaveTextAsync(VotingDemo.Resolution);
        await BrowserSession.ScreenshotAsync(projector, $"voting-projector-open-1920x1080-{provider}", fullPage: false);

        // A change of mind: against, then for; the receipt shows what the server recorded.
        await Assertions.Expect(phone.Locator("#delegate-vote-title")).ToHaveTextAsync(VotingDemo.Resolution);
        await phone.ClickAsync("#vote-against");
        await Assertions.Expect(phone.Locator("#vote-receipt")).ToContainTextAsync("Đã ghi nhận: Không tán thành");
        await phone.ClickAsync("#vote-for");
        await Assertions.Expect(phone.Locator("#vote-receipt")).ToContainTextAsync("Đã ghi nhận: Tán thành");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the delegate's page is wider than a phone screen");
        await BrowserSession.ScreenshotAsync(phone, $"voting-delegate-phone-{provider}");

        // 17 more delegates in the hall vote from their own devices: 16 for, 1 against.
        await using (var scope = session.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var userName in hallDelegates)
            {
                Assert.True((await users.AddPasswordAsync((await users.FindByNameAsync(userName))!, DienHongApp.Password)).Succeeded);
            }
        }

        var devices = await Task.WhenAll(hallDelegates.Select(async (userName, i) =>
        {
            var client = await SignInAsync(session.BaseAddress, userName);
            return await client.PostAsJsonAsync($"/api/meetings/{meetingId}/motions/{motionId}/votes", new { choice = i < 16 ? "For" : "Against" }, Token);
        }));
        Assert.All(devices, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        // The district's secretary counts 12 hands on a phone; 13 is refused with the reason.
        var site = await session.NewPersonAsync(390, 844, mobile: true);
        await BrowserSession.SignInAsync(site, VotingDemo.DistrictOperator, DemoSeeder.DemoPassword);
        await site.GotoAsync($"/meetings/{meetingId}/sites/{districtId}/console");
        await Assertions.Expect(site.Locator("#site-hands-cap")).ToContainTextAsync("Có mặt tại điểm cầu: 12 đại biểu; đã biểu quyết bằng thiết bị: 0; giơ tay tối đa: 12 người.");
        await site.FillAsync("#hands-for", "11");
        await site.FillAsync("#hands-against", "1");
        await site.FillAsync("#hands-abstain", "1");
        await site.ClickAsync("#hands-save");
        await Assertions.Expect(site.Locator("#site-hands .alert.error")).ToContainTextAsync("tổng số 13 vượt quá");
        await site.FillAsync("#hands-for", "10");
        await site.ClickAsync("#hands-save");
        await Assertions.Expect(site.Locator("#site-hands-entered")).ToContainTextAsync("Đã ghi nhận: tán thành 10, không tán thành 1, không biểu quyết 1");
        Assert.True(await site.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the site console is wider than a phone screen");
        await BrowserSession.ScreenshotAsync(site, $"voting-site-hands-phone-{provider}");

        // The chair sees how many voted (read every two seconds), then closes.
        await Assertions.Expect(motion.Locator("#voting-turnout")).ToContainTextAsync("Đã biểu quyết: 30/36 đại biểu có mặt (18 bằng thiết bị, 12 giơ tay tại điểm cầu)");
        await motion.Locator("button.motion-close").ClickAsync();
        await Assertions.Expect(motion.Locator(".motion-result")).ToContainTextAsync("Tán thành: 27 (54,00%)");
        await Assertions.Expect(motion.Locator(".motion-verdict")).ToContainTextAsync("THÔNG QUA (cần 26 tán thành)");
        await motion.Locator("button.motion-named").ClickAsync();
        await Assertions.Expect(motion.Locator(".motion-named-list tr").Filter(new() { HasText = "Lường Văn Đại" })).ToContainTextAsync("Tán thành");
        await session.ScreenshotAsync($"voting-chair-{provider}");

        // The projector shows the result as the National Assembly's screen does.
        await Assertions.Expect(projector.Locator("#p-vote-state")).ToHaveTextAsync("Kết quả biểu quyết");
        await Assertions.Expect(projector.Locator("#p-vote-lines")).ToContainTextAsync("Tán thành: 27 (54,00%)");
        await Assertions.Expect(projector.Locator("#p-vote-lines")).ToContainTextAsync("Không tán thành: 2 (4,00%)");
        await Assertions.Expect(projector.Locator("#p-vote-lines")).ToContainTextAsync("Không biểu quyết: 1 (2,00%)");
        await Assertions.Expect(projector.Locator("#p-vote-verdict")).ToHaveTextAsync("THÔNG QUA");
        Assert.True(await projector.EvaluateAsync<bool>("document.documentElement.scrollHeight <= window.innerHeight + 1"), "the projector scrolls at 1920×1080");
        await BrowserSession.ScreenshotAsync(projector, $"voting-projector-result-1920x1080-{provider}", fullPage: false);
        await projector.SetViewportSizeAsync(1280, 720);
        Assert.True(await projector.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the projector is wider than 1280 px");
        await BrowserSession.ScreenshotAsync(projector, $"voting-projector-result-1280x720-{provider}", fullPage: false);

        // The phone: no more buttons, the close said plainly; a vote sent after close is refused.
        await Assertions.Expect(phone.Locator("#vote-closed")).ToContainTextAsync("Biểu quyết đã kết thúc; phiếu không còn được ghi nhận.");
        await Assertions.Expect(phone.Locator("#vote-for")).ToHaveCountAsync(0);
        await Assertions.Expect(phone.Locator("#vote-result")).ToContainTextAsync("Tán thành: 27 (54,00%)");
        await BrowserSession.ScreenshotAsync(phone, $"voting-delegate-closed-phone-{provider}");
        var late = await (await SignInAsync(session.BaseAddress, hallDelegates[0])).PostAsJsonAsync($"/api/meetings/{meetingId}/motions/{motionId}/votes", new { choice = "Against" }, Token);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("đã kết thúc", await late.Content.ReadAsStringAsync(Token));
        await using var check = session.App.CreateContext();
        Assert.Equal(18, await check.Votes.CountAsync(v => v.MotionId == motionId, Token));

        // The secretariat's setup page: the delegates with their accounts and where they are; a bad membership figure is refused and changes nothing.
        var secretary = await session.NewPersonAsync();
        await BrowserSession.SignInAsync(secretary, VotingDemo.Secretary, DemoSeeder.DemoPassword);
        await secretary.GotoAsync($"/meetings/{meetingId}/voting");
        await Assertions.Expect(secretary.Locator("#delegates tbody tr")).ToHaveCountAsync(36);
        await Assertions.Expect(secretary.Locator("#delegates tbody tr").Filter(new() { HasText = "Lường Văn Đại" })).ToContainTextAsync(VotingDemo.HallDelegate);
        await secretary.FillAsync("#change-date", "01/05/2020");
        await secretary.FillAsync("#change-members", "0");
        await secretary.ClickAsync("#change-add");
        await Assertions.Expect(secretary.Locator(".alert.error")).ToContainTextAsync("Tổng số đại biểu phải từ 1 đến 10.000.");
        await Assertions.Expect(secretary.Locator("#membership-changes tbody tr")).ToHaveCountAsync(1);
        await BrowserSession.ScreenshotAsync(secretary, $"voting-membership-{provider}");

        // The result document and the minutes, issued through the register from the meeting's documents tab; the minutes carry the vote.
        await secretary.GotoAsync($"/meetings/{meetingId}");
        for (var attempt = 1; ; attempt++)
        {
            await secretary.ClickAsync("#tab-documents");
            try
            {
                await Assertions.Expect(secretary.Locator("#document-kind")).ToBeVisibleAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }

        await secretary.SelectOptionAsync("#document-kind", nameof(DocumentKind.VoteResult));
        await secretary.SelectOptionAsync("#document-motion", motionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(secretary.Locator("#document-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Tán thành: 27 \\(54,00%\\)"));
        await secretary.ClickAsync("#issue-document");
        await Assertions.Expect(secretary.Locator(".documents .alert.success")).ToContainTextAsync("Đã ban hành Kết quả biểu quyết số");
        await Assertions.Expect(secretary.Locator("#issued-documents tbody tr", new() { HasText = "/KQ-HĐND" })).ToHaveCountAsync(1);
        await secretary.SelectOptionAsync("#document-kind", nameof(DocumentKind.Minutes));
        await secretary.SelectOptionAsync("#document-sitting", new SelectOptionValue { Index = 1 });
        await Assertions.Expect(secretary.Locator("#document-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("KẾT QUẢ BIỂU QUYẾT"));
        await secretary.ClickAsync("#issue-document");
        await Assertions.Expect(secretary.Locator("#issued-documents tbody tr", new() { HasText = "/BB-HĐND" })).ToHaveCountAsync(1);
        await BrowserSession.ScreenshotAsync(secretary, $"voting-documents-{provider}");
        var minutes = await check.IssuedDocuments.Where(d => d.MeetingId == meetingId && d.Kind == DocumentKind.Minutes).Select(d => d.Content).SingleAsync(Token);
        var minutesText = DocxText.All(minutes);
        Assert.Contains(VotingDemo.Resolution, minutesText, StringComparison.Ordinal);
        Assert.Contains("Tán thành: 27 (54,00%)", minutesText, StringComparison.Ordinal);
    }

    private static async Task<HttpClient> SignInAsync(Uri address, string userName)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = address };
        var response = await client.PostAsJsonAsync("/api/account/login", new SignInRequest(userName, DienHongApp.Password), Token);
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {userName} failed: {(int)response.StatusCode}");
        return client;
    }
}
