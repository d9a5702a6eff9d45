using DienHong.Data;
using DienHong.Features.Live;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Attendance;

/// <summary>Reading attendance: one site costs a few indexed queries on its own rows, whatever the size of the meeting.</summary>
public static class AttendanceQueries
{
    public static async Task<SiteCount?> CountAsync(DienHongDbContext db, int meetingId, int siteId, CancellationToken cancellationToken = default) =>
        (await CountsAsync(db, meetingId, siteId, cancellationToken)).SingleOrDefault();

    /// <summary>Counts of one site, or of every site of the meeting (each table read once).</summary>
    public static async Task<List<SiteCount>> CountsAsync(DienHongDbContext db, int meetingId, int? siteId, CancellationToken cancellationToken = default)
    {
        var sites = db.Sites.AsNoTracking().Where(s => s.MeetingId == meetingId);
        var planned = db.Participants.Where(p => p.MeetingId == meetingId && p.SiteId != null);
        var present = db.SiteHeadcounts.AsNoTracking().Where(h => h.MeetingId == meetingId);
        if (siteId is { } id)
        {
            sites = sites.Where(s => s.Id == id);
            planned = planned.Where(p => p.SiteId == id);
            present = present.Where(h => h.SiteId == id);
        }

        var capacities = await sites.Select(s => new { s.Id, s.Capacity }).ToListAsync(cancellationToken);
        var plannedBySite = (await planned.GroupBy(p => p.SiteId).Select(g => new { SiteId = g.Key ?? 0, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(p => p.SiteId, p => p.Count);
        var presentBySite = await present.ToDictionaryAsync(h => h.SiteId, h => h.Present, cancellationToken);
        return [.. capacities.Select(s => new SiteCount(s.Id, presentBySite.GetValueOrDefault(s.Id), plannedBySite.GetValueOrDefault(s.Id), s.Capacity))];
    }

    public static async Task<AttendanceSummary> SummaryAsync(DienHongDbContext db, int meetingId, LiveViewer viewer, CancellationToken cancellationToken = default)
    {
        var sites = (await CountsAsync(db, meetingId, null, cancellationToken)).Where(s => viewer.AllSites || viewer.Sites.Contains(s.SiteId)).ToList();
        return new AttendanceSummary(meetingId, sites, sites.Sum(s => s.Present), sites.Sum(s => s.Planned), sites.Sum(s => s.Capacity));
    }

    public static async Task<SiteAttendance?> SiteAsync(DienHongDbContext db, int meetingId, int siteId, CancellationToken cancellationToken = default)
    {
        if (await CountAsync(db, meetingId, siteId, cancellationToken) is not { } count)
        {
            return null;
        }

        var people = await db.Participants.AsNoTracking().Include(p => p.Organization).Where(p => p.MeetingId == meetingId && p.SiteId == siteId).ToListAsync(cancellationToken);
        var present = await db.CheckIns.AsNoTracking().Where(c => c.SiteId == siteId && c.CheckedOutAt == null).OrderBy(c => c.CheckedInAt).ToListAsync(cancellationToken);
        var byParticipant = present.Where(c => c.ParticipantId is not null).ToDictionary(c => c.ParticipantId!.Value);
        var planned = people
            .Select(p => new PlannedPerson(p.Id, p.DisplayName, p.Title, p.Role, byParticipant.GetValueOrDefault(p.Id) is { } c ? CheckInDto.From(c) : null))
            .OrderBy(p => p.Name, Comparer<string>.Create(VietnameseText.Compare))
            .ToList();
        return new SiteAttendance(count, planned, [.. present.Where(c => c.ParticipantId is null).Select(CheckInDto.From)]);
    }
}
