using DienHong.Data;
using DienHong.Features.Auditing;
using DienHong.Features.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace DienHong.Features.Live;

/// <summary>Whether a site's console is open: the last heartbeat, and since when it is online or offline.</summary>
public class SitePresence : INotAudited
{
    public int SiteId { get; set; }
    public int MeetingId { get; set; }
    public DateTime LastSeenAt { get; set; }

    /// <summary>Set while online; cleared when the console falls silent.</summary>
    public DateTime? OnlineSince { get; set; }
    public DateTime? OfflineSince { get; set; }
}

/// <summary>The "presence" event: a site's console came online or went silent.</summary>
public sealed record PresenceDto(int SiteId, bool Online, DateTime? Since)
{
    public const string EventType = "presence";

    public static PresenceDto From(SitePresence p) => new(p.SiteId, p.OnlineSince is not null, p.OnlineSince ?? p.OfflineSince);
}

internal sealed class SitePresenceConfiguration : IEntityTypeConfiguration<SitePresence>
{
    public void Configure(EntityTypeBuilder<SitePresence> presence)
    {
        presence.HasKey(p => p.SiteId);
        presence.Property(p => p.SiteId).ValueGeneratedNever();
        presence.HasOne<Site>().WithOne().HasForeignKey<SitePresence>(p => p.SiteId).OnDelete(DeleteBehavior.Cascade);
        presence.HasIndex(p => new { p.MeetingId, p.OnlineSince });
    }
}

/// <summary>
/// Heartbeats of site consoles. A beat from a silent site records an online event; a beat from an
/// online one only moves its last-seen time (no event, no audit). <see cref="ExpireAsync"/> turns
/// sites silent past the timeout offline, once across all nodes (a conditional update).
/// </summary>
public sealed class SitePresenceService(DienHongDbContext db, LiveFeed feed, TimeProvider clock, IOptions<LiveOptions> options)
{
    public async Task BeatAsync(int meetingId, int siteId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var moved = await db.SitePresences
            .Where(p => p.SiteId == siteId && p.MeetingId == meetingId && p.OnlineSince != null)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.LastSeenAt, now), cancellationToken);
        if (moved > 0)
        {
            return;
        }

        var presence = await db.SitePresences.FirstOrDefaultAsync(p => p.SiteId == siteId, cancellationToken);
        if (presence is null)
        {
            presence = new SitePresence { SiteId = siteId, MeetingId = meetingId };
            db.SitePresences.Add(presence);
        }

        presence.LastSeenAt = now;
        presence.OnlineSince = now;
        presence.OfflineSince = null;
        try
        {
            await feed.SaveAsync(db, meetingId, [new LiveChange(PresenceDto.EventType, PresenceDto.From(presence), LiveAudience.Public, siteId)], cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // Two first beats at once: the other one recorded it.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Marks offline every console silent past the timeout; returns how many turned offline.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.PresenceTimeout;
        var cutoff = clock.GetUtcNow().UtcDateTime - timeout;
        var silent = await db.SitePresences.AsNoTracking().Where(p => p.OnlineSince != null && p.LastSeenAt < cutoff).ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var presence in silent)
        {
            var offlineSince = presence.LastSeenAt + timeout;
            var events = await feed.SaveAsync(db, presence.MeetingId, async token =>
            {
                // Only if still silent and still online: another node may have done it, or a beat just came.
                var changed = await db.SitePresences
                    .Where(p => p.SiteId == presence.SiteId && p.OnlineSince != null && p.LastSeenAt < cutoff)
                    .ExecuteUpdateAsync(set => set.SetProperty(p => p.OnlineSince, (DateTime?)null).SetProperty(p => p.OfflineSince, offlineSince), token);
                return changed == 0 ? [] : [new LiveChange(PresenceDto.EventType, new PresenceDto(presence.SiteId, false, offlineSince), LiveAudience.Public, presence.SiteId)];
            }, cancellationToken);
            expired += events.Count;
        }

        return expired;
    }
}

/// <summary>Runs <see cref="SitePresenceService.ExpireAsync"/> a few times per timeout.</summary>
internal sealed class PresenceMonitor(IServiceScopeFactory scopes, IOptions<LiveOptions> options, ILogger<PresenceMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(options.Value.PresenceTimeout.Ticks / 4, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(10).Ticks));
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SitePresenceService>().ExpireAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Presence check failed.");
            }
        }
    }
}
