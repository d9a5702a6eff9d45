using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Meetings;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Api;

/// <summary>
/// Enum values, dates and issue dates are checked where they come in; values stored before that
/// (old or hand-edited rows) no longer break the lists everyone reads.
/// </summary>
public class OutOfRangeValueTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string With(string field, string value) =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(RawRequests.Meeting)!
            .Append(new(field, JsonDocument.Parse(value).RootElement)).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Enum_numbers_and_dates_out_of_range_are_refused(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var meetingId = await admin.CreateAsync("/api/meetings", RawRequests.Meeting);

        var kind = await admin.PostJsonAsync("/api/meetings", With("kind", "99"));
        var format = await admin.PostJsonAsync("/api/meetings", With("format", "0"));
        var status = await admin.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}", With("status", "99"));
        var farEnd = await admin.PostJsonAsync("/api/meetings", With("endsAt", "\"9999-12-31T23:59:59Z\""));
        var farStart = await admin.PostJsonAsync("/api/meetings", With("startsAt", "\"0001-01-01T00:00:00Z\""));
        var role = await admin.PostJsonAsync($"/api/meetings/{meetingId}/participants", """{"personName":"Nguyễn Văn An","role":42}""");
        var deadline = await admin.PostJsonAsync($"/api/meetings/{meetingId}/assignments", """{"content":"Bảo đảm điện","assigneeName":"Công ty Điện lực","deadline":"9999-12-31"}""");
        var validity = await admin.PostJsonAsync("/api/organizations", """{"name":"Sở Nội vụ","kind":"Department","validFrom":"0001-01-01"}""");

        await Problems.AssertVietnameseAsync(kind, HttpStatusCode.BadRequest, "Kind");
        await Problems.AssertVietnameseAsync(format, HttpStatusCode.BadRequest, "Format");
        await Problems.AssertVietnameseAsync(status, HttpStatusCode.BadRequest, "Status");
        Assert.Contains("31/12/9999", await Problems.AssertVietnameseAsync(farEnd, HttpStatusCode.BadRequest, "EndsAt"), StringComparison.Ordinal);
        await Problems.AssertVietnameseAsync(farStart, HttpStatusCode.BadRequest, "StartsAt");
        await Problems.AssertVietnameseAsync(role, HttpStatusCode.BadRequest, "Role");
        await Problems.AssertVietnameseAsync(deadline, HttpStatusCode.BadRequest, "Deadline");
        await Problems.AssertVietnameseAsync(validity, HttpStatusCode.BadRequest, "ValidFrom");
        await using var db = app.CreateContext();
        var stored = await db.Meetings.SingleAsync(Token);
        Assert.Equal((MeetingStatus.Draft, 0, 0), (stored.Status, await db.Participants.CountAsync(Token), await db.Organizations.CountAsync(Token)));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/meetings", Token)).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_rows_stored_before_do_not_break_the_meeting_list_and_can_be_repaired(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var unknownKind = await client.CreateAsync("/api/meetings", RawRequests.Meeting);
        var farFuture = await client.CreateAsync("/api/meetings", RawRequests.Meeting.Replace("thứ 2", "thứ 3", StringComparison.Ordinal));
        await using (var db = app.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Meetings" SET "Kind" = 'Hội nghị', "Format" = '99' WHERE "Id" = {0}""", [unknownKind], Token);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Meetings" SET "StartsAt" = {0}, "EndsAt" = {1} WHERE "Id" = {2}""",
                [new DateTime(9999, 12, 31, 1, 0, 0, DateTimeKind.Utc), new DateTime(9999, 12, 31, 4, 0, 0, DateTimeKind.Utc), farFuture], Token);
        }

        var list = await client.GetAsync("/api/meetings", Token);
        var page = await client.GetAsync("/meetings", Token);
        var detail = await client.GetAsync($"/api/meetings/{unknownKind}", Token);
        var untilTheEnd = await client.GetAsync("/api/meetings?from=0001-01-01&to=9999-12-31", Token);
        var repaired = await client.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{unknownKind}", RawRequests.Meeting);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(2, (await list.Content.ReadFromJsonAsync<JsonElement>(Token)).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Token);
        Assert.Contains("sau kỳ họp thứ 2", html, StringComparison.Ordinal);
        Assert.Contains("31/12/9999", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Equal(2, (await untilTheEnd.Content.ReadFromJsonAsync<JsonElement>(Token)).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, repaired.StatusCode);
        await using var check = app.CreateContext();
        var meeting = await check.Meetings.SingleAsync(m => m.Id == unknownKind, Token);
        Assert.Equal((MeetingKind.VoterContactConference, MeetingFormat.Online), (meeting.Kind, meeting.Format));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Issue_dates_far_off_open_no_register_of_their_own(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var organizationId = await admin.IssuingOrganizationAsync();
        var meetingId = await admin.CreateAsync("/api/meetings", RawRequests.MeetingOf(organizationId));
        Task<HttpResponseMessage> IssueAsync(string issuedOn) =>
            admin.PostAsJsonAsync($"/api/meetings/{meetingId}/documents", new { kind = "Notice", organizationId, issuedOn }, Token);

        var first = await IssueAsync("0001-01-01");
        var last = await IssueAsync("9999-12-31");
        var beforeRegisters = await IssueAsync("1999-12-31");
        var real = await IssueAsync("2021-11-10");
        var next = await IssueAsync("2021-11-12");

        foreach (var refused in new[] { first, last, beforeRegisters })
        {
            await Problems.AssertVietnameseAsync(refused, HttpStatusCode.BadRequest, "IssuedOn");
        }

        Assert.Equal("01/TB-ĐBQH", (await real.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("symbol").GetString());
        Assert.Equal("02/TB-ĐBQH", (await next.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("symbol").GetString());
        await using var db = app.CreateContext();
        Assert.Equal([2021], await db.IssuedDocuments.Select(d => d.Year).Distinct().ToListAsync(Token));
    }
}
