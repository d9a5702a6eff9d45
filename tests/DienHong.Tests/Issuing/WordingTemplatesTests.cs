using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Demo;
using DienHong.Features.Drafting;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Tests.Drafting;
using DienHong.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Issuing;

/// <summary>Wording templates edited per organization, the register's next number, and the Word round trip, through the API on both databases.</summary>
public class WordingTemplatesTests
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

    [Fact]
    public void A_template_is_checked_for_syntax_and_fields_with_the_line_of_each_error()
    {
        Assert.Empty(WordingTemplates.Check(WordingTemplates.Default(DocumentKind.Plan, MeetingKind.VoterContactConference)));
        foreach (var kind in new[] { DocumentKind.Plan, DocumentKind.Letter, DocumentKind.Invitation, DocumentKind.Notice, DocumentKind.Backdrop, DocumentKind.Minutes })
        {
            foreach (var meetingKind in Enum.GetValues<MeetingKind>())
            {
                Assert.Empty(WordingTemplates.Check(WordingTemplates.Default(kind, meetingKind)));
            }
        }

        var broken = WordingTemplates.Check("Dòng một\n{% for s in meeting.sites %}\n{{ s.name }\n{% endfor %}");
        Assert.Equal(3, Assert.Single(broken).Line);
        Assert.Contains("không biên dịch được", broken[0].Reason, StringComparison.Ordinal);

        var unknown = WordingTemplates.Check("Dòng một\n{{ meeting.title }}\n{% for s in meeting.sites %}{{ s.nmae }}{% endfor %}\n{{ meeting.titel | mid_sentence }}\n{{ meeting.title | lowercase_vi }}");
        Assert.Equal([(3, "không có trường \"s.nmae\""), (4, "không có trường \"meeting.titel\""), (5, "không có bộ lọc \"lowercase_vi\"")], unknown.Select(e => (e.Line, e.Reason)));
        // Loop variables, assigned values and list members are known.
        Assert.Empty(WordingTemplates.Check("{% assign n = 1 %}{% for g in tasks %}{{ g.sub_groups.size }}{{ g.tasks.first.deadline | short_date }}{{ forloop.index }}{% endfor %}{{ n }}"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_office_edits_its_template_and_the_next_document_follows_it_while_a_broken_one_is_refused(DatabaseProvider provider)
    {
        var (app, meetingId, delegationId) = await DemoAsync(provider);
        await using var _ = app;
        var office = await app.SignedInClientAsync(Roles.Secretariat, organizationId: delegationId);
        var other = await app.SignedInClientAsync(Roles.Secretariat);
        var url = $"/api/organizations/{delegationId}/wording/Notice";
        var current = (await office.GetFromJsonAsync<WordingTemplateDto>(url, Token))!;
        Assert.False(current.IsOwn);

        var edited = current.Source.Replace("Đề nghị các cơ quan, đơn vị, cá nhân liên quan biết, thực hiện./.", "Kính đề nghị các cơ quan, đơn vị sắp xếp tham dự đầy đủ./.", StringComparison.Ordinal);
        var refused = await office.PutAsJsonAsync(url, new WordingTemplateInput(edited + "\n{{ meeting.chu_tri }}"), Token);
        var foreign = await other.PutAsJsonAsync(url, new WordingTemplateInput(edited), Token);
        var saved = await office.PutAsJsonAsync(url, new WordingTemplateInput(edited), Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"Dòng {edited.Split('\n').Length + 1}: không có trường", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        // Another office's templates are not theirs to see: not found (docs/decisions/0008).
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var preview = await office.PostAsJsonAsync($"/api/meetings/{meetingId}/documents/preview", new TemplatePreviewRequest(delegationId, DocumentKind.Notice, "{{ meeting.title | upper }}\n{% if %}"), Token);
        Assert.Contains("Dòng 2", (await preview.Content.ReadFromJsonAsync<TemplatePreview>(Token))!.Errors.Single(), StringComparison.Ordinal);

        var issued = await office.PostAsJsonAsync($"/api/meetings/{meetingId}/documents", new IssueRequest(DocumentKind.Notice, delegationId, IssuedOn: new DateOnly(2021, 11, 10)), Token);
        var notice = (await issued.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!;
        var text = DocxText.All(await office.GetByteArrayAsync($"/api/documents/{notice.Id}/file", Token));
        Assert.Contains("Kính đề nghị các cơ quan, đơn vị sắp xếp tham dự đầy đủ./.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("biết, thực hiện", text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_administrator_continues_a_register_from_paper_numbering_never_below_a_used_number(DatabaseProvider provider)
    {
        var (app, meetingId, delegationId) = await DemoAsync(provider);
        await using var _ = app;
        var admin = await app.AdministratorClientAsync();
        var office = await app.SignedInClientAsync(Roles.Secretariat, organizationId: delegationId);
        var register = $"/api/organizations/{delegationId}/registers/Plan/2021";

        var notAllowed = await office.PutAsJsonAsync(register, new RegisterInput(62), Token);
        var set = await admin.PutAsJsonAsync(register, new RegisterInput(62), Token);
        var issued = await office.PostAsJsonAsync($"/api/meetings/{meetingId}/documents", new IssueRequest(DocumentKind.Plan, delegationId, IssuedOn: new DateOnly(2021, 11, 9)), Token);
        var below = await admin.PutAsJsonAsync(register, new RegisterInput(62), Token);

        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("62/KH-ĐBQH", (await issued.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!.Symbol);
        Assert.Equal(HttpStatusCode.BadRequest, below.StatusCode);
        Assert.Contains("lớn hơn số đã dùng gần nhất (62)", await below.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(63, (await admin.GetFromJsonAsync<RegisterDto>(register, Token))!.NextNumber);
        await using var db = app.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(RegisterStart), Token);
        Assert.Equal(($"{delegationId}/Plan/2021", "[1,62]"), (audit.EntityId, System.Text.Json.JsonDocument.Parse(audit.Changes).RootElement.GetProperty("NextNumber").GetRawText()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_draft_edited_in_Word_comes_back_as_the_issued_version_and_a_signed_scan_as_the_final_copy(DatabaseProvider provider)
    {
        var (app, meetingId, delegationId) = await DemoAsync(provider);
        await using var _ = app;
        var office = await app.SignedInClientAsync(Roles.Secretariat, organizationId: delegationId);
        var issued = await office.PostAsJsonAsync($"/api/meetings/{meetingId}/documents", new IssueRequest(DocumentKind.Plan, delegationId), Token);
        var plan = (await issued.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!;
        // The meeting is past: the plan is dated ten days before it, not today.
        Assert.Equal(new DateOnly(2021, 11, 9), plan.IssuedOn);

        // As an office does in Word: open the draft, add a sentence, save.
        var draft = await office.GetByteArrayAsync($"/api/documents/{plan.Id}/file", Token);
        var edited = Edit(draft, "Kế hoạch này thay thế Kế hoạch số 58/KH-ĐBQH.");
        var stranger = Edit(await new DemoDocumentsTemplateless().NoticeWithoutNumber(), "Không phải bản dự thảo.");
        var wrongFile = await UploadAsync(office, meetingId, plan.Id, stranger, "khac.docx");
        var editedVersion = await UploadAsync(office, meetingId, plan.Id, edited, "ke-hoach-da-sua.docx");
        var signed = await UploadAsync(office, meetingId, plan.Id, "%PDF-1.4\n% bản quét đã ký\n"u8.ToArray(), "ke-hoach-da-ky.pdf");
        var afterFinal = await UploadAsync(office, meetingId, plan.Id, edited, "lai.docx");

        Assert.Equal(HttpStatusCode.BadRequest, wrongFile.StatusCode);
        Assert.Contains("không mang số", await wrongFile.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var second = (await editedVersion.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!;
        var third = (await signed.Content.ReadFromJsonAsync<IssuedDocumentDto>(Token))!;
        Assert.Equal((plan.Symbol, 2), (second.Symbol, second.Version));
        Assert.Equal((plan.Symbol, 3), (third.Symbol, third.Version));
        Assert.Equal(HttpStatusCode.BadRequest, afterFinal.StatusCode);
        Assert.Contains("Kế hoạch này thay thế Kế hoạch số 58/KH-ĐBQH.", DocxText.All(await office.GetByteArrayAsync($"/api/documents/{second.Id}/file", Token)), StringComparison.Ordinal);
        var final = await office.GetAsync($"/api/documents/{third.Id}/pdf", Token);
        Assert.Equal("application/pdf", final.Content.Headers.ContentType!.MediaType);
        await using var db = app.CreateContext();
        Assert.Equal([VersionSource.Generated, VersionSource.Edited, VersionSource.SignedScan],
            await db.IssuedDocuments.Where(d => d.Number == 1 && d.Kind == DocumentKind.Plan).OrderBy(d => d.Version).Select(d => d.Source).ToListAsync(Token));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int meetingId, int documentId, byte[] file, string name)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name } };
        return await client.PostAsync($"/api/meetings/{meetingId}/documents/{documentId}/upload", form, Token);
    }

    /// <summary>The DOCX with one paragraph added before the recipients, as Word would save it.</summary>
    internal static byte[] Edit(byte[] docx, string sentence)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var body = document.MainDocumentPart!.Document.Body!;
            var closing = body.Elements<Paragraph>().Last(p => p.InnerText.EndsWith("./.", StringComparison.Ordinal));
            closing.InsertAfterSelf(new Paragraph(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(sentence))));
        }

        return stream.ToArray();
    }

    /// <summary>A valid DOCX that is not the draft (no number on it).</summary>
    private sealed class DemoDocumentsTemplateless
    {
        public Task<byte[]> NoticeWithoutNumber() => Task.FromResult(DocumentComposer.Compose(DocumentKind.Notice,
            DocumentContent.Parse("@summary Một văn bản khác\nNội dung khác./."),
            new DocumentHeading(null, "CƠ QUAN KHÁC", null, "Hà Nội", new DateOnly(2021, 1, 1)),
            SignatureBlock.Create(SigningAuthority.None, null, null, "CHÁNH VĂN PHÒNG", "Nguyễn Văn Khác"), "Lưu: VT"));
    }
}
