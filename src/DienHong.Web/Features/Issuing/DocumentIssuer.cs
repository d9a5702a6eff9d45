using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Drafting;
using DienHong.Features.Meetings;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Issuing;

/// <summary>What an office asks for: a kind of document from a meeting, issued by one organization.</summary>
public sealed record IssueRequest(DocumentKind Kind, int OrganizationId, DocumentWording? Wording = null, DateOnly? IssuedOn = null);

/// <summary>
/// Issues paperwork from a meeting: takes the organization's template and the next number of its
/// register, renders the document with the edited wording, and stores it, immutable.
/// </summary>
public sealed class DocumentIssuer(IDbContextFactory<DienHongDbContext> databases, CurrentUser user, MeetingAccess access, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly DocumentKind[] Numbered = [DocumentKind.Plan, DocumentKind.Letter, DocumentKind.Invitation, DocumentKind.Notice];

    public async Task<IssuedDocument> IssueAsync(int meetingId, IssueRequest request, CancellationToken cancellationToken = default)
    {
        if (!Numbered.Contains(request.Kind))
        {
            throw new RuleViolationException([new RuleViolation("Kind", "Loại văn bản này không ban hành theo số.")]);
        }

        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        var issuedOn = request.IssuedOn ?? today;
        DocumentRegister.ThrowIfOutside(issuedOn, today);
        var (meeting, template) = await LoadForIssuingAsync(meetingId, request.OrganizationId, cancellationToken);
        var wording = Checked(request.Wording ?? DefaultWording.For(request.Kind, meeting, template));
        var document = NewRecord(meeting, request.Kind, request.OrganizationId, wording, issuedOn);
        return await DocumentRegister.IssueAsync(databases, document, template,
            (_, symbol) => Render(meeting, request.Kind, template, wording, DocumentHeading.From(template, symbol, issuedOn)), cancellationToken);
    }

    /// <summary>A corrected version of an issued document: same number, new wording, the old one kept.</summary>
    public async Task<IssuedDocument> IssueNewVersionAsync(int documentId, DocumentWording wording, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var previous = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken)
            ?? throw new RuleViolationException([new RuleViolation("Id", "Không tìm thấy văn bản.")]);
        if (previous.MeetingId is not { } meetingId)
        {
            throw new RuleViolationException([new RuleViolation("MeetingId", "Văn bản không còn gắn với cuộc họp nào.")]);
        }

        await using (var check = await databases.CreateDbContextAsync(cancellationToken))
        {
            if (!await access.CanChangeMeetingAsync(check, meetingId, cancellationToken))
            {
                throw new RuleViolationException([new RuleViolation("MeetingId", "Không tìm thấy cuộc họp.")]);
            }
        }

        wording = Checked(wording);
        var (meeting, template) = await LoadAsync(meetingId, previous.OrganizationId, cancellationToken);
        var document = NewRecord(meeting, previous.Kind, previous.OrganizationId, wording, previous.IssuedOn);
        return await DocumentRegister.IssueNewVersionAsync(databases, previous, document,
            (_, symbol) => Render(meeting, previous.Kind, template, wording, DocumentHeading.From(template, symbol, previous.IssuedOn)), cancellationToken);
    }

    /// <summary>The wording a document would have now, for the office to edit before issuing.</summary>
    public async Task<DocumentWording> DefaultWordingAsync(int meetingId, DocumentKind kind, int organizationId, CancellationToken cancellationToken = default)
    {
        var (meeting, template) = await LoadForIssuingAsync(meetingId, organizationId, cancellationToken);
        return DefaultWording.For(kind, meeting, template);
    }

    /// <summary>Every site's backdrop (of the sites <paramref name="visibleSite"/> lets through), as an A3 page (DOCX) and a 16:9 SVG, in one ZIP.</summary>
    public async Task<byte[]> BackdropsZipAsync(int meetingId, Func<Site, bool>? visibleSite = null, CancellationToken cancellationToken = default)
    {
        var meeting = await LoadMeetingAsync(meetingId, cancellationToken);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var number = 1;
            foreach (var site in meeting.Sites.Where(visibleSite ?? (_ => true)).OrderByDescending(s => s.IsHost).ThenBy(s => s.Level).ThenBy(s => s.Id))
            {
                var name = $"{number++:00}-{FileNames.Slug(site.Name)}";
                await WriteEntryAsync(archive, name + ".docx", BackdropDocument.Print(meeting, site), cancellationToken);
                await WriteEntryAsync(archive, name + ".svg", Encoding.UTF8.GetBytes(BackdropDocument.Svg(meeting, site)), cancellationToken);
            }
        }

        return zip.ToArray();
    }

    /// <summary>
    /// An issued batch of invitations as one DOCX per invitee in a ZIP, for sending each to its
    /// addressee: the same number, date and wording as the issued document.
    /// </summary>
    public async Task<byte[]> InvitationsZipAsync(IssuedDocument issued, Func<Site, bool>? visibleSite = null, CancellationToken cancellationToken = default)
    {
        if (issued is not { Kind: DocumentKind.Invitation, MeetingId: { } meetingId })
        {
            throw new RuleViolationException([new RuleViolation("Kind", "Văn bản này không phải giấy mời.")]);
        }

        var (meeting, template) = await LoadAsync(meetingId, issued.OrganizationId, cancellationToken);
        var wording = JsonSerializer.Deserialize<DocumentWording>(issued.Wording ?? "null") ?? DefaultWording.For(DocumentKind.Invitation, meeting, template);
        var heading = DocumentHeading.From(template, issued.Symbol, issued.IssuedOn);
        var signature = string.IsNullOrWhiteSpace(meeting.SignerName) ? SignatureBlock.From(template) : SignatureBlock.From(meeting);
        var shown = meeting.Sites.Where(visibleSite ?? (_ => true)).Select(s => s.Id).ToHashSet();
        var invitees = Invitees(meeting).Where(i => visibleSite is null || i.Participant.SiteId is { } site && shown.Contains(site)).ToList();
        return InvitationDocument.Zip(meeting, heading, wording, signature, template.ArchiveLine, invitees);
    }

    public async Task<Meeting> LoadMeetingAsync(int meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.LoadMeetingAsync(meetingId, cancellationToken) ?? throw new RuleViolationException([new RuleViolation("MeetingId", "Không tìm thấy cuộc họp.")]);
    }

    /// <summary>The code an invitation's QR carries: the site console can verify it came from here.</summary>
    public string CheckInCode(int meetingId, int participantId) =>
        protection.CreateProtector("DienHong.CheckIn").Protect($"{meetingId}:{participantId}");

    private byte[] Render(Meeting meeting, DocumentKind kind, OrganizationTemplate template, DocumentWording wording, DocumentHeading heading)
    {
        var signature = string.IsNullOrWhiteSpace(meeting.SignerName) ? SignatureBlock.From(template) : SignatureBlock.From(meeting);
        return kind switch
        {
            DocumentKind.Plan => PlanDocument.Generate(meeting, heading, wording, signature, template.ArchiveLine),
            DocumentKind.Letter => LetterDocument.Generate(meeting, heading, wording, signature, template.ArchiveLine),
            DocumentKind.Notice => NoticeDocument.Generate(meeting, heading, wording, signature, template.ArchiveLine),
            DocumentKind.Invitation => InvitationDocument.Generate(meeting, heading, wording, signature, template.ArchiveLine, Invitees(meeting)),
            _ => throw new InvalidOperationException($"{kind} is not rendered here."),
        };
    }

    /// <summary>Everyone invited, by site and given name, each with their signed check-in code.</summary>
    private List<Invitee> Invitees(Meeting meeting) =>
        [.. meeting.Participants.OrderBy(p => p.SiteId).ThenBy(p => p.PersonName ?? p.DisplayName, VietnameseText.PersonNameOrder)
            .Select(p => new Invitee(p, CheckInCode(meeting.Id, p.Id)))];

    private IssuedDocument NewRecord(Meeting meeting, DocumentKind kind, int organizationId, DocumentWording wording, DateOnly issuedOn) => new()
    {
        OrganizationId = organizationId,
        MeetingId = meeting.Id,
        Kind = kind,
        Year = issuedOn.Year,
        Title = Shorten($"{KindName(kind)} {wording.Summary}"),
        IssuedOn = issuedOn,
        IssuedAt = clock.GetUtcNow().UtcDateTime,
        IssuedBy = user.Name,
        FileName = $"{FileNames.Slug(KindName(kind))}-{issuedOn:yyyyMMdd}.docx",
        ContentType = DocxType,
        Content = [],
        Wording = JsonSerializer.Serialize(wording),
    };

    /// <summary>
    /// The meeting and the template of the organization it is issued in the name of: only someone
    /// who may plan the meeting issues, and only with the letterhead and register of one of its
    /// organizers or of their own organization (<see cref="MeetingAccess.IssuingOrganizationsAsync"/>).
    /// </summary>
    private async Task<(Meeting Meeting, OrganizationTemplate Template)> LoadForIssuingAsync(int meetingId, int organizationId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(meetingId, organizationId, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (!await access.CanChangeMeetingAsync(db, meetingId, cancellationToken))
        {
            throw new RuleViolationException([new RuleViolation("MeetingId", "Không tìm thấy cuộc họp.")]);
        }

        if (!(await access.IssuingOrganizationsAsync(db, loaded.Meeting, cancellationToken)).Any(o => o.Id == organizationId))
        {
            throw new RuleViolationException([new RuleViolation("OrganizationId", "Chỉ được ban hành với danh nghĩa cơ quan tổ chức cuộc họp hoặc cơ quan của bạn.")]);
        }

        return loaded;
    }

    private async Task<(Meeting Meeting, OrganizationTemplate Template)> LoadAsync(int meetingId, int organizationId, CancellationToken cancellationToken)
    {
        var meeting = await LoadMeetingAsync(meetingId, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var template = await db.OrganizationTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.OrganizationId == organizationId, cancellationToken)
            ?? throw new RuleViolationException([new RuleViolation("OrganizationId", "Cơ quan ban hành chưa có mẫu văn bản (tên in trên văn bản, ký hiệu, địa danh). Hãy khai báo ở trang Cơ quan, đơn vị.")]);
        return (meeting, template);
    }

    public static string KindName(DocumentKind kind) => kind switch
    {
        DocumentKind.Plan => "Kế hoạch",
        DocumentKind.Letter => "Công văn",
        DocumentKind.Invitation => "Giấy mời",
        DocumentKind.Notice => "Thông báo",
        DocumentKind.Minutes => "Biên bản",
        _ => "Maket",
    };

    /// <summary>
    /// Wording typed by the office goes into the document before it is stored, so it is cleaned here
    /// as the DbContext cleans stored text (one line per paragraph, no control characters, NFC).
    /// </summary>
    private static DocumentWording Checked(DocumentWording wording)
    {
        static string Line(string? text) => InputText.Clean(text ?? string.Empty, multiline: false).Normalize();
        var clean = new DocumentWording(
            Line(wording.Summary), [.. wording.Introduction.Select(Line)], [.. wording.Closing.Select(Line)], [.. wording.Addressees.Select(Line)],
            wording.ContactLine is null ? null : Line(wording.ContactLine));
        if (string.IsNullOrWhiteSpace(clean.Summary))
        {
            throw new RuleViolationException([new RuleViolation(nameof(DocumentWording.Summary), "Trích yếu văn bản không được để trống.")]);
        }

        return clean;
    }

    private static string Shorten(string text) => text.Length <= 900 ? text : text[..900] + "…";

    private static async Task WriteEntryAsync(ZipArchive archive, string name, byte[] content, CancellationToken cancellationToken)
    {
        await using var entry = await archive.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(cancellationToken);
        await entry.WriteAsync(content, cancellationToken);
    }
}
