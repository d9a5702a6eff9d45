using System.Security.Cryptography;
using System.Text;
using DienHong.Features.Meetings;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Projector;

/// <summary>
/// A link that opens a meeting's projector (public view) without an account: the hall's screen, a
/// stream. Only the hash of its token is stored; the secretariat sees the token once, when it makes
/// the link, and may revoke it at any time.
/// </summary>
public class ProjectorLink
{
    public int Id { get; set; }
    public int MeetingId { get; set; }

    /// <summary>"Màn hình hội trường", "Truyền hình trực tiếp".</summary>
    public required string Label { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public int Version { get; set; }

    /// <summary>A new token: 256 random bits, URL-safe.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed record ProjectorLinkDto(int Id, string Label, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt, string? RevokedBy)
{
    public static ProjectorLinkDto From(ProjectorLink l) => new(l.Id, l.Label, l.CreatedAt, l.CreatedBy, l.RevokedAt, l.RevokedBy);
}

/// <summary>A new link, with its token and path: shown this once.</summary>
public sealed record NewProjectorLink(int Id, string Label, string Token, string Path);

public sealed record ProjectorLinkInput(string? Label = null);

/// <summary>The "projector.revoked" event: projectors opened by this link stop.</summary>
public sealed record ProjectorRevoked(int LinkId)
{
    public const string EventType = "projector.revoked";
}

internal sealed class ProjectorLinkConfiguration : IEntityTypeConfiguration<ProjectorLink>
{
    public void Configure(EntityTypeBuilder<ProjectorLink> link)
    {
        link.Property(l => l.Label).HasMaxLength(TextLimits.Name);
        link.Property(l => l.TokenHash).HasMaxLength(64);
        link.Property(l => l.CreatedBy).HasMaxLength(TextLimits.Name);
        link.Property(l => l.RevokedBy).HasMaxLength(TextLimits.Name);
        link.Property(l => l.Version).IsConcurrencyToken();
        link.HasOne<Meeting>().WithMany().HasForeignKey(l => l.MeetingId).OnDelete(DeleteBehavior.Cascade);
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => l.MeetingId);
    }
}
