using System.Text.Json.Serialization;
using DienHong.Features.Auditing;
using DienHong.Features.Readiness;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Video;

/// <summary>What a site console saw of the engine (the IFrame API's events).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VideoEvent>))]
public enum VideoEvent
{
    /// <summary>The console is in the room (videoConferenceJoined).</summary>
    Joined = 1,

    /// <summary>The console is out of the room (videoConferenceLeft).</summary>
    Left = 2,

    /// <summary>The number of people in the room changed (participantJoined / participantLeft).</summary>
    Participants = 3,

    /// <summary>The connection got better or worse.</summary>
    Quality = 4,

    /// <summary>The engine reported an error (errorOccurred); a fatal one while in the room is a drop.</summary>
    Error = 5,
}

/// <summary>
/// The last thing a site's console reported about its video, and the incident its drop opened
/// (closed again when the console is back in the room). A few writes a minute per site: not audited,
/// the incidents it opens are.
/// </summary>
public class SiteVideo : INotAudited
{
    public int SiteId { get; set; }
    public int MeetingId { get; set; }
    public bool InRoom { get; set; }
    public int Participants { get; set; }
    public SignalQuality? Quality { get; set; }
    public string? LastError { get; set; }

    /// <summary>When it last went in or out of the room.</summary>
    public DateTime Since { get; set; }
    public DateTime ReportedAt { get; set; }
    public int? DropIncidentId { get; set; }
    public Incidents.Incident? DropIncident { get; set; }
    public int Version { get; set; }
}

/// <summary>A site's video on its tile.</summary>
public sealed record SiteVideoDto(bool InRoom, int Participants, SignalQuality? Quality, string? LastError, DateTime Since, DateTime ReportedAt)
{
    public static SiteVideoDto From(SiteVideo v) => new(v.InRoom, v.Participants, v.Quality, v.LastError, v.Since, v.ReportedAt);
}

/// <summary>
/// One report from a site console. <paramref name="Participants"/>: people in the room as the
/// engine counts them; <paramref name="Fatal"/>: the engine gave up (an error the console cannot recover from).
/// </summary>
public sealed record VideoReport(VideoEvent Event, int? Participants = null, SignalQuality? Quality = null, string? Message = null, bool Fatal = false);

internal sealed class SiteVideoConfiguration : IEntityTypeConfiguration<SiteVideo>
{
    public void Configure(EntityTypeBuilder<SiteVideo> video)
    {
        video.HasKey(v => v.SiteId);
        video.Property(v => v.SiteId).ValueGeneratedNever();
        video.Property(v => v.LastError).HasMaxLength(TextLimits.Line);
        video.Property(v => v.Version).IsConcurrencyToken();
        video.HasOne<Site>().WithOne().HasForeignKey<SiteVideo>(v => v.SiteId).OnDelete(DeleteBehavior.Cascade);
        video.HasOne(v => v.DropIncident).WithMany().HasForeignKey(v => v.DropIncidentId).OnDelete(DeleteBehavior.SetNull);
        video.HasIndex(v => v.MeetingId);
    }
}
