using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Agenda;
using DienHong.Features.Assignments;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Features.Text;

namespace DienHong.Features.Demo;

/// <summary>
/// The meeting of seeds/002: the Bình Phước delegation's online voter-contact conference after the
/// second session of the 15th National Assembly, 19/11/2021, host + NA office + 11 commune sites.
/// </summary>
public static class BinhPhuocDemo
{
    private const string Front = "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh";
    private const string Press = "Cử phóng viên dự đưa tin về Hội nghị, đồng thời thông tin, tuyên truyền kết quả kỳ họp thứ 2, Quốc hội khóa XV trên kênh BPTV và báo Bình Phước.";
    public const string Title = "Hội nghị tiếp xúc cử tri trực tuyến sau kỳ họp thứ hai, Quốc hội khóa XV";
    private static readonly DateTime Start = VietnamTime.ToUtc(new DateTime(2021, 11, 19, 8, 0, 0));
    private static readonly DateTime ConnectionTest = VietnamTime.ToUtc(new DateTime(2021, 11, 18, 14, 0, 0));
    private static readonly DateOnly UnitsUntil = new(2025, 6, 30);

    /// <summary>District-level units of 2021 (code, name) and the commune each chose to connect.</summary>
    private static readonly (string Code, string District, string Commune)[] Districts =
    [
        ("689", "Thành phố Đồng Xoài", "Phường Tiến Thành"),
        ("690", "Thị xã Bình Long", "Phường An Lộc"),
        ("688", "Thị xã Phước Long", "Phường Long Phước"),
        ("697", "Huyện Chơn Thành", "Xã Minh Hưng"),
        ("695", "Huyện Đồng Phú", "Xã Tân Lập"),
        ("696", "Huyện Bù Đăng", "Xã Đức Liễu"),
        ("693", "Huyện Bù Đốp", "Xã Thiện Hưng"),
        ("691", "Huyện Bù Gia Mập", "Xã Phú Nghĩa"),
        ("694", "Huyện Hớn Quản", "Xã Thanh Bình"),
        ("692", "Huyện Lộc Ninh", "Xã Lộc Thái"),
        ("698", "Huyện Phú Riềng", "Xã Bù Nho"),
    ];

    public sealed record DemoUnits(AdministrativeUnit Province, IReadOnlyList<AdministrativeUnit> Districts, IReadOnlyList<AdministrativeUnit> Communes)
    {
        public IEnumerable<AdministrativeUnit> All => [Province, .. Districts, .. Communes];
    }

    /// <summary>The province, its 2021 districts and one commune each; <paramref name="known"/> may swap one for a registered unit.</summary>
    public static DemoUnits Units(Func<AdministrativeUnit, AdministrativeUnit>? known = null)
    {
        known ??= u => u;
        var province = known(new AdministrativeUnit { Code = "70", Name = "Tỉnh Bình Phước", Level = AdministrativeLevel.Province, ValidTo = UnitsUntil });
        var districts = Districts.Select(d => known(new AdministrativeUnit { Code = d.Code, Name = d.District, Level = AdministrativeLevel.District, Parent = province, ValidTo = UnitsUntil })).ToList();
        var communes = Districts.Select((d, i) => known(new AdministrativeUnit { Code = d.Code + ".01", Name = d.Commune, Level = AdministrativeLevel.Commune, Parent = districts[i], ValidTo = UnitsUntil })).ToList();
        return new DemoUnits(province, districts, communes);
    }

