using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Assignments;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> assignment)
    {
        assignment.Property(a => a.AssigneeName).HasMaxLength(TextLimits.Name);
        assignment.Property(a => a.Content).HasMaxLength(TextLimits.Long);
        assignment.Property(a => a.CompletionNote).HasMaxLength(TextLimits.Line);
        assignment.Property(a => a.CompletedBy).HasMaxLength(TextLimits.Name);
        assignment.Ignore(a => a.Assignee);
        assignment.HasOne(a => a.Organization).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}
