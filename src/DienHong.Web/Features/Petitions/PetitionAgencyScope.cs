using DienHong.Data;
using DienHong.Features.AdministrativeUnits;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Petitions;

/// <summary>
/// Which agencies a meeting's petitions may be suggested to: those of the meeting's province (the
/// province of its sites' and organizers' administrative units) and national ones (an organization
/// tied to no administrative unit). An agency of another province is never suggested, however sure the model is.
/// </summary>
public static class PetitionAgencyScope
{
    /// <summary>The ids of the organizations in scope of <paramref name="meetingId"/>; national ones only without a meeting.</summary>
    public static async Task<HashSet<int>> InScopeAsync(DienHongDbContext db, int? meetingId, CancellationToken cancellationToken = default)
    {
        var meetingUnits = meetingId is { } id
            ? await db.Sites.Where(s => s.MeetingId == id && s.AdministrativeUnitId != null).Select(s => s.AdministrativeUnitId!.Value)
                .Concat(db.Meetings.Where(m => m.Id == id).SelectMany(m => m.Organizers).Where(o => o.Organization!.AdministrativeUnitId != null).Select(o => o.Organization!.AdministrativeUnitId!.Value))
                .Distinct().ToListAsync(cancellationToken)
            : [];
        var agencies = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.AdministrativeUnitId }).ToListAsync(cancellationToken);
        var provinceOf = await ProvincesAsync(db, [.. meetingUnits, .. agencies.Select(a => a.AdministrativeUnitId).OfType<int>()], cancellationToken);
        var provinces = meetingUnits.Select(u => provinceOf.GetValueOrDefault(u)).OfType<int>().ToHashSet();
        return [.. agencies
            .Where(a => a.AdministrativeUnitId is not { } unit || (provinceOf.GetValueOrDefault(unit) is { } province && provinces.Contains(province)))
            .Select(a => a.Id)];
    }

    /// <summary>The province each unit lies in (itself for a province), walking up the parents.</summary>
    public static async Task<Dictionary<int, int?>> ProvincesAsync(DienHongDbContext db, IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken = default)
    {
        var parentOf = new Dictionary<int, (AdministrativeLevel Level, int? ParentId)>();
        var wanted = unitIds.ToHashSet();
        // Commune → district → province: three steps at most.
        for (var step = 0; step < 4 && wanted.Count > 0; step++)
        {
            var rows = await db.AdministrativeUnits.AsNoTracking().Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.Level, u.ParentId }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                parentOf[row.Id] = (row.Level, row.ParentId);
            }

            wanted = [.. rows.Select(r => r.ParentId).OfType<int>().Where(p => !parentOf.ContainsKey(p))];
        }

        int? Province(int unit, int depth) =>
            depth > 4 || !parentOf.TryGetValue(unit, out var known) ? null
            : known.Level == AdministrativeLevel.Province ? unit
            : known.ParentId is { } parent ? Province(parent, depth + 1) : null;
        return unitIds.Distinct().ToDictionary(u => u, u => Province(u, 0));
    }
}
