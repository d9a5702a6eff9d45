using System.Net;
using System.Text.RegularExpressions;
using DienHong.Data;
using DienHong.Features.Petitions;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Petitions;

/// <summary>
/// The public meeting page a QR code leads to, posted as a voter's browser posts it (the form, its
/// antiforgery token and cookie): a tracking code given back, a filled honeypot storing nothing, the
/// page's own rate limit on sending while reading stays open; and the address the QR codes carry.
/// </summary>
public partial class PublicPetitionPageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_public_page_gives_a_tracking_code_stores_nothing_from_bots_and_limits_sending(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        app.Settings["Petitions:PublicSubmissionsPerWindow"] = "3";
        var scene = await PetitionScene.CreateAsync(app);
        using var voter = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var page = PublicPetitionPages.MeetingPath(scene.MeetingId);

        async Task<HttpResponseMessage> SendAsync(string content, string? website = null)
        {
            var form = await voter.GetStringAsync(page, Token);
            var token = AntiforgeryToken().Match(form).Groups[1].Value;
            Assert.NotEmpty(token);
            return await voter.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "public-petition",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["Input.VoterName"] = "Điểu Thị Bé",
                ["Input.Content"] = content,
                ["Input.Website"] = website ?? string.Empty,
            }), Token);
        }

        var sent = await SendAsync("Đề nghị làm đèn chiếu sáng đoạn đường từ ấp 3 ra chợ.");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var code = TrackingCode().Match(await sent.Content.ReadAsStringAsync(Token)).Groups[1].Value;
        Assert.Matches("^KN-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);

        // A bot fills the hidden field: it is answered like a person, with a code that leads nowhere.
        var bot = await SendAsync("Mua hàng giá rẻ tại đây", website: "http://spam.example");
        Assert.Equal(HttpStatusCode.OK, bot.StatusCode);
        var botCode = TrackingCode().Match(await bot.Content.ReadAsStringAsync(Token)).Groups[1].Value;
        Assert.Matches("^KN-", botCode);

        // The third sending is the last of the window; the fourth is refused in Vietnamese, reading still works.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("Ý kiến thứ ba về nước sạch.")).StatusCode);
        var refused = await SendAsync("Ý kiến thứ tư");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("quá nhiều lần", await refused.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, (await voter.GetAsync(page, Token)).StatusCode);

        await using var db = app.CreateContext();
        var stored = await db.Petitions.OrderBy(p => p.Id).ToListAsync(Token);
        Assert.Equal([code], stored.Where(p => p.Content.Contains("đèn chiếu sáng", StringComparison.Ordinal)).Select(p => p.TrackingCode));
        Assert.Equal(2, stored.Count);
        Assert.All(stored, p => Assert.Equal(PetitionChannel.Online, p.Channel));
        Assert.DoesNotContain(stored, p => p.TrackingCode == botCode || p.Content.Contains("giá rẻ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_address_for_QR_codes_leads_to_the_meeting_s_public_page_under_any_base()
    {
        Assert.Equal("https://kiennghi.example.vn/dien-hong/cong-khai/hoi-nghi/12", PublicPetitionPages.MeetingUrl(new Uri("https://kiennghi.example.vn/dien-hong"), 12));
        Assert.Equal("https://kiennghi.example.vn/cong-khai/hoi-nghi/12", PublicPetitionPages.MeetingUrl(new Uri("https://kiennghi.example.vn/"), 12));

        await using var app = new DienHongApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite));
        var scene = await PetitionScene.CreateAsync(app);
        using var anonymous = app.CreateClient();
        var url = new Uri(PublicPetitionPages.MeetingUrl(anonymous.BaseAddress!, scene.MeetingId));
        var html = await anonymous.GetStringAsync(url, Token);
        Assert.Contains("Gửi ý kiến, kiến nghị", html);
        Assert.Contains("Hội nghị tiếp xúc cử tri sau kỳ họp thứ 2", html);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("id=\"tracking-code\">(KN-[A-Z0-9-]+)<")]
    private static partial Regex TrackingCode();
}
