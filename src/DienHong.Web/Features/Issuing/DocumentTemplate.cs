using DienHong.Features.Meetings;
using DienHong.Features.Organizations;

namespace DienHong.Features.Issuing;

/// <summary>
/// An organization's wording of one document kind (Mẫu văn bản): a Liquid template over the
/// meeting's data, copied from a shipped default and edited in the UI. One for every meeting kind
/// (<see cref="MeetingKind"/> null) or one for a single meeting kind, which wins.
/// </summary>
public class DocumentTemplate
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public DocumentKind Kind { get; set; }
    public MeetingKind? MeetingKind { get; set; }
    public required string Source { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>
/// Where a register continues when an office starts numbering in Diên Hồng mid-year (it already
/// issued 61 plans on paper): the next number to give. Never below one already used.
/// </summary>
public class RegisterStart
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public DocumentKind Kind { get; set; }
    public int Year { get; set; }
    public int NextNumber { get; set; }
}
