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

    /// <summary>
    /// The page per commune (/cong-khai/xa/{unit}) shows the answers published for petitions from that
    /// commune — not another commune's, not an unpublished one, not one of a meeting that went back to draft — and searches them unaccented.
    /// </summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_commune_page_shows_only_that_commune_s_published_answers(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var scene = await PetitionScene.CreateAsync(app);
        int tanLap, ducLieu;
        await using (var db = app.CreateContext())
        {
            var province = new Features.AdministrativeUnits.AdministrativeUnit { Code = "70", Name = "Tỉnh Bình Phước", Level = Features.AdministrativeUnits.AdministrativeLevel.Province };
            var a = new Features.AdministrativeUnits.AdministrativeUnit { Code = "70.01", Name = "Xã Tân Lập", Level = Features.AdministrativeUnits.AdministrativeLevel.Commune, Parent = province };
            var b = new Features.AdministrativeUnits.AdministrativeUnit { Code = "70.02", Name = "Xã Đức Liễu", Level = Features.AdministrativeUnits.AdministrativeLevel.Commune, Parent = province };
            db.AddRange(a, b);
            await db.SaveChangesAsync(Token);
            (tanLap, ducLieu) = (a.Id, b.Id);
        }

        async Task<int> AnsweredAsync(int unit, string content, string answer, bool publish)
        {
            var petition = await PetitionScene.PostAsync<PetitionDto>(scene.Secretariat, scene.Url("petitions"), new PetitionInput(content, "Cử tri", null, null, null, unit, PetitionChannel.InWriting));
            var recommendation = $"recommendations/{petition.RecommendationId}";
            await PetitionScene.PutAsync<RecommendationDto>(scene.Secretariat, scene.Url($"{recommendation}/classification"), new ClassificationInput(4, CompetenceLevel.Province, scene.Roads, null));
            var referral = Assert.Single((await PetitionScene.PostAsync<RecommendationDto>(scene.Secretariat, scene.Url($"{recommendation}/referrals"), new ReferralInput(scene.Roads, PetitionScene.Today.AddDays(10)))).Referrals);
            using var form = new MultipartFormDataContent { { new StringContent(answer), "text" } };
            Assert.Equal(HttpStatusCode.OK, (await scene.Secretariat.PostAsync($"/api/referrals/{referral.Id}/answer", form, Token)).StatusCode);
            if (publish)
            {
                await PetitionScene.PutAsync<RecommendationDto>(scene.Secretariat, scene.Url($"{recommendation}/publication"), new PublishInput(true));
            }

            return petition.RecommendationId;
        }

        await AnsweredAsync(tanLap, "Cầu treo ấp 3 xã Tân Lập bị gãy ván, đề nghị thay mới.", "Đã thay toàn bộ ván mặt cầu treo ấp 3.", publish: true);
        await AnsweredAsync(tanLap, "Đèn đường ấp 5 hỏng.", "Đèn đường ấp 5 sẽ được thay trong quý tới.", publish: false);
        await AnsweredAsync(ducLieu, "Đường đất xã Đức Liễu lầy lội.", "Đường đất xã Đức Liễu được rải đá.", publish: true);
        using var anonymous = app.CreateClient();
        async Task<string> PageAsync(string path) => WebUtility.HtmlDecode(await anonymous.GetStringAsync(path, Token));

        var page = await PageAsync($"/cong-khai/xa/{tanLap}");
        Assert.Contains("Kiến nghị của cử tri Xã Tân Lập đã được trả lời", page, StringComparison.Ordinal);
        Assert.Contains("Đã thay toàn bộ ván mặt cầu treo ấp 3.", page, StringComparison.Ordinal);
        Assert.Contains("1 cử tri", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Đèn đường ấp 5 sẽ được thay", page, StringComparison.Ordinal);
        Assert.DoesNotContain("rải đá", page, StringComparison.Ordinal);
        Assert.Contains("rải đá", await PageAsync($"/cong-khai/xa/{ducLieu}"), StringComparison.Ordinal);
        Assert.Contains("ván mặt cầu treo", await PageAsync($"/cong-khai/xa/{tanLap}?q=CAU+TREO"), StringComparison.Ordinal);
        Assert.Contains("Chưa có kiến nghị nào được công khai trả lời.", await PageAsync($"/cong-khai/xa/{tanLap}?q=den+duong"), StringComparison.Ordinal);

        // A meeting taken back to draft is not public, on its commune pages either.
        await using (var db = app.CreateContext())
        {
            await db.Meetings.Where(m => m.Id == scene.MeetingId).ExecuteUpdateAsync(m => m.SetProperty(x => x.Status, Features.Meetings.MeetingStatus.Draft), Token);
        }

        Assert.DoesNotContain("ván mặt cầu treo", await PageAsync($"/cong-khai/xa/{tanLap}"), StringComparison.Ordinal);
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
