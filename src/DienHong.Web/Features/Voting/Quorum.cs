using DienHong.Data;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Voting;

/// <summary>
/// Reading the body and the quorum: a few small indexed queries (the delegates present are
/// counted in the database from open check-ins), whatever the size of the meeting.
/// </summary>
public static class Quorum
{
    /// <summary>The meeting's body: its lead organizer (or its first organizer).</summary>
    public static async Task<int?> BodyIdAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default) =>
        await db.Meetings.Where(m => m.Id == meetingId).SelectMany(m => m.Organizers)
            .OrderByDescending(o => o.IsLead).ThenBy(o => o.Id).Select(o => (int?)o.OrganizationId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The body's membership on <paramref name="day"/>: its latest change on or before that day (0 when none is recorded).</summary>
    public static async Task<int> MembersOnAsync(DienHongDbContext db, int bodyId, DateOnly day, CancellationToken cancellationToken = default) =>
        await db.MembershipChanges.Where(c => c.OrganizationId == bodyId && c.EffectiveOn <= day)
            .OrderByDescending(c => c.EffectiveOn).Select(c => c.Members).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Delegates of the meeting checked in now, per site (a person is present once: the check-ins' unique index).</summary>
    public static async Task<List<SiteDelegates>> PresentAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken = default) =>
        await db.CheckIns.Where(c => c.MeetingId == meetingId && c.CheckedOutAt == null && c.ParticipantId != null
                && db.Participants.Any(p => p.Id == c.ParticipantId && p.MeetingId == meetingId && p.UserId != null))
            .GroupBy(c => c.SiteId).Select(g => new SiteDelegates(g.Key, g.Count())).ToListAsync(cancellationToken);

    public static async Task<QuorumState> StateAsync(DienHongDbContext db, int meetingId, DateTime now, CancellationToken cancellationToken = default)
    {
        var bodyId = await BodyIdAsync(db, meetingId, cancellationToken);
        var sites = await PresentAsync(db, meetingId, cancellationToken);
        var present = sites.Sum(s => s.Present);
        if (bodyId is not { } body)
        {
            return new QuorumState(meetingId, null, null, QuorumRule.TwoThirdsOfMembers, 0, 0, present, false, sites);
        }

        var name = await db.Organizations.Where(o => o.Id == body).Select(o => o.Name).FirstAsync(cancellationToken);
        var rule = await db.VotingBodies.Where(b => b.OrganizationId == body).Select(b => (QuorumRule?)b.QuorumRule).FirstOrDefaultAsync(cancellationToken) ?? QuorumRule.TwoThirdsOfMembers;
        var members = await MembersOnAsync(db, body, Today(now), cancellationToken);
        var required = Majorities.Quorum(rule, members);
        return new QuorumState(meetingId, body, name, rule, members, required, present, members > 0 && present >= required, sites);
    }

    /// <summary>The day in Vietnam: membership changes are dated in local days.</summary>
    public static DateOnly Today(DateTime utc) => DateOnly.FromDateTime(VietnamTime.ToLocal(utc));
}
