using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Assignments;
using DienHong.Features.Incidents;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Readiness;
using DienHong.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TestResult = DienHong.Features.Readiness.TestResult;

namespace DienHong.Tests.Readiness;

/// <summary>Readiness rules through the API on both databases: what makes a site ready, bad input, tasks, checklists, reports, audit.</summary>
public class ReadinessApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<SiteTile> TileAsync(HttpClient client, ReadinessTestData.Seeded seeded, int siteId) =>
        (await client.GetFromJsonAsync<SiteReadiness>($"/api/meetings/{seeded.MeetingId}/sites/{siteId}/readiness", Token))!.Tile;

    private static async Task<TestDto> RunTestAsync(HttpClient client, ReadinessTestData.Seeded seeded, int siteId, TestResult result)
    {
        var started = await (await client.PostAsync($"/api/meetings/{seeded.MeetingId}/sites/{siteId}/connection-tests", null, Token)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<TestDto>(Token);
        var finished = await client.PutAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sites/{siteId}/connection-tests/{started!.Id}", new FinishTestInput(result, SignalQuality.Good, SignalQuality.Fair, 200, Version: started.Version), Token);
        return (await finished.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<TestDto>(Token))!;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_site_is_ready_when_every_applicable_item_passed_and_its_latest_test_passed(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, connectionTestAt: DateTime.UtcNow.AddHours(-1));
        var client = await app.SignedInClientAsync(Roles.SiteOperator, seeded.SiteIds[1]);
        var site = seeded.SiteIds[1];
        Assert.True((await TileAsync(client, seeded, site)).TestOverdue);

        foreach (var check in seeded.CheckIds.Skip(1))
        {
            (await client.PutAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sites/{site}/readiness/{check}", new MarkInput(CheckState.Passed), Token)).EnsureSuccessStatusCode();
        }

        (await client.PutAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sites/{site}/readiness/{seeded.CheckIds[0]}", new MarkInput(CheckState.NotApplicable, "Dùng hội trường UBND"), Token)).EnsureSuccessStatusCode();
        var ticked = await TileAsync(client, seeded, site);
        Assert.Equal(new ChecklistCount(seeded.CheckIds.Count - 1, seeded.CheckIds.Count - 1, 0, 0), ticked.Checklist);
        Assert.False(ticked.Ready);

        await RunTestAsync(client, seeded, site, TestResult.Failed);
        Assert.False((await TileAsync(client, seeded, site)).Ready);
        Assert.True((await TileAsync(client, seeded, site)).TestOverdue);
        await RunTestAsync(client, seeded, site, TestResult.Passed);
        var ready = await TileAsync(client, seeded, site);
        Assert.True(ready.Ready);
        Assert.False(ready.TestOverdue);
        Assert.Equal(TestResult.Passed, ready.LastTestResult);

        // A problem reported stays visible; a later failed run takes readiness away again.
        var problem = await client.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sites/{site}/incidents", new IncidentInput(IncidentKind.NoSound, "Loa hội trường rè"), Token);
        Assert.Equal(HttpStatusCode.Created, problem.StatusCode);
        Assert.Equal(1, (await TileAsync(client, seeded, site)).OpenIncidents);
        await RunTestAsync(client, seeded, site, TestResult.Failed);
        Assert.False((await TileAsync(client, seeded, site)).Ready);

        var board = await (await app.SignedInClientAsync(Roles.Secretariat)).GetFromJsonAsync<ReadinessBoard>($"/api/meetings/{seeded.MeetingId}/readiness", Token);
        Assert.Equal("0/3 điểm cầu sẵn sàng; 3 chưa kiểm tra kết nối đạt (3 quá hạn); 1 sự cố đang mở", board!.Summary.Text);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_input_gets_a_Vietnamese_message_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database);
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var site = $"/api/meetings/{seeded.MeetingId}/sites/{seeded.SiteIds[1]}";

        var badState = await client.PutAsJsonAsync($"{site}/readiness/{seeded.CheckIds[0]}", new { state = 9, version = 0 }, Token);
        Assert.Contains("Trạng thái \"9\" không hợp lệ.", await Api.Problems.AssertVietnameseAsync(badState, HttpStatusCode.BadRequest, "State"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"{site}/readiness/999999", new MarkInput(CheckState.Passed), Token)).StatusCode);

        var test = await (await client.PostAsync($"{site}/connection-tests", null, Token)).Content.ReadFromJsonAsync<TestDto>(Token);
        var second = await client.PostAsync($"{site}/connection-tests", null, Token);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("chưa kết thúc", await second.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var latency = await client.PutAsJsonAsync($"{site}/connection-tests/{test!.Id}", new FinishTestInput(TestResult.Passed, LatencyMs: 90_000, Version: test.Version), Token);
        Assert.Contains("Độ trễ 90000 ms không hợp lý", await latency.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var noDescription = await client.PostAsJsonAsync($"{site}/incidents", new IncidentInput(IncidentKind.Other), Token);
        Assert.Contains("Hãy mô tả sự cố.", await noDescription.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var photo = await client.PostAsync($"{site}/readiness/photos", new MultipartFormDataContent { { new ByteArrayContent("không phải ảnh"u8.ToArray()), "file", "anh.jpg" } }, Token);
        Assert.Contains("không phải ảnh JPEG, PNG hay WebP", await photo.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        await using var db = app.CreateContext();
        Assert.False(await db.ReadinessMarks.AnyAsync(Token));
        Assert.False(await db.Incidents.AnyAsync(Token));
        Assert.False(await db.ReadinessPhotos.AnyAsync(Token));
        Assert.Null((await db.ConnectionTests.SingleAsync(Token)).EndedAt);
        Assert.Equal(1, await db.LiveEvents.CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_tick_leaves_an_audit_entry_and_a_photo_goes_with_its_item(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database);
        var client = await app.SignedInClientAsync(Roles.SiteOperator, seeded.SiteIds[2]);
        var site = $"/api/meetings/{seeded.MeetingId}/sites/{seeded.SiteIds[2]}";
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        var uploaded = await client.PostAsync($"{site}/readiness/photos", new MultipartFormDataContent { { new ByteArrayContent(png), "file", "maket.png" } }, Token);
        var photo = await uploaded.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<PhotoDto>(Token);
        (await client.PutAsJsonAsync($"{site}/readiness/{seeded.CheckIds[5]}", new MarkInput(CheckState.Failed, "Maket in sai tên kỳ họp", photo!.Id), Token)).EnsureSuccessStatusCode();
        Assert.Equal(png, await client.GetByteArrayAsync($"{site}/readiness/photos/{photo.Id}", Token));

        await using var db = app.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.MeetingId == seeded.MeetingId && a.EntityType == nameof(ReadinessMark)).SingleAsync(Token);
        Assert.StartsWith("siteoperator-", audit.UserName, StringComparison.Ordinal);
        Assert.Contains("Maket in sai tên kỳ họp", audit.Changes, StringComparison.Ordinal);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == "LiveEvent" || a.EntityType == "LiveStream", Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_agency_marks_its_own_task_done_with_a_note_and_no_one_elses(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database);
        int power, telecom, powerTask, telecomTask;
        await using (var db = app.CreateContext())
        {
            var powerCompany = new Organization { Name = "Công ty Điện lực Bình Phước", Kind = OrganizationKind.Company };
            var vnpt = new Organization { Name = "Viễn thông Bình Phước", Kind = OrganizationKind.Company };
            db.Organizations.AddRange(powerCompany, vnpt);
            await db.SaveChangesAsync(Token);
            var a = new Assignment { MeetingId = seeded.MeetingId, OrganizationId = powerCompany.Id, Content = "Bảo đảm điện liên tục", Deadline = new DateOnly(2020, 1, 1) };
            var b = new Assignment { MeetingId = seeded.MeetingId, OrganizationId = vnpt.Id, Content = "Đường truyền chính và dự phòng" };
            db.Assignments.AddRange(a, b);
            await db.SaveChangesAsync(Token);
            (power, telecom, powerTask, telecomTask) = (powerCompany.Id, vnpt.Id, a.Id, b.Id);
        }

        var agency = await app.SignedInClientAsync(Roles.Agency, organizationId: power);
        var done = await agency.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/assignments/{powerTask}/done", new CompleteTaskInput("Máy phát dự phòng trực tại 13 điểm cầu"), Token);
        var task = await done.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<TaskTile>(Token);
        Assert.Equal((AssignmentStatus.Done, false, "Máy phát dự phòng trực tại 13 điểm cầu"), (task!.Status, task.Overdue, task.CompletionNote));
        var other = await agency.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/assignments/{telecomTask}/done", new CompleteTaskInput(), Token);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("Viễn thông Bình Phước", (await other.Content.ReadFromJsonAsync<ProblemDetails>(Token))!.Title, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await agency.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/assignments/{powerTask}/done", new CompleteTaskInput(), Token)).StatusCode);

        await using var check = app.CreateContext();
        Assert.Equal(AssignmentStatus.Pending, (await check.Assignments.SingleAsync(a => a.Id == telecomTask, Token)).Status);
        Assert.Equal(telecom, (await check.Assignments.SingleAsync(a => a.Id == telecomTask, Token)).OrganizationId);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityType == nameof(Assignment) && a.Changes.Contains("Máy phát dự phòng"), Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_meeting_takes_its_organizers_own_checklist_for_its_kind_or_the_default_and_keeps_it_once_ticked(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, checklist: false);
        int office;
        await using (var db = app.CreateContext())
        {
            var organization = new Organization { Name = "Văn phòng HĐND tỉnh Điện Biên", Kind = OrganizationKind.Office };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync(Token);
            db.Add(new MeetingOrganizer { MeetingId = seeded.MeetingId, OrganizationId = organization.Id, IsLead = true });
            await db.SaveChangesAsync(Token);
            office = organization.Id;
        }

        var admin = await app.AdministratorClientAsync();
        var defaults = await (await admin.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/readiness/checklist", new ChecklistRequest(IncludeEpidemicPrevention: true), Token))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<List<CheckDto>>(Token);
        Assert.Equal(DefaultChecklist.For(MeetingKind.VoterContactConference).Select(c => c.Name), defaults!.Select(c => c.Name));
        Assert.Equal("Phòng, chống dịch", defaults![^1].Name);

        var own = new[] { new ChecklistTemplateLine("Phòng họp, bàn ghế"), new ChecklistTemplateLine("Đường truyền"), new ChecklistTemplateLine("Khẩu trang, nước sát khuẩn", EpidemicOnly: true) };
        (await admin.PutAsJsonAsync($"/api/organizations/{office}/readiness-checklists/VoterContactConference", own, Token)).EnsureSuccessStatusCode();
        var duplicate = await admin.PutAsJsonAsync($"/api/organizations/{office}/readiness-checklists/VoterContactConference", new[] { own[0], own[0] }, Token);
        Assert.Contains("có hai lần", await duplicate.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var replaced = await (await admin.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/readiness/checklist", new ChecklistRequest(), Token))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<List<CheckDto>>(Token);
        Assert.Equal(["Phòng họp, bàn ghế", "Đường truyền"], replaced!.Select(c => c.Name));

        (await admin.PutAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sites/{seeded.SiteIds[0]}/readiness/{replaced![0].Id}", new MarkInput(CheckState.Passed), Token)).EnsureSuccessStatusCode();
        var refused = await admin.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/readiness/checklist", new ChecklistRequest(), Token);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var viewer = await app.SignedInClientAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/readiness/checklist", new ChecklistRequest(), Token)).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_readiness_report_lists_every_site_in_the_decree_layout_and_as_a_table(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, sites: 4);
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        await ReadinessTestData.MakeReadyAsync(client, seeded, seeded.SiteIds[1]);

        var docx = await client.GetAsync($"/api/meetings/{seeded.MeetingId}/readiness.docx", Token);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        var text = Drafting.DocxText.All(await docx.Content.ReadAsByteArrayAsync(Token));
        Assert.Contains("BÁO CÁO", text, StringComparison.Ordinal);
        Assert.Contains("1/4 điểm cầu sẵn sàng", text, StringComparison.Ordinal);
        Assert.Contains("UBND xã Số 3", text, StringComparison.Ordinal);
        Assert.Contains("CÁC ĐIỂM CẦU CHƯA SẴN SÀNG", text, StringComparison.Ordinal);
        var xlsx = await client.GetByteArrayAsync($"/api/meetings/{seeded.MeetingId}/readiness.xlsx", Token);
        using var sheet = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var rows = sheet.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        Assert.Equal(5, rows.Count);
        Assert.Contains(rows, r => r.InnerText.Contains("Sẵn sàng", StringComparison.Ordinal));
    }
}
