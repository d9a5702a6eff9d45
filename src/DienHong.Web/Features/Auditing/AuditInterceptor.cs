using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using DienHong.Features.Accounts;
using DienHong.Features.Meetings;
using DienHong.Features.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DienHong.Features.Auditing;

/// <summary>
/// Adds an <see cref="AuditEntry"/> for every added, modified or deleted meeting or entity that
/// belongs to one (anything with a MeetingId), in the same SaveChanges, so the change and its
/// record land together or not at all.
/// </summary>
internal sealed class AuditInterceptor(CurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    private const string MeetingIdProperty = "MeetingId";
    private const string SiteIdProperty = "SiteId";

    /// <summary>Vietnamese letters kept as they are, so the stored JSON reads as text.</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            AddAuditEntries(context, cancellationToken);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            AddAuditEntries(context, CancellationToken.None);
        }

        return base.SavingChanges(eventData, result);
    }

    /// <summary>
    /// One pass over the tracked entries: ChangeTracker.Entries() detects changes over everything
    /// tracked on each call, so calling it per changed entity made large saves quadratic.
    /// </summary>
    private void AddAuditEntries(DbContext context, CancellationToken cancellationToken)
    {
        var tracker = context.ChangeTracker;
        tracker.DetectChanges();
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var tracked = tracker.Entries().ToList();
            // Keyed by the key EF holds, which for a meeting or site added in this save is a temporary value its children share.
            var meetings = tracked.Where(e => e.Entity is Meeting).ToDictionary(e => (int)e.Property(nameof(Meeting.Id)).CurrentValue!);
            var sites = tracker.Entries<Site>().GroupBy(e => e.Property(s => s.Id).CurrentValue).ToDictionary(g => g.Key, g => g.First());
            var changed = tracked
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .Where(e => e.Entity is Meeting || (e.Entity is not (AuditEntry or INotAudited) && e.Metadata.FindProperty(MeetingIdProperty) is not null));
            var count = 0;
            foreach (var entry in changed)
            {
                if (++count % 1024 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var changes = Describe(entry);
                if (changes.Count == 0)
                {
                    continue;
                }

                var audit = new AuditEntry
                {
                    At = now,
                    UserId = currentUser.Id,
                    UserName = currentUser.Name,
                    EntityType = entry.Metadata.ClrType.Name,
                    EntityId = entry.State == EntityState.Added ? null : KeyOf(entry),
                    Action = entry.State.ToString(),
                    Changes = JsonSerializer.Serialize(changes, Json),
                };
                LinkToMeeting(entry, audit, meetings);
                LinkToSite(sites, entry, audit);
                context.Add(audit);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static void LinkToMeeting(EntityEntry entry, AuditEntry audit, Dictionary<int, EntityEntry> meetings)
    {
        if (entry.Entity is Meeting meeting)
        {
            // A deleted meeting keeps its history with the link cleared (SetNull).
            if (entry.State != EntityState.Deleted)
            {
                audit.Meeting = meeting;
            }

            return;
        }

        if (entry.Property(MeetingIdProperty).CurrentValue is not int meetingId)
        {
            return;
        }

        if (!meetings.TryGetValue(meetingId, out var owner))
        {
            audit.MeetingId = meetingId;
        }
        else if (owner.State != EntityState.Deleted)
        {
            // Going through the navigation lets EF fill in the key of a meeting added in this save.
            audit.Meeting = (Meeting)owner.Entity;
        }
    }

    /// <summary>A site, or anything with a SiteId, is recorded against that site (not when the site itself goes).</summary>
    private static void LinkToSite(Dictionary<int, EntityEntry<Site>> sites, EntityEntry entry, AuditEntry audit)
    {
        if (entry.Entity is Site site)
        {
            if (entry.State != EntityState.Deleted)
            {
                audit.Site = site;
            }

            return;
        }

        if (entry.Metadata.FindProperty(SiteIdProperty) is null)
        {
            return;
        }

        var property = entry.Property(SiteIdProperty);
        var value = entry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;
        if (value is not int siteId)
        {
            return;
        }

        // A site added in this same save has only a temporary key: link through the tracked site.
        if (!sites.TryGetValue(siteId, out var owner))
        {
            audit.SiteId = siteId;
        }
        else if (owner.State != EntityState.Deleted)
        {
            audit.Site = owner.Entity;
        }
    }

    private static Dictionary<string, object?> Describe(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            // Keys, derived stamps, versions and file contents (an issued DOCX) say nothing a reader needs.
            if (property.Metadata.IsPrimaryKey() || property.Metadata.IsConcurrencyToken || property.Metadata.ClrType == typeof(byte[])
                || property.Metadata.Name is nameof(DienHong.Features.Text.IFoldedSearch.SearchText) or nameof(Meeting.UpdatedAt) or nameof(Meeting.CreatedAt))
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[property.Metadata.Name] = new[] { property.OriginalValue, property.CurrentValue };
                    break;
                case EntityState.Added when property.CurrentValue is not null && !property.IsTemporary:
                    changes[property.Metadata.Name] = property.CurrentValue;
                    break;
                case EntityState.Deleted when property.OriginalValue is not null:
                    changes[property.Metadata.Name] = property.OriginalValue;
                    break;
            }
        }

        return changes;
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(',', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
}
