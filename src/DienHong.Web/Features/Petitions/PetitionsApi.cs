using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Api;
using DienHong.Features.Drafting;
using DienHong.Features.Imports;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Petitions;

/// <summary>
/// Petitions through the API. Meeting-scoped routes sit under /api/meetings/{meetingId}/… and
/// site-scoped ones under …/sites/{siteId}/…; what an agency answers is under
/// /api/referrals/{referralId}: the scope filter checks all three through <see cref="MeetingAccess"/>
/// before a handler runs, and every query starts from its petition sets.
/// </summary>
public static class PetitionsApi
{
    public static RouteGroupBuilder MapPetitionsApi(this RouteGroupBuilder api)
    {
        var meeting = api.MapGroup("/meetings/{meetingId:int}").WithTags("Petitions");
        meeting.MapGet("/petitions", ListAsync);
        meeting.MapPost("/petitions", RecordAsync);
        meeting.MapPost("/petitions/batch", RecordBatchAsync);
        meeting.MapPost("/petitions/import", ImportAsync).DisableAntiforgery();
        meeting.MapGet("/petitions/schedule", ScheduleAsync);
        meeting.MapPut("/petitions/schedule", SetScheduleAsync);
        meeting.MapGet("/petitions/dashboard", DashboardAsync);
        meeting.MapGet("/petitions/charts/{chart}.svg", ChartAsync);
        meeting.MapGet("/petitions/report.docx", SummaryDocxAsync);
        meeting.MapGet("/petitions/report.pdf", SummaryPdfAsync);
        meeting.MapGet("/petitions/answers.docx", AnswersDocxAsync);
        meeting.MapGet("/petitions/petitions.xlsx", SpreadsheetAsync);
        meeting.MapGet("/recommendations/{recommendationId:int}", RecommendationAsync);
        meeting.MapGet("/recommendations/{recommendationId:int}/suggestion", RecommendationSuggestionAsync);
        meeting.MapPut("/recommendations/{recommendationId:int}/classification", ClassifyAsync);
        meeting.MapPost("/recommendations/{recommendationId:int}/merge", MergeAsync);
        meeting.MapPost("/recommendations/{recommendationId:int}/referrals", ReferAsync);
        meeting.MapPut("/recommendations/{recommendationId:int}/publication", PublishAsync);

        var site = api.MapGroup("/meetings/{meetingId:int}/sites/{siteId:int}/petitions").WithTags("Petitions");
        site.MapGet("/", SiteListAsync);
        site.MapPost("/", RecordAtSiteAsync).RequireMeetingAccess(MeetingAction.OperateSite);

        var petitions = api.MapGroup("/petitions").WithTags("Petitions");
        petitions.MapGet("/search", SearchAsync);
        petitions.MapPost("/suggestions", SuggestAsync);
        petitions.MapGet("/overdue", OverdueAsync);
        petitions.MapGet("/fields", FieldsAsync);
        petitions.MapPost("/fields", AddFieldAsync).RequireAuthorization(Roles.CanAdminister);

        var referrals = api.MapGroup("/referrals").WithTags("Petitions");
        referrals.MapGet("/", ReferralsAsync);
        referrals.MapGet("/{referralId:int}", ReferralAsync);
        referrals.MapPost("/{referralId:int}/answer", AnswerAsync).DisableAntiforgery();
        referrals.MapPost("/{referralId:int}/return", ReturnAsync);
        referrals.MapGet("/{referralId:int}/attachments/{attachmentId:int}", AttachmentAsync);
        return meeting;
    }

