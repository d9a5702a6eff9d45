using System.Globalization;
using DienHong.Data;
using DienHong.Features.Demo;
using DienHong.Features.Petitions;
using DienHong.Features.Text;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DienHong.Tests.Browser;

/// <summary>
/// "Ghi kiến nghị" on the live consoles: a site operator records a petition raised aloud at their
/// site from the site console, the secretariat one from the conduct page, each with the delegate it was
/// put to; then the referral's deadline is typed and shown as dd/MM/yyyy — in Chromium, on the demo data.
/// </summary>
public class LivePetitionsInTheBrowserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Petitions_are_recorded_from_the_site_console_and_the_conduct_page_and_deadlines_read_dd_MM_yyyy(DatabaseProvider provider)
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true));
        var page = session.Page;
        int meetingId, siteId;
        string delegateName;
        await using (var db = session.App.CreateContext())
        {
            var conference = await db.Meetings.Include(m => m.Sites).SingleAsync(m => m.Title == BinhPhuocDemo.Title, Token);
            (meetingId, siteId) = (conference.Id, conference.Sites.Single(s => s.Name.Contains("Tiến Thành", StringComparison.Ordinal)).Id);
            delegateName = await db.Participants.Where(p => p.MeetingId == meetingId && p.Role == Features.Participants.ParticipantRole.Delegate && p.PersonName != null)
                .Select(p => p.PersonName!).FirstAsync(Token);
        }

        // The site operator, on their console, records what a voter just said to a delegate.
        await session.SignInAsync("kythuat.dongxoai", DemoSeeder.DemoPassword);
        await page.GotoAsync($"/meetings/{meetingId}/sites/{siteId}/console");
        var panel = page.Locator("#live-petitions");
        await Assertions.Expect(panel.Locator("h3").First).ToHaveTextAsync("Ghi kiến nghị");
        await Assertions.Expect(panel.Locator("#petition-site")).ToHaveCountAsync(0);
        await Assertions.Expect(panel.Locator($"#petition-delegates option[value='{delegateName}']")).ToHaveCountAsync(1);
        await panel.Locator("#petition-voter").FillAsync("Mai Văn Khởi");
        await panel.Locator("#petition-address").FillAsync("Khu phố 1, phường Tiến Thành");
        await panel.Locator("#petition-delegate").FillAsync(delegateName);
        await panel.Locator("#petition-content").FillAsync("Đề nghị lắp đèn tín hiệu giao thông ở ngã tư chợ Tiến Thành, giờ tan học rất nguy hiểm.");
        await panel.Locator("#record-petition").ClickAsync();
        await Assertions.Expect(panel.Locator(".alert.success")).ToContainTextAsync("Mã theo dõi: KN-");
        await Assertions.Expect(panel.Locator("#live-petitions-recent li").First).ToContainTextAsync("Mai Văn Khởi");
        await session.ScreenshotAsync($"live-petitions-console-{provider}");

        // The secretariat, on the conduct page, records one raised at another site.
        await page.Context.ClearCookiesAsync();
        await session.SignInAsync("thuky", DemoSeeder.DemoPassword);
        await page.GotoAsync($"/meetings/{meetingId}/conduct");
        panel = page.Locator("#live-petitions");
        await panel.Locator("#petition-site").SelectOptionAsync(siteId.ToString(CultureInfo.InvariantCulture));
        await panel.Locator("#petition-voter").FillAsync("Lò Thị Hoa");
        await panel.Locator("#petition-delegate").FillAsync(delegateName);
        await panel.Locator("#petition-content").FillAsync("Cử tri đề nghị nạo vét mương thoát nước khu phố Tân Xuân 3 trước mùa mưa.");
        await panel.Locator("#record-petition").ClickAsync();
        await Assertions.Expect(panel.Locator(".alert.success")).ToContainTextAsync("Mã theo dõi: KN-");
        await session.ScreenshotAsync($"live-petitions-conduct-{provider}");

        await using (var db = session.App.CreateContext())
        {
            var recorded = await db.Petitions.Where(p => p.VoterName == "Mai Văn Khởi" || p.VoterName == "Lò Thị Hoa").OrderBy(p => p.Id).ToListAsync(Token);
            Assert.Equal(2, recorded.Count);
            Assert.All(recorded, p => Assert.Equal((meetingId, siteId, PetitionChannel.AtSite, delegateName), (p.MeetingId, p.SiteId!.Value, p.Channel, p.Delegate)));
            Assert.Equal("Khu phố 1, phường Tiến Thành", recorded[0].VoterAddress);
        }

        // Refer it: the deadline field shows dd/MM/yyyy, refuses another form, and takes a typed date.
        await page.GotoAsync($"/meetings/{meetingId}/petitions");
        await page.FillAsync("#petition-search", "nao vet muong tan xuan");
        await Assertions.Expect(page.Locator("#recommendations tbody tr")).ToHaveCountAsync(1);
        await page.Locator("#recommendations tbody tr button").ClickAsync();
        await page.SelectOptionAsync("#classify-field", new SelectOptionValue { Label = "Nông nghiệp" });
        await page.SelectOptionAsync("#classify-level", new SelectOptionValue { Label = "Tỉnh" });
        await page.SelectOptionAsync("#classify-agency", new SelectOptionValue { Label = "Sở Nông nghiệp và Phát triển nông thôn" });
        await page.ClickAsync("#confirm-classification");
        await Assertions.Expect(page.Locator(".alert.success")).ToContainTextAsync("Đã phân loại");
        var today = DateOnly.FromDateTime(VietnamTime.Now);
        await Assertions.Expect(page.Locator("#referral-deadline")).ToHaveValueAsync(today.AddDays(30).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.FillAsync("#referral-deadline", "2027-13-45");
        await page.Locator("#referral-deadline").BlurAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("dd/MM/yyyy");
        var due = today.AddDays(45);
        await page.FillAsync("#referral-deadline", due.ToString("d/M/yyyy", CultureInfo.InvariantCulture));
        await page.Locator("#referral-deadline").BlurAsync();
        await Assertions.Expect(page.Locator("#referral-deadline")).ToHaveValueAsync(due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.ClickAsync("#refer");
        await Assertions.Expect(page.Locator(".alert.success")).ToContainTextAsync("Đã chuyển cơ quan giải quyết");
        await session.ScreenshotAsync($"live-petitions-referral-date-{provider}");
        await using (var db = session.App.CreateContext())
        {
            Assert.Equal(due, await db.Referrals.Where(r => r.Recommendation!.Petitions.Any(p => p.VoterName == "Lò Thị Hoa")).Select(r => r.Deadline).SingleAsync(Token));
        }
    }
}
