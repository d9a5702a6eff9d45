using DienHong.Data;
using DienHong.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Petitions;

/// <summary>
/// The one place that decides which petitions, recommendations and referrals a user may see; every
/// petition query starts here. An agency's users see only what was referred to their agency; a site
/// operator sees the petitions of their own sites; everyone else sees the petitions of the meetings
/// <see cref="MeetingAccess"/> lets them see.
/// </summary>
public sealed class PetitionAccess(CurrentUser user, MeetingAccess meetings)
{
    /// <summary>May record petitions (from the meeting's page or a site's).</summary>
    public bool CanRecord => CanCompile || user.IsInRole(Roles.SiteOperator);

    /// <summary>May classify, merge, refer and publish: the secretariat that compiles petitions.</summary>
    public bool CanCompile => meetings.CanPlan;

    /// <summary>An agency's user, who answers what was referred to the agency and sees nothing else.</summary>
    public bool IsAgency => user.IsInRole(Roles.Agency) && !CanCompile;

    public async Task<int?> AgencyIdAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        var userId = user.Id;
        return await db.Users.Where(u => u.Id == userId).Select(u => u.OrganizationId).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IQueryable<Referral>> ReferralsAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        if (IsAgency)
        {
            var agencyId = await AgencyIdAsync(db, cancellationToken) ?? -1;
            return db.Referrals.Where(f => f.AgencyId == agencyId);
        }

        var recommendations = await RecommendationsAsync(db, cancellationToken);
        return db.Referrals.Where(f => recommendations.Any(r => r.Id == f.RecommendationId));
    }

    public async Task<IQueryable<Recommendation>> RecommendationsAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        if (IsAgency)
        {
            var agencyId = await AgencyIdAsync(db, cancellationToken) ?? -1;
            return db.Recommendations.Where(r => r.Referrals.Any(f => f.AgencyId == agencyId));
        }

        var visible = await meetings.VisibleMeetingsAsync(db, cancellationToken);
        var recommendations = db.Recommendations.Where(r => visible.Any(m => m.Id == r.MeetingId));
        if (!user.SeesAllSites)
        {
            var own = OwnSites(db);
            recommendations = recommendations.Where(r => r.Petitions.Any(p => p.SiteId != null && own.Contains(p.SiteId.Value)));
        }

        return recommendations;
    }

    public async Task<IQueryable<Petition>> PetitionsAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        if (IsAgency)
        {
            var agencyId = await AgencyIdAsync(db, cancellationToken) ?? -1;
            return db.Petitions.Where(p => db.Referrals.Any(f => f.RecommendationId == p.RecommendationId && f.AgencyId == agencyId));
        }

        var visible = await meetings.VisibleMeetingsAsync(db, cancellationToken);
        var petitions = db.Petitions.Where(p => visible.Any(m => m.Id == p.MeetingId));
        if (!user.SeesAllSites)
        {
            var own = OwnSites(db);
            petitions = petitions.Where(p => p.SiteId != null && own.Contains(p.SiteId.Value));
        }

        return petitions;
    }

    /// <summary>The meeting, if the user may see it and work on its petitions (not an agency's user).</summary>
    public async Task<bool> CanSeeMeetingAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default) =>
        !IsAgency && await meetings.CanSeeMeetingAsync(db, meetingId, cancellationToken);

    /// <summary>May the user record at this site: staff anywhere in the meeting, an operator at their own sites.</summary>
    public async Task<bool> CanRecordAtSiteAsync(DienHongDbContext db, int meetingId, int siteId, CancellationToken cancellationToken = default)
    {
        if (!CanRecord || !await CanSeeMeetingAsync(db, meetingId, cancellationToken) || !await db.Sites.AnyAsync(s => s.Id == siteId && s.MeetingId == meetingId, cancellationToken))
        {
            return false;
        }

        return user.SeesAllSites || await OwnSites(db).AnyAsync(id => id == siteId, cancellationToken);
    }

    private IQueryable<int> OwnSites(DienHongDbContext db)
    {
        var userId = user.Id;
        return db.UserSites.Where(us => us.UserId == userId).Select(us => us.SiteId);
    }
}
