using DienHong.Features.Participants;

namespace DienHong.Features.Attendance;

public sealed record CheckInDto(int Id, int SiteId, int? ParticipantId, string Name, string? Address, CheckInMethod Method,
    DateTime CheckedInAt, string CheckedInBy, DateTime? CheckedOutAt, string? CheckedOutBy, int Version)
{
    public static CheckInDto From(CheckIn c) =>
        new(c.Id, c.SiteId, c.ParticipantId, c.Name, c.Address, c.Method, c.CheckedInAt, c.CheckedInBy, c.CheckedOutAt, c.CheckedOutBy, c.Version);
}

/// <summary>A site's people now: present (planned and walk-ins), planned, and the room's capacity.</summary>
public sealed record SiteCount(int SiteId, int Present, int Planned, int Capacity);

/// <summary>Every visible site's count and the totals (GET …/attendance).</summary>
public sealed record AttendanceSummary(int MeetingId, IReadOnlyList<SiteCount> Sites, int Present, int Planned, int Capacity);

/// <summary>A planned participant of the site and, when they are present, their check-in.</summary>
public sealed record PlannedPerson(int ParticipantId, string Name, string? Title, ParticipantRole Role, CheckInDto? Present);

/// <summary>The site console's list: counts, the planned people with tick state, and the walk-ins present.</summary>
public sealed record SiteAttendance(SiteCount Count, IReadOnlyList<PlannedPerson> Planned, IReadOnlyList<CheckInDto> WalkIns);

/// <summary>The "attendance" event: the site's new count and the check-in that changed it.</summary>
public sealed record AttendanceChange(SiteCount Count, CheckInDto CheckIn)
{
    public const string EventType = "attendance";
}

/// <summary>Ticks a planned participant (<paramref name="ParticipantId"/>) or adds a walk-in (name and address).</summary>
public sealed record CheckInInput(int? ParticipantId = null, string? Name = null, string? Address = null);

/// <summary>What the scanner read (or someone typed) from the invitation's QR code.</summary>
public sealed record ScanInput(string Code);
