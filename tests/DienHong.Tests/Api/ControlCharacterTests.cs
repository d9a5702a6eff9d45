using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using DienHong.Data;
using DienHong.Features.Meetings;
using DienHong.Tests.Drafting;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Api;

/// <summary>
/// Control characters and NUL, whichever way they come in (API, import, editor), are stripped on
/// save — tabs and line breaks kept where a field has several lines — so documents stay valid XML
/// and PostgreSQL never sees a NUL.
/// </summary>
public class ControlCharacterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Control_characters_sent_to_the_API_are_stripped_and_the_paperwork_stays_valid(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var organizationId = await admin.IssuingOrganizationAsync();
        var meeting = JsonSerializer.Serialize(new
        {
            title = "Hội nghị\u0000 tiếp xúc\u0007 cử tri\u001b",
            kind = "VoterContactConference",
            format = "Online",
            status = "Draft",
            startsAt = "2021-11-19T01:00:00Z",
            endsAt = "2021-11-19T04:00:00Z",
            place = "Lào Cai".Normalize(NormalizationForm.FormD),
            purpose = "Dòng 1\r\nDòng 2\tcột\u0000",
            backdropTitle = "TIẾP XÚC CỬ TRI\u0000\u001f",
            organizers = new[] { new { organizationId, isLead = true } },
        });
        var meetingId = await admin.CreateAsync("/api/meetings", meeting);
        var siteId = await admin.CreateAsync($"/api/meetings/{meetingId}/sites", JsonSerializer.Serialize(new
        {
            name = "Hội trường\u0000 UBND\u000b xã Bản Lầu",
            capacity = 30,
            isHost = true,
            room = "Phòng 1\nTầng 2",
            presidingPerson = "\u0085Ông Hoàng Văn Sơn",
        }));
        await admin.CreateAsync($"/api/meetings/{meetingId}/participants", JsonSerializer.Serialize(new { personName = "Nguyễn\u0000 Văn\u0008 An", siteId }));
        await admin.CreateAsync($"/api/meetings/{meetingId}/agenda", JsonSerializer.Serialize(new { content = "Khai mạc\u0000 hội nghị" }));
        await admin.CreateAsync($"/api/meetings/{meetingId}/assignments", JsonSerializer.Serialize(new { content = "Bảo đảm\u0000 điện\r\nsuốt hội nghị", assigneeName = "Công ty Điện lực" }));
        var wording = await admin.GetFromJsonAsync<JsonElement>($"/api/meetings/{meetingId}/documents/wording?kind=Notice&organizationId={organizationId}", Token);
        var withNul = "@summary Về việc tổ chức hội nghị\u0000 tiếp xúc cử tri\u0007\n" + string.Join('\n', wording.GetProperty("text").GetString()!.Split('\n').Where(l => !l.StartsWith("@summary", StringComparison.Ordinal)));
        var notice = await admin.CreateAsync($"/api/meetings/{meetingId}/documents", JsonSerializer.Serialize(new { kind = "Notice", organizationId, issuedOn = "2021-11-10", wording = new { text = withNul } }));
        var issued = await admin.CreateAsync($"/api/meetings/{meetingId}/documents", JsonSerializer.Serialize(new { kind = "Invitation", organizationId, issuedOn = "2021-11-10" }));

        await using (var db = app.CreateContext())
        {
            var stored = await db.LoadMeetingAsync(meetingId, Token);
            Assert.Equal("Hội nghị tiếp xúc cử tri", stored!.Title);
            Assert.Equal("Dòng 1\nDòng 2\tcột", stored.Purpose);
            Assert.Equal("Lào Cai".Normalize(NormalizationForm.FormC), stored.Place);
            Assert.Equal("TIẾP XÚC CỬ TRI", stored.BackdropTitle);
            var site = Assert.Single(stored.Sites);
            Assert.Equal(("Hội trường UBND xã Bản Lầu", "Phòng 1 Tầng 2", "Ông Hoàng Văn Sơn"), (site.Name, site.Room, site.PresidingPerson));
            Assert.Equal("Nguyễn Văn An", Assert.Single(stored.Participants).PersonName);
            Assert.Equal("Khai mạc hội nghị", Assert.Single(stored.AgendaItems).Content);
            Assert.Equal("Bảo đảm điện\nsuốt hội nghị", Assert.Single(stored.Assignments).Content);
        }

        var noticeFile = await admin.GetByteArrayAsync($"/api/documents/{notice}/file", Token);
        Assert.Empty(DocxText.ValidationErrors(noticeFile));
        Assert.Contains("Về việc tổ chức hội nghị tiếp xúc cử tri", DocxText.All(noticeFile), StringComparison.Ordinal);
        var invitation = await admin.GetByteArrayAsync($"/api/documents/{issued}/file", Token);
        Assert.Empty(DocxText.ValidationErrors(invitation));
        Assert.Contains("Nguyễn Văn An", DocxText.All(invitation), StringComparison.Ordinal);
        using (var invitations = new ZipArchive(new MemoryStream(await admin.GetByteArrayAsync($"/api/documents/{issued}/invitations.zip", Token))))
        {
            Assert.Empty(DocxText.ValidationErrors(await ReadAsync(Assert.Single(invitations.Entries))));
        }

        using (var backdrops = new ZipArchive(new MemoryStream(await admin.GetByteArrayAsync($"/api/meetings/{meetingId}/backdrops.zip", Token))))
        {
            Assert.Empty(DocxText.ValidationErrors(await ReadAsync(backdrops.Entries.Single(e => e.Name.EndsWith(".docx", StringComparison.Ordinal)))));
            XDocument.Parse(Encoding.UTF8.GetString(await ReadAsync(backdrops.Entries.Single(e => e.Name.EndsWith(".svg", StringComparison.Ordinal)))));
        }

        var svg = XDocument.Parse(await admin.GetStringAsync($"/api/meetings/{meetingId}/backdrops/{siteId}.svg", Token));
        Assert.Contains("TIẾP XÚC CỬ TRI", svg.ToString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NUL_in_a_search_or_a_user_name_is_not_a_server_error(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        await admin.CreateAsync("/api/meetings", RawRequests.Meeting);

        var search = await admin.GetAsync("/api/meetings?search=h%E1%BB%99i%00ngh%E1%BB%8B", Token);
        var units = await admin.GetAsync("/api/administrative-units?search=%00", Token);
        var signIn = await app.CreateClient().PostJsonAsync("/api/account/login", """{"userName":"ad\u0000min","password":"Mat-khau-123"}""");
        var user = await admin.PostJsonAsync("/api/users", """{"userName":"thu\u0000ky","password":"Mat-khau-123","fullName":"Nguyễn\u0000 Thị Thu","roles":["Secretariat"]}""");

        Assert.Single((await search.Content.ReadFromJsonAsync<JsonElement>(Token)).EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, units.StatusCode);
        Assert.True(signIn.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"sign-in with NUL: {(int)signIn.StatusCode}");
        Assert.True(user.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"user with NUL: {(int)user.StatusCode} {await user.Content.ReadAsStringAsync(Token)}");
        await using var db = app.CreateContext();
        Assert.DoesNotContain(await db.Users.Select(u => u.FullName + u.UserName).ToListAsync(Token), name => name.Contains('\0', StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Imported_and_edited_text_loses_its_control_characters_too(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var meetingId = await admin.CreateAsync("/api/meetings", RawRequests.Meeting);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("Họ tên,Chức vụ\nNguyễn\u0000 Văn\u0007 Bình,Phó\u001b Chủ tịch\n")), "file", "thanh-phan.csv" },
        };

        var imported = await admin.PostAsync($"/api/meetings/{meetingId}/participants/import", form, Token);
        // The editor saves through the same context: what a circuit would write.
        await using (var editor = app.CreateContext())
        {
            var meeting = await editor.LoadMeetingAsync(meetingId, Token);
            meeting!.Requirements = "Đúng giờ\u0000;\r\n\tmặc trang phục lịch sự\u0003";
            await editor.SaveMeetingAsync(meeting, Token);
        }

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        await using var db = app.CreateContext();
        var person = await db.Participants.SingleAsync(Token);
        Assert.Equal(("Nguyễn Văn Bình", "Phó Chủ tịch"), (person.PersonName, person.Title));
        Assert.Equal("Đúng giờ;\n\tmặc trang phục lịch sự", (await db.Meetings.SingleAsync(Token)).Requirements);
    }

    private static async Task<byte[]> ReadAsync(ZipArchiveEntry entry)
    {
        await using var stream = await entry.OpenAsync(Token);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Token);
        return copy.ToArray();
    }
}
