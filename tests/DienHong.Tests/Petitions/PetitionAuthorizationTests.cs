using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Petitions;
using DienHong.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Petitions;

public class PetitionAuthorizationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// Every petition route of the API, called by another agency's user with the ids of a petition
    /// referred to the roads department: none succeeds in showing or changing it.
    /// </summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_agency_reaches_nothing_referred_to_another_on_any_petition_route(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var scene = await PetitionScene.CreateAsync(app);
        const string Secret = "Cầu treo bản Huổi Lếch bị sạt lở";
        var petition = await scene.RecordAsync(scene.SiteA, Secret + ", đề nghị làm cầu mới.", "Lò Văn Pọm");
        var recommendation = scene.Url($"recommendations/{petition.RecommendationId}");
        await PetitionScene.PutAsync<RecommendationDto>(scene.Secretariat, recommendation + "/classification", new ClassificationInput(4, CompetenceLevel.Province));
        var referred = await PetitionScene.PostAsync<RecommendationDto>(scene.Secretariat, recommendation + "/referrals", new ReferralInput(scene.Roads, PetitionScene.Today.AddDays(10)));
        var referralId = referred.Referrals[0].Id;

        var roads = await app.SignedInClientAsync(Roles.Agency, organizationId: scene.Roads);
        var health = await app.SignedInClientAsync(Roles.Agency, organizationId: scene.Health);
        Assert.Contains(Secret, await roads.GetStringAsync($"/api/referrals/{referralId}", Token));

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal) && !raw.StartsWith("/api/public", StringComparison.Ordinal)
                && (raw.Contains("petitions", StringComparison.Ordinal) || raw.Contains("recommendations", StringComparison.Ordinal) || raw.Contains("referrals", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (method, e.RoutePattern.RawText!)))
            .ToList();
        Assert.True(routes.Count >= 25, $"only {routes.Count} petition routes found");
        foreach (var (method, pattern) in routes)
        {
            var url = pattern.Replace("{meetingId:int}", scene.MeetingId.ToString(), StringComparison.Ordinal)
                .Replace("{siteId:int}", scene.SiteA.ToString(), StringComparison.Ordinal)
                .Replace("{recommendationId:int}", petition.RecommendationId.ToString(), StringComparison.Ordinal)
                .Replace("{referralId:int}", referralId.ToString(), StringComparison.Ordinal)
                .Replace("{attachmentId:int}", "1", StringComparison.Ordinal)
                .Replace("{chart}", "agency", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT")
            {
                request.Content = url.EndsWith("/answer", StringComparison.Ordinal) || url.EndsWith("/import", StringComparison.Ordinal)
                    ? new MultipartFormDataContent { { new StringContent("Không phải việc của Sở Y tế"), "text" } }
                    : JsonContent.Create(new { reason = "thử", text = "Cầu treo", content = "Cầu treo hỏng", recommendationIds = new[] { 1 }, agencyId = scene.Health, deadline = "2099-01-01", fieldId = 1, level = "Central", published = true, name = "Cầu treo", compilationDeadline = "2099-01-01" });
            }

            var response = await health.SendAsync(request, Token);
            var body = await response.Content.ReadAsStringAsync(Token);
            Assert.False(body.Contains(Secret, StringComparison.Ordinal), $"{method} {pattern} showed another agency's petition ({(int)response.StatusCode})");
            Assert.False(response.IsSuccessStatusCode && method != "GET" && !pattern.Contains("suggestions", StringComparison.Ordinal),
                $"{method} {pattern} let another agency change something ({(int)response.StatusCode}: {body})");
        }

        await using var db = app.CreateContext();
        var referral = await db.Referrals.FindAsync([referralId], Token);
        Assert.Equal((ReferralStatus.Pending, scene.Roads), (referral!.Status, referral.AgencyId));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_public_sees_neither_the_staff_API_nor_unpublished_answers_and_bots_store_nothing(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var scene = await PetitionScene.CreateAsync(app);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(scene.Url("petitions"), Token)).StatusCode);

        var receipt = await PetitionScene.PostAsync<PublicPetitionReceipt>(anonymous, $"/api/public/meetings/{scene.MeetingId}/petitions",
            new PublicPetitionInput("Đề nghị lắp đèn chiếu sáng đường liên xã.", "Vi Thị Lan", "Bản Na Sang"));
        var bot = await PetitionScene.PostAsync<PublicPetitionReceipt>(anonymous, $"/api/public/meetings/{scene.MeetingId}/petitions",
            new PublicPetitionInput("Mua hàng giá rẻ tại đây", Website: "http://spam.example"));
        Assert.NotEqual(receipt.TrackingCode, bot.TrackingCode);
        var tracked = await anonymous.GetFromJsonAsync<TrackingDto>($"/api/public/petitions/{receipt.TrackingCode}", Token);
        Assert.Equal("Đã tiếp nhận (trực tuyến)", Assert.Single(tracked!.Path).What);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/public/petitions/{bot.TrackingCode}", Token)).StatusCode);
        Assert.Empty((await anonymous.GetFromJsonAsync<List<PublishedAnswer>>($"/api/public/meetings/{scene.MeetingId}/answers", Token))!);

        // The rate limit: five sendings per address per window, then a Vietnamese 429.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await anonymous.PostAsJsonAsync($"/api/public/meetings/{scene.MeetingId}/petitions", new PublicPetitionInput($"Ý kiến số {i}"), Token)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var refused = await anonymous.PostAsJsonAsync($"/api/public/meetings/{scene.MeetingId}/petitions", new PublicPetitionInput("Thêm"), Token);
        Assert.Contains("quá nhiều lần", await refused.Content.ReadAsStringAsync(Token));

        await using var db = app.CreateContext();
        Assert.Equal(4, db.Petitions.Count());
        Assert.DoesNotContain(db.Petitions, p => p.Content.Contains("giá rẻ"));
    }
}
