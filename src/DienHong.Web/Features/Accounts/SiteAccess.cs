using DienHong.Data;
using DienHong.Features.Sites;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Accounts;

/// <summary>
/// Site-level scoping on top of <see cref="MeetingAccess"/>: which site a user may see, and who may
/// act for a site (tick its checklist, run its test, report its problems, keep its console online).
/// </summary>
public sealed class SiteAccess(MeetingAccess meetings, CurrentUser user)
{
    /// <summary>The site, untracked, if it belongs to the meeting and the user may see both.</summary>
    public async Task<Site?> VisibleSiteAsync(DienHongDbContext db, int meetingId, int siteId, CancellationToken cancellationToken = default)
    {
        if (!await meetings.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return null;
        }

        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId && s.MeetingId == meetingId, cancellationToken);
        return site is not null && (user.SeesAllSites || await OperatesAsync(db, siteId, cancellationToken)) ? site : null;
    }

    /// <summary>Its own operators and the secretariat act for a site; chairs, viewers and agencies only watch.</summary>
    public async Task<bool> CanWorkAsync(DienHongDbContext db, int siteId, CancellationToken cancellationToken = default) =>
        meetings.CanPlan || (user.IsInRole(Roles.SiteOperator) && await OperatesAsync(db, siteId, cancellationToken));

    private Task<bool> OperatesAsync(DienHongDbContext db, int siteId, CancellationToken cancellationToken)
    {
        var userId = user.Id;
        return db.UserSites.AnyAsync(us => us.UserId == userId && us.SiteId == siteId, cancellationToken);
    }
}
