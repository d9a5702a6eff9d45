using System.Text.Json.Serialization;
using DienHong.Features.Organizations;

namespace DienHong.Features.Assignments;

[JsonConverter(typeof(JsonStringEnumConverter<AssignmentStatus>))]
public enum AssignmentStatus
{
    Pending = 1,
    InProgress = 2,
    Done = 3,
}

/// <summary>A task for an agency (phân công), with a deadline.</summary>
public class Assignment
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>Assignee named in text when the agency is not registered.</summary>
    public string? AssigneeName { get; set; }
    public required string Content { get; set; }
    public DateOnly? Deadline { get; set; }
    public AssignmentStatus Status { get; set; } = AssignmentStatus.Pending;

    /// <summary>What the agency said when it marked the task done, who did, and when.</summary>
    public string? CompletionNote { get; set; }
    public string? CompletedBy { get; set; }
    public DateTime? CompletedAt { get; set; }

    public string Assignee => Organization?.Name ?? AssigneeName ?? string.Empty;
}
