using System.Text.Json;
using DienHong.Features.Accounts;
using DienHong.Features.Meetings;
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

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            AddAuditEntries(context);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            AddAuditEntries(context);
        }

        return base.SavingChanges(eventData, result);
    }

    private void AddAuditEntries(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is Meeting || (e.Entity is not AuditEntry && e.Metadata.FindProperty(MeetingIdProperty) is not null))
            .ToList();

        foreach (var entry in changed)
        {
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
                Changes = JsonSerializer.Serialize(changes),
            };
            LinkToMeeting(context, entry, audit);
            context.Add(audit);
        }
    }

    private static void LinkToMeeting(DbContext context, EntityEntry entry, AuditEntry audit)
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

        var owner = context.ChangeTracker.Entries<Meeting>().FirstOrDefault(m => m.Entity.Id == meetingId);
        if (owner is null)
        {
            audit.MeetingId = meetingId;
        }
        else if (owner.State != EntityState.Deleted)
        {
            // Going through the navigation lets EF fill in the key of a meeting added in this save.
            audit.Meeting = owner.Entity;
        }
    }

    private static Dictionary<string, object?> Describe(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            // Keys, derived stamps, versions and file contents (an issued DOCX) say nothing a reader needs.
            if (property.Metadata.IsPrimaryKey() || property.Metadata.IsConcurrencyToken || property.Metadata.ClrType == typeof(byte[])
                || property.Metadata.Name is nameof(Meeting.SearchText) or nameof(Meeting.UpdatedAt) or nameof(Meeting.CreatedAt))
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