    private static readonly ProblemHttpResult Forbidden = TypedResults.Problem(title: "Bạn không có quyền thực hiện việc này.", statusCode: StatusCodes.Status403Forbidden);
    private static readonly ProblemHttpResult NotFound = TypedResults.Problem(title: "Không tìm thấy.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<List<RecommendationDto>>, ProblemHttpResult>> ListAsync(
        int meetingId, string? search, RecommendationStatus? status, DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken))
        {
            return NotFound;
        }

        var recommendations = (await access.RecommendationsAsync(db, cancellationToken)).Where(r => r.MeetingId == meetingId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var matching = (await access.PetitionsAsync(db, cancellationToken)).Where(p => p.MeetingId == meetingId).Matching(db, search).Select(p => p.RecommendationId);
            recommendations = recommendations.Where(r => matching.Contains(r.Id));
        }

        if (status is { } wanted)
        {
            recommendations = recommendations.Where(r => r.Status == wanted);
        }

        var list = await WithDetails(recommendations).OrderBy(r => r.Id).Take(2000).ToListAsync(cancellationToken);
        var today = PetitionClock.Today(clock);
        return TypedResults.Ok(list.Select(r => RecommendationDto.From(r, today)).ToList());
    }

    private static async Task<Results<Created<PetitionDto>, ProblemHttpResult>> RecordAsync(
        int meetingId, PetitionInput input, DienHongDbContext db, MeetingAccess access, PetitionWorkflow workflow, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken))
        {
            return NotFound;
        }

        if (!access.CanRecordPetitions || (input.SiteId is { } siteId && !await access.CanRecordPetitionsAtSiteAsync(db, meetingId, siteId, cancellationToken)))
        {
            return Forbidden;
        }

        var petition = await workflow.RecordAsync(meetingId, input, cancellationToken);
        return TypedResults.Created($"/api/meetings/{meetingId}/recommendations/{petition.RecommendationId}", PetitionDto.From(petition));
    }

    private static async Task<Results<Created<PetitionDto>, ProblemHttpResult>> RecordAtSiteAsync(
        int meetingId, int siteId, PetitionInput input, DienHongDbContext db, MeetingAccess access, PetitionWorkflow workflow, CancellationToken cancellationToken)
    {
        if (!await access.CanRecordPetitionsAtSiteAsync(db, meetingId, siteId, cancellationToken))
        {
            return NotFound;
        }

        var petition = await workflow.RecordAsync(meetingId, input with { SiteId = siteId, Channel = PetitionChannel.AtSite }, cancellationToken);
        return TypedResults.Created($"/api/meetings/{meetingId}/recommendations/{petition.RecommendationId}", PetitionDto.From(petition));
    }

    private static async Task<Results<Ok<List<PetitionDto>>, ProblemHttpResult>> SiteListAsync(
        int meetingId, int siteId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken))
        {
            return NotFound;
        }

        var petitions = await (await access.PetitionsAsync(db, cancellationToken)).AsNoTracking().Include(p => p.Site)
            .Where(p => p.MeetingId == meetingId && p.SiteId == siteId).OrderByDescending(p => p.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(petitions.Select(PetitionDto.From).ToList());
    }

    private static async Task<Results<Created<List<PetitionDto>>, ProblemHttpResult>> RecordBatchAsync(
        int meetingId, List<PetitionInput> inputs, DienHongDbContext db, MeetingAccess access, PetitionWorkflow workflow, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken))
        {
            return NotFound;
        }

        if (!access.CanCompilePetitions)
        {
            return Forbidden;
        }

        var petitions = await workflow.RecordBatchAsync(meetingId, inputs, cancellationToken);
        return TypedResults.Created($"/api/meetings/{meetingId}/petitions", petitions.Select(PetitionDto.From).ToList());
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(
        int meetingId, IFormFile file, DienHongDbContext db, MeetingAccess access, PetitionWorkflow workflow, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken))
        {
            return ImportEndpoint.MeetingNotFound;
        }

        return !access.CanCompilePetitions
            ? Forbidden
            : await ImportEndpoint.RunAsync(file, (content, name) => PetitionImport.ImportAsync(workflow, db, meetingId, content, name, PetitionChannel.InWriting, cancellationToken));
    }

    private static async Task<Results<Ok<RecommendationDto>, ProblemHttpResult>> RecommendationAsync(
        int meetingId, int recommendationId, DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken) =>
        await LoadAsync(db, access, meetingId, recommendationId, cancellationToken) is { } recommendation
            ? TypedResults.Ok(RecommendationDto.From(recommendation, PetitionClock.Today(clock)))
            : NotFound;

    private static async Task<Results<Ok<PetitionSuggestion>, ProblemHttpResult>> RecommendationSuggestionAsync(
        int meetingId, int recommendationId, DienHongDbContext db, MeetingAccess access, PetitionClassifier classifier, CancellationToken cancellationToken)
    {
        if (await LoadAsync(db, access, meetingId, recommendationId, cancellationToken) is not { } recommendation)
        {
            return NotFound;
        }

        var visible = await access.PetitionsAsync(db, cancellationToken);
        return TypedResults.Ok(await PetitionSuggestions.SuggestAsync(db, classifier, visible, recommendation.Content, meetingId, recommendation.Id, cancellationToken));
    }

    private static async Task<Results<Ok<RecommendationDto>, ProblemHttpResult>> ClassifyAsync(
        int meetingId, int recommendationId, ClassificationInput input, DienHongDbContext db, MeetingAccess access, PetitionWorkflow workflow, CancellationToken cancellationToken) =>
        await CompileAsync(db, access, meetingId, recommendationId, workflow, r => workflow.ClassifyAsync(r, input, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<RecommendationDto>, ProblemHttpResult>> MergeAsync(
        int meetingId, int recommendationId, MergeInput input, DienHongDbContext db, MeetingAccess access, PetitionWorkflow workflow, CancellationToken cancellationToken) =>
        await CompileAsync(db, access, meetingId, recommendationId, workflow, r => workflow.MergeAsync(r, input.RecommendationIds, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<RecommendationDto>, ProblemHttpResult>> ReferAsync(
        int meetingId, int recommendationId, ReferralInput input, DienHongDbContext db, MeetingAccess access, PetitionWorkflow workflow, CancellationToken cancellationToken) =>
        await CompileAsync(db, access, meetingId, recommendationId, workflow, async r => { await workflow.ReferAsync(r, input, cancellationToken); return r; }, cancellationToken);

    private static async Task<Results<Ok<RecommendationDto>, ProblemHttpResult>> PublishAsync(
        int meetingId, int recommendationId, PublishInput input, DienHongDbContext db, MeetingAccess access, PetitionWorkflow workflow, CancellationToken cancellationToken) =>
        await CompileAsync(db, access, meetingId, recommendationId, workflow, async r => { await workflow.PublishAsync(r, input.Published, cancellationToken); return r; }, cancellationToken);

    /// <summary>A compiling step on one recommendation: found and visible, by staff who compile, then reloaded.</summary>
    private static async Task<Results<Ok<RecommendationDto>, ProblemHttpResult>> CompileAsync(
        DienHongDbContext db, MeetingAccess access, int meetingId, int recommendationId, PetitionWorkflow workflow, Func<Recommendation, Task<Recommendation>> step, CancellationToken cancellationToken)
    {
        if (await LoadAsync(db, access, meetingId, recommendationId, cancellationToken) is not { } recommendation)
        {
            return NotFound;
        }

        if (!access.CanCompilePetitions)
        {
            return Forbidden;
        }

        await step(recommendation);
        db.ChangeTracker.Clear();
        var reloaded = await LoadAsync(db, access, meetingId, recommendationId, cancellationToken);
        return TypedResults.Ok(RecommendationDto.From(reloaded!, workflow.Today));
    }

    private static async Task<Results<Ok<ScheduleDto>, ProblemHttpResult>> ScheduleAsync(int meetingId, DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken))
        {
            return NotFound;
        }

        return TypedResults.Ok(await ScheduleOfAsync(db, meetingId, PetitionClock.Today(clock), cancellationToken));
    }

    private static async Task<Results<Ok<ScheduleDto>, ProblemHttpResult>> SetScheduleAsync(
        int meetingId, ScheduleInput input, DienHongDbContext db, MeetingAccess access, PetitionWorkflow workflow, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken))
        {
            return NotFound;
        }

        if (!access.CanCompilePetitions)
        {
            return Forbidden;
        }

        await workflow.ScheduleAsync(meetingId, input, cancellationToken);
        return TypedResults.Ok(await ScheduleOfAsync(db, meetingId, workflow.Today, cancellationToken));
    }

    public static async Task<ScheduleDto> ScheduleOfAsync(DienHongDbContext db, int meetingId, DateOnly today, CancellationToken cancellationToken)
    {
        var schedule = await db.PetitionSchedules.AsNoTracking().FirstOrDefaultAsync(s => s.MeetingId == meetingId, cancellationToken);
        if (schedule is null)
        {
            return new ScheduleDto(null, null, null, null, false);
        }

        var start = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.StartsAt).FirstAsync(cancellationToken);
        var open = await db.Recommendations.Where(r => r.MeetingId == meetingId).AnyAsync(PetitionDeadlines.Uncompiled, cancellationToken);
        return new ScheduleDto(schedule.CompilationDeadline, schedule.SessionOpensOn, schedule.SessionClosesOn,
            PetitionDeadlines.Legal(schedule, DateOnly.FromDateTime(Text.VietnamTime.ToLocal(start))), open && schedule.CompilationDeadline < today);
    }

    private static async Task<Results<Ok<PetitionDashboard>, ProblemHttpResult>> DashboardAsync(int meetingId, DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken) =>
        await DashboardOfAsync(db, access, meetingId, PetitionClock.Today(clock), cancellationToken) is { } dashboard ? TypedResults.Ok(dashboard) : NotFound;

    public static async Task<PetitionDashboard?> DashboardOfAsync(DienHongDbContext db, MeetingAccess access, int meetingId, DateOnly today, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken))
        {
            return null;
        }

        var recommendations = (await access.RecommendationsAsync(db, cancellationToken)).Where(r => r.MeetingId == meetingId);
        var petitions = (await access.PetitionsAsync(db, cancellationToken)).Where(p => p.MeetingId == meetingId);
        return await PetitionStatistics.ComputeAsync(db, recommendations, petitions, today, cancellationToken);
    }

    /// <summary>Charts of the dashboard, as SVG: status, agency, field, site, overdue.</summary>
    public static string? Chart(PetitionDashboard dashboard, string chart) => chart switch
    {
        "status" => SvgCharts.HorizontalBars("Kiến nghị theo trạng thái", dashboard.ByStatus, "#2f6db5"),
        "agency" => SvgCharts.HorizontalBars("Kiến nghị theo cơ quan giải quyết", dashboard.ByAgency),
        "field" => SvgCharts.HorizontalBars("Kiến nghị theo lĩnh vực", dashboard.ByField, "#c77d0a"),
        "site" => SvgCharts.HorizontalBars("Ý kiến cử tri theo điểm cầu, địa phương", dashboard.BySite, "#2d8a4e"),
        "overdue" => SvgCharts.HorizontalBars("Quá hạn trả lời theo cơ quan", dashboard.OverdueByAgency, "#8a1c1c"),
        "timeliness" => SvgCharts.HorizontalBars("Trả lời đúng hạn, quá hạn", [new CountRow("Trả lời đúng hạn", dashboard.AnsweredOnTime), new CountRow("Trả lời quá hạn", dashboard.AnsweredLate), new CountRow("Quá hạn chưa trả lời", dashboard.Overdue)], "#6b4fa3"),
        _ => null,
    };

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ChartAsync(int meetingId, string chart, DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken) =>
        await DashboardOfAsync(db, access, meetingId, PetitionClock.Today(clock), cancellationToken) is { } dashboard && Chart(dashboard, chart) is { } svg
            ? TypedResults.Content(svg, "image/svg+xml")
            : NotFound;

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SummaryDocxAsync(int meetingId, DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken) =>
        await SummaryAsync(db, access, meetingId, PetitionClock.Today(clock), cancellationToken) is { } docx
            ? TypedResults.File(docx, DocumentIssuer.DocxType, $"bao-cao-kien-nghi-cu-tri-{meetingId}.docx")
            : NotFound;

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SummaryPdfAsync(int meetingId, DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await SummaryAsync(db, access, meetingId, PetitionClock.Today(clock), cancellationToken) is not { } docx)
        {
            return NotFound;
        }

        return PdfConverter.IsAvailable
            ? TypedResults.File(await PdfConverter.ConvertAsync(docx, cancellationToken), "application/pdf", $"bao-cao-kien-nghi-cu-tri-{meetingId}.pdf")
            : TypedResults.Problem(title: "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX.", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static async Task<byte[]?> SummaryAsync(DienHongDbContext db, MeetingAccess access, int meetingId, DateOnly today, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken) || await db.LoadMeetingAsync(meetingId, cancellationToken) is not { } meeting)
        {
            return null;
        }

        var items = await PetitionReports.LoadAsync((await access.RecommendationsAsync(db, cancellationToken)).Where(r => r.MeetingId == meetingId), cancellationToken);
        var (heading, signature, archive) = await PetitionReports.IssuerAsync(db, meeting, today, cancellationToken);
        return PetitionReports.Summary(meeting, heading, signature, archive, items);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AnswersDocxAsync(int meetingId, DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken) || await db.LoadMeetingAsync(meetingId, cancellationToken) is not { } meeting)
        {
            return NotFound;
        }

        var today = PetitionClock.Today(clock);
        var items = await PetitionReports.LoadAsync((await access.RecommendationsAsync(db, cancellationToken)).Where(r => r.MeetingId == meetingId), cancellationToken);
        var (heading, signature, archive) = await PetitionReports.IssuerAsync(db, meeting, today, cancellationToken);
        return TypedResults.File(PetitionReports.Answers(meeting, heading, signature, archive, items, today), DocumentIssuer.DocxType, $"bao-cao-tra-loi-kien-nghi-{meetingId}.docx");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SpreadsheetAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken))
        {
            return NotFound;
        }

        var items = await PetitionReports.LoadAsync((await access.RecommendationsAsync(db, cancellationToken)).Where(r => r.MeetingId == meetingId), cancellationToken);
        return TypedResults.File(PetitionReports.Spreadsheet(items), DocumentIssuer.XlsxType, $"kien-nghi-cu-tri-{meetingId}.xlsx");
    }

    private static async Task<Ok<List<PetitionDto>>> SearchAsync(string? q, int? meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        var petitions = await access.PetitionsAsync(db, cancellationToken);
        if (meetingId is { } id)
        {
            petitions = petitions.Where(p => p.MeetingId == id);
        }

        var ids = await PetitionSearch.NewestMatchesAsync(db, petitions, q, 50, cancellationToken);
        var found = await db.Petitions.AsNoTracking().Include(p => p.Site).Where(p => ids.Contains(p.Id)).OrderByDescending(p => p.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(found.Select(PetitionDto.From).ToList());
    }

    private static async Task<Results<Ok<PetitionSuggestion>, ProblemHttpResult>> SuggestAsync(
        SuggestionRequest request, DienHongDbContext db, MeetingAccess access, PetitionClassifier classifier, CancellationToken cancellationToken)
    {
        if (request.MeetingId is { } meetingId && !await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken))
        {
            return NotFound;
        }

        var violations = PetitionRules.Check(new PetitionInput(request.Text));
        Validation.RuleViolationException.ThrowIfAny(violations);
        var visible = await access.PetitionsAsync(db, cancellationToken);
        return TypedResults.Ok(await PetitionSuggestions.SuggestAsync(db, classifier, visible, request.Text, request.MeetingId, null, cancellationToken));
    }

    private static async Task<Ok<List<OverdueItem>>> OverdueAsync(DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await PetitionDeadlines.DailyListAsync(db, await access.ReferralsAsync(db, cancellationToken), await access.RecommendationsAsync(db, cancellationToken), PetitionClock.Today(clock), cancellationToken));

    private static async Task<Ok<List<PetitionField>>> FieldsAsync(DienHongDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.PetitionFields.AsNoTracking().OrderBy(f => f.Order).ToListAsync(cancellationToken));

    private static async Task<Created<PetitionField>> AddFieldAsync(PetitionFieldInput input, DienHongDbContext db, CancellationToken cancellationToken)
    {
        var name = Text.VietnameseText.Nfc(input.Name) ?? string.Empty;
        var violations = new List<Validation.RuleViolation>();
        if (name.Length == 0)
        {
            violations.Add(new("Name", "Tên lĩnh vực không được để trống."));
        }
        else if ((await db.PetitionFields.Select(f => f.Name).ToListAsync(cancellationToken)).Any(n => Text.VietnameseText.Fold(n) == Text.VietnameseText.Fold(name)))
        {
            violations.Add(new("Name", "Lĩnh vực \"{0}\" đã có.", name));
        }

        PetitionRules.CheckNoMarkup(violations, "Name", name);
        Validation.RuleViolationException.ThrowIfAny(violations);
        var field = new PetitionField { Name = name, Order = await db.PetitionFields.MaxAsync(f => (int?)f.Order, cancellationToken) + 1 ?? 1 };
        db.PetitionFields.Add(field);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/petitions/fields/{field.Id}", field);
    }

    private static async Task<Ok<List<ReferralDto>>> ReferralsAsync(ReferralStatus? status, DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken)
    {
        var referrals = await access.ReferralsAsync(db, cancellationToken);
        if (status is { } wanted)
        {
            referrals = referrals.Where(f => f.Status == wanted);
        }

        var list = await referrals.AsNoTracking().Include(f => f.Agency).OrderBy(f => f.Deadline).Take(2000).ToListAsync(cancellationToken);
        var today = PetitionClock.Today(clock);
        return TypedResults.Ok(list.Select(f => ReferralDto.From(f, today)).ToList());
    }

    private static async Task<Results<Ok<ReferralDetail>, ProblemHttpResult>> ReferralAsync(int referralId, DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await LoadReferralAsync(db, access, referralId, cancellationToken) is not { } referral)
        {
            return NotFound;
        }

        var today = PetitionClock.Today(clock);
        return TypedResults.Ok(new ReferralDetail(ReferralDto.From(referral, today), RecommendationDto.From(referral.Recommendation!, today)));
    }

    private static async Task<Results<Ok<ReferralDto>, ProblemHttpResult>> AnswerAsync(
        int referralId, [FromForm] string? text, IFormFileCollection? files, DienHongDbContext db, MeetingAccess access, PetitionWorkflow workflow, CancellationToken cancellationToken)
    {
        if (await LoadReferralAsync(db, access, referralId, cancellationToken) is not { } referral)
        {
            return NotFound;
        }

        if (!await CanAnswerAsync(db, access, referral, cancellationToken))
        {
            return Forbidden;
        }

        var attachments = new List<AnswerAttachment>();
        foreach (var file in files ?? (IReadOnlyList<IFormFile>)[])
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            attachments.Add(new AnswerAttachment { FileName = Path.GetFileName(file.FileName), ContentType = string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType, Content = buffer.ToArray() });
        }

        await workflow.AnswerAsync(referral, text, attachments, cancellationToken);
        return TypedResults.Ok(ReferralDto.From(referral, workflow.Today));
    }

    private static async Task<Results<Ok<ReferralDto>, ProblemHttpResult>> ReturnAsync(
        int referralId, ReturnInput input, DienHongDbContext db, MeetingAccess access, PetitionWorkflow workflow, CancellationToken cancellationToken)
    {
        if (await LoadReferralAsync(db, access, referralId, cancellationToken) is not { } referral)
        {
            return NotFound;
        }

        if (!await CanAnswerAsync(db, access, referral, cancellationToken))
        {
            return Forbidden;
        }

        await workflow.ReturnAsync(referral, input.Reason, cancellationToken);
        return TypedResults.Ok(ReferralDto.From(referral, workflow.Today));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AttachmentAsync(int referralId, int attachmentId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        var referrals = await access.ReferralsAsync(db, cancellationToken);
        var attachment = await db.AnswerAttachments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == attachmentId && a.ReferralId == referralId && referrals.Any(f => f.Id == a.ReferralId), cancellationToken);
        return attachment is null ? NotFound : TypedResults.File(attachment.Content, attachment.ContentType, attachment.FileName);
    }

    /// <summary>The agency's own users answer; the compiling staff may record an answer received on paper.</summary>
    private static async Task<bool> CanAnswerAsync(DienHongDbContext db, MeetingAccess access, Referral referral, CancellationToken cancellationToken) =>
        access.CanCompilePetitions || (access.AnswersReferralsOnly && await access.AgencyIdAsync(db, cancellationToken) == referral.AgencyId);

    public static async Task<Referral?> LoadReferralAsync(DienHongDbContext db, MeetingAccess access, int referralId, CancellationToken cancellationToken)
    {
        var visible = await access.ReferralsAsync(db, cancellationToken);
        return await visible.Include(f => f.Agency).Include(f => f.Attachments)
            .Include(f => f.Recommendation).ThenInclude(r => r!.Petitions).ThenInclude(p => p.Site)
            .Include(f => f.Recommendation).ThenInclude(r => r!.Field)
            .Include(f => f.Recommendation).ThenInclude(r => r!.Referrals).ThenInclude(x => x.Agency)
            .AsSplitQuery()
            .FirstOrDefaultAsync(f => f.Id == referralId, cancellationToken);
    }

    public static async Task<Recommendation?> LoadAsync(DienHongDbContext db, MeetingAccess access, int meetingId, int recommendationId, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingPetitionsAsync(db, meetingId, cancellationToken))
        {
            return null;
        }

        var visible = await access.RecommendationsAsync(db, cancellationToken);
        return await WithDetails(visible).Include(r => r.Referrals).ThenInclude(f => f.Attachments)
            .FirstOrDefaultAsync(r => r.Id == recommendationId && r.MeetingId == meetingId, cancellationToken);
    }

    public static IQueryable<Recommendation> WithDetails(IQueryable<Recommendation> recommendations) =>
        recommendations.Include(r => r.Field).Include(r => r.Agency)
            .Include(r => r.Petitions).ThenInclude(p => p.Site)
            .Include(r => r.Referrals).ThenInclude(f => f.Agency)
            .AsSplitQuery();
}

public sealed record ReferralDetail(ReferralDto Referral, RecommendationDto Recommendation);

public sealed record PetitionFieldInput(string Name);
