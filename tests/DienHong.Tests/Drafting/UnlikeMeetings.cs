using DienHong.Data;
using DienHong.Features.Agenda;
using DienHong.Features.Assignments;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Drafting;

/// <summary>
/// Meetings built unlike the demo, stored in a real database: a council session of three days with
/// five sites and no legal bases (Lai Châu, after the 2025 reform); a national conference of one
/// central host and 63 provincial sites; a briefing with no participants, agenda or tasks; a sitting
/// of the Standing Committee; a voter-contact conference with three commune sites.
/// </summary>
public sealed class UnlikeMeetings : IAsyncLifetime
{
    public const string ChairName = "Vừ A Bằng";
    public const string DeputyName = "Lê Văn An";
    public const string CouncilName = "Hội đồng nhân dân tỉnh Lai Châu";

    public static readonly string[] Provinces =
    [
        "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước",
        "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp",
        "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
        "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An",
        "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng",
        "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Thành phố Hồ Chí Minh", "Trà Vinh", "Tuyên Quang",
        "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
    ];

    /// <summary>Where the public reaches the app: printed QR codes lead to pages under it.</summary>
    public const string PublicAddress = "https://dienhong.laichau.example/";

    private DienHongApp? app;

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;
    public DienHongApp App => app!;
    public int SessionId { get; private set; }
    public int NationalId { get; private set; }
    public int EmptyId { get; private set; }

    /// <summary>A sitting of the National Assembly Standing Committee, two days at the Assembly's house.</summary>
    public int SittingId { get; private set; }

    /// <summary>A voter-contact conference of the council's delegates with three commune sites.</summary>
    public int VoterContactId { get; private set; }
    public int CouncilId { get; private set; }

    /// <summary>The council's office: its secretariat plans the council's meetings and issues in its name.</summary>
    public int CouncilOfficeId { get; private set; }
    public int StandingCommitteeId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        app = new DienHongApp(await TestDatabase.CreateAsync(Provider));
        app.Settings["Http:PublicAddress"] = PublicAddress;
        _ = app.Services;
        await using var db = app.CreateContext();
        var council = new Organization { Name = CouncilName, ShortName = "HĐND tỉnh", Kind = OrganizationKind.ElectedBody };
        var office = new Organization { Name = "Văn phòng Đoàn ĐBQH và HĐND tỉnh Lai Châu", Kind = OrganizationKind.Office, Parent = council };
        var finance = new Organization { Name = "Sở Tài chính tỉnh Lai Châu", Kind = OrganizationKind.Department };
        var science = new Organization { Name = "Sở Khoa học và Công nghệ tỉnh Lai Châu", Kind = OrganizationKind.Department };
        var power = new Organization { Name = "Công ty Điện lực Lai Châu", Kind = OrganizationKind.Company };
        var standing = new Organization { Name = "Ủy ban Thường vụ Quốc hội", Kind = OrganizationKind.ElectedBody };
        var naOffice = new Organization { Name = "Văn phòng Quốc hội", Kind = OrganizationKind.Office, Parent = standing };
        db.Organizations.AddRange(council, office, finance, science, power, standing, naOffice);
        await db.SaveChangesAsync();
        CouncilId = council.Id;
        CouncilOfficeId = office.Id;
        StandingCommitteeId = standing.Id;
        db.OrganizationTemplates.AddRange(
            new OrganizationTemplate
            {
                OrganizationId = council.Id,
                IssuingBodyName = "HỘI ĐỒNG NHÂN DÂN TỈNH LAI CHÂU",
                BodySymbol = "HĐND",
                DraftingUnitSymbol = "VP",
                Place = "Lai Châu",
                ActingBodyName = "Thường trực HĐND tỉnh",
                SignerName = ChairName,
                SignerTitle = "CHỦ TỊCH",
                SigningAuthority = SigningAuthority.OnBehalfOfCollective,
                SignerOnBehalfOf = "THƯỜNG TRỰC HĐND TỈNH",
            },
            new OrganizationTemplate
            {
                OrganizationId = standing.Id,
                IssuingBodyName = "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
                BodySymbol = "UBTVQH15",
                Place = "Hà Nội",
                SignerName = "Trần Thanh Mẫn",
                SignerTitle = "CHỦ TỊCH QUỐC HỘI",
                SigningAuthority = SigningAuthority.OnBehalfOfCollective,
                SignerOnBehalfOf = "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
            });

