using DienHong.Features.Organizations;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Voting;

/// <summary>
/// An elected body as a voting body (a People's Council, a delegation): its quorum rule. A meeting's
/// body is its lead organizer. The body's size is kept as dated <see cref="MembershipChange"/>s.
/// </summary>
public class VotingBody
{
    public int OrganizationId { get; set; }
    public QuorumRule QuorumRule { get; set; } = QuorumRule.TwoThirdsOfMembers;
    public int Version { get; set; }
}

/// <summary>
/// From <see cref="EffectiveOn"/> the body has <see cref="Members"/> members (tổng số đại biểu): the
/// number at the start of a term, then each change during it (a delegate elected, removed, deceased)
/// with its reason. The membership on a day is the latest change on or before it.
/// </summary>
public class MembershipChange
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public int Members { get; set; }
    public required string Reason { get; set; }
    public string? RecordedBy { get; set; }
}

internal sealed class VotingBodyConfiguration : IEntityTypeConfiguration<VotingBody>
{
    public void Configure(EntityTypeBuilder<VotingBody> body)
    {
        body.HasKey(b => b.OrganizationId);
        body.Property(b => b.OrganizationId).ValueGeneratedNever();
        body.Property(b => b.Version).IsConcurrencyToken();
        body.HasOne<Organization>().WithOne().HasForeignKey<VotingBody>(b => b.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MembershipChangeConfiguration : IEntityTypeConfiguration<MembershipChange>
{
    public void Configure(EntityTypeBuilder<MembershipChange> change)
    {
        change.Property(c => c.Reason).HasMaxLength(TextLimits.Line);
        change.Property(c => c.RecordedBy).HasMaxLength(TextLimits.Name);
        change.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // One figure per body and day: a second change the same day replaces nothing silently.
        change.HasIndex(c => new { c.OrganizationId, c.EffectiveOn }).IsUnique();
    }
}
