using System.Globalization;
using System.Text.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Api;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Live;

public static class LiveApi
{
    public static RouteGroupBuilder MapLiveApi(this RouteGroupBuilder api)
    {
        var live = api.MapGroup("/meetings/{meetingId:int}/live").WithTags("Live");
        live.MapGet("/events", EventsAsync)
            .WithSummary("Server-sent events of the meeting: a snapshot when needed, then every event the user may see, in order (id = number; Last-Event-ID or ?after= resumes).");
        live.MapGet("/log", LogAsync).WithSummary("Events after a number (at most 500), as JSON: catch-up for clients that poll.");
        api.MapPost("/meetings/{meetingId:int}/sites/{siteId:int}/presence", HeartbeatAsync).WithTags("Live")
            .RequireMeetingAccess(MeetingAction.OperateSite)
            .WithSummary("Heartbeat of an open site console: keeps the site online on the sites board.");
        return live;
    }

    /// <summary>
    /// The light transport. The scope filter has already let the user see the meeting; what is left
    /// is which events they get, decided once here for the whole connection. Then the node's
    /// dispatcher queue is written as SSE (see <see cref="LiveEventStream"/>).
    /// </summary>
    private static async Task<LiveEventStream> EventsAsync(
        int meetingId, long? after, HttpContext http, DienHongDbContext db, CurrentUser user, LiveDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var viewer = await LiveViewer.OfVisibleMeetingAsync(db, user, meetingId, cancellationToken);
        if (long.TryParse(http.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var lastEventId))
        {
            after = lastEventId;
        }

        // The stream lets go of the request's services (this database context among them) and principal once it starts.
        return new LiveEventStream(await dispatcher.SubscribeAsync(meetingId, viewer, after, cancellationToken));
    }

    private static async Task<Ok<List<LiveMessageDto>>> LogAsync(
        int meetingId, long after, DienHongDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var viewer = await LiveViewer.OfVisibleMeetingAsync(db, user, meetingId, cancellationToken);
        var events = await db.LiveEvents.AsNoTracking().Where(e => e.MeetingId == meetingId && e.Number > after)
            .OrderBy(e => e.Number).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(events.Where(e => viewer.CanSee(e.Audience, e.SiteId))
            .Select(e => new LiveMessageDto(e.Number, e.Type, e.SiteId, e.At, JsonDocument.Parse(e.Payload).RootElement.Clone())).ToList());
    }

    private static async Task<Results<NoContent, NotFound>> HeartbeatAsync(
        int meetingId, int siteId, DienHongDbContext db, MeetingAccess access, SitePresenceService presence, CancellationToken cancellationToken)
    {
        switch (await access.CanOperateSiteAsync(db, meetingId, siteId, cancellationToken))
        {
            case null:
                return TypedResults.NotFound();
            case false:
                throw new ForbiddenException(new RuleViolation("siteId", "Bạn không phụ trách điểm cầu này nên không gửi được tín hiệu trực tuyến."));
        }

        await presence.BeatAsync(meetingId, siteId, cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>An event as the SSE stream and the hub carry it.</summary>
public sealed record LiveMessageDto(long Number, string Type, int? SiteId, DateTime At, JsonElement Data);
