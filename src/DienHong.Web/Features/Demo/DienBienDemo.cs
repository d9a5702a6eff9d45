using DienHong.Features.Assignments;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Features.Sites;
using DienHong.Features.Text;

namespace DienHong.Features.Demo;

/// <summary>
/// The meeting of seeds/004: the Điện Biên People's Council's online sitting of its 13th
/// (extraordinary) session, 14/4/2020 from 7h30, linking the province to its districts.
/// </summary>
public static class DienBienDemo
{
    public const string Title = "Phiên họp trực tuyến, kỳ họp thứ 13 (bất thường), HĐND tỉnh khóa XIV";
    private static readonly DateTime Start = VietnamTime.ToUtc(new DateTime(2020, 4, 14, 7, 30, 0));
    private static readonly DateTime ConnectionTest = VietnamTime.ToUtc(new DateTime(2020, 4, 13, 14, 0, 0));

    private static readonly string[] Districts =
    [
        "Thành phố Điện Biên Phủ", "Thị xã Mường Lay", "Huyện Điện Biên", "Huyện Điện Biên Đông", "Huyện Mường Ảng",
        "Huyện Tuần Giáo", "Huyện Tủa Chùa", "Huyện Mường Chà", "Huyện Mường Nhé", "Huyện Nậm Pồ",
    ];

    public static Meeting Session(DemoOrganizations o) => new()
    {
        Title = Title,
        Kind = MeetingKind.ExtraordinarySession,
        Format = MeetingFormat.Online,
        Status = MeetingStatus.Completed,
        SessionReference = "kỳ họp thứ 13 (bất thường), HĐND tỉnh khóa XIV",
        StartsAt = Start,
        EndsAt = Start.AddHours(4),
        Place = "Điện Biên",
        BackdropTitle = "KỲ HỌP THỨ 13 (BẤT THƯỜNG)",
        Purpose = "Tổ chức thành công phiên họp trực tuyến kỳ họp thứ 13 (bất thường), HĐND tỉnh khóa XIV.",
        SignerName = "Giàng Thị Hoa",
        SignerTitle = "PHÓ CHỦ TỊCH",
        SigningAuthority = SigningAuthority.Deputy,
        SignerOnBehalfOf = "CHỦ TỊCH",
        SignerCollective = "THƯỜNG TRỰC HĐND TỈNH",
        Organizers = [new MeetingOrganizer { OrganizationId = o.DienBienCouncil.Id, IsLead = true }],
        References =
        [
            new MeetingReference { Order = 1, Kind = ReferenceKind.Letter, Number = "49/HĐND-VP", IssuedOn = new DateOnly(2020, 4, 7), Issuer = "Thường trực HĐND tỉnh", Summary = "triệu tập kỳ họp thứ 13 (bất thường), HĐND tỉnh khóa XIV" },
            new MeetingReference { Order = 2, Kind = ReferenceKind.Notice, Number = "47/TB-HĐND", IssuedOn = new DateOnly(2020, 4, 7), Issuer = "Thường trực HĐND tỉnh", Summary = "phân công nhiệm vụ chuẩn bị kỳ họp thứ 13 (bất thường)", Concerns = "Văn phòng HĐND tỉnh, Văn phòng UBND tỉnh" },
        ],
        Sites =
        [
            new Site { Name = "Phòng họp trung tâm, trụ sở Đoàn ĐBQH và HĐND tỉnh", IsHost = true, Level = SiteLevel.Province, Room = "Phòng họp trực tuyến", Capacity = 80, ConnectionTestAt = ConnectionTest },
            new Site { Name = "Trụ sở UBND tỉnh", Level = SiteLevel.Province, Room = "Phòng họp trực tuyến UBND tỉnh", Capacity = 40, ConnectionTestAt = ConnectionTest },
            .. Districts.Select(d => new Site
            {
                Name = d, Level = SiteLevel.District, Room = "Phòng họp trực tuyến " + char.ToLowerInvariant(d[0]) + d[1..], Capacity = 40,
                PresidingPerson = "Thường trực HĐND " + char.ToLowerInvariant(d[0]) + d[1..], ConnectionTestAt = ConnectionTest,
            }),
        ],
        Assignments =
        [
            Task(o.DienBienInformation.Id, null, "Chủ trì, phối hợp với Văn phòng HĐND tỉnh, Văn phòng UBND tỉnh, bố trí phòng họp trực tuyến tại trụ sở Đoàn ĐBQH và HĐND tỉnh (phòng họp trung tâm), trụ sở UBND tỉnh để tổ chức phiên họp đảm bảo theo kế hoạch."),
            Task(o.DienBienInformation.Id, null, "Chỉ đạo các cơ quan, đơn vị liên quan, phối hợp với Thường trực HĐND, UBND các huyện, thị xã, thành phố chuẩn bị phòng họp trực tuyến tại các địa phương và chịu trách nhiệm về kỹ thuật phục vụ HĐND tỉnh tổ chức phiên họp."),
            Task(o.DienBienInformation.Id, null, "Chỉ đạo các cơ quan, đơn vị chức năng đảm bảo hệ thống đường truyền Internet tại trụ sở HĐND tỉnh, UBND tỉnh và Cổng Thông tin điện tử Đoàn ĐBQH và HĐND tỉnh hoạt động thông suốt, liên tục phục vụ đại biểu khai thác, nghiên cứu tài liệu kỳ họp."),
            Task(o.DienBienPower.Id, null, "Đảm bảo hệ thống điện liên tục trên địa bàn toàn tỉnh trong ngày 14/4/2020 để phục vụ HĐND tỉnh tổ chức phiên họp trực tuyến theo kế hoạch."),
            Task(null, "Thường trực HĐND, UBND các huyện, thị xã, thành phố", "Phối hợp với Sở Thông tin và Truyền thông, các cơ quan, đơn vị liên quan chuẩn bị phòng họp trực tuyến tại địa phương và chuẩn bị các điều kiện để tổ chức phiên họp."),
            Task(null, "Thường trực HĐND, UBND các huyện, thị xã, thành phố", "Thông báo địa điểm phòng họp trực tuyến tại địa phương đến các thành phần dự họp."),
            Task(null, "Thường trực HĐND, UBND các huyện, thị xã, thành phố", "Chỉ đạo Văn phòng HĐND - UBND chuẩn bị maket tại phòng họp, nội dung như sau:"),
        ],
        Recipients =
        [
            .. new[] { "Thường trực HĐND tỉnh", "UBND tỉnh", "Văn phòng UBND tỉnh", "LĐ VP HĐND tỉnh" }.Select((name, i) => new Recipient { Order = i + 1, Name = name }),
        ],
    };

    private static Assignment Task(int? organizationId, string? assignee, string content, int? dayOfApril = null) =>
        new() { OrganizationId = organizationId, AssigneeName = assignee, Content = content, Deadline = dayOfApril is { } day ? new DateOnly(2020, 4, day) : null, Status = AssignmentStatus.Done };
}
