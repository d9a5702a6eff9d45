using DienHong.Data;
using DienHong.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Incidents;

/// <summary>An open incident on a site's tile: what, since when, who logged it.</summary>
public sealed record OpenIncident(int Id, IncidentKind Kind, string? Description, DateTime OpenedAt, string OpenedBy);

/// <summary>One incident in the meeting's list, with its site's name and, once closed, how long it lasted.</summary>
public sealed record IncidentRow(int Id, int? SiteId, string? Site, IncidentKind Kind, string? Description, DateTime OpenedAt, string OpenedBy,
    DateTime? ClosedAt, string? ClosedBy, string? Resolution, int? DurationSeconds);

/// <summary>Incidents of one kind: how many, how many still open, how long the closed ones lasted together.</summary>
public sealed record IncidentKindCount(IncidentKind Kind, int Count, int Open, int Seconds);

/// <summary>The meeting's incident statistics (thống kê sự cố).</summary>
public sealed record IncidentStatistics(int Total, int Open, int Closed, int TotalSeconds, int LongestSeconds, int SitesAffected, IReadOnlyList<IncidentKindCount> ByKind)
{
    public static IncidentStatistics Of(IReadOnlyCollection<IncidentRow> rows) => new(
        rows.Count,
        rows.Count(r => r.ClosedAt is null),
        rows.Count(r => r.ClosedAt is not null),
        rows.Sum(r => r.DurationSeconds ?? 0),
        rows.Max(r => r.DurationSeconds) ?? 0,
        rows.Where(r => r.SiteId is not null).Select(r => r.SiteId).Distinct().Count(),
        [.. rows.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => new IncidentKindCount(g.Key, g.Count(), g.Count(r => r.ClosedAt is null), g.Sum(r => r.DurationSeconds ?? 0)))]);
}

/// <summary>The "GET …/incidents" answer: every incident the viewer may see, oldest first, and the statistics.</summary>
public sealed record IncidentReport(int MeetingId, IReadOnlyList<IncidentRow> Incidents, IncidentStatistics Statistics);

public static class IncidentQueries
{
    /// <summary>
    /// The meeting's incidents between <paramref name="from"/> and <paramref name="to"/> (a sitting's
    /// span; null: all), limited to the viewer's sites.
    /// </summary>
    public static async Task<IncidentReport> ReportAsync(DienHongDbContext db, int meetingId, LiveViewer viewer, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default)
    {
        var query = db.Incidents.AsNoTracking().Where(i => i.MeetingId == meetingId);
        if (from is { } start)
        {
            // Open during the span: opened before its end and not closed before its start.
            query = query.Where(i => i.ClosedAt == null || i.ClosedAt >= start);
        }

        if (to is { } end)
        {
            query = query.Where(i => i.OpenedAt <= end);
        }

        var rows = await query
            .Select(i => new { Incident = i, Site = db.Sites.Where(s => s.Id == i.SiteId).Select(s => s.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var visible = rows
            .Where(r => viewer.AllSites || r.Incident.SiteId is { } site && viewer.Sites.Contains(site))
            .OrderBy(r => r.Incident.OpenedAt).ThenBy(r => r.Incident.Id)
            .Select(r => new IncidentRow(r.Incident.Id, r.Incident.SiteId, r.Site, r.Incident.Kind, r.Incident.Description, r.Incident.OpenedAt, r.Incident.OpenedBy,
                r.Incident.ClosedAt, r.Incident.ClosedBy, r.Incident.Resolution, r.Incident.Duration is { } d ? (int)Math.Round(d.TotalSeconds) : null))
            .ToList();
        return new IncidentReport(meetingId, visible, IncidentStatistics.Of(visible));
    }

    /// <summary>"1 giờ 5 phút", "12 phút", "40 giây": a duration as the minutes write it.</summary>
    public static string Duration(int seconds) => seconds switch
    {
        < 60 => $"{seconds} giây",
        < 3600 => $"{(seconds + 30) / 60} phút",
        _ => (seconds + 30) / 60 % 60 is var minutes and > 0 ? $"{seconds / 3600} giờ {minutes} phút" : $"{seconds / 3600} giờ",
    };
}
