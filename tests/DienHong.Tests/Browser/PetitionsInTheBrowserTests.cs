using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Demo;
using DienHong.Features.Petitions;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DienHong.Tests.Browser;

/// <summary>
/// A site operator records a petition at their site; the secretariat records the same issue sent in
/// writing, merges the two on the model's suggestion, classifies and refers the recommendation; the
/// roads department answers; the secretariat publishes; a voter finds the answer on the public page,
/// follows the code, and sends a petition of their own there — in Chromium, on the demo data.
/// </summary>
public class PetitionsInTheBrowserTests
{
    private const string Content = "Cống thoát nước trên đường Phú Riềng Đỏ trước chợ phường Tiến Thành bị vỡ, nước tràn ra đường gây ngập và mất an toàn giao thông.";
    private const string SameIssue = "Đề nghị sửa cống thoát nước bị vỡ trên đường Phú Riềng Đỏ trước chợ Tiến Thành, mưa xuống là ngập cả đường.";
    private const string Answer = "Sở Giao thông vận tải đã giao đơn vị quản lý đường sửa cống trước chợ Tiến Thành trong tháng này.";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_petition_recorded_at_a_site_is_found_answered_on_the_public_page(DatabaseProvider provider)
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true));
        var page = session.Page;
        int meetingId, siteId;
        await using (var db = session.App.CreateContext())
        {
            var conference = await db.Meetings.Include(m => m.Sites).SingleAsync(m => m.Title == BinhPhuocDemo.Title, TestContext.Current.CancellationToken);
            meetingId = conference.Id;
            siteId = conference.Sites.Single(s => s.Name.Contains("Tiến Thành", StringComparison.Ordinal)).Id;
        }

        // The site operator records it at their site.
        await session.SignInAsync("kythuat.dongxoai", DemoSeeder.DemoPassword);
        await page.GotoAsync($"/meetings/{meetingId}/sites/{siteId}/petitions");
        await page.FillAsync("#petition-voter", "Mai Văn Khởi");
        await page.FillAsync("#petition-address", "Khu phố 1, phường Tiến Thành");
        await page.FillAsync("#petition-content", Content);
        await page.ClickAsync("#record-petition");
        await Assertions.Expect(page.Locator(".alert.success")).ToContainTextAsync("Mã theo dõi: KN-");
        var code = Regex.Match(await page.Locator(".alert.success").InnerTextAsync(), "KN-[A-Z0-9]{4}-[A-Z0-9]{4}").Value;
        await Assertions.Expect(page.Locator("#site-petitions tbody tr", new() { HasText = "Mai Văn Khởi" })).ToHaveCountAsync(1);
        await session.ScreenshotAsync($"petitions-site-{provider}");

        // The secretariat records the same issue sent in writing, in other words, then finds both unaccented.
        await page.Context.ClearCookiesAsync();
        await session.SignInAsync("thuky", DemoSeeder.DemoPassword);
        await page.GotoAsync($"/meetings/{meetingId}/petitions");
        await page.FillAsync("#petition-voter", "Lò Thị Hoa");
        await page.FillAsync("#petition-content", SameIssue);
        await page.ClickAsync("#record-petition");
        await Assertions.Expect(page.Locator(".record-petition .alert.success")).ToContainTextAsync("Mã theo dõi: KN-");
        await page.ReloadAsync();
        await page.FillAsync("#petition-search", "cong thoat nuoc phu rieng do");
        // Typing filters as it goes: wait until only the two new petitions' rows are left.
        var rows = page.Locator("#recommendations tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await rows.First.Locator("button").ClickAsync();
        // The first suggestion trains the model on the demo's classified petitions: slow on a shared 2-core machine.
        await Assertions.Expect(page.Locator("#suggestion")).ToContainTextAsync("Lĩnh vực:", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("#similar li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#similar")).ToContainTextAsync("mưa xuống là ngập");
        await session.ScreenshotAsync($"petitions-suggestion-{provider}");

        // Merged: one recommendation keeps both voters' words and says where they were raised.
        await page.Locator("#similar button").ClickAsync();
        await Assertions.Expect(page.Locator(".alert.success")).ToContainTextAsync("Đã gộp");
        await Assertions.Expect(page.Locator("#recommendation-panel h3")).ToContainTextAsync("2 cử tri tại 2 điểm cầu nêu");
        await Assertions.Expect(page.Locator("#recommendation-panel tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#classify-field", new SelectOptionValue { Label = "Giao thông" });
        await page.SelectOptionAsync("#classify-level", new SelectOptionValue { Label = "Tỉnh" });
        await page.SelectOptionAsync("#classify-agency", new SelectOptionValue { Label = "Sở Giao thông vận tải" });
        await session.ScreenshotAsync($"petitions-classify-{provider}");
        await page.ClickAsync("#confirm-classification");
        await Assertions.Expect(page.Locator(".alert.success")).ToContainTextAsync("Đã phân loại");
        await page.ClickAsync("#refer");
        await Assertions.Expect(page.Locator(".alert.success")).ToContainTextAsync("Đã chuyển cơ quan giải quyết");

        // The roads department answers.
        await page.Context.ClearCookiesAsync();
        await session.SignInAsync("sogtvt", DemoSeeder.DemoPassword);
        await page.GotoAsync("/petitions/referrals");
        await page.Locator("#referrals tbody tr", new() { HasText = "Cống thoát nước" }).Locator("button").ClickAsync();
        await page.FillAsync("#answer-text", Answer);
        await page.ClickAsync("#send-answer");
        await Assertions.Expect(page.Locator(".alert.success")).ToContainTextAsync("Đã gửi trả lời");

        // The secretariat publishes the answer.
        await page.Context.ClearCookiesAsync();
        await session.SignInAsync("thuky", DemoSeeder.DemoPassword);
        await page.GotoAsync($"/meetings/{meetingId}/petitions");
        await page.FillAsync("#petition-search", "cong thoat nuoc phu rieng do");
        await Assertions.Expect(page.Locator("#recommendations tbody tr")).ToHaveCountAsync(1);
        await page.Locator("#recommendations tbody tr").Locator("button").ClickAsync();
        await page.ClickAsync("#publish");
        await Assertions.Expect(page.Locator(".alert.success")).ToContainTextAsync("Đã công khai trả lời");
        await page.GotoAsync($"/meetings/{meetingId}/petitions/dashboard");
        await Assertions.Expect(page.Locator("#charts svg")).ToHaveCountAsync(6);
        await session.ScreenshotAsync($"petitions-dashboard-{provider}");

        // A voter, signed out, finds the answer on the public page and follows the code.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync($"/cong-khai/hoi-nghi/{meetingId}?q=cong+thoat+nuoc");
        await Assertions.Expect(page.Locator("#published-answers article")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#published-answers")).ToContainTextAsync(Answer);
        await Assertions.Expect(page.Locator("#published-answers")).ToContainTextAsync("2 cử tri tại 2 điểm cầu nêu");
        await session.ScreenshotAsync($"petitions-public-{provider}");
        await page.GotoAsync($"/cong-khai/theo-doi?ma={code}");
        await Assertions.Expect(page.Locator("#tracking")).ToContainTextAsync("Đã công khai trả lời");
        await session.ScreenshotAsync($"petitions-tracking-{provider}");

        // The voter sends one from the public page (the honeypot stays out of sight) and is given a code to follow.
        await page.GotoAsync(PublicPetitionPages.MeetingPath(meetingId));
        await Assertions.Expect(page.Locator(".honeypot input")).Not.ToBeInViewportAsync();
        await page.FillAsync("[name='Input.VoterName']", "Điểu Thị Bé");
        await page.FillAsync("[name='Input.Content']", "Đề nghị làm đèn chiếu sáng đoạn đường từ ấp 3 ra chợ Tiến Thành.");
        await page.ClickAsync("#public-petition button[type=submit]");
        var publicCode = await page.Locator("#tracking-code").InnerTextAsync();
        Assert.Matches("^KN-[A-Z2-9]{4}-[A-Z2-9]{4}$", publicCode);
        await session.ScreenshotAsync($"petitions-public-receipt-{provider}");
        await page.Locator("#receipt a").ClickAsync();
        await Assertions.Expect(page.Locator("#tracking")).ToContainTextAsync("Đã tiếp nhận (trực tuyến)");
    }
}
