using System.Linq.Expressions;
using DienHong.Data;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Petitions;

/// <summary>An overdue item of the daily list: a referral past its deadline, or a meeting past its compilation deadline.</summary>
public sealed record OverdueItem(int MeetingId, string MeetingTitle, int? RecommendationId, string What, string? AgencyName, DateOnly Deadline, int DaysLate);

/// <summary>
/// Deadlines the law and the plan set. Joint resolution 72/2025/NQLT: petitions are compiled no
/// later than 15 days before a regular session opens (conferences before it) and 15 days after it
/// closes (conferences after it); each referral has its own answer deadline.
/// </summary>
public static class PetitionDeadlines
{
    public const int DaysAroundSession = 15;

    /// <summary>Recommendations not yet compiled and sent on: new, classified, or returned by an agency as not theirs.</summary>
    public static readonly Expression<Func<Recommendation, bool>> Uncompiled =
        r => r.Status == RecommendationStatus.New || r.Status == RecommendationStatus.Classified || r.Status == RecommendationStatus.Returned;

    /// <summary>The latest compilation deadline the law allows, when the session's dates are known.</summary>
    public static DateOnly? Legal(PetitionSchedule schedule, DateOnly meetingDay) =>
        schedule.SessionOpensOn is { } opens && meetingDay < opens ? opens.AddDays(-DaysAroundSession)
        : schedule.SessionClosesOn is { } closes && meetingDay >= closes ? closes.AddDays(DaysAroundSession)
        : null;

    /// <summary>Everything late on <paramref name="today"/>: referrals unanswered after their deadline, meetings with petitions still unreferred after their compilation deadline.</summary>
    public static async Task<List<OverdueItem>> DailyListAsync(DienHongDbContext db, IQueryable<Referral> referrals, IQueryable<Recommendation> recommendations, DateOnly today, CancellationToken cancellationToken = default)
    {
        var late = await referrals.Where(f => f.Status == ReferralStatus.Pending && f.Deadline < today)
            .OrderBy(f => f.Deadline)
            .Select(f => new { f.MeetingId, Meeting = db.Meetings.Where(m => m.Id == f.MeetingId).Select(m => m.Title).First(), f.RecommendationId, f.Recommendation!.Content, Agency = f.Agency!.Name, f.Deadline })
            .ToListAsync(cancellationToken);
        var uncompiled = await recommendations.Where(Uncompiled)
            .Join(db.PetitionSchedules, r => r.MeetingId, s => s.MeetingId, (r, s) => new { r.MeetingId, s.CompilationDeadline })
            .Where(x => x.CompilationDeadline < today)
            .GroupBy(x => new { x.MeetingId, x.CompilationDeadline })
            .Select(g => new { g.Key.MeetingId, g.Key.CompilationDeadline, Count = g.Count(), Meeting = db.Meetings.Where(m => m.Id == g.Key.MeetingId).Select(m => m.Title).First() })
            .ToListAsync(cancellationToken);
        return
        [
            .. uncompiled.Select(u => new OverdueItem(u.MeetingId, u.Meeting, null, $"{u.Count} kiến nghị chưa tổng hợp, chuyển cơ quan giải quyết", null, u.CompilationDeadline, today.DayNumber - u.CompilationDeadline.DayNumber)),
            .. late.Select(f => new OverdueItem(f.MeetingId, f.Meeting, f.RecommendationId, f.Content, f.Agency, f.Deadline, today.DayNumber - f.Deadline.DayNumber)),
        ];
    }
}
