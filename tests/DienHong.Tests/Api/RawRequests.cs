using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace DienHong.Tests.Api;

/// <summary>Requests written as raw JSON, as a client that gets things wrong would send them.</summary>
internal static class RawRequests
{
    /// <summary>A valid new meeting, as JSON; tests break it one field at a time.</summary>
    public const string Meeting = """
        {"title":"Hội nghị tiếp xúc cử tri sau kỳ họp thứ 2","kind":"VoterContactConference","format":"Online","status":"Draft",
         "startsAt":"2021-11-19T01:00:00Z","endsAt":"2021-11-19T04:00:00Z","place":"Bình Phước"}
        """;

    /// <summary><see cref="Meeting"/> organized by <paramref name="organizationId"/>, whose letterhead may then issue its paperwork.</summary>
    public static string MeetingOf(int organizationId) =>
        Meeting.TrimEnd().TrimEnd('}') + $$""","organizers":[{"organizationId":{{organizationId}},"isLead":true}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json, string mediaType = "application/json") =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, mediaType) }, Token);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) => client.SendJsonAsync(HttpMethod.Post, url, json);

    /// <summary>Posts JSON, asserts 201 and returns the new resource's id.</summary>
    public static async Task<int> CreateAsync(this HttpClient client, string url, string json)
    {
        var response = await client.PostJsonAsync(url, json);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>An organization with a document template, so it can issue paperwork; returns its id.</summary>
    public static async Task<int> IssuingOrganizationAsync(this HttpClient administrator)
    {
        var id = await administrator.CreateAsync("/api/organizations", """{"name":"Đoàn đại biểu Quốc hội tỉnh Lào Cai","kind":"ElectedBody"}""");
        var template = await administrator.PutAsJsonAsync($"/api/organizations/{id}/template",
            new { issuingBodyName = "ĐOÀN ĐBQH TỈNH LÀO CAI", bodySymbol = "ĐBQH", place = "Lào Cai", parentBodyName = "QUỐC HỘI KHÓA XV" }, Token);
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        return id;
    }
}
