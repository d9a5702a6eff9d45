using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Demo;
using DienHong.Features.Drafting;
using DienHong.Features.Issuing;
using DienHong.Tests.Drafting;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Issuing;

public class IssuingApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(DienHongApp App, int MeetingId, int DelegationId)> DemoAsync(DatabaseProvider provider)
    {
        var app = new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true);
        _ = app.Services;
        await using var db = app.CreateContext();
        var meetingId = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(Token);
        var delegationId = await db.OrganizationTemplates.Where(t => t.BodySymbol == "ĐBQH").Select(t => t.OrganizationId).SingleAsync(Token);
        return (app, meetingId, delegationId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_office_issues_a_numbered_plan_and_a_corrected_version_keeps_its_number(DatabaseProvider provider)
    {
        var (app, meetingId, delegationId) = await DemoAsync(provider);
        await using var _ = app;
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var wording = await client.GetFromJsonAsync<DocumentWording>($"/api/meetings/{meetingId}/documents/wording?kind=Plan&organizationId={delegationId}", Token);

        var first = await client.PostAsJsonAsync($"/api/meetings/{meetingId}/documents", new IssueRequest(DocumentKind.Plan, delegationId, new DocumentWording(wording!.Text.Replace("@summary ", "@summary Phối hợp tổ chức Hội nghị tiếp xúc cử tri. ", StringComparison.Ordinal)), new DateOnly(2021, 11, 9)), Token);
        var second = await client.PostAsJsonAsync($"/api/meetings/{meetingId}/documents", new IssueRequest(DocumentKind.Plan, delegationId, IssuedOn: new DateOnly(2021, 11, 10)), Token);
        var firstDto = (await first.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!;
        var corrected = await client.PostAsJsonAsync($"/api/documents/{firstDto.Id}/versions", new DocumentWording(wording.Text.Replace("@summary ", "@summary Phối hợp tổ chức Hội nghị tiếp xúc cử tri (sửa đổi). ", StringComparison.Ordinal)), Token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("01/KH-ĐBQH", firstDto.Symbol);
        Assert.Equal("02/KH-ĐBQH", (await second.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!.Symbol);
        var version = (await corrected.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!;
        Assert.Equal(("01/KH-ĐBQH", 2), (version.Symbol, version.Version));

        var original = await client.GetByteArrayAsync($"/api/documents/{firstDto.Id}/file", Token);
        var revised = await client.GetByteArrayAsync($"/api/documents/{version.Id}/file", Token);
        Assert.Empty(DocxText.ValidationErrors(original));
        Assert.Contains("Số: 01/KH-ĐBQH", DocxText.All(original), StringComparison.Ordinal);
        Assert.DoesNotContain("(sửa đổi)", DocxText.All(original), StringComparison.Ordinal);
        Assert.Contains("Phối hợp tổ chức Hội nghị tiếp xúc cử tri (sửa đổi)", DocxText.All(revised), StringComparison.Ordinal);
        var listed = await client.GetFromJsonAsync<List<IssuedDocumentDto>>($"/api/meetings/{meetingId}/documents", Token);
        Assert.Equal(3, listed!.Count);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_past_meetings_documents_default_to_its_plans_date_or_ten_days_before_it_and_a_coming_meetings_to_today(DatabaseProvider provider)
    {
        var (app, meetingId, delegationId) = await DemoAsync(provider);
        await using var _ = app;
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var today = DateOnly.FromDateTime(DienHong.Features.Text.VietnamTime.ToLocal(DateTime.UtcNow));

        // The demo conference was held on 19/11/2021 and no plan of it is issued yet.
        var beforeAnyPlan = await client.GetFromJsonAsync<DateOnly>($"/api/meetings/{meetingId}/documents/issue-date", Token);
        var plan = await client.PostAsJsonAsync($"/api/meetings/{meetingId}/documents", new IssueRequest(DocumentKind.Plan, delegationId, IssuedOn: new DateOnly(2021, 11, 5)), Token);
        var afterThePlan = await client.GetFromJsonAsync<DateOnly>($"/api/meetings/{meetingId}/documents/issue-date", Token);
        var invitation = await client.PostAsJsonAsync($"/api/meetings/{meetingId}/documents", new IssueRequest(DocumentKind.Invitation, delegationId), Token);

        var coming = Api.ApiTestData.Meeting("Hội nghị năm sau") with { StartsAt = DateTime.UtcNow.AddDays(40), EndsAt = DateTime.UtcNow.AddDays(40).AddHours(3) };
        var created = await client.PostAsJsonAsync("/api/meetings", coming, Token);
        var comingId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Token)).GetProperty("id").GetInt32();
        var forTheComing = await client.GetFromJsonAsync<DateOnly>($"/api/meetings/{comingId}/documents/issue-date", Token);

        Assert.Equal(new DateOnly(2021, 11, 9), beforeAnyPlan);
        Assert.Equal(HttpStatusCode.Created, plan.StatusCode);
        Assert.Equal(new DateOnly(2021, 11, 5), afterThePlan);
        Assert.Equal(new DateOnly(2021, 11, 5), (await invitation.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!.IssuedOn);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(today, forTheComing);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Invitations_backdrops_and_tables_come_from_the_meeting(DatabaseProvider provider)
    {
        var (app, meetingId, delegationId) = await DemoAsync(provider);
        await using var _ = app;
        var client = await app.SignedInClientAsync(Roles.Secretariat);

        var invitations = await client.PostAsJsonAsync($"/api/meetings/{meetingId}/documents", new IssueRequest(DocumentKind.Invitation, delegationId), Token);
        var invitationsDto = (await invitations.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!;
        var docx = await client.GetByteArrayAsync($"/api/documents/{invitationsDto.Id}/file", Token);
        var zip = await client.GetByteArrayAsync($"/api/meetings/{meetingId}/backdrops.zip", Token);
        var participants = await client.GetAsync($"/api/meetings/{meetingId}/participants.xlsx", Token);

        Assert.StartsWith("01/GM-ĐBQH", invitationsDto.Symbol, StringComparison.Ordinal);
        Assert.Equal(48, DocxText.All(docx).Split("GIẤY MỜI").Length - 1);
        var separate = await client.GetByteArrayAsync($"/api/documents/{invitationsDto.Id}/invitations.zip", Token);
        using (var each = new ZipArchive(new MemoryStream(separate)))
        {
            Assert.Equal(48, each.Entries.Count);
            await using var first = each.Entries[0].Open();
            using var copy = new MemoryStream();
            await first.CopyToAsync(copy, Token);
            Assert.Empty(DocxText.ValidationErrors(copy.ToArray()));
            Assert.Contains("Số: " + invitationsDto.Symbol, DocxText.All(copy.ToArray()), StringComparison.Ordinal);
        }

        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(26, archive.Entries.Count);
        Assert.Equal(13, archive.Entries.Count(e => e.Name.EndsWith(".svg", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, participants.StatusCode);
        Assert.Empty(DocxText.ValidationErrors(await participants.Content.ReadAsByteArrayAsync(Token), spreadsheet: true));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_viewer_reads_documents_but_cannot_issue_and_an_organization_without_template_is_told_why(DatabaseProvider provider)
    {
        var (app, meetingId, delegationId) = await DemoAsync(provider);
        await using var _ = app;
        var viewer = await app.SignedInClientAsync(Roles.Viewer);
        var secretariat = await app.SignedInClientAsync(Roles.Secretariat);
        int withoutTemplate;
        await using (var db = app.CreateContext())
        {
            withoutTemplate = await db.Organizations.Where(o => !db.OrganizationTemplates.Any(t => t.OrganizationId == o.Id)).Select(o => o.Id).FirstAsync(Token);
        }

        var refused = await viewer.PostAsJsonAsync($"/api/meetings/{meetingId}/documents", new IssueRequest(DocumentKind.Plan, delegationId), Token);
        var noTemplate = await secretariat.PostAsJsonAsync($"/api/meetings/{meetingId}/documents", new IssueRequest(DocumentKind.Plan, withoutTemplate), Token);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTemplate.StatusCode);
        Assert.Contains("chưa có mẫu văn bản", await noTemplate.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/meetings/{meetingId}/documents", Token)).StatusCode);
    }
}
