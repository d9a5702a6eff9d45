using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Api;
using DienHong.Features.Drafting;
using DienHong.Features.Incidents;
using DienHong.Features.Issuing;
using DienHong.Features.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Readiness;

public static class ReadinessApi
{
    public static RouteGroupBuilder MapReadinessApi(this RouteGroupBuilder api)
    {
        var meeting = api.MapGroup("/meetings/{meetingId:int}").WithTags("Readiness");
        meeting.MapGet("/readiness", BoardAsync).WithSummary("The sites board: every visible site's readiness, the agencies' tasks, the summary, and the live number it reflects.");
        meeting.MapPost("/readiness/checklist", ChecklistAsync).WithSummary("Sets the meeting's checklist from the organizer's list for its kind (or the default one).");
        meeting.MapGet("/readiness.docx", DocxAsync).WithSummary("The readiness report (Decree 30 layout).");
        meeting.MapGet("/readiness.xlsx", XlsxAsync).WithSummary("Every site's readiness as a table.");
        meeting.MapPost("/assignments/{assignmentId:int}/done", CompleteTaskAsync).RequireMeetingAccess(MeetingAction.Read).WithSummary("An agency marks its own task done, with a note.");

        var site = api.MapGroup("/meetings/{meetingId:int}/sites/{siteId:int}").WithTags("Readiness");
        site.MapGet("/readiness", SiteAsync).WithSummary("One site's checklist, connection tests and problems.");
        site.MapPut("/readiness/{checkId:int}", MarkAsync).RequireMeetingAccess(MeetingAction.OperateSite).WithSummary("Ticks one checklist item (give the version you saw: 0 for an unchecked item).");
        site.MapPost("/readiness/photos", PhotoAsync).RequireMeetingAccess(MeetingAction.OperateSite).DisableAntiforgery().WithSummary("A photo for a checklist item (JPEG, PNG or WebP, up to 5 MB).");
        site.MapGet("/readiness/photos/{photoId:int}", PhotoFileAsync);
        site.MapPost("/connection-tests", StartTestAsync).RequireMeetingAccess(MeetingAction.OperateSite).WithSummary("Starts a connection test run.");
        site.MapPut("/connection-tests/{testId:int}", FinishTestAsync).RequireMeetingAccess(MeetingAction.OperateSite).WithSummary("Finishes a run with its result, quality and latency.");
        site.MapPost("/incidents", ReportAsync).RequireMeetingAccess(MeetingAction.OperateSite).WithSummary("Reports a problem at the site to the host.");
        site.MapPost("/incidents/{incidentId:int}/close", CloseAsync).RequireMeetingAccess(MeetingAction.OperateSite).WithSummary("Closes a problem, recording its duration.");
        return meeting;
    }

