using DienHong.Features.Agenda;
using DienHong.Features.Assignments;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;

namespace DienHong.Bench;

/// <summary>A national-scale meeting built in memory: a host, many commune sites, people spread over them.</summary>
internal static class LargeMeeting
{
    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"];
    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long", "Minh", "Nam", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn"];

    public static Meeting Create(int sites, int participants)
    {
        var start = new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);
        var meeting = new Meeting
        {
            Id = 1,
            Title = "Hội nghị trực tuyến toàn quốc tổng kết công tác năm",
            Kind = MeetingKind.Conference,
            Format = MeetingFormat.Online,
            StartsAt = start,
            EndsAt = start.AddHours(4),
            Place = "Hà Nội",
            BackdropTitle = "TỔNG KẾT CÔNG TÁC NĂM 2026",
            Purpose = "Đánh giá kết quả công tác năm.\nTriển khai nhiệm vụ năm tới.",
            SignerName = "Nguyễn Văn Ký",
            SignerTitle = "CHÁNH VĂN PHÒNG",
            SigningAuthority = SigningAuthority.OnBehalfOfCollective,
            SignerOnBehalfOf = "VĂN PHÒNG",
        };
        for (var i = 0; i < sites; i++)
        {
            meeting.Sites.Add(new Site
            {
                Id = i + 1,
                MeetingId = 1,
                Name = i == 0 ? "Hội trường trung tâm" : $"UBND xã Số {i}",
                IsHost = i == 0,
                Level = i == 0 ? SiteLevel.Central : SiteLevel.Commune,
                Room = $"Phòng họp số {i}",
                Capacity = 50,
                ConnectionTestAt = start.AddHours(-18),
            });
        }

        for (var i = 0; i < participants; i++)
        {
            var site = meeting.Sites[i % sites];
            meeting.Participants.Add(new Participant
            {
                Id = i + 1,
                MeetingId = 1,
                Site = site,
                SiteId = site.Id,
                PersonName = $"{FamilyNames[i % FamilyNames.Length]} Văn {GivenNames[i / 7 % GivenNames.Length]}",
                Title = "Đại biểu",
                Role = i % 50 == 0 ? ParticipantRole.Presiding : ParticipantRole.Delegate,
            });
        }

        for (var i = 1; i <= 10; i++)
        {
            meeting.AgendaItems.Add(new AgendaItem { Order = i, Content = $"Nội dung thứ {i} của chương trình hội nghị", Presenter = "Đại diện lãnh đạo" });
        }

        for (var i = 1; i <= 40; i++)
        {
            meeting.Assignments.Add(new Assignment { AssigneeName = $"Sở ngành số {i % 20}", Content = $"Chuẩn bị nội dung số {i}", Deadline = new DateOnly(2026, 11, 28) });
        }

        meeting.Recipients.Add(new Recipient { Order = 1, Name = "Các điểm cầu" });
        return meeting;
    }
}
