using System.Text.Json.Serialization;

namespace DienHong.Features.Floor;

/// <summary>A request to speak or a speech, as consoles and the projector show it (never the written text itself).</summary>
public sealed record FloorRequestDto(
    int Id, int AgendaItemId, int SiteId, string SiteName, int? ParticipantId, string Name, string? Address, string? Topic,
    FloorRequestKind Kind, bool WholeSite, FloorRequestState State, int Position, DateTime RequestedAt, int Turn,
    DateTime? StartedAt, int AllowedSeconds, DateTime? Deadline, DateTime? PausedAt, int? RemainingSeconds, DateTime? EndedAt, int? SpokenSeconds,
    bool Written, int Version)
{
    public static FloorRequestDto From(FloorRequest r, string siteName) => new(
        r.Id, r.AgendaItemId, r.SiteId, siteName, r.ParticipantId, r.Name, r.Address, r.Topic, r.Kind, r.WholeSite, r.State, r.Position, r.RequestedAt, r.Turn,
        r.StartedAt, r.AllowedSeconds, r.Deadline, r.PausedAt, r.RemainingSeconds, r.EndedAt, r.SpokenSeconds, r.WrittenAt is not null, r.Version);
}

/// <summary>A site on the projector's quiet presence line.</summary>
public sealed record FloorSite(int Id, string Name, bool Online, int Present);

/// <summary>
/// The floor of a meeting now: the speaker (whatever the item), and for the current item the list's
/// settings, the queue in order, who has spoken and who was not reached. The "floor" event and the
/// "floor" part of the snapshot carry it whole: one item's rows, never the meeting's participants.
/// The snapshot adds <see cref="Sites"/> (presence events keep it current).
/// </summary>
public sealed record FloorState(
    int MeetingId, int? AgendaItemId, bool Closed, int FirstTurnSeconds, int SecondTurnSeconds, FloorRequestDto? Speaker,
    IReadOnlyList<FloorRequestDto> Queue, IReadOnlyList<FloorRequestDto> Spoken, IReadOnlyList<FloorRequestDto> NotReached)
{
    public const string EventType = "floor";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FloorSite>? Sites { get; init; }
}

/// <summary>
/// The "floor" event: what the screens show now (the speaker, the next in the queue and how many wait,
/// the list's settings) and how many have spoken or were not reached. It stays the size of a screen
/// however long the item runs: the consoles that list everyone re-read the floor when it comes, and a
/// screen that joins gets the whole <see cref="FloorState"/> in its snapshot. (The whole state was 37 KB
/// by an item's 60th speech, written to every projector for every change.)
/// </summary>
public sealed record FloorEvent(
    int MeetingId, int? AgendaItemId, bool Closed, int FirstTurnSeconds, int SecondTurnSeconds, FloorRequestDto? Speaker,
    IReadOnlyList<FloorRequestDto> Queue, int QueueCount, int SpokenCount, int NotReachedCount)
{
    /// <summary>How many of the queue the projector names (projector.js shows the rest as a count).</summary>
    public const int NextShown = 5;

    public static FloorEvent Of(FloorState floor) => new(
        floor.MeetingId, floor.AgendaItemId, floor.Closed, floor.FirstTurnSeconds, floor.SecondTurnSeconds, floor.Speaker,
        [.. floor.Queue.Take(NextShown)], floor.Queue.Count, floor.Spoken.Count, floor.NotReached.Count);
}

/// <summary>A delegate asks for the floor from their own device.</summary>
public sealed record OwnFloorInput(string? Topic = null, FloorRequestKind Kind = FloorRequestKind.Speech);

/// <summary>
/// A site's operator registers a speaker present at the site (a voter: name, address or unit,
/// topic), a planned participant of the site (<paramref name="ParticipantId"/>), or the site as a whole.
/// </summary>
public sealed record SiteFloorInput(string? Name = null, string? Address = null, string? Topic = null, FloorRequestKind Kind = FloorRequestKind.Speech, bool WholeSite = false, int? ParticipantId = null);

/// <summary>A request by its id (withdraw).</summary>
public sealed record FloorRequestInput(int RequestId);

/// <summary>The waiting queue of the current item in the chair's new order (every waiting request, once).</summary>
public sealed record FloorOrderInput(IReadOnlyList<int> RequestIds);

/// <summary>Gives the floor to a waiting request, or straight to a site as a whole; the current speaker's turn ends.</summary>
public sealed record GiveFloorInput(int? RequestId = null, int? SiteId = null);

[JsonConverter(typeof(JsonStringEnumConverter<SpeakerAction>))]
public enum SpeakerAction
{
    Pause = 1,
    Resume = 2,
    Extend = 3,
    End = 4,
}

/// <summary>Pause, resume, extend (by <paramref name="Seconds"/>) or end the speech of <paramref name="RequestId"/> (the speaker the chair sees).</summary>
public sealed record SpeakerInput(int RequestId, SpeakerAction Action, int Seconds = 0);

/// <summary>Closes or reopens the list of the current item; <paramref name="EndDebate"/> also marks everyone still waiting as not reached.</summary>
public sealed record SpeakerListInput(bool Closed, bool EndDebate = false);

/// <summary>Speaking times for the meeting (no item) or one item; null falls back (item → meeting → 7 and 3 minutes).</summary>
public sealed record SpeakingTimeInput(int? AgendaItemId = null, int? FirstTurnSeconds = null, int? SecondTurnSeconds = null);

/// <summary>The speech of someone not reached, handed in writing.</summary>
public sealed record WrittenSpeechInput(int RequestId, string Text);

/// <summary>One speech of the record: who, from where, on which item, when, how long.</summary>
public sealed record SpeechRecord(int Id, int AgendaItemId, int ItemOrder, string Item, string Name, string? Address, int SiteId, string SiteName, bool WholeSite,
    FloorRequestKind Kind, int Turn, DateTime? StartedAt, DateTime? EndedAt, int? SpokenSeconds, string? WrittenSpeech, DateTime? WrittenAt);
