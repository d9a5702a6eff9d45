using DienHong.Data;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Petitions;

public sealed record CountRow(string Label, int Count);

/// <summary>What the dashboards show: counts by status, agency, field and site, overdue and late answers.</summary>
public sealed record PetitionDashboard(
    int Petitions, int Recommendations, int Published, int Overdue, int AnsweredLate, int AnsweredOnTime,
    IReadOnlyList<CountRow> ByStatus, IReadOnlyList<CountRow> ByAgency, IReadOnlyList<CountRow> ByField, IReadOnlyList<CountRow> BySite,
    IReadOnlyList<CountRow> OverdueByAgency);

public static class PetitionStatistics
{
    public static async Task<PetitionDashboard> ComputeAsync(DienHongDbContext db, IQueryable<Recommendation> recommendations, IQueryable<Petition> petitions, DateOnly today, CancellationToken cancellationToken = default)
    {
        var rows = await recommendations.AsNoTracking()
            .Select(r => new
            {
                r.Status,
                r.IsPublished,
                Field = r.Field!.Name,
                Agency = r.Agency!.Name,
                Referrals = r.Referrals.Select(f => new { f.Status, f.Deadline, f.AnsweredAt, Agency = f.Agency!.Name }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var sites = await petitions.AsNoTracking()
            .GroupBy(p => p.Site != null ? p.Site.Name : p.AdministrativeUnit != null ? p.AdministrativeUnit.Name : null)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var petitionCount = sites.Sum(s => s.Count);
        var referrals = rows.SelectMany(r => r.Referrals).ToList();
        var overdue = referrals.Where(f => f.Status == ReferralStatus.Pending && f.Deadline < today).ToList();
        var answered = referrals.Where(f => f.Status == ReferralStatus.Answered).ToList();
        var late = answered.Count(f => DateOnly.FromDateTime(DienHong.Features.Text.VietnamTime.ToLocal(f.AnsweredAt!.Value)) > f.Deadline);

        static List<CountRow> Count(IEnumerable<string?> labels, string none) =>
            [.. labels.GroupBy(l => l ?? none).Select(g => new CountRow(g.Key, g.Count())).OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal)];

        return new PetitionDashboard(
            petitionCount, rows.Count, rows.Count(r => r.IsPublished), overdue.Count, late, answered.Count - late,
            [.. Enum.GetValues<RecommendationStatus>().Select(s => new CountRow(PetitionLabels.Statuses[s], rows.Count(r => r.Status == s)))],
            Count(rows.Select(r => r.Agency), "Chưa xác định cơ quan"),
            Count(rows.Select(r => r.Field), "Chưa phân loại"),
            [.. sites.Select(s => new CountRow(s.Key ?? "Trực tuyến, không rõ nơi", s.Count)).OrderByDescending(c => c.Count)],
            Count(overdue.Select(f => f.Agency), "—"));
    }
}
