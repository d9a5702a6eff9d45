using DienHong.Data;
using DienHong.Features.Meetings;
using DienHong.Features.Security;
using DienHong.Features.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Petitions;

/// <summary>A voter's petition from the public page. <see cref="Website"/> is a honeypot: people leave it empty, bots fill it.</summary>
public sealed record PublicPetitionInput(string Content, string? VoterName = null, string? VoterAddress = null, string? Website = null);

public sealed record PublicPetitionReceipt(string TrackingCode);

/// <summary>A published recommendation and its answer, as the public page shows it.</summary>
public sealed record PublishedAnswer(int Id, string Content, string? Field, string? Agency, string RaisedBy, string? Answer, DateTime? AnsweredAt, IReadOnlyList<string> Places);

/// <summary>
/// What voters reach without an account: send a petition to a meeting (rate-limited per address,
/// honeypot), follow it by its tracking code, read published answers. Outside the authorized /api
/// group, each route says AllowAnonymous and carries its rate limit.
/// </summary>
public static class PublicPetitionsApi
{
    public const string SubmitPolicy = "public-petition-submit";
    public const string ReadPolicy = "public-petition-read";

    /// <summary>The rate limits: a few submissions per address per window, generous reading (tracking codes are not guessable anyway).</summary>
    public static IServiceCollection AddPublicPetitionRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var submissions = configuration.GetValue("Petitions:PublicSubmissionsPerWindow", 5);
        var window = TimeSpan.FromMinutes(configuration.GetValue("Petitions:PublicWindowMinutes", 10));
        const string refusal = "Bạn đã gửi quá nhiều lần trong thời gian ngắn. Hãy thử lại sau ít phút.";
        services.AddRateLimiter(options =>
        {
            // Only sending counts: reading the same page (GET) is never refused by this policy.
            options.AddPolicy(SubmitPolicy, new PublicLimit(refusal, submissions, window,
                counts: http => !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)));
            options.AddPolicy(ReadPolicy, new PublicLimit(refusal, 120, TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPublicPetitionsApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/public").WithTags("Public petitions").AllowAnonymous().DisableAntiforgery();
        open.MapPost("/meetings/{meetingId:int}/petitions", SubmitAsync).RequireRateLimiting(SubmitPolicy);
        open.MapGet("/meetings/{meetingId:int}/answers", AnswersAsync).RequireRateLimiting(ReadPolicy);
        open.MapGet("/petitions/{code}", TrackAsync).RequireRateLimiting(ReadPolicy);
        return app;
    }

    private static async Task<Results<Ok<PublicPetitionReceipt>, ProblemHttpResult>> SubmitAsync(
        int meetingId, PublicPetitionInput input, DienHongDbContext db, PetitionWorkflow workflow, CancellationToken cancellationToken)
    {
        if (!await IsPublicAsync(db, meetingId, cancellationToken))
        {
            return TypedResults.Problem(title: "Không tìm thấy cuộc họp.", statusCode: StatusCodes.Status404NotFound);
        }

        var code = await SubmitPetitionAsync(db, workflow, meetingId, input, cancellationToken);
        return TypedResults.Ok(new PublicPetitionReceipt(code));
    }

    /// <summary>Stores a public petition and gives its tracking code; a filled honeypot gets a code for nothing stored.</summary>
    public static async Task<string> SubmitPetitionAsync(DienHongDbContext db, PetitionWorkflow workflow, int meetingId, PublicPetitionInput input, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(input.Website))
        {
            // A bot: answer as to a person, so it learns nothing, and store nothing.
            return PetitionWorkflow.NewTrackingCode();
        }

        var petition = await workflow.RecordAsync(meetingId, new PetitionInput(input.Content, input.VoterName, input.VoterAddress, Channel: PetitionChannel.Online), cancellationToken);
        return petition.TrackingCode;
    }

    /// <summary>Meetings the public may see: planned, under way or done (not drafts or cancelled ones).</summary>
    public static Task<bool> IsPublicAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken) =>
        db.Meetings.AnyAsync(m => m.Id == meetingId && m.Status != MeetingStatus.Draft && m.Status != MeetingStatus.Cancelled, cancellationToken);

