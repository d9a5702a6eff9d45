using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Live;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Projector;

/// <summary>
/// Projector links: made and revoked by the secretariat under /api (the scope filter applies), and
/// the one anonymous route they open — the meeting's public events as SSE, checked by the token.
/// </summary>
public static class ProjectorApi
{
    public const string PagePath = "/trinh-chieu";

    public static RouteGroupBuilder MapProjectorApi(this RouteGroupBuilder api)
    {
        var links = api.MapGroup("/meetings/{meetingId:int}/projector-links").WithTags("Projector");
        links.MapGet("/", ListAsync).WithSummary("The meeting's projector links (labels and state; tokens are shown only when made).");
        links.MapPost("/", CreateAsync).WithSummary("Makes a projector link; its token is in the answer this once.");
        links.MapPost("/{linkId:int}/revoke", RevokeAsync).WithSummary("Revokes a projector link: it opens nothing more, and projectors showing it stop.");
        return links;
    }

    /// <summary>Outside the authorized /api group on purpose: no account, the token decides.</summary>
    public static IEndpointRouteBuilder MapProjectorStream(this IEndpointRouteBuilder app)
    {
        app.MapGet(PagePath + "/{token}/events", EventsAsync).AllowAnonymous().RequireRateLimiting(ProjectorRateLimit.Policy).WithTags("Projector")
            .WithSummary("The meeting's public live events (snapshot, then events; Last-Event-ID resumes) for a projector link's token; 404 once revoked.");
        return app;
    }

    /// <summary>The meeting a token opens, or null (unknown or revoked).</summary>
    public static async Task<int?> MeetingOfAsync(DienHongDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = ProjectorLink.Hash(token);
        return await db.ProjectorLinks.AsNoTracking().Where(l => l.TokenHash == hash && l.RevokedAt == null).Select(l => (int?)l.MeetingId).FirstOrDefaultAsync(cancellationToken);
    }

    public static async Task<List<ProjectorLinkDto>> LinksAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default) =>
        [.. (await db.ProjectorLinks.AsNoTracking().Where(l => l.MeetingId == meetingId).OrderBy(l => l.Id).ToListAsync(cancellationToken)).Select(ProjectorLinkDto.From)];

    /// <summary>A new link for the meeting; only its token's hash is stored.</summary>
    public static async Task<NewProjectorLink> CreateLinkAsync(DienHongDbContext db, CurrentUser user, TimeProvider clock, int meetingId, ProjectorLinkInput input, CancellationToken cancellationToken = default)
    {
        var label = string.IsNullOrWhiteSpace(input.Label) ? "Màn hình trình chiếu" : input.Label.Trim();
        if (label.Length > Text.TextLimits.Name)
        {
            throw new RuleViolationException([new("Label", "Tên màn hình dài quá {0} ký tự.", Text.TextLimits.Name)]);
        }

        var token = ProjectorLink.NewToken();
        var link = new ProjectorLink { MeetingId = meetingId, Label = label, TokenHash = ProjectorLink.Hash(token), CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = user.Name, Version = 1 };
        db.ProjectorLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return new NewProjectorLink(link.Id, link.Label, token, $"{PagePath}/{token}");
    }

    /// <summary>Revokes a link and tells the projectors showing it to stop; null when the meeting has no such link.</summary>
    public static async Task<ProjectorLinkDto?> RevokeLinkAsync(DienHongDbContext db, LiveFeed feed, CurrentUser user, TimeProvider clock, int meetingId, int linkId, CancellationToken cancellationToken = default)
    {
        var link = await db.ProjectorLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.MeetingId == meetingId, cancellationToken);
        if (link is null)
        {
            return null;
        }

        if (link.RevokedAt is { } revoked)
        {
            throw new ConflictException(new("LinkId", "Đường dẫn \"{0}\" đã bị thu hồi lúc {1}.", link.Label, Text.VietnamTime.Format(revoked)));
        }

        link.RevokedAt = clock.GetUtcNow().UtcDateTime;
        link.RevokedBy = user.Name;
        link.Version++;
        await feed.SaveAsync(db, meetingId, [new LiveChange(ProjectorRevoked.EventType, new ProjectorRevoked(link.Id), LiveAudience.Public)], cancellationToken);
        return ProjectorLinkDto.From(link);
    }

    private static async Task<Ok<List<ProjectorLinkDto>>> ListAsync(int meetingId, DienHongDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LinksAsync(db, meetingId, cancellationToken));

    private static async Task<Created<NewProjectorLink>> CreateAsync(int meetingId, ProjectorLinkInput input, DienHongDbContext db, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var link = await CreateLinkAsync(db, user, clock, meetingId, input, cancellationToken);
        return TypedResults.Created($"/api/meetings/{meetingId}/projector-links/{link.Id}", link);
    }

    private static async Task<Results<Ok<ProjectorLinkDto>, NotFound>> RevokeAsync(int meetingId, int linkId, DienHongDbContext db, CurrentUser user, LiveFeed feed, TimeProvider clock, CancellationToken cancellationToken) =>
        await RevokeLinkAsync(db, feed, user, clock, meetingId, linkId, cancellationToken) is { } link ? TypedResults.Ok(link) : TypedResults.NotFound();

    private static async Task<Results<LiveEventStream, ProblemHttpResult>> EventsAsync(
        string token, long? after, HttpContext http, IServiceScopeFactory scopes, LiveDispatcher dispatcher, CancellationToken cancellationToken)
    {
        int? meetingId;
        int linkId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DienHongDbContext>();
            meetingId = await MeetingOfAsync(db, token, cancellationToken);
            var hash = ProjectorLink.Hash(token);
            linkId = meetingId is null ? 0 : await db.ProjectorLinks.Where(l => l.TokenHash == hash).Select(l => l.Id).FirstAsync(cancellationToken);
        }

        if (meetingId is not { } meeting)
        {
            return TypedResults.Problem(title: "Đường dẫn trình chiếu không hợp lệ hoặc đã bị thu hồi.", statusCode: StatusCodes.Status404NotFound);
        }

        if (long.TryParse(http.Request.Headers["Last-Event-ID"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lastEventId))
        {
            after = lastEventId;
        }

        var subscription = await dispatcher.SubscribeAsync(meeting, LiveViewer.Public, after, cancellationToken);
        var revoked = $"\"linkId\":{linkId}}}";
        return new LiveEventStream(subscription,
            message => message.Type == ProjectorRevoked.EventType && message.Json.Contains(revoked, StringComparison.Ordinal));
    }
}
