using System.Collections.Concurrent;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Validation;
using DienHong.Features.Voting;
using DienHong.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;

namespace DienHong.Features.Live;

/// <summary>
/// The SignalR face of the live core, at /hubs/live. A client calls <see cref="Join"/> with the
/// meeting and the last number it applied (null the first time) and then receives "event" with one
/// string, the same JSON envelope the SSE stream carries — a snapshot first when it needs one, then
/// every event it may see, in order, once. After a reconnect it joins again with its last number.
/// "rejoin" (meeting id) asks it to do that when it fell too far behind. Changes go through the
/// API; what a client sends here is a site console's heartbeat, which viewers may not, and a
/// delegate's vote or secret ballot over the connection they already hold (the same
/// <see cref="MotionService"/> path, rules, receipt and messages as the HTTP endpoints).
/// </summary>
[Authorize]
public sealed class LiveHub(DienHongDbContext db, MeetingAccess access, CurrentUser user, LiveHubConnections connections, SitePresenceService presence,
    MotionService motions, IStringLocalizer<SharedResource> localizer) : Hub
{
    public const string Path = "/hubs/live";

    public async Task Join(int meetingId, long? after)
    {
        var viewer = await LiveViewer.ForAsync(db, access, user, meetingId, Context.ConnectionAborted)
            ?? throw new HubException("Không tìm thấy cuộc họp, hoặc bạn không có quyền theo dõi cuộc họp này.");
        await connections.JoinAsync(Context.ConnectionId, meetingId, viewer, after, Context.ConnectionAborted);
        // A delegate's device joins when it opens the meeting, long before a motion opens: the right to vote is
        // decided here, so the 2,000 first votes of a motion do not each pay the check. Only a yes is kept.
        await VoteVerdictAsync(meetingId, Context.ConnectionAborted);

        // Groups by the same scoping, for notices that need no record (they reach every node through the backplane).
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Meeting(meetingId), Context.ConnectionAborted);
        foreach (var site in viewer.Sites)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Site(meetingId, site), Context.ConnectionAborted);
        }

        if (viewer.AllSites)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Staff(meetingId), Context.ConnectionAborted);
        }
    }

    public void Leave(int meetingId) => connections.Leave(Context.ConnectionId, meetingId);

    /// <summary>A site console is open: keeps the site online on the sites board.</summary>
    public async Task Heartbeat(int meetingId, int siteId)
    {
        if (await access.CanOperateSiteAsync(db, meetingId, siteId, Context.ConnectionAborted) != true)
        {
            throw new HubException("Bạn không phụ trách điểm cầu này nên không gửi được tín hiệu trực tuyến.");
        }

        await presence.BeatAsync(meetingId, siteId, Context.ConnectionAborted);
    }

    /// <summary>
    /// The signed-in delegate's open vote ("For", "Against", "Abstain"), as POST …/motions/{id}/votes:
    /// answers the receipt; a refusal is a <see cref="HubException"/> with the endpoint's message.
    /// </summary>
    public Task<VoteReceipt> Vote(int meetingId, int motionId, string choice) =>
        AsDelegateAsync(meetingId, async token =>
        {
            // The choice by its exact name only: a number, a list or an unknown word gets the service's own message.
            var parsed = Enum.GetNames<VoteChoice>().Contains(choice, StringComparer.Ordinal) ? Enum.Parse<VoteChoice>(choice) : default;
            return await motions.VoteWithAccessDecidedAsync(meetingId, motionId, new VoteInput(parsed), token);
        });

    /// <summary>The signed-in delegate's secret ballot, as POST …/motions/{id}/ballots (the same ballot box): answers that it went in.</summary>
    public Task<BallotReceipt> CastBallot(int meetingId, int motionId, BallotInput ballot) =>
        AsDelegateAsync(meetingId, token => motions.CastBallotAsync(meetingId, motionId, ballot ?? new BallotInput([]), token));

    /// <summary>
    /// The API's scope check for voting (<see cref="MeetingAction.Vote"/>), then the call, its refusals as the API words them.
    /// The check is made once per connection and meeting (at <see cref="Join"/>, or at the first vote) and its yes kept on the connection (a vote does not pay
    /// three or four queries again): the roles come from the connection's sign-in anyway, and what decides a vote —
    /// the account's own seat in this meeting and a present check-in — is read by the vote's statement each time,
    /// so a delegate unlinked or checked out is refused at once. A refusal is never kept: it is asked again.
    /// </summary>
    private async Task<T> AsDelegateAsync<T>(int meetingId, Func<CancellationToken, Task<T?>> vote)
        where T : class
    {
        var token = Context.ConnectionAborted;
        switch (await VoteVerdictAsync(meetingId, token))
        {
            case AccessVerdict.Forbidden:
                throw new HubException(localizer["Chỉ đại biểu của cuộc họp mới được biểu quyết."].Value);
            case not AccessVerdict.Allowed:
                throw new HubException(localizer["Không tìm thấy."].Value);
        }

        try
        {
            return await vote(token) ?? throw new HubException(localizer["Không tìm thấy nội dung biểu quyết này trong cuộc họp."].Value);
        }
        catch (RuleViolationException violation)
        {
            throw new HubException(string.Join(" ", violation.Violations.Select(v => v.Message(localizer))));
        }
        catch (ConflictException conflict)
        {
            throw new HubException(conflict.Violation.Message(localizer));
        }
        catch (ForbiddenException forbidden)
        {
            throw new HubException(forbidden.Violation.Message(localizer));
        }
    }

    /// <summary>The scope check for voting, asked until it says yes; the yes is kept on the connection.</summary>
    private async Task<AccessVerdict> VoteVerdictAsync(int meetingId, CancellationToken token)
    {
        var mayVote = ("may-vote", meetingId);
        if (Context.Items.ContainsKey(mayVote))
        {
            return AccessVerdict.Allowed;
        }

        var verdict = await access.VerdictAsync(db, meetingId, null, MeetingAction.Vote, token);
        if (verdict == AccessVerdict.Allowed)
        {
            Context.Items[mayVote] = true;
        }

        return verdict;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Drop(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>SignalR group names; membership follows <see cref="LiveViewer"/>.</summary>
public static class LiveGroups
{
    public static string Meeting(int meetingId) => $"meeting:{meetingId}";

    public static string Staff(int meetingId) => $"meeting:{meetingId}:staff";

    public static string Site(int meetingId, int siteId) => $"meeting:{meetingId}:site:{siteId}";
}

/// <summary>The subscriptions of this node's hub connections, each drained in order into its connection.</summary>
public sealed class LiveHubConnections(LiveDispatcher dispatcher, IHubContext<LiveHub> hub, ILogger<LiveHubConnections> logger)
{
    private readonly ConcurrentDictionary<(string Connection, int Meeting), (LiveSubscription Subscription, CancellationTokenSource Stop)> joined = new();

    public async Task JoinAsync(string connectionId, int meetingId, LiveViewer viewer, long? after, CancellationToken cancellationToken)
    {
        Leave(connectionId, meetingId);
        var subscription = await dispatcher.SubscribeAsync(meetingId, viewer, after, cancellationToken);
        var stop = new CancellationTokenSource();
        joined[(connectionId, meetingId)] = (subscription, stop);
        _ = Task.Run(() => DrainAsync(connectionId, meetingId, subscription, stop.Token), CancellationToken.None);
    }

    public void Leave(string connectionId, int meetingId)
    {
        if (joined.TryRemove((connectionId, meetingId), out var entry))
        {
            entry.Stop.Cancel();
            entry.Subscription.Dispose();
            entry.Stop.Dispose();
        }
    }

    public void Drop(string connectionId)
    {
        foreach (var key in joined.Keys.Where(k => k.Connection == connectionId).ToList())
        {
            Leave(key.Connection, key.Meeting);
        }
    }

    private async Task DrainAsync(string connectionId, int meetingId, LiveSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            // On the Redis backplane a send to a connection of this node is written to it directly, in order.
            var client = hub.Clients.Client(connectionId);
            await foreach (var message in subscription.ReadAllAsync(cancellationToken))
            {
                await client.SendAsync("event", message.Json, cancellationToken);
            }

            if (subscription.Overflowed)
            {
                await client.SendAsync("rejoin", meetingId, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Left or disconnected.
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            // The connection went away while sending.
            logger.LogDebug(exception, "Live events to a connection stopped.");
        }
    }
}

/// <summary>Hub calls get a fresh scope: the acting user for scoping and audit comes from the connection.</summary>
internal sealed class CurrentUserHubFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        invocationContext.ServiceProvider.GetRequiredService<CurrentUser>().Principal = invocationContext.Context.User ?? new();
        return next(invocationContext);
    }
}