    public static Meeting Conference(DemoOrganizations o, DemoUnits units)
    {
        var host = new Site
        {
            Name = "Phòng họp trực tuyến, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
            IsHost = true,
            Level = SiteLevel.Province,
            AdministrativeUnitId = units.Province.Id,
            Room = "Phòng họp trực tuyến, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
            Capacity = 30,
            PresidingPerson = "Ban Thường trực UBMTTQVN tỉnh",
            TechnicalContactName = "Phòng Hành chính - Tổ chức - Quản trị",
            TechnicalContactPhone = "0271.3879.123",
            ConnectionTestAt = ConnectionTest,
        };
        var assemblyOffice = new Site
        {
            Name = "Văn phòng Quốc hội (Hà Nội)",
            Level = SiteLevel.Central,
            Room = "Phòng họp trực tuyến, Trung tâm Tin học, Văn phòng Quốc hội",
            Capacity = 30,
            TechnicalContactName = "Trung tâm Tin học, VPQH",
            ConnectionTestAt = ConnectionTest,
        };
        var communeSites = units.Communes.Select((commune, i) => new Site
        {
            Name = $"UBND {LowerFirst(commune.Name)} ({Districts[i].District})",
            Level = SiteLevel.Commune,
            AdministrativeUnitId = commune.Id,
            Room = $"Hội trường UBND {LowerFirst(commune.Name)}",
            Capacity = 30,
            PresidingPerson = $"Ban Thường trực UBMTTQVN {LowerFirst(commune.Name)}",
            TechnicalContactName = "Công chức Văn hóa - Xã hội",
            ConnectionTestAt = ConnectionTest,
        }).ToList();

        return new Meeting
        {
            Title = Title,
            Kind = MeetingKind.VoterContactConference,
            Format = MeetingFormat.Online,
            Status = MeetingStatus.Planned,
            SessionReference = "kỳ họp thứ 2, Quốc hội khóa XV",
            StartsAt = Start,
            EndsAt = Start.AddHours(3.5),
            Place = "Bình Phước",
            BackdropTitle = "TIẾP XÚC CỬ TRI VỚI ĐOÀN ĐẠI BIỂU QUỐC HỘI SAU KỲ HỌP THỨ 2, QUỐC HỘI KHÓA XV",
            Purpose = "Thông báo đến cử tri kết quả kỳ họp thứ 2, Quốc hội khóa XV; hoạt động của Đoàn ĐBQH tỉnh tại kỳ họp.\nTìm hiểu tâm tư, nguyện vọng; các ý kiến, kiến nghị của cử tri.",
            Requirements = "Hội nghị được tổ chức khoa học, hiệu quả và đảm bảo công tác phòng, chống dịch bệnh Covid - 19.",
            SignerName = "Điêu Huỳnh Sang",
            SignerTitle = "PHÓ TRƯỞNG ĐOÀN PHỤ TRÁCH",
            SigningAuthority = SigningAuthority.OnBehalfOfCollective,
            SignerOnBehalfOf = "ĐOÀN ĐẠI BIỂU QUỐC HỘI",
            Organizers =
            [
                new MeetingOrganizer { OrganizationId = o.Delegation.Id, IsLead = true },
                new MeetingOrganizer { OrganizationId = o.FrontCommittee.Id },
            ],
            LegalBases =
            [
                new LegalBasis { Order = 1, Text = "Luật Tổ chức Quốc hội" },
                new LegalBasis { Order = 2, Text = "Quy chế hoạt động của đại biểu Quốc hội và Đoàn đại biểu Quốc hội" },
                new LegalBasis { Order = 3, Text = "Nghị quyết số 525/2012/NQLT/UBTVQH13-ĐCTUBTUMTTQVN của Ủy ban Thường vụ Quốc hội và Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam hướng dẫn về việc đại biểu Quốc hội tiếp xúc cử tri" },
                new LegalBasis { Order = 4, Text = "Hướng dẫn 48/HD-UBTVQH15 ngày 29/9/2021 của Ủy ban Thường vụ Quốc hội về tổ chức tiếp xúc cử tri của đại biểu Quốc hội trong tình hình phòng, chống dịch bệnh Covid - 19" },
            ],
            Sites = [host, assemblyOffice, .. communeSites],
            Participants =
            [
                Representative(host, o.Delegation.Id, null, ParticipantRole.Delegate),
                Representative(host, o.FrontCommittee.Id, "Đại diện Ban Thường trực", ParticipantRole.Presiding),
                Representative(host, o.ProvincialCouncil.Id, "Đại diện Thường trực", ParticipantRole.Guest),
                Representative(host, o.ProvincialCommittee.Id, "Đại diện Thường trực", ParticipantRole.Guest),
                .. o.AnsweringDepartments.Append(o.Power).Select(d => Representative(host, d.Id, "Đại diện lãnh đạo", ParticipantRole.Guest)),
                new Participant { Site = assemblyOffice, PersonName = "Nguyễn Tuấn Anh", Title = "Đại biểu Quốc hội", OrganizationId = o.Delegation.Id, Role = ParticipantRole.Delegate },
                new Participant { Site = assemblyOffice, PersonName = "Phan Viết Lượng", Title = "Đại biểu Quốc hội", OrganizationId = o.Delegation.Id, Role = ParticipantRole.Delegate },
                .. communeSites.SelectMany((site, i) => new[]
                {
                    new Participant { Site = site, OrganizationName = $"Ban Thường trực UBMTTQVN {LowerFirst(Districts[i].Commune)}", Title = "Đại diện", Role = ParticipantRole.Presiding },
                    new Participant { Site = site, OrganizationName = $"Thường trực HĐND, UBND {LowerFirst(Districts[i].District)} và {LowerFirst(Districts[i].Commune)}", Title = "Đại diện lãnh đạo", Role = ParticipantRole.Guest },
                    new Participant { Site = site, OrganizationName = $"cử tri trên địa bàn {LowerFirst(Districts[i].Commune)} và các xã lân cận", Title = "Đại diện", Role = ParticipantRole.Voter },
                }),
            ],
            AgendaItems =
            [
                Item(1, "Tuyên bố lý do, giới thiệu đại biểu", "Đại diện BTTUBMTTQVN tỉnh", 10),
                Item(2, "Đoàn ĐBQH tỉnh thông báo đến cử tri kết quả kỳ họp thứ 2, Quốc hội khóa XV; hoạt động của Đoàn ĐBQH tỉnh tại kỳ họp.", "Đại diện Đoàn ĐBQH tỉnh", 30),
                Item(3, "Ý kiến, kiến nghị của cử tri", "Cử tri dự họp tại các điểm cầu", 90),
                Item(4, "Ý kiến giải trình của các sở, ban, ngành", "Đại diện lãnh đạo các sở, ban, ngành tham dự Hội nghị", 40),
                Item(5, "Đại biểu Quốc hội phát biểu ý kiến ghi nhận, giải trình, tiếp thu ý kiến, kiến nghị của cử tri", "Đại diện Đoàn ĐBQH tỉnh", 30),
                Item(6, "Kết thúc Hội nghị", "Đại diện Ban Thường trực UBMTTQVN tỉnh", 5),
            ],
            Assignments =
            [
                Task(null, "các vị đại biểu Quốc hội tỉnh", "Sắp xếp công việc, tham dự Hội nghị tiếp xúc cử tri."),
                Task(null, Front, "Rà soát, chọn mỗi huyện, thị xã, thành phố 01 đơn vị cấp xã tổ chức kết nối tham dự Hội nghị tiếp xúc cử tri trực tuyến. Thành phần cử tri tham dự tại điểm cầu xã có thể là cử tri trên địa bàn xã có tổ chức kết nối hoặc mời kết hợp cử tri các xã lân cận. Đơn vị xã được lựa chọn tổ chức kết nối và thành phần cử tri tham dự hội nghị đảm bảo theo quy định về phân cấp phòng, chống dịch bệnh Covid - 19."),
                Task(null, Front, "Triển khai lấy ý kiến, kiến nghị bằng văn bản đối với cử tri các xã, phường, thị trấn không tổ chức kết nối tham dự hội nghị tiếp xúc cử tri trực tuyến."),
                Task(null, Front, "Sắp xếp, phân công lãnh đạo dự và chủ trì Hội nghị tại điểm cầu trung tâm, Văn phòng Đoàn ĐBQH và HĐND tỉnh."),
                Task(null, Front, "Chủ trì, phối hợp với Đoàn ĐBQH tỉnh xây dựng kịch bản điều hành Hội nghị tiếp xúc cử tri."),
                Task(null, Front, "Chỉ đạo BTT UBMTTQVN cấp huyện, cấp xã tổ chức tuyên truyền rộng rãi đến các tầng lớp nhân dân về thời gian tổ chức Hội nghị trực tuyến tiếp xúc cử tri với Đoàn ĐBQH trên hệ thống phương tiện thông tin tại địa phương và niêm yết tại trụ sở làm việc của BTTUBMTTQVN cấp huyện và cấp xã (đối với xã có tổ chức họp trực tuyến); chuẩn bị điều kiện cơ sở vật chất tổ chức tham dự Hội nghị; yêu cầu bộ phận y tế địa phương phối hợp đảm bảo công tác phòng, chống dịch bệnh Covid - 19 ở điểm cầu địa phương; hướng dẫn Ban Thường trực Ủy ban MTTQVN cấp xã chủ động rà soát, tổng hợp ý kiến, kiến nghị, tâm tư nguyện vọng của cử tri để xem xét kiến nghị tại Hội nghị trực tuyến."),
                Task(null, Front, "Tổng hợp tất cả ý kiến, kiến nghị của cử tri phát biểu tại Hội nghị và bằng văn bản, gửi về Đoàn ĐBQH tỉnh", new DateOnly(2021, 11, 23)),
                Task(o.ProvincialCommittee.Id, null, "Chỉ đạo Sở Thông tin và Truyền thông, Viễn thông Bình Phước (VNPT) và các ngành chức năng có liên quan chuẩn bị cơ sở vật chất, các điều kiện cần thiết để tổ chức hội nghị trực tuyến tại các điểm cầu, cụ thể như sau:"),
                Task(o.Information.Id, null, "Hỗ trợ hệ thống quản lý đa điểm cầu trực tuyến phục vụ hội nghị."),
                Task(o.Vnpt.Id, null, "Hỗ trợ đường truyền trực tuyến phục vụ hội nghị."),
                .. o.AnsweringDepartments.Append(o.Power).Select(d => Task(d.Id, null, "Chủ động chuẩn bị nội dung liên quan của ngành trực tiếp trả lời ý kiến, kiến nghị của cử tri tại Hội nghị.")),
                Task(null, "Thường trực HĐND, UBND các huyện, thị xã, thành phố", "Cử đại diện lãnh đạo và các phòng, ban chuyên môn tham dự hội nghị tiếp xúc cử tri trực tuyến tại điểm cầu kết nối cấp xã trên địa bàn."),
                Task(o.DelegationOffice.Id, null, "Chủ trì, phối hợp với các phòng chuyên môn của Ủy ban MTTQVN tỉnh trong việc triển khai, hướng dẫn công tác tổ chức tại các điểm cầu Ủy ban nhân dân cấp xã; chuẩn bị phòng họp, cơ sở vật chất và các điều kiện cần thiết tổ chức Hội nghị; phối hợp với Sở Thông tin và Truyền thông, Viễn thông Bình Phước để thực hiện tốt công tác kết nối trực tuyến đảm bảo chất lượng Hội nghị; xây dựng văn bản gửi Trung tâm tin học, Văn phòng Quốc hội, đề nghị hỗ trợ kết nối phòng họp trực tuyến phục vụ ĐBQH ở trung ương tham dự hội nghị; phân công bộ phận phụ trách tham mưu nội dung, kinh phí tổ chức, tổng hợp các ý kiến, kiến nghị cử tri và các điều kiện phục vụ Hội nghị."),
                Task(o.Broadcaster.Id, null, Press),
                Task(o.Newspaper.Id, null, Press),
            ],
            Recipients =
            [
                .. new[]
                {
                    "Các vị ĐBQH tỉnh", "Trung tâm tin học, VPQH", "TT. HĐND tỉnh, UBND tỉnh, BTT. UBMTTQVN tỉnh", "Sở Thông tin và Truyền thông",
                    "Viễn thông Bình Phước", "TTHĐND, UBND, UBMTTQVN các huyện, thị xã, thành phố", "Đài PTTH và Báo BP", "LĐVP, Phòng TTDN, Phòng CTQH",
                }.Select((name, i) => new Recipient { Order = i + 1, Name = name }),
            ],
        };
    }

    private static Participant Representative(Site site, int organizationId, string? title, ParticipantRole role) =>
        new() { Site = site, OrganizationId = organizationId, Title = title, Role = role };

    private static AgendaItem Item(int order, string content, string presenter, int minutes) =>
        new() { Order = order, Content = content, Presenter = presenter, PlannedMinutes = minutes };

    /// <summary>A task; a deadline only where the plan sets one (seed 002 sets one, for the Front's compilation).</summary>
    private static Assignment Task(int? organizationId, string? assignee, string content, DateOnly? deadline = null) =>
        new() { OrganizationId = organizationId, AssigneeName = assignee, Content = content, Deadline = deadline };

    /// <summary>"Xã Tân Lập" → "xã Tân Lập", as it reads inside a sentence.</summary>
    private static string LowerFirst(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
