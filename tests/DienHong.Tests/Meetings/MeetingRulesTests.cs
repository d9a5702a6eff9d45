using DienHong.Features.Agenda;
using DienHong.Features.Assignments;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;

namespace DienHong.Tests.Meetings;

public class MeetingRulesTests
{
    private static readonly DateTime Start = new(2021, 10, 20, 1, 0, 0, DateTimeKind.Utc);

    private static Meeting Session() => new()
    {
        Title = "Kỳ họp thứ hai, Quốc hội khóa XV",
        Kind = MeetingKind.RegularSession,
        Format = MeetingFormat.Hybrid,
        StartsAt = Start,
        EndsAt = new DateTime(2021, 11, 13, 10, 0, 0, DateTimeKind.Utc),
    };

    private static IEnumerable<string> Messages(Meeting meeting) => MeetingRules.Check(meeting).Select(v => v.Message());

    [Fact]
    public void A_session_online_then_in_person_keeps_the_rules()
    {
        var session = Session();
        session.Phases.Add(new MeetingPhase { Name = "Đợt 1 (trực tuyến)", StartsAt = Start, EndsAt = new DateTime(2021, 11, 3, 10, 0, 0, DateTimeKind.Utc), Format = MeetingFormat.Online });
        session.Phases.Add(new MeetingPhase { Name = "Đợt 2 (tập trung)", StartsAt = new DateTime(2021, 11, 8, 1, 0, 0, DateTimeKind.Utc), EndsAt = session.EndsAt, Format = MeetingFormat.InPerson });
        session.Sites.Add(new Site { Name = "Hội trường Diên Hồng", IsHost = true, Capacity = 500 });

        Assert.Empty(MeetingRules.Check(session));
    }

    [Fact]
    public void Overlapping_phases_and_a_phase_outside_the_meeting_are_refused()
    {
        var session = Session();
        session.Phases.Add(new MeetingPhase { Name = "Đợt 1", StartsAt = Start, EndsAt = Start.AddDays(10) });
        session.Phases.Add(new MeetingPhase { Name = "Đợt 2", StartsAt = Start.AddDays(9), EndsAt = Start.AddDays(12) });
        session.Phases.Add(new MeetingPhase { Name = "Đợt 3", StartsAt = Start.AddDays(20), EndsAt = Start.AddDays(40) });

        var messages = Messages(session).ToList();

        Assert.Contains(messages, m => m.Contains("\"Đợt 2\" trùng thời gian với đợt \"Đợt 1\""));
        Assert.Contains(messages, m => m.Contains("\"Đợt 3\" phải nằm trong thời gian của cuộc họp"));
        Assert.Equal(2, messages.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_meeting_with_sites_needs_exactly_one_host(int hosts)
    {
        var meeting = Session();
        for (var i = 0; i < 3; i++)
        {
            meeting.Sites.Add(new Site { Name = $"Điểm cầu {i}", IsHost = i < hosts, Capacity = 30 });
        }

        Assert.Contains(Messages(meeting), m => m.Contains($"đúng một điểm cầu trung tâm (hiện có {hosts})"));
    }

    [Fact]
    public void Capacity_must_be_positive_and_the_connection_test_before_the_start()
    {
        var meeting = Session();
        meeting.Sites.Add(new Site { Name = "Trung tâm", IsHost = true, Capacity = -1 });
        meeting.Sites.Add(new Site { Name = "Xã Tiến Hưng", Capacity = 30, ConnectionTestAt = Start });

        var messages = Messages(meeting).ToList();

        Assert.Contains(messages, m => m.Contains("\"Trung tâm\": sức chứa phải là số nguyên dương"));
        Assert.Contains(messages, m => m.Contains("\"Xã Tiến Hưng\": giờ kiểm tra kết nối (20/10/2021 8h00) phải trước khi cuộc họp bắt đầu (20/10/2021 8h00)"));
    }

    [Fact]
    public void Site_names_that_differ_only_in_accents_are_duplicates()
    {
        var meeting = Session();
        meeting.Sites.Add(new Site { Name = "Xã Đồng Tiến", IsHost = true, Capacity = 30 });
        meeting.Sites.Add(new Site { Name = "xa dong tien", Capacity = 30 });

        Assert.Contains(Messages(meeting), m => m.Contains("bị trùng"));
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3 }, true)]
    [InlineData(new[] { 1, 3, 4 }, false)]
    [InlineData(new[] { 1, 1, 2 }, false)]
    [InlineData(new[] { 0, 1, 2 }, false)]
    public void Agenda_order_runs_from_one_without_gaps(int[] orders, bool valid)
    {
        var meeting = Session();
        meeting.AgendaItems.AddRange(orders.Select(o => new AgendaItem { Order = o, Content = $"Mục {o}" }));

        Assert.Equal(valid, !Messages(meeting).Any(m => m.Contains("Thứ tự chương trình")));
    }

    [Fact]
    public void A_participant_needs_a_name_or_an_organization_and_a_site_of_this_meeting()
    {
        var meeting = Session();
        meeting.Participants.Add(new Participant { Role = ParticipantRole.Guest });
        meeting.Participants.Add(new Participant { PersonName = "Nguyễn Tuấn Anh", Site = new Site { Name = "Điểm cầu của cuộc họp khác", Capacity = 5 } });

        var messages = Messages(meeting).ToList();

        Assert.Contains(messages, m => m.Contains("phải có họ tên hoặc cơ quan"));
        Assert.Contains(messages, m => m.Contains("\"Nguyễn Tuấn Anh\" được xếp vào điểm cầu không thuộc cuộc họp này"));
    }

    [Fact]
    public void A_task_needs_content_and_an_assignee()
    {
        var meeting = Session();
        meeting.Assignments.Add(new Assignment { Content = "Đảm bảo điện liên tục", Deadline = new DateOnly(2021, 11, 19) });

        Assert.Contains(Messages(meeting), m => m.Contains("chưa giao cho cơ quan nào"));
    }

    [Fact]
    public void End_before_start_is_refused()
    {
        var meeting = Session();
        meeting.EndsAt = meeting.StartsAt.AddMinutes(-1);

        Assert.Contains(Messages(meeting), m => m.Contains("Thời gian kết thúc phải sau thời gian bắt đầu"));
    }
}
