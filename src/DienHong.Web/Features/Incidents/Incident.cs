using System.Text.Json.Serialization;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Incidents;

[JsonConverter(typeof(JsonStringEnumConverter<IncidentKind>))]
public enum IncidentKind
{
    ConnectionLost = 1,
    NoSound = 2,
    NoPicture = 3,
    PowerCut = 4,
    Other = 5,
}

/// <summary>A problem at a site (sự cố), reported by the site or the host; closing it records how long it lasted.</summary>
public class Incident
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int? SiteId { get; set; }
    public IncidentKind Kind { get; set; }
    public string? Description { get; set; }
    public DateTime OpenedAt { get; set; }
    public required string OpenedBy { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? Resolution { get; set; }

    /// <summary>Optimistic concurrency: two people closing it at once get one result and a message.</summary>
    public int Version { get; set; }

    public TimeSpan? Duration => ClosedAt - OpenedAt;
}

public sealed record IncidentDto(int Id, int? SiteId, IncidentKind Kind, string? Description, DateTime OpenedAt, string OpenedBy, DateTime? ClosedAt, string? ClosedBy, string? Resolution, int Version)
{
    public const string EventType = "incident";

    public static IncidentDto From(Incident i) => new(i.Id, i.SiteId, i.Kind, i.Description, i.OpenedAt, i.OpenedBy, i.ClosedAt, i.ClosedBy, i.Resolution, i.Version);
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> incident)
    {
        incident.Property(i => i.Description).HasMaxLength(TextLimits.Line);
        incident.Property(i => i.OpenedBy).HasMaxLength(TextLimits.Name);
        incident.Property(i => i.ClosedBy).HasMaxLength(TextLimits.Name);
        incident.Property(i => i.Resolution).HasMaxLength(TextLimits.Line);
        incident.Property(i => i.Version).IsConcurrencyToken();
        incident.Ignore(i => i.Duration);
        incident.HasOne<Meetings.Meeting>().WithMany().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        incident.HasOne<Site>().WithMany().HasForeignKey(i => i.SiteId).OnDelete(DeleteBehavior.Cascade);
        incident.HasIndex(i => new { i.MeetingId, i.ClosedAt });
    }
}
