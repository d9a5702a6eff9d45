using DienHong.Features.Validation;

namespace DienHong.Features.Organizations;

public static class OrganizationRules
{
    public static IReadOnlyList<RuleViolation> Check(Organization organization)
    {
        var violations = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(organization.Name))
        {
            violations.Add(new("Name", "Tên cơ quan không được để trống."));
        }

        if (organization.ValidFrom is { } from && organization.ValidTo is { } to && to < from)
        {
            violations.Add(new("ValidTo", "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."));
        }

        if (organization.ParentId is { } parent && parent == organization.Id && organization.Id != 0)
        {
            violations.Add(new("ParentId", "Cơ quan không thể là cấp trên của chính nó."));
        }

        return violations;
    }

    public static void ThrowIfInvalid(Organization organization) => RuleViolationException.ThrowIfAny(Check(organization));
}
