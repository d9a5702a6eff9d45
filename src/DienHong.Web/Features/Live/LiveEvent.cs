using System.Text.Json.Serialization;
using DienHong.Features.Auditing;

namespace DienHong.Features.Live;

/// <summary>Who may receive an event (see <see cref="LiveViewer.CanSee"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LiveAudience>))]
public enum LiveAudience
{
    /// <summary>Anyone watching the meeting, the anonymous projector and public pages included.</summary>
    Public = 1,

    /// <summary>Every signed-in user who may see the meeting.</summary>
    Meeting = 2,

    /// <summary>Only users who see every site (secretariat, chair, administrators, viewers).</summary>
    Staff = 3,

    /// <summary>Staff and the operators of <see cref="LiveEvent.SiteId"/>: a site's private data.</summary>
    Site = 4,
}

/// <summary>
/// One numbered change of a meeting's live state, written in the same transaction as the change.
/// Numbers run 1, 2, 3… per meeting in commit order; the payload is the new state of what changed
/// (never a delta), so applying an event twice, or over a snapshot that already has it, is harmless.
/// </summary>
public class LiveEvent : INotAudited
{
    public long Id { get; set; }
    public int MeetingId { get; set; }
    public long Number { get; set; }

    /// <summary>What changed, "feature.thing": "readiness.site", "presence", "assignment".</summary>
    public required string Type { get; set; }
    public LiveAudience Audience { get; set; }
    public int? SiteId { get; set; }

    /// <summary>JSON (camelCase) of the new state.</summary>
    public required string Payload { get; set; }
    public DateTime At { get; set; }
}

/// <summary>
/// The last number given out for a meeting. Incrementing it locks the row until the transaction
/// commits, so numbers are handed out in commit order: when event N is visible, so is every event
/// before it (a reader never skips one that commits late). On PostgreSQL the increment happens inside
/// the commit itself (a deferred trigger, see <see cref="LiveFeed"/>), so the lock spans no round trip.
/// </summary>
public class LiveStream : INotAudited
{
    public int MeetingId { get; set; }
    public long LastNumber { get; set; }
}
