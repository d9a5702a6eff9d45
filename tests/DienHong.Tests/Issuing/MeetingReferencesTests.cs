using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DienHong.Data;
using DienHong.Features.Drafting;
using DienHong.Features.Issuing;
using DienHong.Tests.Api;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Issuing;

/// <summary>Related documents (a notice that assigned tasks, a summons) entered through the meeting API, cited by the paperwork only when there are some.</summary>
public class MeetingReferencesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string MeetingJson(int organizationId, string references) => $$"""
        {"title":"Hội nghị triển khai công tác bầu cử","kind":"Conference","format":"Online","status":"Planned",
         "startsAt":"2026-03-10T01:00:00Z","endsAt":"2026-03-10T04:00:00Z","place":"Lào Cai",
         "organizers":[{"organizationId":{{organizationId}},"isLead":true}]{{references}}}
        """;

    private const string TwoReferences = """
        ,"references":[
          {"kind":"Notice","number":"47/TB-ĐBQH","issuedOn":"2026-02-20","issuer":"Đoàn ĐBQH tỉnh","summary":"kết luận của Trưởng Đoàn","concerns":"Văn phòng UBND tỉnh, Sở Thông tin và Truyền thông"},
          {"kind":"Decision","number":"12/QĐ-ĐBQH","issuedOn":"2026-02-01","issuer":"Đoàn ĐBQH tỉnh","summary":"thành lập Tổ giúp việc"}]
        """;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task References_are_set_and_replaced_whole_through_the_meeting_API_audited_and_cited_only_when_present(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var admin = await app.AdministratorClientAsync();
        var organizationId = await admin.IssuingOrganizationAsync();
        var meetingId = await admin.CreateAsync("/api/meetings", MeetingJson(organizationId, TwoReferences));

        var created = await admin.GetFromJsonAsync<JsonElement>($"/api/meetings/{meetingId}", Token);
        var references = created.GetProperty("references").EnumerateArray().ToList();
        Assert.Equal(["47/TB-ĐBQH", "12/QĐ-ĐBQH"], references.Select(r => r.GetProperty("number").GetString()));
        Assert.Equal(("Notice", "2026-02-20"), (references[0].GetProperty("kind").GetString(), references[0].GetProperty("issuedOn").GetString()));

        // The notice that assigned tasks is carried out ("Thực hiện …", "Đối với … thực hiện …"); the decision is a ground.
        var plan = await WordingAsync(admin, meetingId, "Plan", organizationId);
        var letter = await WordingAsync(admin, meetingId, "Letter", organizationId);
        Assert.Contains("Thực hiện Thông báo số 47/TB-ĐBQH ngày 20/02/2026 của Đoàn ĐBQH tỉnh về việc kết luận của Trưởng Đoàn.", plan, StringComparison.Ordinal);
        Assert.Contains("Căn cứ Quyết định số 12/QĐ-ĐBQH", plan, StringComparison.Ordinal);
        Assert.Contains("Đối với Văn phòng UBND tỉnh, Sở Thông tin và Truyền thông thực hiện các nhiệm vụ được phân công tại Thông báo số 47/TB-ĐBQH ngày 20/02/2026", letter, StringComparison.Ordinal);

        // A refused list changes nothing and says why in Vietnamese.
        var bad = await admin.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}", MeetingJson(organizationId, """
            ,"references":[{"kind":"Notice","number":" ","issuedOn":"2026-02-20","issuer":""},
                           {"kind":"Letter","number":"5/ĐBQH","issuedOn":"2026-04-01","issuer":"Đoàn ĐBQH tỉnh"}]
            """));
        var problem = await Problems.AssertVietnameseAsync(bad, HttpStatusCode.BadRequest, "References");
        Assert.Contains("số, ký hiệu không được để trống", problem, StringComparison.Ordinal);
        Assert.Contains("chưa ghi cơ quan ban hành", problem, StringComparison.Ordinal);
        Assert.Contains("không sau ngày kết thúc cuộc họp", problem, StringComparison.Ordinal);
        await using (var db = app.CreateContext())
        {
            Assert.Equal(2, await db.MeetingReferences.CountAsync(r => r.MeetingId == meetingId, Token));
        }

        // PUT replaces the whole meeting: references left out are gone, and so are the paragraphs citing them.
        var replaced = await admin.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}", MeetingJson(organizationId, string.Empty));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(0, (await replaced.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("references").GetArrayLength());
        plan = await WordingAsync(admin, meetingId, "Plan", organizationId);
        letter = await WordingAsync(admin, meetingId, "Letter", organizationId);
        Assert.DoesNotContain("47/TB-ĐBQH", plan + letter, StringComparison.Ordinal);
        Assert.DoesNotContain("Thực hiện", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Căn cứ", plan + letter, StringComparison.Ordinal);
        Assert.DoesNotContain("Đối với", letter, StringComparison.Ordinal);

        await using var check = app.CreateContext();
        var audit = await check.AuditEntries.Where(e => e.MeetingId == meetingId && e.EntityType == nameof(MeetingReference))
            .Select(e => new { e.Action, e.Changes }).ToListAsync(Token);
        Assert.Equal(2, audit.Count(e => e.Action == "Added"));
        Assert.Equal(2, audit.Count(e => e.Action == "Deleted"));
        Assert.Contains(audit, e => e.Action == "Added" && e.Changes.Contains("47/TB-ĐBQH", StringComparison.Ordinal));
    }

    private static async Task<string> WordingAsync(HttpClient client, int meetingId, string kind, int organizationId) =>
        (await client.GetFromJsonAsync<DocumentWording>($"/api/meetings/{meetingId}/documents/wording?kind={kind}&organizationId={organizationId}", Token))!.Text;
}
