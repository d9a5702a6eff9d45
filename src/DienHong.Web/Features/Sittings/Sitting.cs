using System.Text.Json.Serialization;
using DienHong.Features.Agenda;
using DienHong.Features.Meetings;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Sittings;

/// <summary>chưa bắt đầu → đang họp ⇄ tạm dừng → kết thúc.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SittingState>))]
public enum SittingState
{
    NotStarted = 1,
    InProgress = 2,
    Paused = 3,
    Ended = 4,
}

/// <summary>
/// A sitting (phiên họp): a morning or an afternoon of a meeting, planned and then run by the
/// secretariat. At most one sitting of a meeting runs (in progress or paused) at a time.
/// </summary>
public class Sitting
{
    public int Id { get; set; }
    public int MeetingId { get; set; }

    /// <summary>"Phiên sáng 19/11".</summary>
    public required string Title { get; set; }

    /// <summary>
    /// The phase (đợt) it belongs to, by name: a meeting's phases are replaced whenever the meeting
    /// is saved, so a key to them would not last.
    /// </summary>
    public string? PhaseName { get; set; }
    public DateTime PlannedStart { get; set; }
    public DateTime PlannedEnd { get; set; }
    public SittingState State { get; set; } = SittingState.NotStarted;
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }

    /// <summary>Since when it is paused (null while running), and how long earlier pauses lasted.</summary>
    public DateTime? PausedAt { get; set; }
    public int PausedSeconds { get; set; }
    public string? StartedBy { get; set; }
    public string? EndedBy { get; set; }

    /// <summary>Optimistic concurrency: two people pressing at once get one result.</summary>
    public int Version { get; set; }
}

/// <summary>
/// One stretch of time an agenda item was the current one, in a sitting. The item's actual start is
/// its first run's start, its end the last run's end; an item taken up again later gets a new run.
/// A run without an end is the meeting's current item: the database holds at most one.
/// </summary>
public class AgendaItemRun
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int AgendaItemId { get; set; }
    public int SittingId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class SittingConfiguration : IEntityTypeConfiguration<Sitting>
{
    public void Configure(EntityTypeBuilder<Sitting> sitting)
    {
        sitting.Property(s => s.Title).HasMaxLength(TextLimits.Name);
        sitting.Property(s => s.PhaseName).HasMaxLength(TextLimits.Name);
        sitting.Property(s => s.StartedBy).HasMaxLength(TextLimits.Name);
        sitting.Property(s => s.EndedBy).HasMaxLength(TextLimits.Name);
        sitting.Property(s => s.Version).IsConcurrencyToken();
        sitting.HasOne<Meeting>().WithMany().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
        sitting.HasIndex(s => new { s.MeetingId, s.PlannedStart });
        // One sitting of a meeting runs at a time, even when two secretaries press "start" at once.
        sitting.HasIndex(s => s.MeetingId).IsUnique()
            .HasFilter($"\"State\" IN ('{nameof(SittingState.InProgress)}', '{nameof(SittingState.Paused)}')").HasDatabaseName("IX_Sittings_Running");
    }
}

internal sealed class AgendaItemRunConfiguration : IEntityTypeConfiguration<AgendaItemRun>
{
    public void Configure(EntityTypeBuilder<AgendaItemRun> run)
    {
        run.Property(r => r.Version).IsConcurrencyToken();
        run.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        run.HasOne<AgendaItem>().WithMany().HasForeignKey(r => r.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
        run.HasOne<Sitting>().WithMany().HasForeignKey(r => r.SittingId).OnDelete(DeleteBehavior.Cascade);
        run.HasIndex(r => r.AgendaItemId);
        run.HasIndex(r => r.SittingId);
        run.HasIndex(r => new { r.MeetingId, r.StartedAt });
        // The one current item: a second open run of the same meeting cannot be written.
        run.HasIndex(r => r.MeetingId).IsUnique().HasFilter("\"EndedAt\" IS NULL").HasDatabaseName("IX_AgendaItemRuns_Current");
    }
}
