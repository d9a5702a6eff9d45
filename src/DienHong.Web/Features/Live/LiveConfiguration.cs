using DienHong.Features.Meetings;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Live;

internal sealed class LiveEventConfiguration : IEntityTypeConfiguration<LiveEvent>
{
    public void Configure(EntityTypeBuilder<LiveEvent> liveEvent)
    {
        liveEvent.Property(e => e.Type).HasMaxLength(TextLimits.Code);
        liveEvent.Property(e => e.Payload).HasMaxLength(TextLimits.Long * 8);
        liveEvent.HasOne<Meeting>().WithMany().HasForeignKey(e => e.MeetingId).OnDelete(DeleteBehavior.Cascade);
        liveEvent.HasIndex(e => new { e.MeetingId, e.Number }).IsUnique();
    }
}

internal sealed class LiveStreamConfiguration : IEntityTypeConfiguration<LiveStream>
{
    public void Configure(EntityTypeBuilder<LiveStream> stream)
    {
        stream.HasKey(s => s.MeetingId);
        stream.Property(s => s.MeetingId).ValueGeneratedNever();
        stream.HasOne<Meeting>().WithMany().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}
