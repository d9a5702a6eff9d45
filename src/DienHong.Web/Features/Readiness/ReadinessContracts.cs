using DienHong.Features.Assignments;
using DienHong.Features.Incidents;
using DienHong.Features.Sites;

namespace DienHong.Features.Readiness;

public sealed record CheckDto(int Id, int Order, string Name)
{
    public static CheckDto From(ReadinessCheck c) => new(c.Id, c.Order, c.Name);
}

public sealed record MarkDto(int CheckId, CheckState State, string? Note, int? PhotoId, string? SetBy, DateTime? SetAt, int Version)
{
    public static MarkDto From(ReadinessMark m) => new(m.CheckId, m.State, m.Note, m.PhotoId, m.SetBy, m.SetAt, m.Version);
}

public sealed record TestDto(int Id, DateTime StartedAt, string StartedBy, DateTime? EndedAt, string? EndedBy, TestResult? Result,
    SignalQuality? Audio, SignalQuality? Video, int? LatencyMs, string? Remarks, int Version)
{
    public static TestDto From(ConnectionTest t) => new(t.Id, t.StartedAt, t.StartedBy, t.EndedAt, t.EndedBy, t.Result, t.Audio, t.Video, t.LatencyMs, t.Remarks, t.Version);
}

/// <summary>One tile of the sites board: everything the host needs to see about a site at a glance (<paramref name="Present"/>: checked in now).</summary>
public sealed record SiteTile(
    int SiteId, string Name, SiteLevel Level, bool IsHost, string? Unit, string? Province, int Capacity, int Participants, int Present,
    string? TechnicalContact, string? TechnicalPhone, ChecklistCount Checklist, bool Ready,
    DateTime? TestPlannedAt, TestResult? LastTestResult, DateTime? LastTestAt, bool TestRunning, bool TestOverdue,
    int OpenIncidents, bool Online, DateTime? PresenceSince, IReadOnlyList<OpenIncident> Incidents, Video.SiteVideoDto? Video);

/// <summary>A task for an agency beside readiness: done / open / overdue against its deadline.</summary>
public sealed record TaskTile(int Id, int? OrganizationId, string Assignee, string Content, DateOnly? Deadline, AssignmentStatus Status, bool Overdue,
    string? CompletionNote, string? CompletedBy, DateTime? CompletedAt)
{
    public const string EventType = "assignment";

    public static TaskTile From(Assignment a, DateOnly today) => new(a.Id, a.OrganizationId, a.Assignee, a.Content, a.Deadline, a.Status,
        a.Status != AssignmentStatus.Done && a.Deadline < today, a.CompletionNote, a.CompletedBy, a.CompletedAt);
}

/// <summary>"11/13 điểm cầu sẵn sàng; 1 chưa kiểm tra kết nối; 1 sự cố đang mở".</summary>
public sealed record ReadinessSummary(int Sites, int Ready, int WithoutPassingTest, int TestOverdue, int OpenIncidents, int TasksOpen, int TasksOverdue)
{
    public static ReadinessSummary Of(IReadOnlyCollection<SiteTile> sites, IReadOnlyCollection<TaskTile> tasks) => new(
        sites.Count, sites.Count(s => s.Ready), sites.Count(s => s.LastTestResult != TestResult.Passed), sites.Count(s => s.TestOverdue),
        sites.Sum(s => s.OpenIncidents), tasks.Count(t => t.Status != AssignmentStatus.Done), tasks.Count(t => t.Overdue));

    public string Text
    {
        get
        {
            var parts = new List<string> { $"{Ready}/{Sites} điểm cầu sẵn sàng" };
            if (WithoutPassingTest > 0)
            {
                parts.Add($"{WithoutPassingTest} chưa kiểm tra kết nối đạt" + (TestOverdue > 0 ? $" ({TestOverdue} quá hạn)" : string.Empty));
            }

            parts.Add($"{OpenIncidents} sự cố đang mở");
            return string.Join("; ", parts);
        }
    }
}

/// <summary>The whole board, as the readiness part of a meeting's snapshot and GET …/readiness.</summary>
public sealed record ReadinessBoard(int MeetingId, string Title, DateTime StartsAt, long Number, IReadOnlyList<CheckDto> Checks,
    IReadOnlyList<SiteTile> Sites, IReadOnlyList<TaskTile> Tasks, ReadinessSummary Summary);

/// <summary>One site in detail, for its operator's console.</summary>
public sealed record SiteReadiness(SiteTile Tile, IReadOnlyList<CheckDto> Checks, IReadOnlyList<MarkDto> Marks, IReadOnlyList<TestDto> Tests, IReadOnlyList<IncidentDto> Incidents);

/// <summary>The "readiness.site" event: a site's new tile and the thing that changed.</summary>
public sealed record SiteChange(SiteTile Tile, MarkDto? Mark = null, TestDto? Test = null, IncidentDto? Incident = null)
{
    public const string EventType = "readiness.site";
}

public sealed record MarkInput(CheckState State, string? Note = null, int? PhotoId = null, int Version = 0);

public sealed record FinishTestInput(TestResult Result, SignalQuality? Audio = null, SignalQuality? Video = null, int? LatencyMs = null, string? Remarks = null, int Version = 1);

public sealed record IncidentInput(IncidentKind Kind, string? Description = null);

public sealed record CloseIncidentInput(string? Resolution = null, int Version = 0);

public sealed record CompleteTaskInput(string? Note = null);

public sealed record ChecklistRequest(bool IncludeEpidemicPrevention = false);

public sealed record ChecklistTemplateLine(string Name, bool EpidemicOnly = false);

public sealed record PhotoDto(int Id, string ContentType, int Size);
