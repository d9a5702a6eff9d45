using System.Text.Json.Serialization;
using DienHong.Features.Auditing;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Attendance;

/// <summary>How a person was checked in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckInMethod>))]
public enum CheckInMethod
{
    /// <summary>Ticked on the site's list.</summary>
    Listed = 1,

    /// <summary>The invitation's signed code, scanned or typed.</summary>
    Code = 2,

    /// <summary>Came without an invitation (a voter): name and address.</summary>
    WalkIn = 3,

    /// <summary>A delegate checked themselves in from their own device.</summary>
    Self = 4,
}

/// <summary>
/// One person present at a site: a planned participant or a walk-in, from check-in to check-out.
/// The name is kept as it was at check-in, so the record stands if the participant is later removed.
/// </summary>
public class CheckIn
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int SiteId { get; set; }
    public int? ParticipantId { get; set; }
    public required string Name { get; set; }
    public string? Address { get; set; }
    public CheckInMethod Method { get; set; }
    public DateTime CheckedInAt { get; set; }
    public required string CheckedInBy { get; set; }
    public DateTime? CheckedOutAt { get; set; }
    public string? CheckedOutBy { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// How many people are present at a site right now. Check-in raises it with one conditional
/// statement that refuses to pass the site's capacity, in the check-in's own transaction, so no
/// number of simultaneous check-ins can overfill a room (see <see cref="AttendanceService"/>).
/// </summary>
public class SiteHeadcount : INotAudited
{
    public int SiteId { get; set; }
    public int MeetingId { get; set; }
    public int Present { get; set; }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> checkIn)
    {
        checkIn.Property(c => c.Name).HasMaxLength(TextLimits.Name);
        checkIn.Property(c => c.Address).HasMaxLength(TextLimits.Line);
        checkIn.Property(c => c.CheckedInBy).HasMaxLength(TextLimits.Name);
        checkIn.Property(c => c.CheckedOutBy).HasMaxLength(TextLimits.Name);
        checkIn.Property(c => c.Version).IsConcurrencyToken();
        checkIn.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
        checkIn.HasOne<Site>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Cascade);
        checkIn.HasOne<Participant>().WithMany().HasForeignKey(c => c.ParticipantId).OnDelete(DeleteBehavior.SetNull);
        checkIn.HasIndex(c => new { c.SiteId, c.CheckedOutAt });
        checkIn.HasIndex(c => c.MeetingId);
        // A person is present once: the same code scanned twice at once cannot both land.
        checkIn.HasIndex(c => c.ParticipantId).IsUnique().HasFilter("\"ParticipantId\" IS NOT NULL AND \"CheckedOutAt\" IS NULL").HasDatabaseName("IX_CheckIns_Present");
    }
}

internal sealed class SiteHeadcountConfiguration : IEntityTypeConfiguration<SiteHeadcount>
{
    public void Configure(EntityTypeBuilder<SiteHeadcount> headcount)
    {
        headcount.HasKey(h => h.SiteId);
        headcount.Property(h => h.SiteId).ValueGeneratedNever();
        headcount.HasOne<Site>().WithOne().HasForeignKey<SiteHeadcount>(h => h.SiteId).OnDelete(DeleteBehavior.Cascade);
        headcount.HasIndex(h => h.MeetingId);
    }
}
