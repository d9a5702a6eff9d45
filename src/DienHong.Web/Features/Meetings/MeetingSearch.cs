using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Meetings;

/// <summary>The meeting list: filters, and accent-insensitive search on any database.</summary>
public static class MeetingSearch
{
    public static IQueryable<Meeting> Apply(this IQueryable<Meeting> meetings, MeetingFilter filter)
    {
        // Folded columns (title and place, site names, units, organizations, people) make "tiep xuc
        // cu tri", "dien bien" or "vinh phuc" match with a plain LIKE on SQLite and PostgreSQL alike.
        // Every word must be found, each anywhere in the meeting.
        foreach (var word in VietnameseText.Fold(filter.Search).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            meetings = meetings.Where(m => m.SearchText.Contains(word)
                || m.Sites.Any(s => s.SearchText.Contains(word)
                    || (s.AdministrativeUnit != null && (s.AdministrativeUnit.SearchText.Contains(word)
                        || (s.AdministrativeUnit.Parent != null && s.AdministrativeUnit.Parent.SearchText.Contains(word)))))
                || m.Participants.Any(p => p.SearchText.Contains(word) || (p.Organization != null && p.Organization.SearchText.Contains(word)))
                || m.Organizers.Any(o => o.Organization!.SearchText.Contains(word)));
        }

        if (filter.Kind is { } kind)
        {
            meetings = meetings.Where(m => m.Kind == kind);
        }

        if (filter.Status is { } status)
        {
            meetings = meetings.Where(m => m.Status == status);
        }

        if (filter.OrganizationId is { } organizationId)
        {
            meetings = meetings.Where(m => m.Organizers.Any(o => o.OrganizationId == organizationId));
        }

        // Dates are Vietnam calendar days; a meeting is in range if it overlaps it.
        if (filter.From is { } from)
        {
            var fromUtc = VietnamTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            meetings = meetings.Where(m => m.EndsAt >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = VietnamTime.ToUtc(to.ToDateTime(TimeOnly.MaxValue));
            meetings = meetings.Where(m => m.StartsAt <= toUtc);
        }

        return meetings;
    }

    public static Task<List<MeetingSummary>> ToSummariesAsync(this IQueryable<Meeting> meetings, CancellationToken cancellationToken = default) =>
        meetings.ToSummariesAsync(onlySites: null, cancellationToken);

    /// <summary>The list rows; with <paramref name="onlySites"/> (a site operator's own sites) the site count counts those only.</summary>
    public static Task<List<MeetingSummary>> ToSummariesAsync(this IQueryable<Meeting> meetings, IReadOnlyCollection<int>? onlySites, CancellationToken cancellationToken = default)
    {
        var sites = onlySites?.ToList();
        return meetings
            .OrderByDescending(m => m.StartsAt)
            .Select(m => new MeetingSummary(
                m.Id, m.Title, m.Kind, m.Format, m.Status, m.StartsAt, m.EndsAt, m.Place,
                m.Organizers.OrderByDescending(o => o.IsLead).Select(o => o.Organization!.Name).ToList(),
                sites == null ? m.Sites.Count : m.Sites.Count(s => sites.Contains(s.Id))))
            .ToListAsync(cancellationToken);
    }
}
