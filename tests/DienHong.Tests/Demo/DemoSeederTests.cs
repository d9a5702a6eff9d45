using DienHong.Data;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Demo;
using DienHong.Features.Live;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Readiness;
using DienHong.Features.Sites;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TestResult = DienHong.Features.Readiness.TestResult;

namespace DienHong.Tests.Demo;

public class DemoSeederTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_is_the_conference_of_seed_002_and_seeding_twice_changes_nothing(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(Token);
        }

        await using var db = app.CreateContext();
        var id = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(Token);
        var conference = (await db.LoadMeetingAsync(id, Token))!;

        Assert.Equal(2, await db.Meetings.CountAsync(Token));
        Assert.Equal(13, conference.Sites.Count);
        Assert.Single(conference.Sites, s => s.IsHost);
        Assert.Equal(11, conference.Sites.Count(s => s.Level == SiteLevel.Commune));
        Assert.All(conference.Sites, s => Assert.Equal(30, s.Capacity));
        Assert.All(conference.Sites, s => Assert.Equal(new DateTime(2021, 11, 18, 7, 0, 0, DateTimeKind.Utc), s.ConnectionTestAt));
        Assert.Equal(
            ["Đại diện BTTUBMTTQVN tỉnh", "Đại diện Đoàn ĐBQH tỉnh", "Cử tri dự họp tại các điểm cầu", "Đại diện lãnh đạo các sở, ban, ngành tham dự Hội nghị", "Đại diện Đoàn ĐBQH tỉnh", "Đại diện Ban Thường trực UBMTTQVN tỉnh"],
            conference.AgendaItems.OrderBy(a => a.Order).Select(a => a.Presenter));
        Assert.Contains(conference.Assignments, a => a.Deadline == new DateOnly(2021, 11, 23) && a.Content.StartsWith("Tổng hợp tất cả ý kiến", StringComparison.Ordinal));
        Assert.Equal(["Nguyễn Tuấn Anh", "Phan Viết Lượng"], conference.Participants.Where(p => p.PersonName is not null).Select(p => p.PersonName).Order());
        Assert.Equal((SigningAuthority.OnBehalfOfCollective, "Điêu Huỳnh Sang"), (conference.SigningAuthority, conference.SignerName));
        Assert.Equal(8, conference.Recipients.Count);
        // Seven users of the plan and the live core, and two agencies that answer petitions (sogtvt, soyte).
        Assert.Equal(9, await db.Users.CountAsync(u => u.UserName != "admin", Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_conference_is_mostly_ready_with_a_failed_then_passed_test_an_open_problem_and_an_overdue_site(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(Token);
        }

        await using var db = app.CreateContext();
        var id = await db.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(Token);
        var board = (await ReadinessQueries.BoardAsync(db, id, LiveViewer.Staff, DateTime.UtcNow, Token))!;
        SiteTile Site(string name) => Assert.Single(board.Sites, s => s.Name.Contains(name, StringComparison.Ordinal));

        Assert.Equal((13, 11, 1, 1), (board.Summary.Sites, board.Summary.Ready, board.Summary.TestOverdue, board.Summary.OpenIncidents));
        Assert.StartsWith("11/13 điểm cầu sẵn sàng", board.Summary.Text, StringComparison.Ordinal);
        // Tiến Thành (the demo operator's site): half its checklist, no test run, past its planned test time.
        var tienThanh = Site("Tiến Thành");
        Assert.Equal((false, true, (TestResult?)null), (tienThanh.Ready, tienThanh.TestOverdue, tienThanh.LastTestResult));
        Assert.Equal(5, tienThanh.Checklist.Passed);
        // Lộc Thái: backup power failed, an open problem, so not ready though its test passed.
        var locThai = Site("Lộc Thái");
        Assert.Equal((false, 1, (TestResult?)TestResult.Passed), (locThai.Ready, locThai.OpenIncidents, locThai.LastTestResult));
        Assert.Equal(1, locThai.Checklist.Failed);
        // Thiện Hưng: a failed test, then a passing one; ready.
        var thienHung = Site("Thiện Hưng");
        Assert.True(thienHung.Ready);
        Assert.Equal(new TestResult?[] { TestResult.Failed, TestResult.Passed },
            await db.ConnectionTests.Where(t => t.SiteId == thienHung.SiteId).OrderBy(t => t.StartedAt).Select(t => t.Result).ToListAsync(Token));
        Assert.All(board.Sites.Where(s => s.SiteId != tienThanh.SiteId && s.SiteId != locThai.SiteId), s => Assert.True(s.Ready, s.Name));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Seeding_after_an_import_reuses_the_registered_units_and_organizations(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "don-vi-hanh-chinh-mau.csv"), Token);
            Assert.True((await db.ImportAdministrativeUnitsAsync(new MemoryStream(sample), "don-vi.csv", Token)).Succeeded);
            var organizations = "Tên,Loại\nĐoàn đại biểu Quốc hội tỉnh Bình Phước,Cơ quan dân cử\nSở Y tế,Sở/ngành\n"u8.ToArray();
            Assert.True((await db.ImportOrganizationsAsync(new MemoryStream(organizations), "co-quan.csv", Token)).Succeeded);
        }

        await using var app = new DienHongApp(database, seedDemo: true);
        _ = app.Services;

        await using var check = app.CreateContext();
        var province = await check.AdministrativeUnits.SingleAsync(u => u.Code == "70", Token);
        Assert.Equal(1, await check.Organizations.CountAsync(o => o.Name == "Sở Y tế", Token));
        var delegation = await check.Organizations.SingleAsync(o => o.Name == "Đoàn đại biểu Quốc hội tỉnh Bình Phước", Token);
        Assert.Equal(1, await check.OrganizationTemplates.CountAsync(t => t.OrganizationId == delegation.Id, Token));
        var conferenceId = await check.Meetings.Where(m => m.Title == BinhPhuocDemo.Title).Select(m => m.Id).SingleAsync(Token);
        var host = await check.Sites.SingleAsync(s => s.IsHost && s.MeetingId == conferenceId, Token);
        Assert.Equal(province.Id, host.AdministrativeUnitId);
        Assert.Equal(11, await check.AdministrativeUnits.CountAsync(u => u.ParentId == province.Id, Token));
    }
}
