using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Auditing;
using DienHong.Features.Demo;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Tests.Api;
using DienHong.Tests.Drafting;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Accounts;

/// <summary>What each user may read and change, on the demo: thuky (Bình Phước office), kythuat.dongxoai (one site), the Điện Biên session of another office.</summary>
public class ScopeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed record Demo(DienHongApp App, int Conference, int Session, int Delegation, int DienBienCouncil, int Office, int OperatorSite) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private static async Task<Demo> DemoAsync(DatabaseProvider provider)
    {
        var app = new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true);
        _ = app.Services;
        await using var db = app.CreateContext();
        var conference = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(Token);
        var session = await db.Meetings.Where(m => m.Title == DienBienDemo.Title).Select(m => m.Id).SingleAsync(Token);
        var delegation = await db.OrganizationTemplates.Where(t => t.BodySymbol == "ĐBQH").Select(t => t.OrganizationId).SingleAsync(Token);
        var council = await db.OrganizationTemplates.Where(t => t.BodySymbol == "HĐND").Select(t => t.OrganizationId).SingleAsync(Token);
        var office = await db.Users.Where(u => u.UserName == "thuky").Select(u => u.OrganizationId!.Value).SingleAsync(Token);
        var site = await db.UserSites.Where(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == "kythuat.dongxoai")).Select(s => s.SiteId).SingleAsync(Token);
        return new Demo(app, conference, session, delegation, council, office, site);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_secretariat_user_of_another_office_can_neither_change_nor_delete_nor_copy_a_meeting(DatabaseProvider provider)
    {
        await using var demo = await DemoAsync(provider);
        var thuky = await demo.App.SignInAsync("thuky", DemoSeeder.DemoPassword);
        await using var before = demo.App.CreateContext();
        var meetings = await before.Meetings.CountAsync(Token);

        var put = await thuky.PutAsJsonAsync($"/api/meetings/{demo.Session}", ApiTestData.Meeting("Bị ghi đè"), Token);
        var delete = await thuky.DeleteAsync($"/api/meetings/{demo.Session}", Token);
        var copy = await thuky.PostAsJsonAsync($"/api/meetings/{demo.Session}/copy", new CopyMeetingRequest(ApiTestData.Start), Token);
        var ownEdit = await thuky.PostAsJsonAsync($"/api/meetings/{demo.Conference}/agenda", new Features.Agenda.AgendaItemInput("Bế mạc"), Token);

        Assert.All([put, delete, copy], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(HttpStatusCode.Created, ownEdit.StatusCode);
        await using var after = demo.App.CreateContext();
        var session = await after.Meetings.SingleAsync(m => m.Id == demo.Session, Token);
        Assert.Equal((DienBienDemo.Title, MeetingStatus.Completed, "Điện Biên"), (session.Title, session.Status, session.Place));
        Assert.Equal(meetings, await after.Meetings.CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_the_organizers_or_the_users_own_letterhead_and_register_can_be_used(DatabaseProvider provider)
    {
        await using var demo = await DemoAsync(provider);
        var thuky = await demo.App.SignInAsync("thuky", DemoSeeder.DemoPassword);

        var foreign = await thuky.PostAsJsonAsync($"/api/meetings/{demo.Conference}/documents", new IssueRequest(DocumentKind.Notice, demo.DienBienCouncil), Token);
        var foreignWording = await thuky.GetAsync($"/api/meetings/{demo.Conference}/documents/wording?kind=Notice&organizationId={demo.DienBienCouncil}", Token);
        var own = await thuky.PostAsJsonAsync($"/api/meetings/{demo.Conference}/documents", new IssueRequest(DocumentKind.Notice, demo.Delegation), Token);

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("cơ quan tổ chức cuộc họp hoặc cơ quan của bạn", await foreign.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, foreignWording.StatusCode);
        Assert.Equal("01/TB-ĐBQH", (await own.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!.Symbol);
        await using var db = demo.App.CreateContext();
        Assert.False(await db.IssuedDocuments.AnyAsync(d => d.OrganizationId == demo.DienBienCouncil, Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_letterhead_offered_first_is_the_lead_organizers_and_a_meeting_without_one_gets_none(DatabaseProvider provider)
    {
        await using var demo = await DemoAsync(provider);
        await using var db = demo.App.CreateContext();
        var front = await db.Organizations.Where(o => o.Name.StartsWith("Ủy ban Mặt trận")).Select(o => o.Id).SingleAsync(Token);
        var access = new MeetingAccess(new CurrentUser { Principal = await PrincipalAsync(db, "thuky") });
        var ledByDelegation = new Meeting { Title = "A", Organizers = [new() { OrganizationId = front }, new() { OrganizationId = demo.Delegation, IsLead = true }] };
        var ledByFront = new Meeting { Title = "B", Organizers = [new() { OrganizationId = front, IsLead = true }] };
        var admin = new MeetingAccess(new CurrentUser { Principal = await PrincipalAsync(db, "admin") });

        Assert.Equal([demo.Delegation], (await access.IssuingOrganizationsAsync(db, ledByDelegation, Token)).Select(o => o.Id));
        // The front has no template; the office's own organization has none either: the Điện Biên letterhead is never offered.
        Assert.Empty(await access.IssuingOrganizationsAsync(db, ledByFront, Token));
        Assert.Empty(await admin.IssuingOrganizationsAsync(db, ledByFront, Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_site_operator_gets_only_their_sites_data_in_counts_exports_documents_and_history(DatabaseProvider provider)
    {
        await using var demo = await DemoAsync(provider);
        var admin = await demo.App.AdministratorClientAsync();
        var other = (await (await admin.PostAsJsonAsync($"/api/meetings/{demo.Conference}/sites", ApiTestData.Commune("Xã Khac Biet ZZOTHERSITE"), Token)).Content.ReadFromJsonAsync<SiteDto>(Token))!;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/meetings/{demo.Conference}/participants", new ParticipantInput("Người Khác ZZOTHERPERSON", SiteId: other.Id), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/meetings/{demo.Conference}/participants", new ParticipantInput("Người Của Điểm ZZOWNPERSON", SiteId: demo.OperatorSite), Token)).StatusCode);
        var invitations = (await (await admin.PostAsJsonAsync($"/api/meetings/{demo.Conference}/documents", new IssueRequest(DocumentKind.Invitation, demo.Delegation), Token)).Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!;
        var operatorClient = await demo.App.SignInAsync("kythuat.dongxoai", DemoSeeder.DemoPassword);

        var detail = await operatorClient.GetFromJsonAsync<MeetingDetail>($"/api/meetings/{demo.Conference}", Token);
        var listed = await operatorClient.GetFromJsonAsync<List<MeetingSummary>>("/api/meetings", Token);
        var spreadsheet = await operatorClient.GetByteArrayAsync($"/api/meetings/{demo.Conference}/participants.xlsx", Token);
        var backdrops = await operatorClient.GetByteArrayAsync($"/api/meetings/{demo.Conference}/backdrops.zip", Token);
        var history = await operatorClient.GetStringAsync($"/api/meetings/{demo.Conference}/audit", Token);
        var batch = await operatorClient.GetAsync($"/api/documents/{invitations.Id}/file", Token);
        var own = await operatorClient.GetByteArrayAsync($"/api/documents/{invitations.Id}/invitations.zip", Token);
        var otherBackdrop = await operatorClient.GetAsync($"/api/meetings/{demo.Conference}/backdrops/{other.Id}.svg", Token);

        int ownPeople;
        await using (var db = demo.App.CreateContext())
        {
            ownPeople = await db.Participants.CountAsync(p => p.SiteId == demo.OperatorSite, Token);
        }

        Assert.Equal((1, ownPeople), (detail!.SiteCount, detail.ParticipantCount));

        Assert.Equal(1, Assert.Single(listed!).SiteCount);
        var sheet = DocxText.SpreadsheetText(spreadsheet);
        Assert.Contains("ZZOWNPERSON", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain("ZZOTHER", sheet, StringComparison.Ordinal);
        using (var zip = new ZipArchive(new MemoryStream(backdrops)))
        {
            Assert.Equal(2, zip.Entries.Count);
            Assert.Contains("tien-thanh", zip.Entries[0].Name, StringComparison.Ordinal);
        }

        Assert.Contains("ZZOWNPERSON", history, StringComparison.Ordinal);
        Assert.DoesNotContain("ZZOTHER", history, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, batch.StatusCode);
        using (var zip = new ZipArchive(new MemoryStream(own)))
        {
            Assert.Equal(ownPeople, zip.Entries.Count);
        }

        Assert.Equal(HttpStatusCode.NotFound, otherBackdrop.StatusCode);
        var adminHistory = await admin.GetFromJsonAsync<List<AuditEntry>>($"/api/meetings/{demo.Conference}/audit", Token);
        Assert.Contains(adminHistory!, e => e.Changes.Contains("ZZOTHERPERSON", StringComparison.Ordinal) && e.SiteId == other.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_meeting_with_issued_documents_is_cancelled_not_deleted(DatabaseProvider provider)
    {
        await using var demo = await DemoAsync(provider);
        var thuky = await demo.App.SignInAsync("thuky", DemoSeeder.DemoPassword);
        var plan = (await (await thuky.PostAsJsonAsync($"/api/meetings/{demo.Conference}/documents", new IssueRequest(DocumentKind.Plan, demo.Delegation), Token)).Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!;

        var delete = await thuky.DeleteAsync($"/api/meetings/{demo.Conference}", Token);
        var detail = await thuky.GetFromJsonAsync<MeetingDetail>($"/api/meetings/{demo.Conference}", Token);
        var cancel = await thuky.PutAsJsonAsync($"/api/meetings/{demo.Conference}", ApiTestData.Meeting(detail!.Title) with
        {
            Kind = detail.Kind,
            Format = detail.Format,
            StartsAt = detail.StartsAt,
            EndsAt = detail.EndsAt,
            Status = MeetingStatus.Cancelled,
        }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Contains("không xóa được", await delete.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await thuky.GetAsync($"/api/documents/{plan.Id}/file", Token)).StatusCode);
        await using var db = demo.App.CreateContext();
        Assert.Equal(MeetingStatus.Cancelled, (await db.Meetings.SingleAsync(m => m.Id == demo.Conference, Token)).Status);
        // The database refuses it too, whoever asks.
        db.Meetings.Remove(await db.Meetings.SingleAsync(m => m.Id == demo.Conference, Token));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Templates_are_read_only_by_their_own_staff_and_administrators(DatabaseProvider provider)
    {
        await using var demo = await DemoAsync(provider);
        var thuky = await demo.App.SignInAsync("thuky", DemoSeeder.DemoPassword);
        var admin = await demo.App.AdministratorClientAsync();

        var foreign = await thuky.GetAsync($"/api/organizations/{demo.DienBienCouncil}/template", Token);
        var foreignEdit = await thuky.PutAsJsonAsync($"/api/organizations/{demo.DienBienCouncil}/template", new OrganizationTemplateInput("X", "X", "X"), Token);
        var served = await thuky.GetAsync($"/api/organizations/{demo.Delegation}/template", Token);
        var byAdmin = await admin.GetAsync($"/api/organizations/{demo.DienBienCouncil}/template", Token);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignEdit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        await using var db = demo.App.CreateContext();
        Assert.Equal("HỘI ĐỒNG NHÂN DÂN\nTỈNH ĐIỆN BIÊN", (await db.OrganizationTemplates.SingleAsync(t => t.OrganizationId == demo.DienBienCouncil, Token)).IssuingBodyName);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_scoped_secretariat_user_creates_meetings_only_in_their_organizations_name(DatabaseProvider provider)
    {
        await using var demo = await DemoAsync(provider);
        var thuky = await demo.App.SignInAsync("thuky", DemoSeeder.DemoPassword);

        var foreign = await thuky.PostAsJsonAsync("/api/meetings", ApiTestData.Meeting("Nhân danh Điện Biên") with { Organizers = [new OrganizerDto(demo.DienBienCouncil, null, true)] }, Token);
        var withoutOrganizer = await thuky.PostAsJsonAsync("/api/meetings", ApiTestData.Meeting("Không ghi cơ quan tổ chức"), Token);
        var served = await thuky.PostAsJsonAsync("/api/meetings", ApiTestData.Meeting("Nhân danh Đoàn") with { Organizers = [new OrganizerDto(demo.Delegation, null, true)] }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        var created = (await withoutOrganizer.Content.ReadFromJsonAsync<MeetingDetail>(Token))!;
        Assert.Equal(demo.Office, Assert.Single(created.Organizers).OrganizationId);
        Assert.Equal(HttpStatusCode.OK, (await thuky.GetAsync($"/api/meetings/{created.Id}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, served.StatusCode);
        await using var db = demo.App.CreateContext();
        Assert.False(await db.Meetings.AnyAsync(m => m.Title == "Nhân danh Điện Biên", Token));
    }

    /// <summary>The principal a user would have after signing in (id and roles), to ask MeetingAccess directly.</summary>
    private static async Task<ClaimsPrincipal> PrincipalAsync(DienHongDbContext db, string userName)
    {
        var user = await db.Users.SingleAsync(u => u.UserName == userName, Token);
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(Token);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, userName), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));
    }
}
