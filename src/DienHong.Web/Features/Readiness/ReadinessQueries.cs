using DienHong.Data;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Incidents;
using DienHong.Features.Live;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Readiness;

/// <summary>
/// Reading readiness. Tiles for one site cost a few indexed queries on that site's rows, whatever
/// the size of the meeting; the board reads each table once for all sites.
/// </summary>
public static class ReadinessQueries
{
    public static async Task<List<SiteTile>> TilesAsync(DienHongDbContext db, int meetingId, int? siteId, DateTime now, CancellationToken cancellationToken = default)
    {
        // Each table filtered on its indexed site column when one site is asked for.
        var siteRows = db.Sites.AsNoTracking().Where(s => s.MeetingId == meetingId);
        var markRows = db.ReadinessMarks.Where(m => m.MeetingId == meetingId);
        var testRows = db.ConnectionTests.AsNoTracking().Where(t => t.MeetingId == meetingId);
        var incidentRows = db.Incidents.Where(i => i.MeetingId == meetingId && i.ClosedAt == null);
        var participantRows = db.Participants.Where(p => p.MeetingId == meetingId && p.SiteId != null);
        var presenceRows = db.SitePresences.AsNoTracking().Where(p => p.MeetingId == meetingId);
        var headcountRows = db.SiteHeadcounts.AsNoTracking().Where(h => h.MeetingId == meetingId);
        var videoRows = db.SiteVideos.AsNoTracking().Where(v => v.MeetingId == meetingId);
        if (siteId is { } id)
        {
            siteRows = siteRows.Where(s => s.Id == id);
            markRows = markRows.Where(m => m.SiteId == id);
            testRows = testRows.Where(t => t.SiteId == id);
            incidentRows = incidentRows.Where(i => i.SiteId == id);
            participantRows = participantRows.Where(p => p.SiteId == id);
            presenceRows = presenceRows.Where(p => p.SiteId == id);
            headcountRows = headcountRows.Where(h => h.SiteId == id);
            videoRows = videoRows.Where(v => v.SiteId == id);
        }

        var sites = await siteRows
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.Level,
                s.IsHost,
                Unit = s.AdministrativeUnit == null ? null : s.AdministrativeUnit.Name,
                // The province the site's unit lies in (itself, its parent, or a district's parent): the board groups 700 sites by it.
                Province = s.AdministrativeUnit == null ? null
                    : s.AdministrativeUnit.Level == AdministrativeLevel.Province ? s.AdministrativeUnit.Name
                    : s.AdministrativeUnit.Parent == null ? null
                    : s.AdministrativeUnit.Parent.Level == AdministrativeLevel.Province ? s.AdministrativeUnit.Parent.Name
                    : s.AdministrativeUnit.Parent.Parent == null ? null : s.AdministrativeUnit.Parent.Parent.Name,
                s.Capacity,
                s.TechnicalContactName,
                s.TechnicalContactPhone,
                s.ConnectionTestAt,
            })
            .ToListAsync(cancellationToken);
        var checks = await db.ReadinessChecks.CountAsync(c => c.MeetingId == meetingId, cancellationToken);
        var marks = await markRows.GroupBy(m => new { m.SiteId, m.State }).Select(g => new { g.Key.SiteId, g.Key.State, Count = g.Count() }).ToListAsync(cancellationToken);
        var tests = (await testRows.ToListAsync(cancellationToken)).ToLookup(t => t.SiteId);
        var incidents = (await incidentRows.OrderBy(i => i.OpenedAt).Select(i => new { i.SiteId, Open = new OpenIncident(i.Id, i.Kind, i.Description, i.OpenedAt, i.OpenedBy) }).ToListAsync(cancellationToken))
            .ToLookup(i => i.SiteId ?? 0, i => i.Open);
        var videos = await videoRows.ToDictionaryAsync(v => v.SiteId, cancellationToken);
        var participants = (await participantRows.GroupBy(p => p.SiteId).Select(g => new { SiteId = g.Key ?? 0, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(p => p.SiteId, p => p.Count);
        var presence = (await presenceRows.ToListAsync(cancellationToken)).ToDictionary(p => p.SiteId);
        var present = await headcountRows.ToDictionaryAsync(h => h.SiteId, h => h.Present, cancellationToken);

        return [.. sites
            .Select(s =>
            {
                var count = ReadinessRules.Count(checks, marks.Where(m => m.SiteId == s.Id).SelectMany(m => Enumerable.Repeat(m.State, m.Count)));
                var runs = tests[s.Id].ToList();
                var latest = runs.Where(t => t.EndedAt is not null).OrderBy(t => t.EndedAt).ThenBy(t => t.Id).LastOrDefault();
                var result = ReadinessRules.LatestResult(runs);
                var online = presence.GetValueOrDefault(s.Id);
                return new SiteTile(
                    s.Id, s.Name, s.Level, s.IsHost, s.Unit, s.Province, s.Capacity, participants.GetValueOrDefault(s.Id), present.GetValueOrDefault(s.Id),
                    s.TechnicalContactName, s.TechnicalContactPhone, count, ReadinessRules.Ready(checks, count, result),
                    s.ConnectionTestAt, result, latest?.EndedAt, runs.Any(t => t.EndedAt is null), ReadinessRules.TestOverdue(s.ConnectionTestAt, result, now),
                    incidents[s.Id].Count(), online?.OnlineSince is not null, online is null ? null : online.OnlineSince ?? online.OfflineSince,
                    [.. incidents[s.Id]], videos.GetValueOrDefault(s.Id) is { } video ? Video.SiteVideoDto.From(video) : null);
            })
            .OrderByDescending(t => t.IsHost).ThenBy(t => t.Level).ThenBy(t => t.Name, Comparer<string>.Create(VietnameseText.Compare))];
    }

    public static async Task<ReadinessBoard?> BoardAsync(DienHongDbContext db, int meetingId, LiveViewer viewer, DateTime now, CancellationToken cancellationToken = default)
    {
        var number = await LiveFeed.LastNumberAsync(db, meetingId, cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.Title, m.StartsAt }).FirstOrDefaultAsync(cancellationToken);
        if (meeting is null)
        {
            return null;
        }

        var checks = await db.ReadinessChecks.AsNoTracking().Where(c => c.MeetingId == meetingId).OrderBy(c => c.Order).Select(c => new CheckDto(c.Id, c.Order, c.Name)).ToListAsync(cancellationToken);
        var tiles = (await TilesAsync(db, meetingId, null, now, cancellationToken)).Where(t => viewer.AllSites || viewer.Sites.Contains(t.SiteId)).ToList();
        var tasks = viewer.AllSites ? await TasksAsync(db, meetingId, now, cancellationToken) : [];
        return new ReadinessBoard(meetingId, meeting.Title, meeting.StartsAt, number, checks, tiles, tasks, ReadinessSummary.Of(tiles, tasks));
    }

    public static async Task<List<TaskTile>> TasksAsync(DienHongDbContext db, int meetingId, DateTime now, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(now));
        var assignments = await db.Assignments.AsNoTracking().Include(a => a.Organization).Where(a => a.MeetingId == meetingId).ToListAsync(cancellationToken);
        return [.. assignments.OrderBy(a => a.Deadline ?? DateOnly.MaxValue).ThenBy(a => a.Id).Select(a => TaskTile.From(a, today))];
    }

    public static async Task<SiteReadiness?> SiteAsync(DienHongDbContext db, int meetingId, int siteId, DateTime now, CancellationToken cancellationToken = default)
    {
        if ((await TilesAsync(db, meetingId, siteId, now, cancellationToken)).SingleOrDefault() is not { } tile)
        {
            return null;
        }

        var checks = await db.ReadinessChecks.AsNoTracking().Where(c => c.MeetingId == meetingId).OrderBy(c => c.Order).ToListAsync(cancellationToken);
        var marks = await db.ReadinessMarks.AsNoTracking().Where(m => m.SiteId == siteId).ToListAsync(cancellationToken);
        var tests = await db.ConnectionTests.AsNoTracking().Where(t => t.SiteId == siteId).OrderByDescending(t => t.StartedAt).ToListAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.SiteId == siteId).OrderByDescending(i => i.OpenedAt).ToListAsync(cancellationToken);
        return new SiteReadiness(tile, [.. checks.Select(CheckDto.From)], [.. marks.Select(MarkDto.From)], [.. tests.Select(TestDto.From)], [.. incidents.Select(IncidentDto.From)]);
    }
}
