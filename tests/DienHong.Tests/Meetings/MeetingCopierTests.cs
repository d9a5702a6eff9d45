using DienHong.Features.Agenda;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;

namespace DienHong.Tests.Meetings;

public class MeetingCopierTests
{
    [Fact]
    public void A_copy_is_a_draft_with_every_time_shifted_and_people_kept_at_their_copied_site()
    {
        var start = new DateTime(2021, 11, 19, 1, 0, 0, DateTimeKind.Utc);
        var host = new Site { Id = 7, Name = "Trung tâm", IsHost = true, Capacity = 30, ConnectionTestAt = start.AddHours(-11) };
        var source = new Meeting
        {
            Id = 3,
            Title = "TXCT sau kỳ họp thứ 2",
            Status = MeetingStatus.Completed,
            StartsAt = start,
            EndsAt = start.AddHours(3),
            Sites = [host],
            Participants = [new Participant { PersonName = "Phan Viết Lượng", SiteId = 7, Site = host }],
            AgendaItems = [new AgendaItem { Order = 1, Content = "Khai mạc" }],
        };
        var newStart = start.AddDays(200);

        var copy = MeetingCopier.Copy(source, newStart, "TXCT sau kỳ họp thứ 3");

        Assert.Equal((MeetingStatus.Draft, "TXCT sau kỳ họp thứ 3", newStart.AddHours(3)), (copy.Status, copy.Title, copy.EndsAt));
        var copiedHost = Assert.Single(copy.Sites);
        Assert.NotSame(host, copiedHost);
        Assert.Equal(newStart.AddHours(-11), copiedHost.ConnectionTestAt);
        Assert.Same(copiedHost, Assert.Single(copy.Participants).Site);
        Assert.Empty(MeetingRules.Check(copy));
    }
}
