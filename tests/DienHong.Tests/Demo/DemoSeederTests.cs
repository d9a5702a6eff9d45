using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Demo;
using DienHong.Features.Live;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Readiness;
using DienHong.Features.Sites;
using DienHong.Features.Sittings;
using DienHong.Features.Voting;
using DienHong.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
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
        // Seven users of the plan and the live core, two agencies that answer petitions (sogtvt, soyte), and
        // the council session's chair, secretary, district operator and 36 delegates (VotingDemo).
        Assert.Equal(9 + 3 + 36, await db.Users.CountAsync(u => u.UserName != "admin", Token));
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

    /// <summary>
    /// The council session as a newcomer finds it: 35 of the 50 members checked in (quorum is 34),
    /// delegates at the hall and at the district site, a draft resolution on item 2 and a secret
    /// ballot of two candidates for one seat on item 3 — which the demo chair takes to a result:
    /// 32 ballots, announced only after the counting committee confirms, one candidate elected.
    /// </summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_council_session_has_quorum_delegates_at_two_sites_and_a_secret_ballot_that_elects_one_of_two(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true) { Settings = { ["Http:SignInsPerMinute"] = "1000" } };
        int meetingId, sittingId, itemId;
        List<(int ParticipantId, string UserName, int SiteId)> delegates;
        _ = app.Services;
        await using (var db = app.CreateContext())
        {
            meetingId = await db.Meetings.Where(m => m.Title == DienBienDemo.Title).Select(m => m.Id).SingleAsync(Token);
            var quorum = await Quorum.StateAsync(db, meetingId, DateTime.UtcNow, Token);
            Assert.Equal((VotingDemo.Members, 34, 35, true), (quorum.Members, quorum.Required, quorum.Present, quorum.HasQuorum));
            var hall = await db.Sites.SingleAsync(s => s.MeetingId == meetingId && s.IsHost, Token);
            var district = await db.Sites.SingleAsync(s => s.MeetingId == meetingId && s.Name == VotingDemo.DistrictSiteName, Token);
            Assert.Equal([(hall.Id, 23), (district.Id, 12)], quorum.Sites.OrderByDescending(s => s.SiteId == hall.Id).Select(s => (s.SiteId, s.Present)));
            var rows = await (from p in db.Participants
                              where p.MeetingId == meetingId && p.UserId != null
                              join u in db.Users on p.UserId equals u.Id
                              orderby p.Id
                              select new { p.Id, u.UserName, SiteId = p.SiteId!.Value }).ToListAsync(Token);
            delegates = [.. rows.Select(r => (r.Id, r.UserName!, r.SiteId))];
            Assert.Equal(36, delegates.Count);
            Assert.Equal(12, delegates.Count(d => d.SiteId == district.Id));
            Assert.Contains(delegates, d => d.UserName == VotingDemo.HallDelegate && d.SiteId == hall.Id);
            var motions = await MotionService.ListAsync(db, meetingId, Token);
            Assert.Equal([(VotingDemo.Resolution, VotingMethod.Open, MotionState.Draft), (VotingDemo.Election, VotingMethod.Secret, MotionState.Draft)],
                motions.Select(m => (m.Title, m.Method, m.State)));
            Assert.Equal(VotingDemo.Candidates, motions[1].Candidates.Select(c => c.Name));
            sittingId = await db.Sittings.Where(s => s.MeetingId == meetingId).Select(s => s.Id).SingleAsync(Token);
            itemId = motions[1].AgendaItemId;
        }

        // The demo chair starts the sitting, moves to item 3 and opens the ballot.
        var chair = await app.SignInAsync(VotingDemo.Chair, DemoSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await chair.PutAsJsonAsync($"/api/meetings/{meetingId}/sittings/{sittingId}/state", new SittingStateInput(SittingState.InProgress), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chair.PutAsJsonAsync($"/api/meetings/{meetingId}/current-item", new CurrentItemInput(itemId), Token)).StatusCode);
        var election = (await chair.GetFromJsonAsync<List<MotionDto>>($"/api/meetings/{meetingId}/motions", Token))!.Single(m => m.Title == VotingDemo.Election);
        Assert.Equal(HttpStatusCode.OK, (await chair.PostAsync($"/api/meetings/{meetingId}/motions/{election.Id}/open", null, Token)).StatusCode);

        // 32 delegates present at both sites cast ballots: 27 for the first candidate, 5 for the second.
        var voters = delegates.Where(d => d.UserName != VotingDemo.HallDelegate).Take(32).ToList();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var voter in voters)
            {
                Assert.True((await users.AddPasswordAsync((await users.FindByNameAsync(voter.UserName))!, DienHongApp.Password)).Succeeded);
            }
        }

        var (first, second) = (election.Candidates[0].Id, election.Candidates[1].Id);
        var cast = await Task.WhenAll(voters.Select(async (voter, i) =>
        {
            var client = await app.SignInAsync(voter.UserName, DienHongApp.Password);
            return await client.PostAsJsonAsync($"/api/meetings/{meetingId}/motions/{election.Id}/ballots", new BallotInput([new BallotMarkInput(i < 27 ? first : second)]), Token);
        }));
        Assert.All(cast, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var closed = await (await chair.PostAsync($"/api/meetings/{meetingId}/motions/{election.Id}/close", null, Token)).Content.ReadFromJsonAsync<MotionDto>(Token);
        Assert.Null(closed!.Result);
        var confirmed = await (await chair.PostAsync($"/api/meetings/{meetingId}/motions/{election.Id}/confirm", null, Token)).Content.ReadFromJsonAsync<MotionDto>(Token);
        Assert.Equal([(VotingDemo.Candidates[0], 27, true), (VotingDemo.Candidates[1], 5, false)], confirmed!.Candidates.Select(c => (c.Name, c.Chosen!.Value, c.Elected!.Value)));
        Assert.Contains("Lò Văn Minh: 27 (54,00%) — trúng cử", confirmed.Result!.Lines);
        Assert.Contains("Số phiếu thu vào: 32 (64,00%)", confirmed.Result.Lines);
    }
}
