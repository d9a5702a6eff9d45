using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Agenda;
using DienHong.Features.Assignments;
using DienHong.Features.Auditing;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Api;

public class MeetingsApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<MeetingDetail> CreateMeetingAsync(HttpClient client, MeetingInput? input = null)
    {
        var response = await client.PostAsJsonAsync("/api/meetings", input ?? ApiTestData.Meeting(), Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MeetingDetail>(Token))!;
    }

    private static async Task<SiteDto> AddSiteAsync(HttpClient client, int meetingId, SiteInput site)
    {
        var response = await client.PostAsJsonAsync($"/api/meetings/{meetingId}/sites", site, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SiteDto>(Token))!;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Secretariat_plans_a_meeting_with_sites_agenda_participants_and_tasks(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);

        var meeting = await CreateMeetingAsync(client);
        var host = await AddSiteAsync(client, meeting.Id, ApiTestData.Host());
        await AddSiteAsync(client, meeting.Id, ApiTestData.Commune("Phường Tân Phú"));
        foreach (var content in new[] { "Tuyên bố lý do, giới thiệu đại biểu", "Ý kiến, kiến nghị của cử tri" })
        {
            var added = await client.PostAsJsonAsync($"/api/meetings/{meeting.Id}/agenda", new AgendaItemInput(content, "Đại diện BTTUBMTTQVN tỉnh"), Token);
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        var inserted = await client.PostAsJsonAsync($"/api/meetings/{meeting.Id}/agenda", new AgendaItemInput("Thông báo kết quả kỳ họp", Position: 2), Token);
        Assert.Equal(HttpStatusCode.Created, inserted.StatusCode);
        var person = await client.PostAsJsonAsync($"/api/meetings/{meeting.Id}/participants", new ParticipantInput("Phan Viết Lượng", "Đại biểu Quốc hội", SiteId: host.Id), Token);
        Assert.Equal(HttpStatusCode.Created, person.StatusCode);
        var task = await client.PostAsJsonAsync($"/api/meetings/{meeting.Id}/assignments", new AssignmentInput("Tổng hợp ý kiến cử tri", AssigneeName: "BTT UBMTTQVN tỉnh", Deadline: "23/11/2021"), Token);
        Assert.Equal(HttpStatusCode.Created, task.StatusCode);

        var agenda = await client.GetFromJsonAsync<List<AgendaItemDto>>($"/api/meetings/{meeting.Id}/agenda", Token);
        Assert.Equal(["Tuyên bố lý do, giới thiệu đại biểu", "Thông báo kết quả kỳ họp", "Ý kiến, kiến nghị của cử tri"], agenda!.Select(a => a.Content));
        Assert.Equal([1, 2, 3], agenda!.Select(a => a.Order));
        var tasks = await client.GetFromJsonAsync<List<AssignmentDto>>($"/api/meetings/{meeting.Id}/assignments", Token);
        Assert.Equal(new DateOnly(2021, 11, 23), Assert.Single(tasks!).Deadline);
        var detail = await client.GetFromJsonAsync<MeetingDetail>($"/api/meetings/{meeting.Id}", Token);
        Assert.Equal((2, 1, 3, 1), (detail!.SiteCount, detail.ParticipantCount, detail.AgendaItemCount, detail.AssignmentCount));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Agenda_reorder_and_delete_keep_numbers_without_gaps(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var meeting = await CreateMeetingAsync(client);
        var ids = new List<int>();
        foreach (var content in new[] { "Một", "Hai", "Ba", "Bốn" })
        {
            var response = await client.PostAsJsonAsync($"/api/meetings/{meeting.Id}/agenda", new AgendaItemInput(content), Token);
            ids.Add((await response.Content.ReadFromJsonAsync<AgendaItemDto>(Token))!.Id);
        }

        var reordered = await client.PutAsJsonAsync($"/api/meetings/{meeting.Id}/agenda/order", new[] { ids[3], ids[0], ids[1], ids[2] }, Token);
        Assert.Equal(HttpStatusCode.OK, reordered.StatusCode);
        var deleted = await client.DeleteAsync($"/api/meetings/{meeting.Id}/agenda/{ids[0]}", Token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var incomplete = await client.PutAsJsonAsync($"/api/meetings/{meeting.Id}/agenda/order", new[] { ids[3] }, Token);

        var agenda = await client.GetFromJsonAsync<List<AgendaItemDto>>($"/api/meetings/{meeting.Id}/agenda", Token);
        Assert.Equal(["Bốn", "Hai", "Ba"], agenda!.Select(a => a.Content));
        Assert.Equal([1, 2, 3], agenda!.Select(a => a.Order));
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Broken_rules_answer_a_Vietnamese_problem_document_and_change_nothing(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var meeting = await CreateMeetingAsync(client);
        await AddSiteAsync(client, meeting.Id, ApiTestData.Host());

        var secondHost = await client.PostAsJsonAsync($"/api/meetings/{meeting.Id}/sites", ApiTestData.Host() with { Name = "Điểm cầu khác" }, Token);
        var zeroCapacity = await client.PostAsJsonAsync($"/api/meetings/{meeting.Id}/sites", ApiTestData.Commune("Xã Tân Lập") with { Capacity = 0 }, Token);
        var lateTest = await client.PostAsJsonAsync($"/api/meetings/{meeting.Id}/sites", ApiTestData.Commune("Xã Minh Hưng") with { ConnectionTestAt = ApiTestData.Start.AddHours(1) }, Token);
        var phaseOutside = await client.PutAsJsonAsync($"/api/meetings/{meeting.Id}", ApiTestData.Meeting() with
        {
            Phases = [new PhaseDto("Đợt 1", ApiTestData.Start, ApiTestData.Start.AddHours(2), MeetingFormat.Online), new PhaseDto("Đợt 2", ApiTestData.Start.AddHours(1), ApiTestData.Start.AddHours(5), MeetingFormat.InPerson)],
        }, Token);
        var impossibleDeadline = await client.PostAsJsonAsync($"/api/meetings/{meeting.Id}/assignments", new AssignmentInput("Chuẩn bị", AssigneeName: "VNPT", Deadline: "2021-02-30"), Token);

        await AssertProblemAsync(secondHost, "đúng một điểm cầu trung tâm");
        await AssertProblemAsync(zeroCapacity, "sức chứa phải là số nguyên dương");
        await AssertProblemAsync(lateTest, "phải trước khi cuộc họp bắt đầu");
        await AssertProblemAsync(phaseOutside, "phải nằm trong thời gian của cuộc họp");
        await AssertProblemAsync(phaseOutside, "trùng thời gian");
        await AssertProblemAsync(impossibleDeadline, "không phải là một ngày có thật");
        await using var db = app.CreateContext();
        Assert.Equal(1, await db.Sites.CountAsync(Token));
        Assert.Equal(0, await db.MeetingPhases.CountAsync(Token));
        Assert.Equal(0, await db.Assignments.CountAsync(Token));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string expectedMessage)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Token);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(expectedMessage, problem.RootElement.GetProperty("errors").ToString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Viewer_reads_but_cannot_edit(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var secretariat = await app.SignedInClientAsync(Roles.Secretariat);
        var meeting = await CreateMeetingAsync(secretariat);
        var viewer = await app.SignedInClientAsync(Roles.Viewer);

        var read = await viewer.GetAsync($"/api/meetings/{meeting.Id}", Token);
        var create = await viewer.PostAsJsonAsync("/api/meetings", ApiTestData.Meeting("Không được tạo"), Token);
        var edit = await viewer.PutAsJsonAsync($"/api/meetings/{meeting.Id}", ApiTestData.Meeting("Đổi tên"), Token);
        var addSite = await viewer.PostAsJsonAsync($"/api/meetings/{meeting.Id}/sites", ApiTestData.Host(), Token);
        var delete = await viewer.DeleteAsync($"/api/meetings/{meeting.Id}", Token);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.All([create, edit, addSite, delete], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        await using var db = app.CreateContext();
        Assert.Equal(ApiTestData.Meeting().Title, (await db.Meetings.SingleAsync(Token)).Title);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Site_operator_sees_only_their_sites_and_meetings(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var secretariat = await app.SignedInClientAsync(Roles.Secretariat);
        var meeting = await CreateMeetingAsync(secretariat);
        await AddSiteAsync(secretariat, meeting.Id, ApiTestData.Host());
        var own = await AddSiteAsync(secretariat, meeting.Id, ApiTestData.Commune("Xã Tiến Hưng"));
        var other = await AddSiteAsync(secretariat, meeting.Id, ApiTestData.Commune("Xã Tân Thành"));
        await secretariat.PostAsJsonAsync($"/api/meetings/{meeting.Id}/participants", new ParticipantInput("Nguyễn Văn An", SiteId: own.Id), Token);
        await secretariat.PostAsJsonAsync($"/api/meetings/{meeting.Id}/participants", new ParticipantInput("Trần Thị Bình", SiteId: other.Id), Token);
        var unrelated = await CreateMeetingAsync(secretariat, ApiTestData.Meeting("Họp giao ban tháng 11"));
        var operatorClient = await app.SignedInClientAsync(Roles.SiteOperator, own.Id);

        var sites = await operatorClient.GetFromJsonAsync<List<SiteDto>>($"/api/meetings/{meeting.Id}/sites", Token);
        var people = await operatorClient.GetFromJsonAsync<List<ParticipantDto>>($"/api/meetings/{meeting.Id}/participants", Token);
        var meetings = await operatorClient.GetFromJsonAsync<List<MeetingSummary>>("/api/meetings", Token);
        var hidden = await operatorClient.GetAsync($"/api/meetings/{unrelated.Id}", Token);
        var edit = await operatorClient.PutAsJsonAsync($"/api/meetings/{meeting.Id}/sites/{own.Id}", ApiTestData.Commune("Đổi tên"), Token);

        Assert.Equal("Xã Tiến Hưng", Assert.Single(sites!).Name);
        Assert.Equal("Nguyễn Văn An", Assert.Single(people!).PersonName);
        Assert.Equal(meeting.Id, Assert.Single(meetings!).Id);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Anonymous_callers_get_401_and_the_OpenAPI_document_is_served(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });

        var meetings = await anonymous.GetAsync("/api/meetings", Token);
        var badPassword = await anonymous.PostAsJsonAsync("/api/account/login", new SignInRequest("admin", "sai-mat-khau"), Token);
        var openApi = await anonymous.GetFromJsonAsync<JsonElement>("/api/openapi/v1.json", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, meetings.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badPassword.StatusCode);
        Assert.Contains("không đúng", await badPassword.Content.ReadAsStringAsync(Token));
        Assert.Equal("Diên Hồng API", openApi.GetProperty("info").GetProperty("title").GetString());
        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/api/meetings", "/api/meetings/{meetingId}/sites", "/api/meetings/{meetingId}/participants", "/api/meetings/{meetingId}/agenda", "/api/meetings/{meetingId}/assignments" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Five_wrong_passwords_lock_the_account(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/account/login", new SignInRequest("admin", "sai-mat-khau"), Token);
        }

        var withRightPassword = await client.PostAsJsonAsync("/api/account/login", new SignInRequest("admin", DienHongApp.Password), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, withRightPassword.StatusCode);
        Assert.Contains("tạm khóa", await withRightPassword.Content.ReadAsStringAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Copying_a_meeting_shifts_its_times_and_records_who_did_it(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var meeting = await CreateMeetingAsync(client);
        await AddSiteAsync(client, meeting.Id, ApiTestData.Host());
        await client.PostAsJsonAsync($"/api/meetings/{meeting.Id}/assignments", new AssignmentInput("Tổng hợp ý kiến", AssigneeName: "UBMTTQVN tỉnh", Deadline: "2021-11-23"), Token);
        var nextStart = ApiTestData.Start.AddDays(210);

        var response = await client.PostAsJsonAsync($"/api/meetings/{meeting.Id}/copy", new CopyMeetingRequest(nextStart, "Hội nghị tiếp xúc cử tri sau kỳ họp thứ 3"), Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var copy = (await response.Content.ReadFromJsonAsync<MeetingDetail>(Token))!;
        Assert.Equal(nextStart, copy.StartsAt);
        Assert.Equal(MeetingStatus.Draft, copy.Status);
        Assert.Equal(meeting.LegalBases, copy.LegalBases);
        var sites = await client.GetFromJsonAsync<List<SiteDto>>($"/api/meetings/{copy.Id}/sites", Token);
        Assert.Equal(nextStart.AddHours(-11), Assert.Single(sites!).ConnectionTestAt);
        var tasks = await client.GetFromJsonAsync<List<AssignmentDto>>($"/api/meetings/{copy.Id}/assignments", Token);
        Assert.Equal(new DateOnly(2022, 6, 21), Assert.Single(tasks!).Deadline);
        var audit = await client.GetFromJsonAsync<List<AuditEntry>>($"/api/meetings/{copy.Id}/audit", Token);
        Assert.Contains(audit!, e => e.EntityType == nameof(Meeting) && e.Action == "Added" && e.UserName.StartsWith("secretariat", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Meeting_list_filters_by_kind_dates_and_accent_free_search(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        await CreateMeetingAsync(client);
        await CreateMeetingAsync(client, ApiTestData.Meeting("Kỳ họp thứ 13 (bất thường) HĐND tỉnh Điện Biên") with
        {
            Kind = MeetingKind.ExtraordinarySession,
            StartsAt = new DateTime(2020, 4, 14, 0, 30, 0, DateTimeKind.Utc),
            EndsAt = new DateTime(2020, 4, 14, 10, 0, 0, DateTimeKind.Utc),
        });

        var search = await client.GetFromJsonAsync<List<MeetingSummary>>("/api/meetings?search=tiep%20xuc%20cu%20tri", Token);
        var dStroke = await client.GetFromJsonAsync<List<MeetingSummary>>("/api/meetings?search=dien%20bien", Token);
        var kind = await client.GetFromJsonAsync<List<MeetingSummary>>("/api/meetings?kind=ExtraordinarySession", Token);
        var range = await client.GetFromJsonAsync<List<MeetingSummary>>("/api/meetings?from=2021-11-19&to=2021-11-19", Token);

        Assert.StartsWith("Hội nghị tiếp xúc cử tri", Assert.Single(search!).Title);
        Assert.StartsWith("Kỳ họp thứ 13", Assert.Single(dStroke!).Title);
        Assert.StartsWith("Kỳ họp thứ 13", Assert.Single(kind!).Title);
        Assert.StartsWith("Hội nghị tiếp xúc cử tri", Assert.Single(range!).Title);
        // Integrators read names, not numbers.
        Assert.Contains("\"kind\":\"ExtraordinarySession\"", await client.GetStringAsync("/api/meetings?kind=ExtraordinarySession", Token), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_user_scoped_to_an_organization_sees_the_meetings_it_organizes_or_is_tasked_in(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var delegation = await (await admin.PostAsJsonAsync("/api/organizations", new OrganizationInput("Đoàn ĐBQH tỉnh Bình Phước", OrganizationKind.ElectedBody), Token)).Content.ReadFromJsonAsync<OrganizationDto>(Token);
        var power = await (await admin.PostAsJsonAsync("/api/organizations", new OrganizationInput("Công ty Điện lực Bình Phước", OrganizationKind.Company), Token)).Content.ReadFromJsonAsync<OrganizationDto>(Token);
        var organized = await CreateMeetingAsync(admin, ApiTestData.Meeting() with { Organizers = [new OrganizerDto(delegation!.Id, null, true)] });
        var other = await CreateMeetingAsync(admin, ApiTestData.Meeting("Họp giao ban tháng 11"));
        await admin.PostAsJsonAsync($"/api/meetings/{other.Id}/assignments", new AssignmentInput("Đảm bảo điện", OrganizationId: power!.Id), Token);
        await CreateMeetingAsync(admin, ApiTestData.Meeting("Hội nghị không liên quan"));
        var delegationStaff = await app.SignedInClientAsync(Roles.Secretariat, organizationId: delegation.Id);
        var powerCompany = await app.SignedInClientAsync(Roles.Agency, organizationId: power.Id);

        var seenByDelegation = await delegationStaff.GetFromJsonAsync<List<MeetingSummary>>("/api/meetings", Token);
        var seenByPower = await powerCompany.GetFromJsonAsync<List<MeetingSummary>>("/api/meetings", Token);
        var allForAdmin = await admin.GetFromJsonAsync<List<MeetingSummary>>("/api/meetings", Token);

        Assert.Equal(organized.Id, Assert.Single(seenByDelegation!).Id);
        Assert.Equal(other.Id, Assert.Single(seenByPower!).Id);
        Assert.Equal(3, allForAdmin!.Count);
    }
}
