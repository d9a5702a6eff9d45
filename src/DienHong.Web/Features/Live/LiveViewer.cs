using DienHong.Data;
using DienHong.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Live;

/// <summary>
/// What one watcher of a meeting may receive, decided once when they join by the same scoping as
/// the pages: staff see every site, a site operator only their own sites' private events, an
/// anonymous public page only public events.
/// </summary>
public sealed record LiveViewer(bool AllSites, IReadOnlySet<int> Sites, bool Anonymous = false)
{
    public static readonly LiveViewer Public = new(false, new HashSet<int>(), Anonymous: true);

    public static readonly LiveViewer Staff = new(true, new HashSet<int>());

    public bool CanSee(LiveAudience audience, int? siteId) => audience switch
    {
        LiveAudience.Public => true,
        LiveAudience.Meeting => !Anonymous,
        LiveAudience.Staff => AllSites,
        LiveAudience.Site => AllSites || (siteId is { } site && Sites.Contains(site)),
        _ => false,
    };

    /// <summary>Watchers with the same key see exactly the same events and snapshot.</summary>
    public string Key => Anonymous ? "public" : AllSites ? "staff" : "sites:" + string.Join(',', Sites.Order());

    /// <summary>The viewer for the current user, or null when they may not see the meeting.</summary>
    public static async Task<LiveViewer?> ForAsync(DienHongDbContext db, MeetingAccess access, CurrentUser user, int meetingId, CancellationToken cancellationToken = default)
    {
        if (!await access.CanSeeMeetingAsync(db, meetingId, cancellationToken))
        {
            return null;
        }

        return await OfVisibleMeetingAsync(db, user, meetingId, cancellationToken);
    }

    /// <summary>
    /// The viewer for a meeting the user is already known to see (an /api route, which the scope
    /// filter let through): only which events, so staff cost no query at all.
    /// </summary>
    public static async Task<LiveViewer> OfVisibleMeetingAsync(DienHongDbContext db, CurrentUser user, int meetingId, CancellationToken cancellationToken = default)
    {
        // Site-private data goes to the people who run the meeting, not to every role that may open it.
        if (user.SeesAllSites && (user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Secretariat) || user.IsInRole(Roles.Chair) || user.IsInRole(Roles.Viewer)))
        {
            return Staff;
        }

        var userId = user.Id;
        var sites = await db.UserSites.Where(us => us.UserId == userId && db.Sites.Any(s => s.Id == us.SiteId && s.MeetingId == meetingId))
            .Select(us => us.SiteId).ToListAsync(cancellationToken);
        return new LiveViewer(false, sites.ToHashSet());
    }
}
