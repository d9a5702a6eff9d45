using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
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
    /// The light transport: authorization in a scope of its own, so that an idle watcher holds no
    /// database context, then the node's dispatcher queue written as SSE.
    /// </summary>
    private static async Task<Results<ServerSentEventsResult<string>, NotFound>> EventsAsync(
        int meetingId, long? after, HttpContext http, IServiceScopeFactory scopes, LiveDispatcher dispatcher, CancellationToken cancellationToken)
    {
        LiveViewer? viewer;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var user = services.GetRequiredService<CurrentUser>();
            user.Principal = http.User;
            viewer = await LiveViewer.ForAsync(services.GetRequiredService<DienHongDbContext>(), services.GetRequiredService<MeetingAccess>(), user, meetingId, cancellationToken);
        }

        if (viewer is null)
        {
            return TypedResults.NotFound();
        }

        if (long.TryParse(http.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var lastEventId))
        {
            after = lastEventId;
        }

        var subscription = await dispatcher.SubscribeAsync(meetingId, viewer, after, cancellationToken);
        return TypedResults.ServerSentEvents(StreamAsync(subscription, cancellationToken));
    }

    /// <summary>A watcher's queue as SSE; <paramref name="stopAfter"/> ends the stream after a message (a revoked projector link).</summary>
    internal static async IAsyncEnumerable<SseItem<string>> StreamAsync(LiveSubscription subscription, [EnumeratorCancellation] CancellationToken cancellationToken, Func<LiveMessage, bool>? stopAfter = null)
    {
        using (subscription)
        {
            // Something at once, so the response starts (headers out) even when nothing is happening;
            // "ready" carries no id and says where the stream stands.
            yield return new SseItem<string>(LiveMessage.Envelope(subscription.Position, "ready", null, DateTime.UtcNow, "{}"), "ready")
            {
                ReconnectionInterval = TimeSpan.FromSeconds(1),
            };
            await foreach (var message in subscription.ReadAllAsync(cancellationToken))
            {
                yield return new SseItem<string>(message.Json, message.Type == LiveMessage.SnapshotType ? LiveMessage.SnapshotType : null)
                {
                    EventId = message.Number.ToString(CultureInfo.InvariantCulture),
                };
                if (stopAfter?.Invoke(message) == true)
                {
                    yield break;
                }
            }
        }
    }

    private static async Task<Results<Ok<List<LiveMessageDto>>, NotFound>> LogAsync(
        int meetingId, long after, DienHongDbContext db, MeetingAccess access, CurrentUser user, CancellationToken cancellationToken)
    {
        if (await LiveViewer.ForAsync(db, access, user, meetingId, cancellationToken) is not { } viewer)
        {
            return TypedResults.NotFound();
        }

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
