using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Api;

/// <summary>Bad input through the API: a 400 problem in Vietnamese naming the field, never a 500, nothing saved.</summary>
public class InputErrorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Values_of_the_wrong_kind_are_refused_naming_the_field(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var meetingId = await client.CreateAsync("/api/meetings", RawRequests.Meeting);

        var kindByLabel = await client.PostJsonAsync("/api/meetings", RawRequests.Meeting.Replace("\"VoterContactConference\"", "\"Hội nghị\"", StringComparison.Ordinal));
        var otherDateFormat = await client.PostJsonAsync("/api/meetings", RawRequests.Meeting.Replace("\"2021-11-19T01:00:00Z\"", "\"19/11/2021 08:00\"", StringComparison.Ordinal));
        var numberInWords = await client.PostJsonAsync($"/api/meetings/{meetingId}/sites", """{"name":"Xã Tân Lập","capacity":"ba mươi"}""");
        var nestedEnum = await client.PostJsonAsync("/api/meetings", RawRequests.Meeting.Replace("}", """
            ,"phases":[{"name":"Đợt 1","startsAt":"2021-11-19T01:00:00Z","endsAt":"2021-11-19T02:00:00Z","format":"Trực tuyến"}]}
            """, StringComparison.Ordinal));
        var malformed = await client.PostJsonAsync("/api/meetings", """{"title": "Hội nghị", """);
        var notJson = await client.SendJsonAsync(HttpMethod.Post, "/api/meetings", RawRequests.Meeting, "text/plain");
        var kindInQuery = await client.GetAsync("/api/meetings?kind=H%E1%BB%99i%20ngh%E1%BB%8B", Token);

        Assert.Contains("VoterContactConference", await Problems.AssertVietnameseAsync(kindByLabel, HttpStatusCode.BadRequest, "Kind"), StringComparison.Ordinal);
        Assert.Contains("ISO 8601", await Problems.AssertVietnameseAsync(otherDateFormat, HttpStatusCode.BadRequest, "StartsAt"), StringComparison.Ordinal);
        Assert.Contains("số nguyên", await Problems.AssertVietnameseAsync(numberInWords, HttpStatusCode.BadRequest, "Capacity"), StringComparison.Ordinal);
        Assert.Contains("Hybrid", await Problems.AssertVietnameseAsync(nestedEnum, HttpStatusCode.BadRequest, "Phases[0].Format"), StringComparison.Ordinal);
        Assert.Contains("JSON", await Problems.AssertVietnameseAsync(malformed, HttpStatusCode.BadRequest, "$"), StringComparison.Ordinal);
        Assert.Contains("application/json", await Problems.AssertVietnameseAsync(notJson, HttpStatusCode.UnsupportedMediaType), StringComparison.Ordinal);
        Assert.Contains("Hội nghị", await Problems.AssertVietnameseAsync(kindInQuery, HttpStatusCode.BadRequest, "Kind"), StringComparison.Ordinal);
        await using var db = app.CreateContext();
        Assert.Equal(1, await db.Meetings.CountAsync(Token));
        Assert.Equal(0, await db.Sites.CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task References_to_rows_that_do_not_exist_are_refused_before_saving(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var meetingId = await admin.CreateAsync("/api/meetings", RawRequests.Meeting);
        var organizationId = await admin.CreateAsync("/api/organizations", """{"name":"Sở Y tế tỉnh Lào Cai","kind":"Department"}""");

        var organizer = await admin.PostJsonAsync("/api/meetings", RawRequests.Meeting.Replace("}", ""","organizers":[{"organizationId":999999,"isLead":true}]}""", StringComparison.Ordinal));
        var participant = await admin.PostJsonAsync($"/api/meetings/{meetingId}/participants", """{"title":"Đại diện lãnh đạo","organizationId":999999}""");
        var assignment = await admin.PostJsonAsync($"/api/meetings/{meetingId}/assignments", """{"content":"Bảo đảm điện","organizationId":999999}""");
        var siteUnit = await admin.PostJsonAsync($"/api/meetings/{meetingId}/sites", """{"name":"Xã Bản Lầu","capacity":30,"isHost":true,"administrativeUnitId":999999}""");
        var userOrganization = await admin.PostJsonAsync("/api/users", """{"userName":"thuky.laocai","password":"Mat-khau-123","roles":["Secretariat"],"organizationId":999999}""");
        var userSite = await admin.PostJsonAsync("/api/users", """{"userName":"kythuat.banlau","password":"Mat-khau-123","roles":["SiteOperator"],"siteIds":[999999]}""");
        var parent = await admin.PostJsonAsync("/api/organizations", """{"name":"Phòng Nghiệp vụ Y","kind":"Department","parentId":999999}""");
        var newParent = await admin.SendJsonAsync(HttpMethod.Put, $"/api/organizations/{organizationId}", """{"name":"Sở Y tế tỉnh Lào Cai","kind":"Department","parentId":999999}""");

        foreach (var (response, field) in new[]
        {
            (organizer, "OrganizationId"), (participant, "OrganizationId"), (assignment, "OrganizationId"), (siteUnit, "AdministrativeUnitId"),
            (userOrganization, "OrganizationId"), (userSite, "SiteId"), (parent, "ParentId"), (newParent, "ParentId"),
        })
        {
            Assert.Contains("999999", await Problems.AssertVietnameseAsync(response, HttpStatusCode.BadRequest, field), StringComparison.Ordinal);
        }

        await using var db = app.CreateContext();
        Assert.Equal(1, await db.Meetings.CountAsync(Token));
        Assert.Equal((0, 0, 0), (await db.Participants.CountAsync(Token), await db.Assignments.CountAsync(Token), await db.Sites.CountAsync(Token)));
        Assert.Equal(["admin"], await db.Users.Select(u => u.UserName).ToListAsync(Token));
        Assert.Null((await db.Organizations.SingleAsync(Token)).ParentId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Missing_bodies_and_fields_are_refused_naming_them(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var organizationId = await admin.IssuingOrganizationAsync();
        var meetingId = await admin.CreateAsync("/api/meetings", RawRequests.MeetingOf(organizationId));
        var issued = await admin.PostAsJsonAsync($"/api/meetings/{meetingId}/documents", new { kind = "Notice", organizationId, issuedOn = "2021-11-10" }, Token);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var documentId = (await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Token)).GetProperty("id").GetInt32();
        var anonymous = app.CreateClient();

        var signInWithNothing = await anonymous.PostJsonAsync("/api/account/login", "{}");
        var signInWithoutBody = await anonymous.PostJsonAsync("/api/account/login", string.Empty);
        var copyWithoutStart = await admin.PostJsonAsync($"/api/meetings/{meetingId}/copy", """{"title":"Hội nghị tiếp xúc cử tri sau kỳ họp thứ 3"}""");
        var meetingWithNothing = await admin.PostJsonAsync("/api/meetings", "{}");
        var emptyVersion = await admin.PostJsonAsync($"/api/documents/{documentId}/versions", "{}");
        var blankVersion = await admin.PostJsonAsync($"/api/documents/{documentId}/versions", """{"text":" \n "}""");
        var nullTitle = await admin.PostJsonAsync("/api/meetings", RawRequests.Meeting.Replace("\"Hội nghị tiếp xúc cử tri sau kỳ họp thứ 2\"", "null", StringComparison.Ordinal));

        Assert.Contains("userName", await Problems.AssertVietnameseAsync(signInWithNothing, HttpStatusCode.BadRequest, "UserName"), StringComparison.Ordinal);
        await Problems.AssertVietnameseAsync(signInWithoutBody, HttpStatusCode.BadRequest, "$");
        Assert.Contains("startsAt", await Problems.AssertVietnameseAsync(copyWithoutStart, HttpStatusCode.BadRequest, "StartsAt"), StringComparison.Ordinal);
        await Problems.AssertVietnameseAsync(meetingWithNothing, HttpStatusCode.BadRequest, "Title");
        await Problems.AssertVietnameseAsync(emptyVersion, HttpStatusCode.BadRequest, "Text");
        await Problems.AssertVietnameseAsync(blankVersion, HttpStatusCode.BadRequest, "Text");
        await Problems.AssertVietnameseAsync(nullTitle, HttpStatusCode.BadRequest, "Title");
        await using var db = app.CreateContext();
        Assert.Equal((1, 1), (await db.Meetings.CountAsync(Token), await db.IssuedDocuments.CountAsync(Token)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task In_production_malformed_JSON_gets_the_same_Vietnamese_problem(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        await using var production = app.WithWebHostBuilder(host => host.UseEnvironment("Production"));
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/account/login", new SignInRequest("admin", DienHongApp.Password), Token)).StatusCode);

        var malformed = await client.PostJsonAsync("/api/meetings", """{"title": "Kỳ họp thứ 13", "kind": """);
        var unknownKind = await client.PostJsonAsync("/api/meetings", RawRequests.Meeting.Replace("\"VoterContactConference\"", "\"Kỳ họp\"", StringComparison.Ordinal));
        var missing = await client.GetAsync("/api/meetings/999999", Token);

        Assert.Contains("dòng 1", await Problems.AssertVietnameseAsync(malformed, HttpStatusCode.BadRequest, "$"), StringComparison.Ordinal);
        await Problems.AssertVietnameseAsync(unknownKind, HttpStatusCode.BadRequest, "Kind");
        await Problems.AssertVietnameseAsync(missing, HttpStatusCode.NotFound);
    }
}
