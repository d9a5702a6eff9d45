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
        assignment.Ignore(a => a.Assignee);
        assignment.HasOne(a => a.Organization).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}
