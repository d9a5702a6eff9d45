using DienHong.Data;
using DienHong.Features.Meetings;
using DienHong.Features.Sites;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Accounts;

/// <summary>
/// What the current user may see and change. A site operator sees only the meetings and sites
/// they are scoped to; a user scoped to an organization sees the meetings that organization
/// organizes, is assigned to or attends; administrators and unscoped staff see everything.
/// </summary>
public sealed class MeetingAccess(CurrentUser user)
{
    public bool CanPlan => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Secretariat);

    public bool CanAdminister => user.IsInRole(Roles.Administrator);

    public async Task<IQueryable<Meeting>> VisibleMeetingsAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        IQueryable<Meeting> meetings = db.Meetings;
        if (user.IsInRole(Roles.Administrator))
        {
            return meetings;
        }

        var userId = user.Id;
        if (!user.SeesAllSites)
        {
            meetings = meetings.Where(m => m.Sites.Any(s => db.UserSites.Any(us => us.UserId == userId && us.SiteId == s.Id)));
        }

        var organizationId = await db.Users.Where(u => u.Id == userId).Select(u => u.OrganizationId).FirstOrDefaultAsync(cancellationToken);
        if (organizationId is { } org)
        {
            meetings = meetings.Where(m => m.Organizers.Any(o => o.OrganizationId == org)
                || m.Assignments.Any(a => a.OrganizationId == org)
                || m.Participants.Any(p => p.OrganizationId == org));
        }

        return meetings;
    }

    public async Task<bool> CanSeeMeetingAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default) =>
        await (await VisibleMeetingsAsync(db, cancellationToken)).AnyAsync(m => m.Id == meetingId, cancellationToken);

    /// <summary>The whole meeting, tracked, if it exists and the user may see it.</summary>
    public async Task<Meeting?> LoadMeetingAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default) =>
        await CanSeeMeetingAsync(db, meetingId, cancellationToken) ? await db.LoadMeetingAsync(meetingId, cancellationToken) : null;

    /// <summary>The sites of a meeting the user may see: all of them, or a site operator's own.</summary>
    public async Task<Func<Site, bool>> SiteFilterAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        if (user.SeesAllSites)
        {
            return _ => true;
        }

        var userId = user.Id;
        var own = await db.UserSites.Where(us => us.UserId == userId).Select(us => us.SiteId).ToHashSetAsync(cancellationToken);
        return site => own.Contains(site.Id);
    }
}
