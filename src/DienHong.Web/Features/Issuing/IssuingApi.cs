using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Api;
using DienHong.Features.Drafting;
using DienHong.Features.Security;
using DienHong.Features.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Issuing;

public sealed record IssuedDocumentDto(int Id, DocumentKind Kind, string? Symbol, int Version, string Title, DateOnly IssuedOn, DateTime IssuedAt, string IssuedBy, string FileName)
{
    public static IssuedDocumentDto From(IssuedDocument d) => new(d.Id, d.Kind, d.Symbol, d.Version, d.Title, d.IssuedOn, d.IssuedAt, d.IssuedBy, d.FileName);
}

public sealed record TemplatePreviewRequest(int OrganizationId, DocumentKind Kind, string Source);

public sealed record TemplatePreview(string? Markup, IReadOnlyList<string> Errors);

public static class IssuingApi
{
    public static RouteGroupBuilder MapIssuingApi(this RouteGroupBuilder api)
    {
        var meeting = api.MapGroup("/meetings/{meetingId:int}").WithTags("Paperwork");
        meeting.MapGet("/documents", ListAsync);
        meeting.MapPost("/documents", IssueAsync).RequireAuthorization(Roles.CanPlanMeetings)
            .WithSummary("Issues a document through the register: plan, letter, invitations, notice; a sitting's minutes (SittingId); a vote's result (MotionId: Kết quả biểu quyết, or Biên bản kiểm phiếu for a secret ballot).");
        // The wording shows the issuing organization's template: only for those who may issue.
        meeting.MapGet("/documents/wording", WordingAsync).RequireMeetingAccess(MeetingAction.Plan);
        meeting.MapGet("/documents/issue-date", async (int meetingId, DocumentIssuer issuer, CancellationToken cancellationToken) =>
            TypedResults.Ok(await issuer.DefaultIssueDateAsync(meetingId, cancellationToken)));
        meeting.MapPost("/documents/{documentId:int}/upload", UploadAsync).RequireAuthorization(Roles.CanPlanMeetings).DisableAntiforgery();
        meeting.MapPost("/documents/preview", PreviewAsync).RequireAuthorization(Roles.CanPlanMeetings);
        meeting.MapGet("/backdrops.zip", BackdropsAsync).RequireRateLimiting(SecuritySetup.Expensive);
        meeting.MapGet("/backdrops/{siteId:int}.svg", BackdropSvgAsync);
        meeting.MapGet("/participants.xlsx", ParticipantsAsync);
        meeting.MapGet("/assignments.xlsx", AssignmentsAsync);

        var documents = api.MapGroup("/documents/{documentId:int}").WithTags("Paperwork");
        documents.MapGet("/file", FileAsync);
        documents.MapGet("/pdf", PdfAsync).RequireRateLimiting(SecuritySetup.Expensive);
        documents.MapGet("/invitations.zip", InvitationsZipAsync).RequireRateLimiting(SecuritySetup.Expensive);
        documents.MapPost("/versions", NewVersionAsync).RequireAuthorization(Roles.CanPlanMeetings);
        return meeting;
    }