    private static async Task<Results<Ok<List<PublishedAnswer>>, ProblemHttpResult>> AnswersAsync(int meetingId, [Microsoft.AspNetCore.Mvc.FromQuery] string? q, DienHongDbContext db, CancellationToken cancellationToken) =>
        await IsPublicAsync(db, meetingId, cancellationToken)
            ? TypedResults.Ok(await PublishedAsync(db, r => r.MeetingId == meetingId, q, cancellationToken))
            : TypedResults.Problem(title: "Không tìm thấy cuộc họp.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>Published answers only, matching a search (accent-insensitive) if one is given.</summary>
    public static async Task<List<PublishedAnswer>> PublishedAsync(DienHongDbContext db, System.Linq.Expressions.Expression<Func<Recommendation, bool>> where, string? search, CancellationToken cancellationToken)
    {
        // Only meetings the public may see (a page per commune spans meetings).
        var publicMeetings = db.Meetings.Where(m => m.Status != MeetingStatus.Draft && m.Status != MeetingStatus.Cancelled).Select(m => m.Id);
        var recommendations = db.Recommendations.Where(r => r.IsPublished && r.Status == RecommendationStatus.Answered && publicMeetings.Contains(r.MeetingId)).Where(where);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var matching = db.Petitions.Matching(db, search).Select(p => p.RecommendationId);
            recommendations = recommendations.Where(r => matching.Contains(r.Id));
        }

        var rows = await recommendations.AsNoTracking().OrderByDescending(r => r.PublishedAt).Take(500)
            .Select(r => new
            {
                r.Id,
                r.Content,
                Field = r.Field!.Name,
                Agency = r.Agency!.Name,
                Answer = r.Referrals.Where(f => f.Status == ReferralStatus.Answered).OrderByDescending(f => f.AnsweredAt).Select(f => new { f.AnswerText, f.AnsweredAt, Agency = f.Agency!.Name }).FirstOrDefault(),
                Petitions = r.Petitions.Select(p => new { p.SiteId, p.AdministrativeUnitId, p.Channel, Place = p.AdministrativeUnit != null ? p.AdministrativeUnit.Name : p.Site != null ? p.Site.Name : null }).ToList(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r =>
        {
            var places = r.Petitions.Select(p => p.SiteId is { } s ? $"s{s}" : p.AdministrativeUnitId is { } u ? $"u{u}" : $"c{p.Channel}").Distinct().Count();
            return new PublishedAnswer(r.Id, r.Content, r.Field, r.Answer?.Agency ?? r.Agency, RecommendationDto.RaisedByText(r.Petitions.Count, places),
                r.Answer?.AnswerText, r.Answer?.AnsweredAt, [.. r.Petitions.Select(p => p.Place).OfType<string>().Distinct()]);
        })];
    }

    private static async Task<Results<Ok<TrackingDto>, ProblemHttpResult>> TrackAsync(string code, DienHongDbContext db, CancellationToken cancellationToken) =>
        await TrackingAsync(db, code, cancellationToken) is { } tracking
            ? TypedResults.Ok(tracking)
            : TypedResults.Problem(title: "Không có ý kiến nào với mã này. Hãy kiểm tra lại mã theo dõi.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>A petition's path by its tracking code: recorded, merged, classified, referred, answered, published. The answer shows once published.</summary>
    public static async Task<TrackingDto?> TrackingAsync(DienHongDbContext db, string? code, CancellationToken cancellationToken)
    {
        var normalized = (code ?? string.Empty).Trim().ToUpperInvariant();
        if (normalized.Length is 0 or > TextLimits.Code)
        {
            return null;
        }

        var petition = await db.Petitions.AsNoTracking().AsSplitQuery()
            .Include(p => p.Recommendation).ThenInclude(r => r!.Referrals).ThenInclude(f => f.Agency)
            .FirstOrDefaultAsync(p => p.TrackingCode == normalized, cancellationToken);
        if (petition?.Recommendation is not { } recommendation)
        {
            return null;
        }

        var meeting = await db.Meetings.Where(m => m.Id == petition.MeetingId).Select(m => m.Title).FirstAsync(cancellationToken);
        var path = new List<TrackingStep> { new(petition.RecordedAt, $"Đã tiếp nhận ({PetitionLabels.Channels[petition.Channel].ToLowerInvariant()})") };
        if (petition.MergedAt is { } merged)
        {
            var together = await db.Petitions.CountAsync(p => p.RecommendationId == recommendation.Id, cancellationToken);
            path.Add(new TrackingStep(merged, $"Đã tổng hợp chung với ý kiến cùng nội dung ({together} ý kiến)"));
        }

        if (recommendation.ClassifiedAt is { } classified)
        {
            path.Add(new TrackingStep(classified, "Đã phân loại để chuyển cơ quan có thẩm quyền"));
        }

        foreach (var referral in recommendation.Referrals.OrderBy(f => f.ReferredAt))
        {
            path.Add(new TrackingStep(referral.ReferredAt, $"Đã chuyển {referral.Agency?.Name}, hạn trả lời {referral.Deadline:dd/MM/yyyy}"));
            if (referral.ReturnedAt is { } returned)
            {
                path.Add(new TrackingStep(returned, $"{referral.Agency?.Name} chuyển trả, để chuyển cơ quan khác"));
            }

            if (referral.AnsweredAt is { } answered)
            {
                path.Add(new TrackingStep(answered, $"{referral.Agency?.Name} đã trả lời"));
            }
        }

        if (recommendation.PublishedAt is { } published && recommendation.IsPublished)
        {
            path.Add(new TrackingStep(published, "Đã công khai trả lời"));
        }

        var answer = recommendation.IsPublished ? recommendation.Referrals.Where(f => f.Status == ReferralStatus.Answered).OrderByDescending(f => f.AnsweredAt).FirstOrDefault() : null;
        return new TrackingDto(petition.TrackingCode, petition.Content, meeting, [.. path.OrderBy(s => s.At)], answer?.AnswerText, answer?.Agency?.Name);
    }
}

/// <summary>Services of the petitions feature.</summary>
public static class PetitionsSetup
{
    public static IServiceCollection AddDienHongPetitions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<PetitionWorkflow>();
        services.AddHttpContextAccessor();
        services.AddScoped<PublicSiteAddress>();
        services.AddSingleton<PetitionClassifier>();
        services.AddPublicPetitionRateLimits(configuration);
        return services;
    }
}
