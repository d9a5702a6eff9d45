using System.Text.Json.Serialization;
using DienHong.Features.Text;
namespace DienHong.Features.AdministrativeUnits;

[JsonConverter(typeof(JsonStringEnumConverter<AdministrativeLevel>))]
public enum AdministrativeLevel
{
    Province = 1,
    /// <summary>Districts existed until 30 June 2025; meetings before then still name them.</summary>
    District = 2,
    Commune = 3,
}

/// <summary>
/// A province, district or commune. Units are dated, never rewritten: the 2025 reorganization
/// closes old units (ValidTo) and opens new ones, so old meetings keep the names they had.
/// </summary>
public class AdministrativeUnit : IFoldedSearch
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public AdministrativeLevel Level { get; set; }
    public int? ParentId { get; set; }
    public AdministrativeUnit? Parent { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    /// <summary>Folded name.</summary>
    public string SearchText { get; set; } = string.Empty;

    public string SearchedText() => Name;

    public bool IsValidOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);
}