        var start = VietnamTime.ToUtc(new DateTime(2025, 12, 8, 7, 30, 0));
        var host = new Site { Name = "Hội trường HĐND tỉnh Lai Châu", IsHost = true, Level = SiteLevel.Province, Room = "Hội trường tầng 3", Capacity = 120 };
        string[] communes = ["Xã Tân Uyên", "Xã Phong Thổ", "Xã Sìn Hồ", "Phường Đoàn Kết"];
        var session = new Meeting
        {
            Title = "Kỳ họp thứ 25 HĐND tỉnh Lai Châu khóa XV",
            Kind = MeetingKind.RegularSession,
            Format = MeetingFormat.Hybrid,
            Status = MeetingStatus.Planned,
            StartsAt = start,
            EndsAt = start.AddDays(2).AddHours(10),
            Place = "Lai Châu",
            BackdropTitle = "KỲ HỌP THỨ 25 HĐND TỈNH LAI CHÂU KHÓA XV",
            Purpose = "Xem xét, quyết định các nội dung thuộc thẩm quyền của HĐND tỉnh.",
            Organizers = [new MeetingOrganizer { OrganizationId = council.Id, IsLead = true }],
            Sites = [host, .. communes.Select(c => new Site { Name = "Điểm cầu " + c, Level = SiteLevel.Commune, Room = "Phòng họp UBND " + c.ToLowerInvariant(), Capacity = 40 })],
            Participants =
            [
                // Entered deputy first: the documents must still put the chair first (rank, not given name).
                new Participant { Site = host, PersonName = DeputyName, Title = "Phó Chủ tịch HĐND tỉnh", Role = ParticipantRole.Presiding },
                new Participant { Site = host, PersonName = ChairName, Title = "Chủ tịch HĐND tỉnh", Role = ParticipantRole.Presiding },
                new Participant { Site = host, PersonName = "Nguyễn Thị Cúc", Title = "Đại biểu HĐND tỉnh", Role = ParticipantRole.Delegate },
                new Participant { Site = host, OrganizationId = finance.Id, Title = "Đại diện lãnh đạo", Role = ParticipantRole.Guest },
            ],
            AgendaItems =
            [
                new AgendaItem { Order = 1, Content = "Khai mạc kỳ họp", Presenter = "Chủ tịch HĐND tỉnh" },
                new AgendaItem { Order = 2, Content = "Báo cáo tình hình kinh tế - xã hội năm 2025", Presenter = "UBND tỉnh" },
            ],
            Assignments =
            [
                new Assignment { OrganizationId = council.Id, Content = "Chủ trì kỳ họp theo chương trình." },
                new Assignment { OrganizationId = office.Id, Content = "Chuẩn bị hội trường, tài liệu và các điều kiện phục vụ kỳ họp", Deadline = new DateOnly(2025, 12, 5) },
                new Assignment { OrganizationId = science.Id, Content = "Bảo đảm đường truyền trực tuyến đến các điểm cầu xã, phường." },
                new Assignment { OrganizationId = power.Id, Content = "Bảo đảm cấp điện liên tục trong thời gian diễn ra kỳ họp." },
                new Assignment { OrganizationId = finance.Id, Content = "Chuẩn bị báo cáo dự toán ngân sách năm 2026", Deadline = new DateOnly(2025, 11, 28) },
            ],
            Recipients = [new Recipient { Order = 1, Name = "Thường trực Tỉnh ủy" }, new Recipient { Order = 2, Name = "Các đại biểu HĐND tỉnh" }],
        };

        var national = new Meeting
        {
            Title = "Hội nghị trực tuyến toàn quốc quán triệt Luật Tổ chức chính quyền địa phương",
            Kind = MeetingKind.Conference,
            Format = MeetingFormat.Online,
            Status = MeetingStatus.Planned,
            StartsAt = VietnamTime.ToUtc(new DateTime(2025, 7, 3, 8, 0, 0)),
            EndsAt = VietnamTime.ToUtc(new DateTime(2025, 7, 3, 11, 30, 0)),
            Place = "Hà Nội",
            Organizers = [new MeetingOrganizer { OrganizationId = standing.Id, IsLead = true }],
            Sites =
            [
                new Site { Name = "Văn phòng Quốc hội (Hà Nội)", IsHost = true, Level = SiteLevel.Central, Room = "Văn phòng Quốc hội (Hà Nội)", Capacity = 200 },
                .. Provinces.Select(p => new Site { Name = "Điểm cầu " + p, Level = SiteLevel.Province, Capacity = 50 }),
            ],
            AgendaItems = [new AgendaItem { Order = 1, Content = "Quán triệt nội dung Luật", Presenter = "Lãnh đạo Ủy ban Pháp luật" }],
            Assignments =
            [
                new Assignment { OrganizationId = naOffice.Id, Content = "Bảo đảm kết nối 63 điểm cầu." },
                new Assignment { AssigneeName = "Đoàn ĐBQH các tỉnh, thành phố", Content = "Chuẩn bị phòng họp trực tuyến tại địa phương." },
            ],
        };