    private static async Task<Results<Ok<List<IssuedDocumentDto>>, NotFound>> ListAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var documents = await db.IssuedDocuments.AsNoTracking().Where(d => d.MeetingId == meetingId)
            .OrderByDescending(d => d.IssuedAt)
            .Select(d => new IssuedDocumentDto(d.Id, d.Kind, d.Symbol, d.Version, d.Title, d.IssuedOn, d.IssuedAt, d.IssuedBy, d.FileName))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(documents);
    }

    private static async Task<Results<Created<IssuedDocumentDto>, NotFound>> IssueAsync(
        int meetingId, IssueRequest request, DocumentIssuer issuer, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var document = await issuer.IssueAsync(meetingId, request, cancellationToken);
        return TypedResults.Created($"/api/documents/{document.Id}/file", IssuedDocumentDto.From(document));
    }

    /// <summary>The draft wording to edit; the minutes name their sitting, a results document its vote, a counting record its committee (signers, head first).</summary>
    private static async Task<Results<Ok<DocumentWording>, NotFound>> WordingAsync(
        int meetingId, DocumentKind kind, int organizationId, int? sittingId, int? motionId, string[]? signers,
        DocumentIssuer issuer, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken)
            ? TypedResults.Ok(await issuer.DraftAsync(meetingId, kind, organizationId, sittingId, motionId, signers, cancellationToken))
            : TypedResults.NotFound();

    private static async Task<Results<Created<IssuedDocumentDto>, NotFound>> NewVersionAsync(
        int documentId, DocumentWording? wording, DocumentIssuer issuer, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        var meetingId = await db.IssuedDocuments.Where(d => d.Id == documentId).Select(d => d.MeetingId).FirstOrDefaultAsync(cancellationToken);
        if (meetingId is null || !await access.CanSeeMeetingAsync(db, meetingId.Value, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var document = await issuer.IssueNewVersionAsync(documentId, wording, cancellationToken);
        return TypedResults.Created($"/api/documents/{document.Id}/file", IssuedDocumentDto.From(document));
    }

    /// <summary>
    /// The Word round trip: the edited DOCX (same number) becomes the issued version, a scanned
    /// signed PDF the final copy. The file comes as a form field "file".
    /// </summary>
    private static async Task<Results<Created<IssuedDocumentDto>, NotFound>> UploadAsync(
        int meetingId, int documentId, IFormFile file, DocumentIssuer issuer, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        var belongs = await db.IssuedDocuments.AnyAsync(d => d.Id == documentId && d.MeetingId == meetingId, cancellationToken);
        if (!belongs || !await access.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (file.Length is 0 or > MaxUpload)
        {
            throw new Validation.RuleViolationException([new Validation.RuleViolation("File", "Tệp tải lên trống hoặc lớn hơn 20 MB.")]);
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, cancellationToken);
        var document = await issuer.UploadVersionAsync(documentId, content.ToArray(), cancellationToken);
        return TypedResults.Created($"/api/documents/{document.Id}/file", IssuedDocumentDto.From(document));
    }

    public const int MaxUpload = 20 * 1024 * 1024;

    /// <summary>A template rendered for this meeting before it is saved: the markup, or its errors with their lines.</summary>
    private static async Task<Results<Ok<TemplatePreview>, NotFound>> PreviewAsync(
        int meetingId, TemplatePreviewRequest request, DocumentIssuer issuer, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        // Cleaned as a saved template would be: control characters cannot reach the document's XML.
        var source = Text.InputText.Clean(request.Source ?? string.Empty, multiline: true);
        var (markup, _, errors) = await issuer.PreviewAsync(meetingId, request.OrganizationId, request.Kind, source, cancellationToken);
        return TypedResults.Ok(new TemplatePreview(markup, [.. errors.Select(e => e.ToString())]));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> FileAsync(int documentId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await WholeDocumentAsync(documentId, db, access, cancellationToken) is { } document
            ? TypedResults.File(document.Content, document.ContentType, VersionedName(document))
            : TypedResults.NotFound();

    /// <summary>The PDF of an issued DOCX, converted by LibreOffice; 503 where it is not installed.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> PdfAsync(int documentId, DienHongDbContext db, MeetingAccess access, PdfQueue pdfs, CancellationToken cancellationToken)
    {
        if (await WholeDocumentAsync(documentId, db, access, cancellationToken) is not { } document)
        {
            return TypedResults.NotFound();
        }

        if (!PdfConverter.IsAvailable)
        {
            return TypedResults.Problem(title: "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (document.ContentType == DocumentIssuer.PdfType)
        {
            return TypedResults.File(document.Content, document.ContentType, VersionedName(document));
        }

        var pdf = await pdfs.PdfAsync(document, cancellationToken);
        return TypedResults.File(pdf, "application/pdf", Path.ChangeExtension(VersionedName(document), ".pdf"));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> InvitationsZipAsync(int documentId, DocumentIssuer issuer, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await VisibleDocumentAsync(documentId, db, access, cancellationToken) is { Kind: DocumentKind.Invitation } document
            ? TypedResults.File(await issuer.InvitationsZipAsync(document, await access.SiteFilterAsync(db, cancellationToken), cancellationToken), "application/zip", Path.ChangeExtension(VersionedName(document), ".zip"))
            : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound>> BackdropsAsync(int meetingId, DocumentIssuer issuer, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken)
            ? TypedResults.File(await issuer.BackdropsZipAsync(meetingId, null, await access.SiteFilterAsync(db, cancellationToken), cancellationToken), "application/zip", $"maket-{meetingId}.zip")
            : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> BackdropSvgAsync(int meetingId, int siteId, DocumentIssuer issuer, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken) && await issuer.BackdropSvgAsync(meetingId, siteId, cancellationToken) is { } svg
            ? TypedResults.Content(svg, "image/svg+xml")
            : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound>> ParticipantsAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.LoadMeetingAsync(db, meetingId, cancellationToken) is { } meeting
            ? TypedResults.File(MeetingSpreadsheets.ParticipantsBySite(meeting, await access.SiteFilterAsync(db, cancellationToken)), DocumentIssuer.XlsxType, $"thanh-phan-{meetingId}.xlsx")
            : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound>> AssignmentsAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.LoadMeetingAsync(db, meetingId, cancellationToken) is { } meeting
            ? TypedResults.File(MeetingSpreadsheets.AssignmentTracking(meeting, DateOnly.FromDateTime(VietnamTime.Now)), DocumentIssuer.XlsxType, $"phan-cong-{meetingId}.xlsx")
            : TypedResults.NotFound();

    private static async Task<IssuedDocument?> VisibleDocumentAsync(int documentId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        var document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        return document is { MeetingId: { } meetingId } && await access.CanSeeMeetingAsync(db, meetingId, cancellationToken) ? document : null;
    }

    /// <summary>A batch of invitations holds every invitee and their check-in code: only for those who see every site.</summary>
    private static async Task<IssuedDocument?> WholeDocumentAsync(int documentId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await VisibleDocumentAsync(documentId, db, access, cancellationToken) is { } document && (access.SeesAllSites || document.Kind != DocumentKind.Invitation)
            ? document
            : null;

    private static string VersionedName(IssuedDocument document) =>
        document.Version == 1 ? document.FileName : Path.GetFileNameWithoutExtension(document.FileName) + $"-v{document.Version}" + Path.GetExtension(document.FileName);
}
