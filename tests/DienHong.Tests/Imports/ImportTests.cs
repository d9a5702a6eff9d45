using System.Text;
using DienHong.Data;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Meetings;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Imports;

public class ImportTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<int> AddMeetingAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var meeting = MeetingPersistenceTests.NewMeeting();
        db.Meetings.Add(meeting);
        await db.SaveMeetingAsync(meeting, Token);
        return meeting.Id;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_good_site_file_lands_whole(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var meetingId = await AddMeetingAsync(database);
        var xlsx = SpreadsheetBuilder.Build(
            ["Tên điểm cầu", "Cấp", "Phòng họp", "Sức chứa", "Người chủ trì", "Giờ kiểm tra kết nối"],
            ["UBND xã Tân Lập", "Xã", "Hội trường UBND xã", 30, "BTT UBMTTQVN xã Tân Lập", new DateTime(2021, 11, 18, 14, 0, 0)],
            ["UBND phường An Lộc", "xa", null, 25, null, "18/11/2021 14h00"]);

        await using var db = database.CreateContext();
        var result = await db.ImportSitesAsync(meetingId, new MemoryStream(xlsx), "diem-cau.xlsx", Token);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(2, result.Imported);
        await using var check = database.CreateContext();
        var imported = await check.Sites.Where(s => s.Name == "UBND xã Tân Lập").SingleAsync(Token);
        Assert.Equal((30, SiteLevel.Commune, new DateTime(2021, 11, 18, 7, 0, 0, DateTimeKind.Utc)), (imported.Capacity, imported.Level, imported.ConnectionTestAt));
        Assert.Equal(4, await check.Sites.CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_site_file_with_bad_rows_reports_each_line_and_saves_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var meetingId = await AddMeetingAsync(database);
        var csv = Csv("""
            Tên điểm cầu;Sức chứa;Cấp;Giờ kiểm tra kết nối
            UBND xã Tân Lập;30;Xã;18/11/2021 14:00
            UBND xã Đức Liễu;ba mươi;Xã;
            ;20;Xã;
            UBND xã Thiện Hưng;30;Liên xã;31/02/2021 14:00
            Xã Thanh Xương;30;Xã;
            """);

        await using var db = database.CreateContext();
        var result = await db.ImportSitesAsync(meetingId, csv, "diem-cau.csv", Token);

        Assert.False(result.Succeeded);
        Assert.Equal([3, 4, 5, 6], result.Errors.Select(e => e.Line));
        Assert.Contains("Sức chứa \"ba mươi\" không phải số nguyên dương", result.Errors[0].Message);
        Assert.Contains("Thiếu Tên điểm cầu", result.Errors[1].Message);
        Assert.Contains("Cấp \"Liên xã\" không hợp lệ", result.Errors[2].Message);
        Assert.Contains("Giờ kiểm tra kết nối \"31/02/2021 14:00\"", result.Errors[2].Message);
        Assert.Contains("\"Xã Thanh Xương\" đã có", result.Errors[3].Message);
        await using var check = database.CreateContext();
        Assert.Equal(2, await check.Sites.CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_file_that_breaks_a_meeting_rule_saves_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var meetingId = await AddMeetingAsync(database);

        await using var db = database.CreateContext();
        var result = await db.ImportSitesAsync(meetingId, Csv("Tên điểm cầu,Sức chứa,Trung tâm\nĐiểm cầu thứ hai,30,x\n"), "x.csv", Token);

        Assert.Equal((2, "Cuộc họp đã có điểm cầu trung tâm \"Điểm cầu trung tâm\": bỏ dấu ở cột Trung tâm."), (Assert.Single(result.Errors).Line, result.Errors[0].Message));
        await using var check = database.CreateContext();
        Assert.Equal(2, await check.Sites.CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Participants_are_matched_to_sites_and_registered_organizations(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var meetingId = await AddMeetingAsync(database);
        await using (var setup = database.CreateContext())
        {
            setup.Organizations.Add(new Organization { Name = "Sở Y tế", Kind = OrganizationKind.Department });
            await setup.SaveChangesAsync(Token);
        }

        var csv = Csv("""
            Họ tên,Chức vụ,Cơ quan,Vai trò,Điểm cầu
            Phan Viết Lượng,Đại biểu Quốc hội,,Đại biểu,Điểm cầu trung tâm
            ,Đại diện lãnh đạo,so y te,Khách mời,diem cau trung tam
            ,,Cử tri xã Thanh Xương,Cử tri,Xã Thanh Xương
            """);

        await using var db = database.CreateContext();
        var result = await db.ImportParticipantsAsync(meetingId, csv, "thanh-phan.csv", Token);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        await using var check = database.CreateContext();
        var people = await check.Participants.Include(p => p.Site).Include(p => p.Organization).ToListAsync(Token);
        Assert.Equal(3, people.Count);
        Assert.Equal("Sở Y tế", people.Single(p => p.Role == ParticipantRole.Guest).Organization!.Name);
        Assert.Equal("Cử tri xã Thanh Xương", people.Single(p => p.Role == ParticipantRole.Voter).OrganizationName);
        Assert.All(people, p => Assert.NotNull(p.Site));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Participant_rows_without_name_or_organization_or_with_an_unknown_site_are_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var meetingId = await AddMeetingAsync(database);
        var csv = Csv("Họ tên,Cơ quan,Vai trò,Điểm cầu\nNguyễn Văn A,,,Xã Không Có\n,,Đại biểu,\nTrần Thị B,,Thư ký,\n");

        await using var db = database.CreateContext();
        var result = await db.ImportParticipantsAsync(meetingId, csv, "x.csv", Token);

        Assert.Equal([2, 3, 4], result.Errors.Select(e => e.Line));
        Assert.Contains("Không tìm thấy điểm cầu \"Xã Không Có\"", result.Errors[0].Message);
        Assert.Contains("Cần Họ tên hoặc Cơ quan", result.Errors[1].Message);
        Assert.Contains("Vai trò \"Thư ký\" không hợp lệ", result.Errors[2].Message);
        await using var check = database.CreateContext();
        Assert.Equal(0, await check.Participants.CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Units_import_with_parents_from_the_same_file_and_no_district_after_the_reform(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "don-vi-hanh-chinh-mau.csv"), Token);

        await using (var db = database.CreateContext())
        {
            var good = await db.ImportAdministrativeUnitsAsync(new MemoryStream(sample), "don-vi.csv", Token);
            Assert.True(good.Succeeded, string.Join("; ", good.Errors));
        }

        await using (var db = database.CreateContext())
        {
            var bad = await db.ImportAdministrativeUnitsAsync(Csv("Mã,Tên,Cấp,Mã đơn vị cấp trên,Hiệu lực từ\n999,Huyện Mới,Huyện,11,01/08/2025\n01,Thành phố Hà Nội,Tỉnh,,\n"), "x.csv", Token);
            Assert.Equal([2, 3], bad.Errors.Select(e => e.Line));
            Assert.Contains("không còn đơn vị hành chính cấp huyện", bad.Errors[0].Message);
            Assert.Contains("Mã \"01\" đã có", bad.Errors[1].Message);
        }

        await using var check = database.CreateContext();
        var commune = await check.AdministrativeUnits.Include(u => u.Parent).SingleAsync(u => u.Code == "26734", Token);
        Assert.Equal(("Thành phố Hồ Chí Minh", AdministrativeLevel.Commune), (commune.Parent!.Name, commune.Level));
        Assert.Equal(7, await check.AdministrativeUnits.CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Organizations_import_with_kinds_parents_and_validity(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var csv = Csv("""
            Tên,Tên viết tắt,Loại,Cơ quan cấp trên,Hiệu lực từ,Hiệu lực đến
            Văn phòng Quốc hội,VPQH,Văn phòng,,,
            "Trung tâm Tin học, Văn phòng Quốc hội",,Văn phòng,van phong quoc hoi,,
            Sở Thông tin và Truyền thông,,"Sở, ngành",,,28/02/2025
            """);

        await using (var db = database.CreateContext())
        {
            var result = await db.ImportOrganizationsAsync(csv, "co-quan.csv", Token);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }

        await using (var db = database.CreateContext())
        {
            var again = await db.ImportOrganizationsAsync(Csv("Tên,Loại,Hiệu lực từ\nVăn phòng Quốc hội,Văn phòng,\nBáo Nhân Dân,Tờ báo,31/13/2025\n"), "x.csv", Token);
            Assert.Equal([2, 3], again.Errors.Select(e => e.Line));
            Assert.Contains("Loại \"Tờ báo\" không hợp lệ", again.Errors[1].Message);
            Assert.Contains("Hiệu lực từ \"31/13/2025\" không phải một ngày có thật", again.Errors[1].Message);
        }

        await using var check = database.CreateContext();
        var centre = await check.Organizations.Include(o => o.Parent).SingleAsync(o => o.Name.StartsWith("Trung tâm"), Token);
        Assert.Equal("Văn phòng Quốc hội", centre.Parent!.Name);
        Assert.Equal(new DateOnly(2025, 2, 28), (await check.Organizations.SingleAsync(o => o.Name.StartsWith("Sở"), Token)).ValidTo);
        Assert.Equal(3, await check.Organizations.CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Over_long_cells_and_unclear_host_marks_are_row_errors_not_database_failures(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var meetingId = await AddMeetingAsync(database);
        var longName = "UBND xã " + new string('A', 300);
        var csv = Csv($"Tên điểm cầu,Sức chứa,Trung tâm,Điện thoại\n{longName},30,,\nXã Minh Hưng,30,có lẽ,\nXã Lộc Thái,30,,0271 3879 123 máy lẻ 1234567890123456789012345678901234567890\n");

        await using (var db = database.CreateContext())
        {
            var sites = await db.ImportSitesAsync(meetingId, csv, "diem-cau.csv", Token);

            Assert.Equal([2, 3, 4], sites.Errors.Select(e => e.Line));
            Assert.Contains("Tên điểm cầu dài 308 ký tự, tối đa 300", sites.Errors[0].Message);
            Assert.Contains("Trung tâm \"có lẽ\" không hợp lệ", sites.Errors[1].Message);
            Assert.Contains("Điện thoại dài", sites.Errors[2].Message);
        }

        await using (var db = database.CreateContext())
        {
            var people = await db.ImportParticipantsAsync(meetingId, Csv($"Họ tên,Email\nNguyễn Văn A,{new string('a', 96)}@x.vn\n"), "x.csv", Token);
            Assert.Equal((2, "Email dài 101 ký tự, tối đa 100."), (Assert.Single(people.Errors).Line, people.Errors[0].Message));
        }

        await using var check = database.CreateContext();
        Assert.Equal((2, 0), (await check.Sites.CountAsync(Token), await check.Participants.CountAsync(Token)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Units_need_a_parent_of_a_higher_level_and_all_their_problems_are_listed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var csv = Csv("""
            Mã;Tên;Cấp;Mã đơn vị cấp trên;Hiệu lực từ;Hiệu lực đến
            70;Tỉnh Bình Phước;Tỉnh;;;30/06/2025
            689;Thành phố Đồng Xoài;Cấp huyện;70;;30/06/2025
            25195;Phường Tân Phú;Phường;689;;30/06/2025
            25196;Phường Tân Đồng;Xã;25195;;
            ;;;;;
            697;Huyện Chơn Thành;Huyện;70;01/07/2021;30/06/2020
            ;Xã Không Mã;;;;
            """);

        await using (var db = database.CreateContext())
        {
            var result = await db.ImportAdministrativeUnitsAsync(csv, "don-vi.csv", Token);

            Assert.Equal([5, 7, 8], result.Errors.Select(e => e.Line));
            Assert.Contains("Đơn vị cấp trên \"Phường Tân Phú\" phải ở cấp cao hơn xã", result.Errors[0].Message);
            Assert.Contains("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực", result.Errors[1].Message);
            Assert.Equal("Thiếu Mã; thiếu Cấp.", result.Errors[2].Message);
        }

        await using var check = database.CreateContext();
        Assert.Equal(0, await check.AdministrativeUnits.CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Organization_kinds_are_read_as_offices_write_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var csv = Csv("Tên;Loại\nSở Y tế;Sở/ngành\nỦy ban Mặt trận Tổ quốc Việt Nam tỉnh Bình Phước;Ủy ban/Mặt trận\nBáo Bình Phước;bao chi\n");

        await using (var db = database.CreateContext())
        {
            var result = await db.ImportOrganizationsAsync(csv, "co-quan.csv", Token);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }

        await using var check = database.CreateContext();
        Assert.Equal(
            [OrganizationKind.Department, OrganizationKind.Committee, OrganizationKind.Press],
            (await check.Organizations.OrderBy(o => o.Id).Select(o => o.Kind).ToListAsync(Token)));
    }
}
