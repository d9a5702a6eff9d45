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
    }
}
