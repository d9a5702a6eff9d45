using System.Text.Json.Serialization;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Text;

namespace DienHong.Features.Organizations;

[JsonConverter(typeof(JsonStringEnumConverter<OrganizationKind>))]
public enum OrganizationKind
{
    /// <summary>An elected body or its standing body: Quốc hội, HĐND, Đoàn ĐBQH.</summary>
    ElectedBody = 1,
    /// <summary>A serving office: Văn phòng.</summary>
    Office = 2,
    /// <summary>A state agency: Sở, ban, ngành, UBND.</summary>
    Department = 3,
    /// <summary>A company: power, telecom.</summary>
    Company = 4,
    /// <summary>A Front or mass-organization committee.</summary>
    Committee = 5,
    Press = 6,
    Other = 9,
}

/// <summary>
/// A body, office, department, company or committee. Agencies merge and rename (Sở TT&amp;TT into
/// Sở KH&amp;CN on 1 March 2025), so each has validity dates and old records keep pointing at it.
/// </summary>
public class Organization : IFoldedSearch
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? ShortName { get; set; }
    public OrganizationKind Kind { get; set; }
    public int? ParentId { get; set; }
    public Organization? Parent { get; set; }
    public int? AdministrativeUnitId { get; set; }
    public AdministrativeUnit? AdministrativeUnit { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    /// <summary>Folded name and short name.</summary>
    public string SearchText { get; set; } = string.Empty;

    public string SearchedText() => $"{Name} {ShortName}";
}
