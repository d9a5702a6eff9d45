namespace DienHong.Features.Sittings;

public sealed record SittingDto(
    int Id, string Title, string? PhaseName, DateTime PlannedStart, DateTime PlannedEnd, SittingState State,
    DateTime? StartedAt, DateTime? EndedAt, DateTime? PausedAt, int PausedSeconds, int Version)
{
    public static SittingDto From(Sitting s) =>
        new(s.Id, s.Title, s.PhaseName, s.PlannedStart, s.PlannedEnd, s.State, s.StartedAt, s.EndedAt, s.PausedAt, s.PausedSeconds, s.Version);
}

/// <summary>An agenda item's planned and actual time: first start, last end, and time spent over all its runs.</summary>
public sealed record AgendaTimingDto(int ItemId, int Order, string Content, string? Presenter, int? PlannedMinutes,
    DateTime? StartedAt, DateTime? EndedAt, int SpentSeconds, bool Current);

/// <summary>
/// How the meeting is being run: its sittings, its agenda with actual times, the running sitting and
/// the current item. The "sitting" event and the "sitting" part of the snapshot carry it whole (it
/// is a few dozen rows, never the participants).
/// </summary>
public sealed record ConductState(int MeetingId, IReadOnlyList<SittingDto> Sittings, IReadOnlyList<AgendaTimingDto> Agenda, int? RunningSittingId, int? CurrentItemId)
{
    public const string EventType = "sitting";
}

/// <summary>A new sitting; times in UTC.</summary>
public sealed record SittingInput(string Title, DateTime PlannedStart, DateTime PlannedEnd, string? PhaseName = null);

/// <summary>Moves a sitting to <paramref name="State"/>; <paramref name="Version"/> is the one seen (0: whatever it is now).</summary>
public sealed record SittingStateInput(SittingState State, int Version = 0);

/// <summary>Makes an item current (null: no item is current any more).</summary>
public sealed record CurrentItemInput(int? AgendaItemId);
