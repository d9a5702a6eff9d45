using System.Text.Json.Serialization;
using DienHong.Features.Meetings;

namespace DienHong.Features.Readiness;

[JsonConverter(typeof(JsonStringEnumConverter<CheckState>))]
public enum CheckState
{
    Unchecked = 0,
    Passed = 1,
    Failed = 2,
    NotApplicable = 3,
}

[JsonConverter(typeof(JsonStringEnumConverter<TestResult>))]
public enum TestResult
{
    Passed = 1,
    Failed = 2,
}

[JsonConverter(typeof(JsonStringEnumConverter<SignalQuality>))]
public enum SignalQuality
{
    Good = 1,
    Fair = 2,
    Poor = 3,
}

/// <summary>A line of a meeting's readiness checklist, the same for every site.</summary>
public class ReadinessCheck
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
}

/// <summary>
/// A site's state on one check: who set it, when, a note, a photo. No row means "chưa kiểm tra".
/// A tick is a small write of this one row (see <see cref="ReadinessService"/>).
/// </summary>
public class ReadinessMark
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int SiteId { get; set; }
    public int CheckId { get; set; }
    public CheckState State { get; set; }
    public string? Note { get; set; }
    public int? PhotoId { get; set; }
    public required string SetBy { get; set; }
    public DateTime SetAt { get; set; }

    /// <summary>Optimistic concurrency: a tick names the version it saw.</summary>
    public int Version { get; set; }
}

/// <summary>A photo taken at a site as evidence for a check (the room, the backdrop).</summary>
public class ReadinessPhoto
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int SiteId { get; set; }
    public required byte[] Content { get; set; }
    public required string ContentType { get; set; }
    public DateTime UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>One run of a site's connection test: started, finished with a result and what was heard and seen.</summary>
public class ConnectionTest
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int SiteId { get; set; }
    public DateTime StartedAt { get; set; }
    public required string StartedBy { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    public TestResult? Result { get; set; }
    public SignalQuality? Audio { get; set; }
    public SignalQuality? Video { get; set; }
    public int? LatencyMs { get; set; }
    public string? Remarks { get; set; }
    public int Version { get; set; }
}

/// <summary>An organization's own default checklist for a kind of meeting (edited like its document template).</summary>
public class ChecklistTemplateItem
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public MeetingKind Kind { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }

    /// <summary>Only when epidemic prevention is switched on for the meeting.</summary>
    public bool EpidemicOnly { get; set; }
}
