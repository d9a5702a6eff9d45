using DienHong.Data;
using DienHong.Features.Petitions;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Accounts;

/// <summary>
/// Petitions, recommendations and referrals, decided in the same place as meetings (docs/decisions/0012):
/// an agency's users see only what was referred to their agency, and answer it; a site operator sees
/// the petitions of their own sites; everyone else the petitions of the meetings they see. Every
/// petition query starts from one of these sets; <see cref="Api.ScopeFilter"/> asks
/// <see cref="ReferralVerdictAsync"/> for every route with a <c>{referralId}</c>.
/// </summary>
public sealed partial class MeetingAccess
{
    /// <summary>May record petitions: the compiling staff anywhere, a site operator at their own sites.</summary>
    public bool CanRecordPetitions => CanCompilePetitions || user.IsInRole(Roles.SiteOperator);

    /// <summary>May classify, merge, refer and publish: the secretariat that compiles petitions.</summary>
    public bool CanCompilePetitions => CanPlan;

    /// <summary>An agency's user, who answers what was referred to the agency and sees no other petition.</summary>
    public bool AnswersReferralsOnly => user.IsInRole(Roles.Agency) && !CanCompilePetitions;

    /// <summary>The organization whose referrals an agency's user answers.</summary>
    public async Task<int?> AgencyIdAsync(DienHongDbContext db, CancellationToken cancellationToken = default) =>
        (await ScopeAsync(db, cancellationToken)).OrganizationId;

    public async Task<IQueryable<Referral>> ReferralsAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        if (AnswersReferralsOnly)
        {
            var agencyId = await AgencyIdAsync(db, cancellationToken) ?? -1;
            return db.Referrals.Where(f => f.AgencyId == agencyId);
        }

        var recommendations = await RecommendationsAsync(db, cancellationToken);
        return db.Referrals.Where(f => recommendations.Any(r => r.Id == f.RecommendationId));
    }

    public async Task<IQueryable<Recommendation>> RecommendationsAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        if (AnswersReferralsOnly)
        {
            var agencyId = await AgencyIdAsync(db, cancellationToken) ?? -1;
            return db.Recommendations.Where(r => r.Referrals.Any(f => f.AgencyId == agencyId));
        }

        var visible = await VisibleMeetingsAsync(db, cancellationToken);
        var recommendations = db.Recommendations.Where(r => visible.Any(m => m.Id == r.MeetingId));
        if (!SeesAllSites)
        {
            var own = (await ScopeAsync(db, cancellationToken)).Sites.ToList();
            recommendations = recommendations.Where(r => r.Petitions.Any(p => p.SiteId != null && own.Contains(p.SiteId.Value)));
        }

        return recommendations;
    }

    public async Task<IQueryable<Petition>> PetitionsAsync(DienHongDbContext db, CancellationToken cancellationToken = default)
    {
        if (AnswersReferralsOnly)
        {
            var agencyId = await AgencyIdAsync(db, cancellationToken) ?? -1;
            return db.Petitions.Where(p => db.Referrals.Any(f => f.RecommendationId == p.RecommendationId && f.AgencyId == agencyId));
        }

        var visible = await VisibleMeetingsAsync(db, cancellationToken);
        var petitions = db.Petitions.Where(p => visible.Any(m => m.Id == p.MeetingId));
        if (!SeesAllSites)
        {
            var own = (await ScopeAsync(db, cancellationToken)).Sites.ToList();
            petitions = petitions.Where(p => p.SiteId != null && own.Contains(p.SiteId.Value));
        }

        return petitions;
    }

    /// <summary>The meeting, if the user may see it and work on its petitions (an agency's user works only from referrals).</summary>
    public async Task<bool> CanSeeMeetingPetitionsAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default) =>
        !AnswersReferralsOnly && await CanSeeMeetingAsync(db, meetingId, cancellationToken);

    /// <summary>May the user record at this site: staff anywhere in the meeting, an operator at their own sites.</summary>
    public async Task<bool> CanRecordPetitionsAtSiteAsync(DienHongDbContext db, int meetingId, int siteId, CancellationToken cancellationToken = default) =>
        CanRecordPetitions && !AnswersReferralsOnly
            && await VerdictAsync(db, meetingId, siteId, MeetingAction.Read, cancellationToken) == AccessVerdict.Allowed;

    /// <summary>
    /// A referral: visible if it is in <see cref="ReferralsAsync"/>; answered or returned by its
    /// agency's users, or by the staff who compile the meeting's petitions (an answer received on paper).
    /// </summary>
    public async Task<AccessVerdict> ReferralVerdictAsync(DienHongDbContext db, int referralId, bool change, CancellationToken cancellationToken = default)
    {
        var referral = await (await ReferralsAsync(db, cancellationToken)).AsNoTracking().Where(f => f.Id == referralId)
            .Select(f => new { f.AgencyId, f.MeetingId }).FirstOrDefaultAsync(cancellationToken);
        if (referral is null)
        {
            return AccessVerdict.NotFound;
        }

        var allowed = !change
            || AnswersReferralsOnly && referral.AgencyId == await AgencyIdAsync(db, cancellationToken)
            || CanCompilePetitions && await CanChangeMeetingAsync(db, referral.MeetingId, cancellationToken);
        return allowed ? AccessVerdict.Allowed : AccessVerdict.Forbidden;
    }
}
