using System.Text.Json.Serialization;
using DienHong.Features.Organizations;
using DienHong.Features.Sites;
using DienHong.Features.Text;

namespace DienHong.Features.Participants;

[JsonConverter(typeof(JsonStringEnumConverter<ParticipantRole>))]
public enum ParticipantRole
{
    /// <summary>Chủ trì.</summary>
    Presiding = 1,
    /// <summary>Đại biểu.</summary>
    Delegate = 2,
    /// <summary>Khách mời.</summary>
    Guest = 3,
    /// <summary>Cử tri.</summary>
    Voter = 4,
    /// <summary>Phóng viên.</summary>
    Press = 5,
    /// <summary>Phục vụ, kỹ thuật.</summary>
    Staff = 6,
}

/// <summary>
/// Who attends, and where: a named person, or "a representative of" an organization
/// ("Đại diện lãnh đạo Sở Y tế").
/// </summary>
public class Participant : IFoldedSearch
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int? SiteId { get; set; }
    public Site? Site { get; set; }
    public string? PersonName { get; set; }

    /// <summary>Position or description: "Phó Trưởng Đoàn", "Đại diện lãnh đạo".</summary>
    public string? Title { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>Organization named in text when it is not registered.</summary>
    public string? OrganizationName { get; set; }
    public ParticipantRole Role { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>The user account of a delegate who takes part from their own device (asks for the floor, checks in).</summary>
    public string? UserId { get; set; }

    /// <summary>Folded name and unregistered organization, so a meeting is found by who attends it.</summary>
    public string SearchText { get; set; } = string.Empty;

    public string SearchedText() => $"{PersonName} {OrganizationName}";

    public string DisplayName =>
        PersonName ?? string.Join(' ', new[] { Title ?? "Đại diện", Organization?.Name ?? OrganizationName }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
