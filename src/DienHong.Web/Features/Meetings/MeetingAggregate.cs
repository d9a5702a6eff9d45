using DienHong.Data;
using DienHong.Features.Agenda;
using DienHong.Features.Sites;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Meetings;

/// <summary>Loading and saving a meeting as one checked whole.</summary>
public static class MeetingAggregate
{
    /// <summary>The meeting with everything on it, tracked for editing.</summary>
    public static Task<Meeting?> LoadMeetingAsync(this DienHongDbContext db, int id, CancellationToken cancellationToken = default) =>
        db.Meetings
            .Include(m => m.Organizers).ThenInclude(o => o.Organization)
            .Include(m => m.Phases)
            .Include(m => m.LegalBases)
            .Include(m => m.Sites).ThenInclude(s => s.AdministrativeUnit).ThenInclude(u => u!.Parent)
            .Include(m => m.Participants).ThenInclude(p => p.Organization)
            .Include(m => m.AgendaItems)
            .Include(m => m.Assignments).ThenInclude(a => a.Organization)
            .Include(m => m.Recipients)
            .Include(m => m.References)
            .AsSplitQuery()
            .FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    /// <summary>
    /// Checks <see cref="MeetingRules"/> and saves; throws <see cref="RuleViolationException"/> with
    /// nothing written, or <see cref="DbUpdateConcurrencyException"/> when someone else saved the
    /// meeting since it was loaded (its <see cref="Meeting.Version"/> moved on).
    /// </summary>
    public static async Task SaveMeetingAsync(this DienHongDbContext db, Meeting meeting, CancellationToken cancellationToken = default)
    {
        RuleViolationException.ThrowIfAny(MeetingRules.Check(meeting));
        db.ChangeTracker.DetectChanges();
        var formerHosts = db.ChangeTracker.Entries<Site>()
            .Where(e => e.State == EntityState.Modified && e.Property(s => s.IsHost).OriginalValue && !e.Entity.IsHost)
            .Select(e => e.Entity.Id).ToList();
        var renumbered = db.ChangeTracker.Entries<AgendaItem>()
            .Where(e => e.State == EntityState.Modified && e.Property(a => a.Order).IsModified)
            .Select(e => e.Entity.Id).ToList();
        if (formerHosts.Count == 0 && renumbered.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        // The database keeps one host per meeting and one item per agenda position (unique
        // indexes). Rows giving theirs up do so first, in the same transaction, so that the save
        // can hand them on in whatever order it writes (a swap would otherwise collide).
        await db.InTransactionAsync(async token =>
        {
            await db.Sites.Where(s => formerHosts.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsHost, false), token);
            await db.AgendaItems.Where(a => renumbered.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.Order, a => -a.Id), token);
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes a meeting that has issued nothing. Issued documents are never deleted (their numbers
    /// would leave a gap in the register and links already sent would break): such a meeting is cancelled instead.
    /// </summary>
    public static async Task DeleteMeetingAsync(this DienHongDbContext db, Meeting meeting, CancellationToken cancellationToken = default)
    {
        var issued = await db.IssuedDocuments.Where(d => d.MeetingId == meeting.Id).OrderBy(d => d.Id).Select(d => d.Symbol ?? d.Title).Take(3).ToListAsync(cancellationToken);
        if (issued.Count > 0)
        {
            throw new RuleViolationException([new RuleViolation("Id", "Cuộc họp đã có văn bản ban hành ({0}) nên không xóa được; hãy chuyển trạng thái sang \"Đã hủy\".", string.Join(", ", issued))]);
        }

        db.Meetings.Remove(meeting);
        await db.SaveChangesAsync(cancellationToken);
    }
}
