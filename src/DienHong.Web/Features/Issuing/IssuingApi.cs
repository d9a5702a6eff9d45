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

public static class IssuingApi
{
    public static RouteGroupBuilder MapIssuingApi(this RouteGroupBuilder api)
    {
        var meeting = api.MapGroup("/meetings/{meetingId:int}").WithTags("Paperwork");
        meeting.MapGet("/documents", ListAsync);
        meeting.MapPost("/documents", IssueAsync).RequireAuthorization(Roles.CanPlanMeetings);
        // The wording shows the issuing organization's template: only for those who may issue.
        meeting.MapGet("/documents/wording", WordingAsync).RequireMeetingAccess(MeetingAction.Plan);
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

    private static async Task<Results<Ok<DocumentWording>, NotFound>> WordingAsync(
        int meetingId, DocumentKind kind, int organizationId, DocumentIssuer issuer, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken)
            ? TypedResults.Ok(await issuer.DefaultWordingAsync(meetingId, kind, organizationId, cancellationToken))
            : TypedResults.NotFound();

    private static async Task<Results<Created<IssuedDocumentDto>, NotFound>> NewVersionAsync(
        int documentId, DocumentWording wording, DocumentIssuer issuer, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        var meetingId = await db.IssuedDocuments.Where(d => d.Id == documentId).Select(d => d.MeetingId).FirstOrDefaultAsync(cancellationToken);
        if (meetingId is null || !await access.CanSeeMeetingAsync(db, meetingId.Value, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var document = await issuer.IssueNewVersionAsync(documentId, wording, cancellationToken);
        return TypedResults.Created($"/api/documents/{document.Id}/file", IssuedDocumentDto.From(document));
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

        var pdf = await pdfs.PdfAsync(document, cancellationToken);
        return TypedResults.File(pdf, "application/pdf", Path.ChangeExtension(VersionedName(document), ".pdf"));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> InvitationsZipAsync(int documentId, DocumentIssuer issuer, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await VisibleDocumentAsync(documentId, db, access, cancellationToken) is { Kind: DocumentKind.Invitation } document
            ? TypedResults.File(await issuer.InvitationsZipAsync(document, await access.SiteFilterAsync(db, cancellationToken), cancellationToken), "application/zip", Path.ChangeExtension(VersionedName(document), ".zip"))
            : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound>> BackdropsAsync(int meetingId, DocumentIssuer issuer, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken)
            ? TypedResults.File(await issuer.BackdropsZipAsync(meetingId, await access.SiteFilterAsync(db, cancellationToken), cancellationToken), "application/zip", $"maket-{meetingId}.zip")
            : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> BackdropSvgAsync(int meetingId, int siteId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting || meeting.Sites.Find(s => s.Id == siteId) is not { } site)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Content(BackdropDocument.Svg(meeting, site), "image/svg+xml");
    }

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
        document.Version == 1 ? document.FileName : Path.GetFileNameWithoutExtension(document.FileName) + $"-v{document.Version}.docx";
}
