using System.Net;
using System.Net.Http.Json;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Petitions;
using DienHong.Features.Sites;
using DienHong.Tests.Api;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Petitions;

/// <summary>A planned conference with two commune sites and two agencies, through the API.</summary>
internal sealed record PetitionScene(HttpClient Secretariat, int MeetingId, int SiteA, int SiteB, int Roads, int Health)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<PetitionScene> CreateAsync(DienHongApp app)
    {
        var secretariat = await app.SignedInClientAsync(Features.Accounts.Roles.Secretariat);
        var admin = await app.AdministratorClientAsync();
        var meeting = await PostAsync<MeetingDetail>(secretariat, "/api/meetings", ApiTestData.Meeting());
        await PostAsync<SiteDto>(secretariat, $"/api/meetings/{meeting.Id}/sites", ApiTestData.Host());
        var siteA = await PostAsync<SiteDto>(secretariat, $"/api/meetings/{meeting.Id}/sites", ApiTestData.Commune("UBND xã Tân Lập"));
        var siteB = await PostAsync<SiteDto>(secretariat, $"/api/meetings/{meeting.Id}/sites", ApiTestData.Commune("UBND xã Đức Liễu"));
        var roads = await PostAsync<OrganizationDto>(admin, "/api/organizations", new OrganizationInput("Sở Giao thông vận tải", OrganizationKind.Department));
        var health = await PostAsync<OrganizationDto>(admin, "/api/organizations", new OrganizationInput("Sở Y tế", OrganizationKind.Department));
        // Planned (not a draft), so the public may see it.
        await PutAsync<MeetingDetail>(secretariat, $"/api/meetings/{meeting.Id}", ApiTestData.Meeting() with { Status = MeetingStatus.Planned });
        return new PetitionScene(secretariat, meeting.Id, siteA.Id, siteB.Id, roads.Id, health.Id);
    }

    public static async Task<T> PostAsync<T>(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, Token);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        return (await response.Content.ReadFromJsonAsync<T>(Token))!;
    }

    public static async Task<T> PutAsync<T>(HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body, Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        return (await response.Content.ReadFromJsonAsync<T>(Token))!;
    }

    public Task<PetitionDto> RecordAsync(int siteId, string content, string voter) =>
        PostAsync<PetitionDto>(Secretariat, $"/api/meetings/{MeetingId}/sites/{siteId}/petitions", new PetitionInput(content, voter, "Ấp 2"));

    public string Url(string path) => $"/api/meetings/{MeetingId}/{path}";

    public static DateOnly Today => DateOnly.FromDateTime(Features.Text.VietnamTime.Now);
}
