using System.Text.Json.Serialization;
using DienHong.Features.Agenda;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Floor;

/// <summary>What a request to speak is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FloorRequestKind>))]
public enum FloorRequestKind
{
    /// <summary>A speech on the item, in turn.</summary>
    Speech = 1,

    /// <summary>A point of order (kiến nghị về thủ tục): ahead of every speech.</summary>
    PointOfOrder = 2,

    /// <summary>A reply (tranh luận) to what was just said: ahead of speeches, after points of order.</summary>
    Reply = 3,
}

/// <summary>Waiting → speaking → done; or withdrawn; or not reached when the debate ended (may hand in the speech in writing).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FloorRequestState>))]
public enum FloorRequestState
{
    Waiting = 1,
    Speaking = 2,
    Done = 3,
    Withdrawn = 4,
    NotReached = 5,
}

/// <summary>
/// A request to speak on an agenda item, from a delegate, a voter registered by their site's
/// operator, or a whole site; and, once given the floor, the record of the speech: when, for how
/// long, with the countdown's state while it runs. <see cref="PersonKey"/> names the person (or the
/// site): the database holds one open request per person per item, and one speaker per meeting.
/// </summary>
public class FloorRequest
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int AgendaItemId { get; set; }
    public int SiteId { get; set; }
    public int? ParticipantId { get; set; }

    /// <summary>"p:12" a participant, "v:5:nguyen van a|thon 3" a voter at site 5 (folded), "s:5" site 5 as a whole.</summary>
    public required string PersonKey { get; set; }
    public required string Name { get; set; }

    /// <summary>A voter's address, or a delegate's unit.</summary>
    public string? Address { get; set; }
    public string? Topic { get; set; }
    public FloorRequestKind Kind { get; set; } = FloorRequestKind.Speech;
    public bool WholeSite { get; set; }
    public FloorRequestState State { get; set; } = FloorRequestState.Waiting;

    /// <summary>Order in the queue among the waiting requests of the item (the chair may change it).</summary>
    public int Position { get; set; }
    public DateTime RequestedAt { get; set; }
    public required string RequestedBy { get; set; }

    /// <summary>1 for a person's first turn on the item, 2 for the second…; set when given the floor.</summary>
    public int Turn { get; set; }
    public DateTime? StartedAt { get; set; }
    public string? GivenBy { get; set; }

    /// <summary>Time given, extensions included.</summary>
    public int AllowedSeconds { get; set; }

    /// <summary>When the time runs out while the speech runs; null while paused (see <see cref="SpeakingClock"/>).</summary>
    public DateTime? Deadline { get; set; }
    public DateTime? PausedAt { get; set; }

    /// <summary>Seconds left (negative: over time) when paused.</summary>
    public int? RemainingSeconds { get; set; }
    public int PausedSeconds { get; set; }
    public DateTime? EndedAt { get; set; }
    public int? SpokenSeconds { get; set; }

    /// <summary>The speech handed in writing by someone not reached.</summary>
    public string? WrittenSpeech { get; set; }
    public DateTime? WrittenAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// The list of speakers' settings: for one item (<see cref="AgendaItemId"/> set) or the meeting's
/// defaults (null). Speaking times fall back item → meeting → the National Assembly's rules
/// (7 minutes a first turn, 3 a second).
/// </summary>
public class SpeakerList
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int? AgendaItemId { get; set; }
    public bool Closed { get; set; }
    public int? FirstTurnSeconds { get; set; }
    public int? SecondTurnSeconds { get; set; }
    public int Version { get; set; }
}

internal sealed class FloorRequestConfiguration : IEntityTypeConfiguration<FloorRequest>
{
    public void Configure(EntityTypeBuilder<FloorRequest> request)
    {
        request.Property(r => r.PersonKey).HasMaxLength(TextLimits.Line);
        request.Property(r => r.Name).HasMaxLength(TextLimits.Name);
        request.Property(r => r.Address).HasMaxLength(TextLimits.Name);
        request.Property(r => r.Topic).HasMaxLength(TextLimits.Line);
        request.Property(r => r.RequestedBy).HasMaxLength(TextLimits.Name);
        request.Property(r => r.GivenBy).HasMaxLength(TextLimits.Name);
        request.Property(r => r.WrittenSpeech).HasMaxLength(TextLimits.Long);
        request.Property(r => r.Version).IsConcurrencyToken();
        request.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        request.HasOne<AgendaItem>().WithMany().HasForeignKey(r => r.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
        request.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Cascade);
        request.HasOne<Participant>().WithMany().HasForeignKey(r => r.ParticipantId).OnDelete(DeleteBehavior.SetNull);
        request.HasIndex(r => new { r.AgendaItemId, r.State, r.Position });
        request.HasIndex(r => new { r.MeetingId, r.StartedAt });
        // One open request per person per item, even when two devices press at once.
        request.HasIndex(r => new { r.AgendaItemId, r.PersonKey }).IsUnique()
            .HasFilter($"\"State\" IN ('{nameof(FloorRequestState.Waiting)}', '{nameof(FloorRequestState.Speaking)}')").HasDatabaseName("IX_FloorRequests_Open");
        // One speaker at a time in a meeting, even when two chairs give the floor at once.
        request.HasIndex(r => r.MeetingId).IsUnique()
            .HasFilter($"\"State\" = '{nameof(FloorRequestState.Speaking)}'").HasDatabaseName("IX_FloorRequests_Speaking");
    }
}

internal sealed class SpeakerListConfiguration : IEntityTypeConfiguration<SpeakerList>
{
    public void Configure(EntityTypeBuilder<SpeakerList> list)
    {
        list.Property(l => l.Version).IsConcurrencyToken();
        list.HasOne<Meeting>().WithMany().HasForeignKey(l => l.MeetingId).OnDelete(DeleteBehavior.Cascade);
        list.HasOne<AgendaItem>().WithMany().HasForeignKey(l => l.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
        list.HasIndex(l => l.AgendaItemId).IsUnique().HasFilter("\"AgendaItemId\" IS NOT NULL");
        list.HasIndex(l => l.MeetingId).IsUnique().HasFilter("\"AgendaItemId\" IS NULL").HasDatabaseName("IX_SpeakerLists_MeetingDefaults");
    }
}