        var empty = new Meeting
        {
            Title = "Họp giao ban tháng 12 của Văn phòng",
            Kind = MeetingKind.MonthlyBriefing,
            Format = MeetingFormat.InPerson,
            Status = MeetingStatus.Planned,
            StartsAt = VietnamTime.ToUtc(new DateTime(2025, 12, 1, 14, 0, 0)),
            EndsAt = VietnamTime.ToUtc(new DateTime(2025, 12, 1, 16, 0, 0)),
            Place = "Lai Châu",
            Organizers = [new MeetingOrganizer { OrganizationId = council.Id, IsLead = true }],
            Sites = [new Site { Name = "Phòng họp số 2", IsHost = true, Level = SiteLevel.Province, Capacity = 20 }],
        };

        var sittingStart = VietnamTime.ToUtc(new DateTime(2025, 10, 13, 8, 0, 0));
        var sittingHost = new Site { Name = "Nhà Quốc hội", IsHost = true, Level = SiteLevel.Central, Room = "Phòng họp D1", Capacity = 80 };
        var sitting = new Meeting
        {
            Title = "Phiên họp thứ 50 của Ủy ban Thường vụ Quốc hội",
            Kind = MeetingKind.Sitting,
            Format = MeetingFormat.InPerson,
            Status = MeetingStatus.Planned,
            StartsAt = sittingStart,
            EndsAt = sittingStart.AddDays(1).AddHours(9),
            Place = "Hà Nội",
            Organizers = [new MeetingOrganizer { OrganizationId = standing.Id, IsLead = true }],
            Sites = [sittingHost],
            Participants =
            [
                new Participant { Site = sittingHost, PersonName = "Trần Thanh Mẫn", Title = "Chủ tịch Quốc hội", Role = ParticipantRole.Presiding },
                new Participant { Site = sittingHost, PersonName = "Nguyễn Hải Ninh", Title = "Bộ trưởng Bộ Tư pháp", Role = ParticipantRole.Guest },
            ],
            AgendaItems =
            [
                new AgendaItem { Order = 1, Content = "Cho ý kiến về dự án Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật", Presenter = "Chính phủ" },
                new AgendaItem { Order = 2, Content = "Giải thích Luật Tổ chức chính quyền địa phương", Presenter = "Ủy ban Pháp luật và Tư pháp" },
            ],
            Assignments =
            [
                new Assignment { OrganizationId = naOffice.Id, Content = "Chuẩn bị phòng họp và phát hành tài liệu phiên họp." },
                new Assignment { AssigneeName = "Chính phủ", Content = "Gửi hồ sơ dự án Luật đến Ủy ban Thường vụ Quốc hội", Deadline = new DateOnly(2025, 10, 3) },
            ],
        };

        var contactStart = VietnamTime.ToUtc(new DateTime(2025, 11, 28, 8, 0, 0));
        var contactHost = new Site { Name = "Phòng họp trực tuyến HĐND tỉnh Lai Châu", IsHost = true, Level = SiteLevel.Province, Capacity = 60 };
        string[] contactCommunes = ["Xã Mường Khoa", "Xã Bản Bo", "Xã Nậm Tăm"];
        var voterContact = new Meeting
        {
            Title = "Hội nghị tiếp xúc cử tri của đại biểu HĐND tỉnh trước kỳ họp thứ 26",
            Kind = MeetingKind.VoterContactConference,
            Format = MeetingFormat.Online,
            Status = MeetingStatus.Planned,
            StartsAt = contactStart,
            EndsAt = contactStart.AddHours(3),
            Place = "Lai Châu",
            Organizers = [new MeetingOrganizer { OrganizationId = council.Id, IsLead = true }],
            Sites = [contactHost, .. contactCommunes.Select(c => new Site { Name = "Điểm cầu " + c, Level = SiteLevel.Commune, Room = "Hội trường UBND " + c.ToLowerInvariant(), Capacity = 100 })],
            Participants =
            [
                new Participant { Site = contactHost, PersonName = "Lò Thị Mai", Title = "Đại biểu HĐND tỉnh", Role = ParticipantRole.Delegate },
                new Participant { Site = contactHost, PersonName = "Tao Văn Hùng", Title = "Đại biểu HĐND tỉnh", Role = ParticipantRole.Delegate },
            ],
            Assignments =
            [
                new Assignment { OrganizationId = science.Id, Content = "Bảo đảm kết nối trực tuyến đến các điểm cầu xã." },
                new Assignment { AssigneeName = "Ủy ban MTTQ Việt Nam các xã Mường Khoa, Bản Bo, Nậm Tăm", Content = "Mời cử tri và chủ trì hội nghị tại điểm cầu xã." },
            ],
        };

        db.Meetings.AddRange(session, national, empty, sitting, voterContact);
        await db.SaveMeetingAsync(session);
        await db.SaveMeetingAsync(national);
        await db.SaveMeetingAsync(empty);
        await db.SaveMeetingAsync(sitting);
        await db.SaveMeetingAsync(voterContact);
        (SessionId, NationalId, EmptyId, SittingId, VoterContactId) = (session.Id, national.Id, empty.Id, sitting.Id, voterContact.Id);
    }

    public ValueTask DisposeAsync() => app?.DisposeAsync() ?? ValueTask.CompletedTask;
}
