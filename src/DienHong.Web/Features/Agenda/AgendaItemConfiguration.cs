using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Agenda;

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> item)
    {
        item.Property(a => a.Content).HasMaxLength(TextLimits.Line);
        item.Property(a => a.Presenter).HasMaxLength(TextLimits.Name);
        // One item per position of a meeting's agenda. Items being renumbered step aside to a
        // negative order first (MeetingAggregate), which the filter leaves out.
        item.HasIndex(a => new { a.MeetingId, a.Order }).IsUnique().HasFilter("\"Order\" > 0");
        item.HasIndex(a => a.MeetingId);
    }
}
