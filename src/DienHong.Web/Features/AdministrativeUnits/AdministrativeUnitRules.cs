using DienHong.Features.Validation;

namespace DienHong.Features.AdministrativeUnits;

/// <summary>Rules for a new unit, shared by the page, the API and the import.</summary>
public static class AdministrativeUnitRules
{
    /// <summary>Districts were abolished on 1 July 2025; a district cannot start on or after that day.</summary>
    public static readonly DateOnly TwoLevelReformDay = new(2025, 7, 1);

    public static IReadOnlyList<RuleViolation> Check(AdministrativeUnit unit, IEnumerable<AdministrativeUnit> existing)
    {
        var violations = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(unit.Code) || string.IsNullOrWhiteSpace(unit.Name))
        {
            violations.Add(new("Code", "Mã và tên đơn vị hành chính không được để trống."));
        }

        if (unit.Level == AdministrativeLevel.District && unit.ValidFrom >= TwoLevelReformDay)
        {
            violations.Add(new("Level", "Từ ngày 01/7/2025 không còn đơn vị hành chính cấp huyện."));
        }

        if (unit.ValidFrom is { } from && unit.ValidTo is { } to && to < from)
        {
            violations.Add(new("ValidTo", "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."));
        }

        if (unit.Parent is { } parent && parent.Level >= unit.Level)
        {
            violations.Add(new("ParentId", "Đơn vị cấp trên \"{0}\" phải ở cấp cao hơn {1}.", parent.Name, Localization.Labels.Of(unit.Level).ToLowerInvariant()));
        }

        if (existing.Any(u => u != unit && u.Code == unit.Code && u.ValidFrom == unit.ValidFrom))
        {
            violations.Add(new("Code", "Mã \"{0}\" đã có.", unit.Code));
        }

        return violations;
    }
}
