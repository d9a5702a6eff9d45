using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Drafting;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Issuing;

/// <summary>
/// What an office asks for: a kind of document from a meeting, issued by one organization; the
/// minutes name their sitting (<paramref name="SittingId"/>), a results document its vote (<paramref name="MotionId"/>).
/// </summary>
public sealed record IssueRequest(DocumentKind Kind, int OrganizationId, DocumentWording? Wording = null, DateOnly? IssuedOn = null, int? SittingId = null, int? MotionId = null);

/// <summary>
/// Issues paperwork from a meeting: renders the organization's wording template for the kind (its
/// own copy, else the shipped default for the meeting's kind), takes the next number of its
/// register, lays the document out and stores it, immutable.
/// </summary>
public sealed class DocumentIssuer(IDbContextFactory<DienHongDbContext> databases, CurrentUser user, MeetingAccess access, IDataProtectionProvider protection, TimeProvider clock, Petitions.PublicSiteAddress publicSite)
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string PdfType = "application/pdf";
    public static readonly DocumentKind[] Numbered = [DocumentKind.Plan, DocumentKind.Letter, DocumentKind.Invitation, DocumentKind.Notice, DocumentKind.Minutes, DocumentKind.VoteResult, DocumentKind.CountingRecord];

    /// <summary>Kinds written from a record (a sitting, a vote) rather than from the plan: their wording is kept and a new version starts from it.</summary>
    public static readonly DocumentKind[] FromRecord = [DocumentKind.Minutes, DocumentKind.VoteResult, DocumentKind.CountingRecord];

    public async Task<IssuedDocument> IssueAsync(int meetingId, IssueRequest request, CancellationToken cancellationToken = default)
    {
        if (!Numbered.Contains(request.Kind))
        {
            throw new RuleViolationException([new RuleViolation("Kind", "Loại văn bản này không ban hành theo số.")]);
        }

        var source = await WithRecordAsync(await LoadForIssuingAsync(meetingId, request.OrganizationId, cancellationToken), request.Kind, request.SittingId, request.MotionId, cancellationToken);
        var template = await TemplateSourceAsync(request.OrganizationId, request.Kind, source.Meeting.Kind, cancellationToken);
        var wording = request.Kind == DocumentKind.Invitation ? null : Checked(WordingOf(request.Wording, template, source.Model));
        var invitees = request.Kind == DocumentKind.Invitation ? Invitees(source) : [];
        if (request.Kind == DocumentKind.Invitation && invitees.Count == 0)
        {
            throw new RuleViolationException([new RuleViolation("Kind", "Cuộc họp chưa có ai để mời (ngoài người ký): chưa cấp số giấy mời.")]);
        }

        var issuedOn = request.IssuedOn ?? await DefaultIssueDateAsync(meetingId, cancellationToken);
        DocumentRegister.ThrowIfOutside(issuedOn, DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime)));
        var summary = wording is null ? DocumentContent.Parse(WordingTemplates.Render(template, source.Model with { Invitee = invitees[0].View })).Summary : DocumentContent.Parse(wording.Text).Summary;
        var document = NewRecord(source.Meeting, request.Kind, request.OrganizationId, summary, wording, issuedOn);
        return await DocumentRegister.IssueAsync(databases, document, source.Letterhead,
            (_, symbol) => Render(source, request.Kind, template, wording, invitees, DocumentHeading.From(source.Letterhead, symbol, issuedOn)), cancellationToken);
    }

    /// <summary>A corrected version of an issued document: same number, new wording, the old one kept.</summary>
    public async Task<IssuedDocument> IssueNewVersionAsync(int documentId, DocumentWording? wording, CancellationToken cancellationToken = default)
    {
        var previous = await IssuedAsync(documentId, cancellationToken);
        await EnsureMayChangeAsync(previous.MeetingId!.Value, cancellationToken);
        var source = await LoadAsync(previous.MeetingId!.Value, previous.OrganizationId, cancellationToken);
        var template = await TemplateSourceAsync(previous.OrganizationId, previous.Kind, source.Meeting.Kind, cancellationToken);
        if (FromRecord.Contains(previous.Kind))
        {
            // The record it came from may have moved on: a correction starts from the wording issued, and keeps its signers.
            var issued = JsonSerializer.Deserialize<DocumentWording>(previous.Wording ?? "null");
            wording = string.IsNullOrWhiteSpace(wording?.Text) ? issued : wording with { Signers = wording.Signers ?? issued?.Signers };
        }

        wording = previous.Kind == DocumentKind.Invitation ? null : Checked(wording ?? new DocumentWording(WordingTemplates.Render(template, source.Model)));
        var invitees = previous.Kind == DocumentKind.Invitation ? Invitees(source) : [];
        var summary = wording is null ? previous.Title : DocumentContent.Parse(wording.Text).Summary;
        var document = NewRecord(source.Meeting, previous.Kind, previous.OrganizationId, summary, wording, previous.IssuedOn);
        return await DocumentRegister.IssueNewVersionAsync(databases, previous, document,
            (_, symbol) => Render(source, previous.Kind, template, wording, invitees, DocumentHeading.From(source.Letterhead, symbol, previous.IssuedOn)), cancellationToken);
    }

    /// <summary>
    /// The Word round trip: the draft edited in Word or LibreOffice comes back as the issued version
    /// (a DOCX that still carries its number), or the signed paper's scan (a PDF) as the final copy.
    /// Every version stays in the register.
    /// </summary>
    public async Task<IssuedDocument> UploadVersionAsync(int documentId, byte[] file, CancellationToken cancellationToken = default)
    {
        var previous = await IssuedAsync(documentId, cancellationToken);
        await EnsureMayChangeAsync(previous.MeetingId!.Value, cancellationToken);
        var isPdf = file.AsSpan().StartsWith("%PDF-"u8);
        if (!isPdf)
        {
            var text = UploadedDocx.Text(file) ?? throw new RuleViolationException([new RuleViolation("File", "Tệp tải lên không phải văn bản Word (DOCX) hay bản quét PDF.")]);
            if (previous.Symbol is { } symbol && !UploadedDocx.Mentions(text, symbol))
            {
                throw new RuleViolationException([new RuleViolation("File", "Văn bản tải lên không mang số {0}: hãy sửa đúng bản dự thảo đã tải về.", symbol)]);
            }
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.IssuedDocuments.AnyAsync(d => d.OrganizationId == previous.OrganizationId && d.Kind == previous.Kind && d.Year == previous.Year && d.Number == previous.Number && d.Source == VersionSource.SignedScan, cancellationToken))
        {
            throw new RuleViolationException([new RuleViolation("File", "Văn bản {0} đã có bản chính đã ký; không nhận thêm phiên bản.", previous.Symbol ?? previous.Title)]);
        }

        var document = new IssuedDocument
        {
            OrganizationId = previous.OrganizationId,
            MeetingId = previous.MeetingId,
            Kind = previous.Kind,
            Year = previous.Year,
            Title = previous.Title,
            IssuedOn = previous.IssuedOn,
            IssuedAt = clock.GetUtcNow().UtcDateTime,
            IssuedBy = user.Name,
            FileName = Path.ChangeExtension(previous.FileName, isPdf ? ".pdf" : ".docx"),
            ContentType = isPdf ? PdfType : DocxType,
            Content = [],
            Source = isPdf ? VersionSource.SignedScan : VersionSource.Edited,
            Wording = previous.Wording,
        };
        return await DocumentRegister.IssueNewVersionAsync(databases, previous, document, (_, _) => file, cancellationToken);
    }

    /// <summary>A document as it would be issued now, without taking a number from the register (a draft to read or compare).</summary>
    public async Task<byte[]> DraftDocxAsync(int meetingId, DocumentKind kind, int organizationId, string? symbol, DateOnly issuedOn, DocumentWording? wording = null, CancellationToken cancellationToken = default)
    {
        var source = await LoadAsync(meetingId, organizationId, cancellationToken);
        var template = await TemplateSourceAsync(organizationId, kind, source.Meeting.Kind, cancellationToken);
        var heading = DocumentHeading.From(source.Letterhead, symbol, issuedOn);
        return kind == DocumentKind.Invitation
            ? Render(source, kind, template, null, Invitees(source), heading)
            : Render(source, kind, template, wording ?? new DocumentWording(WordingTemplates.Render(template, source.Model)), [], heading);
    }

    /// <summary>Minutes from the record of a meeting (the live room fills <paramref name="record"/>), the secretary and the chair signing side by side.</summary>
    public async Task<byte[]> MinutesDocxAsync(int meetingId, int organizationId, MinutesView record, SignatureBlock secretary, string? symbol, DateOnly issuedOn, CancellationToken cancellationToken = default)
    {
        var source = await LoadAsync(meetingId, organizationId, cancellationToken);
        var template = await TemplateSourceAsync(organizationId, DocumentKind.Minutes, source.Meeting.Kind, cancellationToken);
        var content = DocumentContent.Parse(WordingTemplates.Render(template, source.Model with { Minutes = record }));
        return DocumentComposer.Minutes(content, DocumentHeading.From(source.Letterhead, symbol, issuedOn), secretary, SignatureOf(source));
    }

    /// <summary>
    /// The wording a document would have now, for the office to edit before issuing: the minutes
    /// from their sitting's record, a results document from its vote, with the signers given.
    /// </summary>
    public async Task<DocumentWording> DraftAsync(int meetingId, DocumentKind kind, int organizationId, int? sittingId = null, int? motionId = null, IReadOnlyList<string>? signers = null, CancellationToken cancellationToken = default)
    {
        var source = await WithRecordAsync(await LoadForIssuingAsync(meetingId, organizationId, cancellationToken), kind, sittingId, motionId, cancellationToken);
        var model = kind == DocumentKind.Invitation && Invitees(source) is [var first, ..] ? source.Model with { Invitee = first.View } : source.Model;
        var template = await TemplateSourceAsync(organizationId, kind, source.Meeting.Kind, cancellationToken);
        return WordingOf(signers is { Count: > 0 } ? new DocumentWording(string.Empty, signers) : null, template, model);
    }

    /// <summary>The wording given, or the template's over the model (with the signers given, if any: a counting record names its committee).</summary>
    private static DocumentWording WordingOf(DocumentWording? given, string template, DocumentModel model)
    {
        if (given is not null && (!string.IsNullOrWhiteSpace(given.Text) || given.Signers is null))
        {
            return given;
        }

        var signers = given?.Signers?.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
        if (signers is { Count: > 0 })
        {
            model = model.Vote is { } vote ? model with { Vote = vote with { Committee = signers } }
                : model.Minutes is { } minutes ? model with { Minutes = minutes with { Secretary = signers[0] } }
                : model;
        }

        return new DocumentWording(WordingTemplates.Render(template, model), signers);
    }

    /// <summary>
    /// The record a document is written from, put into its model: the minutes' sitting, a results
    /// document's vote (announced; an open vote for Kết quả biểu quyết, a secret ballot for Biên bản kiểm phiếu).
    /// </summary>
    private async Task<Source> WithRecordAsync(Source source, DocumentKind kind, int? sittingId, int? motionId, CancellationToken cancellationToken)
    {
        if (!FromRecord.Contains(kind))
        {
            return source;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (kind == DocumentKind.Minutes)
        {
            var record = sittingId is { } sitting ? await Sittings.SittingMinutes.RecordAsync(db, source.Meeting.Id, sitting, cancellationToken) : null;
            return record is null
                ? throw new RuleViolationException([new RuleViolation("SittingId", "Hãy chọn phiên họp của cuộc họp này để lập biên bản.")])
                : source with { Model = source.Model with { Minutes = record } };
        }

        var vote = motionId is { } motion ? await Voting.VoteRecords.AnnouncedAsync(db, source.Meeting.Id, motion, cancellationToken) : null;
        if (vote is null)
        {
            throw new RuleViolationException([new RuleViolation("MotionId", "Hãy chọn một nội dung biểu quyết của cuộc họp này.")]);
        }

        if (vote.Secret != (kind == DocumentKind.CountingRecord))
        {
            throw new RuleViolationException([new RuleViolation("Kind", vote.Secret
                ? "\"{0}\" là bỏ phiếu kín: kết quả lập thành Biên bản kiểm phiếu."
                : "\"{0}\" là biểu quyết công khai: kết quả lập thành văn bản Kết quả biểu quyết.", vote.Title)]);
        }

        return source with { Model = source.Model with { Vote = vote } };
    }

    /// <summary>
    /// A template not yet saved, rendered for a meeting as the editor's live preview: the markup and
    /// the DOCX, or the errors (line and reason) that keep it from being used.
    /// </summary>
    public async Task<(string? Markup, byte[]? Docx, IReadOnlyList<TemplateError> Errors)> PreviewAsync(int meetingId, int organizationId, DocumentKind kind, string template, CancellationToken cancellationToken = default)
    {
        var errors = WordingTemplates.Check(template);
        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        var source = await LoadAsync(meetingId, organizationId, cancellationToken);
        var invitees = kind == DocumentKind.Invitation ? Invitees(source) : [];
        try
        {
            var model = invitees is [var first, ..] ? source.Model with { Invitee = first.View } : source.Model;
            var markup = kind == DocumentKind.Backdrop && source.Meeting.Sites.FirstOrDefault(s => s.IsHost) is { } host
                ? WordingTemplates.Render(template, BackdropModel(source, host))
                : WordingTemplates.Render(template, model);
            var heading = DocumentHeading.From(source.Letterhead, null, await DefaultIssueDateAsync(meetingId, cancellationToken));
            var docx = kind switch
            {
                DocumentKind.Backdrop => BackdropDocument.Print(BackdropDocument.Lines(markup)),
                DocumentKind.Invitation when invitees.Count > 0 => Render(source, kind, template, null, invitees.Take(1).ToList(), heading),
                _ => Render(source, kind, template, new DocumentWording(markup), invitees, heading),
            };
            return (markup, docx, []);
        }
        catch (Fluid.FluidException failure)
        {
            return (null, null, [new TemplateError(1, failure.Message)]);
        }
    }

    /// <summary>The template an organization uses for a kind and meeting kind: its own for that meeting kind, its own for all, else the default.</summary>
    public async Task<string> TemplateSourceAsync(int organizationId, DocumentKind kind, MeetingKind meetingKind, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var own = await db.DocumentTemplates.AsNoTracking()
            .Where(t => t.OrganizationId == organizationId && t.Kind == kind && (t.MeetingKind == meetingKind || t.MeetingKind == null))
            .Select(t => new { t.MeetingKind, t.Source }).ToListAsync(cancellationToken);
        return own.OrderBy(t => t.MeetingKind is null).Select(t => t.Source).FirstOrDefault() ?? WordingTemplates.Default(kind, meetingKind);
    }

    /// <summary>
    /// The date a new document would carry: today while the meeting is ahead; for a meeting already
    /// past, the date of its plan if one was issued, else ten days before it (seeds: 09/11 for 19/11, 10/4 for 14/4).
    /// </summary>
    public async Task<DateOnly> DefaultIssueDateAsync(int meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var startsAt = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.StartsAt).FirstOrDefaultAsync(cancellationToken);
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        var start = DateOnly.FromDateTime(VietnamTime.ToLocal(startsAt));
        if (today < start)
        {
            return today;
        }

        var plan = await db.IssuedDocuments.Where(d => d.MeetingId == meetingId && d.Kind == DocumentKind.Plan).OrderBy(d => d.IssuedOn).Select(d => (DateOnly?)d.IssuedOn).FirstOrDefaultAsync(cancellationToken);
        return plan ?? start.AddDays(-10);
    }

    /// <summary>Every site's backdrop (of the sites <paramref name="visibleSite"/> lets through), as an A3 page (DOCX) and a 16:9 SVG, in one ZIP.</summary>
    public async Task<byte[]> BackdropsZipAsync(int meetingId, int? organizationId = null, Func<Site, bool>? visibleSite = null, CancellationToken cancellationToken = default)
    {
        var meeting = await LoadMeetingAsync(meetingId, cancellationToken);
        var template = await BackdropTemplateAsync(meeting, organizationId, cancellationToken);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var number = 1;
            foreach (var site in meeting.Sites.Where(visibleSite ?? (_ => true)).OrderByDescending(s => s.IsHost).ThenBy(s => s.Level).ThenBy(s => s.Id))
            {
                var name = $"{number++:00}-{FileNames.Slug(site.Name)}";
                var lines = BackdropLines(meeting, site, template, publicSite.MeetingUrl(meetingId));
                await WriteEntryAsync(archive, name + ".docx", BackdropDocument.Print(lines), cancellationToken);
                await WriteEntryAsync(archive, name + ".svg", Encoding.UTF8.GetBytes(BackdropDocument.Svg(lines)), cancellationToken);
            }
        }

        return zip.ToArray();
    }

    /// <summary>One site's backdrop as an SVG for screens.</summary>
    public async Task<string?> BackdropSvgAsync(int meetingId, int siteId, CancellationToken cancellationToken = default)
    {
        var meeting = await LoadMeetingAsync(meetingId, cancellationToken);
        return meeting.Sites.Find(s => s.Id == siteId) is { } site
            ? BackdropDocument.Svg(BackdropLines(meeting, site, await BackdropTemplateAsync(meeting, null, cancellationToken), publicSite.MeetingUrl(meetingId)))
            : null;
    }

    /// <summary>A site's backdrop lines from a backdrop template; <paramref name="petitionPage"/> is the meeting's public page for its QR code.</summary>
    public static IReadOnlyList<BackdropLine> BackdropLines(Meeting meeting, Site site, string template, string? petitionPage = null)
    {
        var view = new BackdropView(site.IsHost, site.Room, null, [.. BackdropText.For(meeting, site).Select(BackdropLineView.From)]);
        var model = DocumentModel.For(meeting, new IssuerView(0, string.Empty, string.Empty, meeting.Place ?? string.Empty, null)) with { Backdrop = view };
        model = model with { Meeting = model.Meeting with { PetitionPage = petitionPage } };
        return BackdropDocument.Lines(WordingTemplates.Render(template, model));
    }

    /// <summary>
    /// An issued batch of invitations as one DOCX per invitee in a ZIP, for sending each to its
    /// addressee: the same number and date as the issued document.
    /// </summary>
    public async Task<byte[]> InvitationsZipAsync(IssuedDocument issued, Func<Site, bool>? visibleSite = null, CancellationToken cancellationToken = default)
    {
        if (issued is not { Kind: DocumentKind.Invitation, MeetingId: { } meetingId })
        {
            throw new RuleViolationException([new RuleViolation("Kind", "Văn bản này không phải giấy mời.")]);
        }

        var source = await LoadAsync(meetingId, issued.OrganizationId, cancellationToken);
        var template = await TemplateSourceAsync(issued.OrganizationId, DocumentKind.Invitation, source.Meeting.Kind, cancellationToken);
        var heading = DocumentHeading.From(source.Letterhead, issued.Symbol, issued.IssuedOn);
        var shown = source.Meeting.Sites.Where(visibleSite ?? (_ => true)).Select(s => s.Id).ToHashSet();
        var invitees = Invitees(source).Where(i => visibleSite is null || i.Participant.SiteId is { } site && shown.Contains(site)).ToList();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < invitees.Count; i++)
            {
                var name = FileNames.Slug(invitees[i].Participant.PersonName ?? invitees[i].Participant.DisplayName);
                await WriteEntryAsync(archive, $"{i + 1:0000}-{name}.docx", Render(source, DocumentKind.Invitation, template, null, [invitees[i]], heading), cancellationToken);
            }
        }

        return zip.ToArray();
    }

    public async Task<Meeting> LoadMeetingAsync(int meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.LoadMeetingAsync(meetingId, cancellationToken) ?? throw new RuleViolationException([new RuleViolation("MeetingId", "Không tìm thấy cuộc họp.")]);
    }

    /// <summary>The code an invitation's QR carries: the site console can verify it came from here.</summary>
    public string CheckInCode(int meetingId, int participantId) => Attendance.CheckInCodes.Create(protection, meetingId, participantId);

    private static byte[] Render(Source source, DocumentKind kind, string template, DocumentWording? wording, IReadOnlyList<Invitee> invitees, DocumentHeading heading)
    {
        var signature = SignatureOf(source);
        if (kind == DocumentKind.Invitation)
        {
            var pages = DocumentComposer.InvitationPages(template, source.Model, invitees.Select(i => (i.View, i.CheckInCode)));
            return DocumentComposer.Invitations(pages, heading, signature, source.Letterhead.ArchiveLine);
        }

        var content = DocumentContent.Parse(wording!.Text);
        return kind switch
        {
            DocumentKind.Minutes => DocumentComposer.Minutes(content, heading, new SignatureBlock([], "THƯ KÝ", wording.Signers is [var secretary, ..] ? secretary : string.Empty), signature),
            DocumentKind.CountingRecord => DocumentComposer.CountingRecord(content, heading, wording.Signers ?? []),
            _ => DocumentComposer.Compose(kind, content, heading, signature, source.Letterhead.ArchiveLine),
        };
    }

    private static SignatureBlock SignatureOf(Source source) =>
        string.IsNullOrWhiteSpace(source.Meeting.SignerName) ? SignatureBlock.From(source.Letterhead) : SignatureBlock.From(source.Meeting);

    /// <summary>One invitation's addressee, with the signed code its QR carries.</summary>
    private sealed record Invitee(Participant Participant, string CheckInCode, InviteeView View);

    /// <summary>Everyone invited, by site and rank, each with a signed check-in code; never the person who signs the invitations.</summary>
    private List<Invitee> Invitees(Source source)
    {
        var meeting = source.Meeting;
        var signer = VietnameseText.Fold(SignatureOf(source).Name);
        return [.. meeting.Participants
            .Where(p => signer.Length == 0 || VietnameseText.Fold(p.PersonName) != signer)
            .Select(p => (Participant: p, View: ParticipantView.From(p, p.Site ?? meeting.Sites.Find(s => s.Id == p.SiteId && s.Id > 0))))
            .OrderBy(p => p.Participant.SiteId).ThenBy(p => p.View.Rank).ThenBy(p => p.Participant.Id)
            .Select(p => new Invitee(p.Participant, CheckInCode(meeting.Id, p.Participant.Id), InviteeOf(meeting, p.Participant)))];
    }

    private static InviteeView InviteeOf(Meeting meeting, Participant participant)
    {
        var site = participant.Site ?? meeting.Sites.Find(s => s.Id == participant.SiteId && s.Id > 0);
        var salutation = participant.PersonName is { } name
            ? "Đồng chí " + name + (string.IsNullOrWhiteSpace(participant.Title) ? string.Empty : ", " + participant.Title)
            : participant.DisplayName;
        var place = site is null ? "theo thông báo của Ban tổ chức" : SiteView.PlaceOf(site);
        return new InviteeView(salutation, participant.PersonName ?? participant.DisplayName, participant.Title, place, $"Mã điểm danh: {meeting.Id}-{participant.Id:00000}");
    }

    private IssuedDocument NewRecord(Meeting meeting, DocumentKind kind, int organizationId, string? summary, DocumentWording? wording, DateOnly issuedOn) => new()
    {
        OrganizationId = organizationId,
        MeetingId = meeting.Id,
        Kind = kind,
        Year = issuedOn.Year,
        Title = Shorten($"{KindName(kind)} {summary ?? meeting.Title}"),
        IssuedOn = issuedOn,
        IssuedAt = clock.GetUtcNow().UtcDateTime,
        IssuedBy = user.Name,
        FileName = $"{FileNames.Slug(KindName(kind))}-{issuedOn:yyyyMMdd}.docx",
        ContentType = DocxType,
        Content = [],
        Wording = wording is null ? null : JsonSerializer.Serialize(wording),
    };

    /// <summary>What rendering needs: the meeting, the letterhead (names, symbols, signer) and the template model.</summary>
    private sealed record Source(Meeting Meeting, OrganizationTemplate Letterhead, DocumentModel Model);

    /// <summary>
    /// The source of a document issued in an organization's name: only someone who may plan the
    /// meeting issues, and only with the letterhead and register of one of its organizers or of
    /// their own organization (<see cref="MeetingAccess.IssuingOrganizationsAsync"/>).
    /// </summary>
    private async Task<Source> LoadForIssuingAsync(int meetingId, int organizationId, CancellationToken cancellationToken)
    {
        await EnsureMayChangeAsync(meetingId, cancellationToken);
        var loaded = await LoadAsync(meetingId, organizationId, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (!(await access.IssuingOrganizationsAsync(db, loaded.Meeting, cancellationToken)).Any(o => o.Id == organizationId))
        {
            throw new RuleViolationException([new RuleViolation("OrganizationId", "Chỉ được ban hành với danh nghĩa cơ quan tổ chức cuộc họp hoặc cơ quan của bạn.")]);
        }

        return loaded;
    }

    /// <summary>The service checks again what the route filter checked: the UI calls it too.</summary>
    private async Task EnsureMayChangeAsync(int meetingId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (!await access.CanChangeMeetingAsync(db, meetingId, cancellationToken))
        {
            throw new RuleViolationException([new RuleViolation("MeetingId", "Không tìm thấy cuộc họp.")]);
        }
    }

    private async Task<Source> LoadAsync(int meetingId, int organizationId, CancellationToken cancellationToken)
    {
        var meeting = await LoadMeetingAsync(meetingId, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var letterhead = await db.OrganizationTemplates.AsNoTracking().Include(t => t.Organization).FirstOrDefaultAsync(t => t.OrganizationId == organizationId, cancellationToken)
            ?? throw new RuleViolationException([new RuleViolation("OrganizationId", "Cơ quan ban hành chưa có mẫu văn bản (tên in trên văn bản, ký hiệu, địa danh). Hãy khai báo ở trang Cơ quan, đơn vị.")]);
        var issuer = IssuerView.From(letterhead, letterhead.Organization?.Name ?? letterhead.IssuingBodyName);
        var model = DocumentModel.For(meeting, issuer);
        return new Source(meeting, letterhead, model with { Meeting = model.Meeting with { PetitionPage = publicSite.MeetingUrl(meetingId) } });
    }

    private static DocumentModel BackdropModel(Source source, Site site) =>
        source.Model with { Backdrop = new BackdropView(site.IsHost, site.Room, null, [.. BackdropText.For(source.Meeting, site).Select(BackdropLineView.From)]) };

    private async Task<string> BackdropTemplateAsync(Meeting meeting, int? organizationId, CancellationToken cancellationToken)
    {
        var organization = organizationId ?? meeting.Organizers.OrderByDescending(o => o.IsLead).Select(o => (int?)o.OrganizationId).FirstOrDefault();
        return organization is { } id
            ? await TemplateSourceAsync(id, DocumentKind.Backdrop, meeting.Kind, cancellationToken)
            : WordingTemplates.Default(DocumentKind.Backdrop, meeting.Kind);
    }

    private async Task<IssuedDocument> IssuedAsync(int documentId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var previous = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken)
            ?? throw new RuleViolationException([new RuleViolation("Id", "Không tìm thấy văn bản.")]);
        return previous.MeetingId is null
            ? throw new RuleViolationException([new RuleViolation("MeetingId", "Văn bản không còn gắn với cuộc họp nào.")])
            : previous;
    }

    public static string KindName(DocumentKind kind) => kind switch
    {
        DocumentKind.Plan => "Kế hoạch",
        DocumentKind.Letter => "Công văn",
        DocumentKind.Invitation => "Giấy mời",
        DocumentKind.Notice => "Thông báo",
        DocumentKind.Minutes => "Biên bản",
        DocumentKind.VoteResult => "Kết quả biểu quyết",
        DocumentKind.CountingRecord => "Biên bản kiểm phiếu",
        _ => "Maket",
    };

    /// <summary>
    /// Wording typed by the office goes into the document before it is stored, so it is cleaned here
    /// as the DbContext cleans stored text (no control characters, NFC).
    /// </summary>
    private static DocumentWording Checked(DocumentWording wording)
    {
        var signers = wording.Signers?.Select(n => InputText.Clean(n ?? string.Empty, multiline: false).Normalize().Trim()).Where(n => n.Length > 0).ToList();
        var clean = new DocumentWording(InputText.Clean(wording.Text ?? string.Empty, multiline: true).Normalize(), signers is { Count: > 0 } ? signers : null);
        return string.IsNullOrWhiteSpace(clean.Text)
            ? throw new RuleViolationException([new RuleViolation(nameof(DocumentWording.Text), "Lời văn của văn bản không được để trống.")])
            : clean;
    }

    private static string Shorten(string text) => text.Length <= 900 ? text : text[..900] + "…";

    private static async Task WriteEntryAsync(ZipArchive archive, string name, byte[] content, CancellationToken cancellationToken)
    {
        await using var entry = await archive.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(cancellationToken);
        await entry.WriteAsync(content, cancellationToken);
    }
}
