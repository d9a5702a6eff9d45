using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DienHong.Data;
using DienHong.Features.Assignments;
using DienHong.Features.Meetings;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Api;

/// <summary>PUT replaces the whole resource, every list of the meeting alike, and never changes a status it was not told.</summary>
public class ReplacementTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Put_replaces_the_meeting_and_its_lists_whole_and_the_status_only_when_stated(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var organizationId = await admin.CreateAsync("/api/organizations", """{"name":"Đoàn ĐBQH tỉnh Lào Cai","kind":"ElectedBody"}""");
        var full = RawRequests.Meeting.Replace("\"Draft\"", "\"Planned\"", StringComparison.Ordinal).Replace("}", $$"""
            ,"purpose":"Lắng nghe cử tri","backdropTitle":"TIẾP XÚC CỬ TRI","organizers":[{"organizationId":{{organizationId}},"isLead":true}],
             "phases":[{"name":"Đợt 1","startsAt":"2021-11-19T01:00:00Z","endsAt":"2021-11-19T02:00:00Z","format":"Online"}],
             "legalBases":["Luật Tổ chức Quốc hội"],"recipients":["Lưu: VT"],
             "references":[{"kind":"Notice","number":"47/TB-ĐBQH","issuedOn":"2021-11-01","issuer":"Đoàn ĐBQH tỉnh","concerns":"Văn phòng"}]}
            """, StringComparison.Ordinal);
        var meetingId = await admin.CreateAsync("/api/meetings", full);
        await admin.CreateAsync($"/api/meetings/{meetingId}/sites", """{"name":"Hội trường tỉnh","capacity":50,"isHost":true}""");
        var taskId = await admin.CreateAsync($"/api/meetings/{meetingId}/assignments", """{"content":"Bảo đảm điện","assigneeName":"Điện lực","status":"InProgress"}""");

        var withoutStatus = await admin.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}", RawRequests.Meeting.Replace(",\"status\":\"Draft\"", string.Empty, StringComparison.Ordinal));
        var taskWithoutStatus = await admin.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}/assignments/{taskId}", """{"content":"Bảo đảm điện cả ngày","assigneeName":"Điện lực"}""");
        await Problems.AssertVietnameseAsync(withoutStatus, HttpStatusCode.BadRequest, "Status");
        await Problems.AssertVietnameseAsync(taskWithoutStatus, HttpStatusCode.BadRequest, "Status");
        await using (var db = app.CreateContext())
        {
            var untouched = (await db.LoadMeetingAsync(meetingId, Token))!;
            Assert.Equal((MeetingStatus.Planned, "Lắng nghe cử tri", 1, 1, 1), (untouched.Status, untouched.Purpose, untouched.Organizers.Count, untouched.Phases.Count, untouched.References.Count));
            Assert.Equal(AssignmentStatus.InProgress, Assert.Single(untouched.Assignments).Status);
        }

        var minimal = await admin.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}", RawRequests.Meeting.Replace("\"Draft\"", "\"Planned\"", StringComparison.Ordinal));
        var task = await admin.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}/assignments/{taskId}", """{"content":"Bảo đảm điện cả ngày","assigneeName":"Điện lực","status":"Done"}""");

        Assert.Equal(HttpStatusCode.OK, minimal.StatusCode);
        Assert.Equal(HttpStatusCode.OK, task.StatusCode);
        var replaced = await minimal.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("Planned", replaced.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("purpose").ValueKind);
        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("backdropTitle").ValueKind);
        foreach (var list in new[] { "organizers", "phases", "legalBases", "recipients", "references" })
        {
            Assert.Equal(0, replaced.GetProperty(list).GetArrayLength());
        }

        // Sites, participants, agenda and tasks are resources of their own: PUT on the meeting leaves them.
        Assert.Equal((1, 1), (replaced.GetProperty("siteCount").GetInt32(), replaced.GetProperty("assignmentCount").GetInt32()));
        await using var check = app.CreateContext();
        Assert.Equal(AssignmentStatus.Done, (await check.Assignments.SingleAsync(Token)).Status);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_OpenAPI_document_says_every_PUT_replaces_the_whole_resource(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var openApi = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/openapi/v1.json", Token);

        var puts = openApi.GetProperty("paths").EnumerateObject()
            .Where(path => path.Value.TryGetProperty("put", out _))
            .Select(path => (path.Name, Description: path.Value.GetProperty("put").TryGetProperty("description", out var d) ? d.GetString() : null))
            .ToList();

        Assert.Contains(puts, p => p.Name == "/api/meetings/{id}" || p.Name == "/api/meetings/{meetingId}");
        Assert.All(puts, p => Assert.True(p.Description?.StartsWith("Full replacement", StringComparison.Ordinal), $"{p.Name}: {p.Description}"));
    }
}
