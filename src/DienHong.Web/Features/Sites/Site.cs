using System.Text.Json.Serialization;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Text;

namespace DienHong.Features.Sites;

[JsonConverter(typeof(JsonStringEnumConverter<SiteLevel>))]
public enum SiteLevel
{
    /// <summary>Trung ương: the National Assembly office and other central sites.</summary>
    Central = 1,
    Province = 2,
    District = 3,
    Commune = 4,
}

/// <summary>A connected room (điểm cầu). Exactly one site of a meeting is its host.</summary>
public class Site : IFoldedSearch
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public required string Name { get; set; }
    public bool IsHost { get; set; }
    public SiteLevel Level { get; set; }
    public int? AdministrativeUnitId { get; set; }
    public AdministrativeUnit? AdministrativeUnit { get; set; }
    public string? Room { get; set; }

    /// <summary>Most people the room may hold; check-ins are held to it.</summary>
    public int Capacity { get; set; }
    public string? PresidingPerson { get; set; }
    public string? TechnicalContactName { get; set; }
    public string? TechnicalContactPhone { get; set; }

    /// <summary>When the site runs its connection test (UTC); before the meeting starts.</summary>
    public DateTime? ConnectionTestAt { get; set; }

    /// <summary>Folded name, so a meeting is found by the name of one of its sites.</summary>
    public string SearchText { get; set; } = string.Empty;

    public string SearchedText() => Name;
}