    private static async Task<Results<Ok<ReadinessBoard>, NotFound>> BoardAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken) =>
        await LiveViewer.ForAsync(db, access, user, meetingId, cancellationToken) is { } viewer
        && await ReadinessQueries.BoardAsync(db, meetingId, viewer, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } board
            ? TypedResults.Ok(board)
            : TypedResults.NotFound();

    private static async Task<Created<IReadOnlyList<CheckDto>>> ChecklistAsync(int meetingId, ChecklistRequest request, ReadinessService readiness, CancellationToken cancellationToken) =>
        TypedResults.Created($"/api/meetings/{meetingId}/readiness", await readiness.CreateChecklistAsync(meetingId, request, cancellationToken));

    private static async Task<Results<Ok<SiteReadiness>, NotFound>> SiteAsync(int meetingId, int siteId, DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken) =>
        await access.CanSeeSiteAsync(db, meetingId, siteId, cancellationToken)
        && await ReadinessQueries.SiteAsync(db, meetingId, siteId, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } site
            ? TypedResults.Ok(site)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<MarkDto>, NotFound>> MarkAsync(int meetingId, int siteId, int checkId, MarkInput input, ReadinessService readiness, CancellationToken cancellationToken) =>
        await readiness.SetMarkAsync(meetingId, siteId, checkId, input, cancellationToken) is { } mark ? TypedResults.Ok(mark) : TypedResults.NotFound();

    private static async Task<Results<Created<PhotoDto>, NotFound>> PhotoAsync(int meetingId, int siteId, IFormFile file, ReadinessService readiness, CancellationToken cancellationToken)
    {
        if (file.Length > ReadinessService.PhotoLimit)
        {
            throw new Validation.RuleViolationException([new("Photo", "Ảnh lớn {0:0.0} MB, vượt giới hạn 5 MB.", file.Length / 1_048_576.0)]);
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, cancellationToken);
        return await readiness.AddPhotoAsync(meetingId, siteId, content.ToArray(), cancellationToken) is { } photo
            ? TypedResults.Created($"/api/meetings/{meetingId}/sites/{siteId}/readiness/photos/{photo.Id}", photo)
            : TypedResults.NotFound();
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> PhotoFileAsync(int meetingId, int siteId, int photoId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeSiteAsync(db, meetingId, siteId, cancellationToken)
        && await db.ReadinessPhotos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.SiteId == siteId, cancellationToken) is { } photo
            ? TypedResults.File(photo.Content, photo.ContentType)
            : TypedResults.NotFound();

    private static async Task<Results<Created<TestDto>, NotFound>> StartTestAsync(int meetingId, int siteId, ReadinessService readiness, CancellationToken cancellationToken) =>
        await readiness.StartTestAsync(meetingId, siteId, cancellationToken) is { } test
            ? TypedResults.Created($"/api/meetings/{meetingId}/sites/{siteId}/connection-tests/{test.Id}", test)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<TestDto>, NotFound>> FinishTestAsync(int meetingId, int siteId, int testId, FinishTestInput input, ReadinessService readiness, CancellationToken cancellationToken) =>
        await readiness.FinishTestAsync(meetingId, siteId, testId, input, cancellationToken) is { } test ? TypedResults.Ok(test) : TypedResults.NotFound();

    private static async Task<Results<Created<IncidentDto>, NotFound>> ReportAsync(int meetingId, int siteId, IncidentInput input, ReadinessService readiness, CancellationToken cancellationToken) =>
        await readiness.ReportIncidentAsync(meetingId, siteId, input, cancellationToken) is { } incident
            ? TypedResults.Created($"/api/meetings/{meetingId}/sites/{siteId}/incidents/{incident.Id}", incident)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<IncidentDto>, NotFound>> CloseAsync(int meetingId, int siteId, int incidentId, CloseIncidentInput input, ReadinessService readiness, CancellationToken cancellationToken) =>
        await readiness.CloseIncidentAsync(meetingId, siteId, incidentId, input, cancellationToken) is { } incident ? TypedResults.Ok(incident) : TypedResults.NotFound();

    private static async Task<Results<Ok<TaskTile>, NotFound>> CompleteTaskAsync(int meetingId, int assignmentId, CompleteTaskInput input, ReadinessService readiness, CancellationToken cancellationToken) =>
        await readiness.CompleteTaskAsync(meetingId, assignmentId, input, cancellationToken) is { } task ? TypedResults.Ok(task) : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound>> DocxAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await LiveViewer.ForAsync(db, access, user, meetingId, cancellationToken) is not { } viewer
            || await ReadinessQueries.BoardAsync(db, meetingId, viewer, now, cancellationToken) is not { } board)
        {
            return TypedResults.NotFound();
        }

        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Organizers).ThenInclude(o => o.Organization).FirstAsync(m => m.Id == meetingId, cancellationToken);
        var lead = meeting.Organizers.OrderByDescending(o => o.IsLead).FirstOrDefault();
        var template = lead is null ? null : await db.OrganizationTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.OrganizationId == lead.OrganizationId, cancellationToken);
        var today = DateOnly.FromDateTime(Text.VietnamTime.ToLocal(now));
        var heading = template is not null
            ? DocumentHeading.From(template, null, today)
            : new DocumentHeading(null, lead?.Organization?.Name ?? "VĂN PHÒNG", null, meeting.Place ?? "Hà Nội", today);
        var signature = !string.IsNullOrWhiteSpace(meeting.SignerName) || template is null ? SignatureBlock.From(meeting) : SignatureBlock.From(template);
        var docx = ReadinessReport.Docx(board, heading, signature, ["Lãnh đạo (để báo cáo)", "Các điểm cầu"], template?.ArchiveLine ?? "Lưu: VT", now);
        return TypedResults.File(docx, DocumentIssuer.DocxType, $"san-sang-{FileNames.Slug(meeting.Title)}.docx");
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> XlsxAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken) =>
        await LiveViewer.ForAsync(db, access, user, meetingId, cancellationToken) is { } viewer
        && await ReadinessQueries.BoardAsync(db, meetingId, viewer, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } board
            ? TypedResults.File(ReadinessReport.Xlsx(board), DocumentIssuer.XlsxType, $"san-sang-{meetingId}.xlsx")
            : TypedResults.NotFound();
}

/// <summary>The readiness part of a meeting's live snapshot: the board as the viewer may see it.</summary>
internal sealed class ReadinessSnapshotPart(TimeProvider clock) : ILiveSnapshotPart
{
    public string Name => "readiness";

    public async Task<object?> ReadAsync(DienHongDbContext db, int meetingId, LiveViewer viewer, CancellationToken cancellationToken) =>
        viewer.Anonymous ? null : await ReadinessQueries.BoardAsync(db, meetingId, viewer, clock.GetUtcNow().UtcDateTime, cancellationToken);
}
