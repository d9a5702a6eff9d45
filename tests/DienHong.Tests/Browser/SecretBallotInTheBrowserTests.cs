using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Demo;
using DienHong.Features.Issuing;
using DienHong.Features.Projector;
using DienHong.Features.Voting;
using DienHong.Tests.Drafting;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Voting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DienHong.Tests.Browser;

/// <summary>
/// The demo council session's election in Chromium: a secret ballot of two candidates for one seat.
/// Two delegates vote on phone-sized pages (28 more from their own devices through the API), the
/// chair closes, the counting committee confirms, the projector shows who is elected; the tables
/// hold no link from a ballot to its voter; the office issues the counting record and the sitting's
/// minutes from the meeting's documents tab.
/// </summary>
public class SecretBallotInTheBrowserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_secret_ballot_on_phones_elects_one_of_two_unlinkably_and_the_office_issues_its_counting_record_and_the_minutes(DatabaseProvider provider)
    {
        await using var session = await BrowserSession.StartAsync(new DienHongApp(await TestDatabase.CreateAsync(provider), seedDemo: true) { Settings = { ["Http:SignInsPerMinute"] = "1000" } });
        int meetingId, electionId, minh, hanh;
        var token = ProjectorLink.NewToken();
        List<string> others;
        await using (var db = session.App.CreateContext())
        {
            meetingId = await db.Meetings.Where(m => m.Title == DienBienDemo.Title).Select(m => m.Id).SingleAsync(Token);
            electionId = await db.Motions.Where(m => m.MeetingId == meetingId && m.Title == VotingDemo.Election).Select(m => m.Id).SingleAsync(Token);
            var candidates = await db.Candidates.Where(c => c.MotionId == electionId).OrderBy(c => c.Order).Select(c => c.Id).ToListAsync(Token);
            (minh, hanh) = (candidates[0], candidates[1]);
            // Delegates of both sites already checked in: a secret ballot is cast from each one's own device wherever they are.
            others = await (from p in db.Participants
                            join u in db.Users on p.UserId equals u.Id
                            where p.MeetingId == meetingId && u.UserName != VotingDemo.HallDelegate
                            orderby p.Id
                            select u.UserName!).Take(29).ToListAsync(Token);
            db.ProjectorLinks.Add(new ProjectorLink { MeetingId = meetingId, Label = "Màn hình hội trường", TokenHash = ProjectorLink.Hash(token), CreatedAt = DateTime.UtcNow, CreatedBy = "thuky", Version = 1 });
            await db.SaveChangesAsync(Token);
        }

        await using (var scope = session.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var userName in others)
            {
                Assert.True((await users.AddPasswordAsync((await users.FindByNameAsync(userName))!, DienHongApp.Password)).Succeeded);
            }
        }

        // The chair starts the sitting and moves to item 3, the election.
        var chair = session.Page;
        await session.SignInAsync(VotingDemo.Chair, DemoSeeder.DemoPassword);
        await chair.GotoAsync($"/meetings/{meetingId}/conduct");
        await chair.Locator("#sittings tbody tr").First.Locator("button.start").ClickAsync();
        await Assertions.Expect(chair.Locator("#sittings tbody tr").First).ToContainTextAsync("Đang họp");
        await chair.Locator("#agenda-conduct tbody tr").Nth(2).Locator("button.make-current").ClickAsync();
        var motion = chair.Locator($"#motion-{electionId}");
        await Assertions.Expect(motion.Locator(".motion-title")).ToHaveTextAsync(VotingDemo.Election);
        await Assertions.Expect(motion).ToContainTextAsync("Bỏ phiếu kín: Bầu, chọn tối đa 1");

        var projector = await session.NewPersonAsync(1920, 1080);
        await projector.GotoAsync($"/trinh-chieu/{token}");
        await Assertions.Expect(projector.Locator("#p-item")).ToContainTextAsync("Mục 3.");

        // Two delegates on phones: the demo delegate checks in from it; another was checked in at the hall.
        var phone = await session.NewPersonAsync(390, 844, mobile: true);
        await BrowserSession.SignInAsync(phone, VotingDemo.HallDelegate, DemoSeeder.DemoPassword);
        await phone.GotoAsync($"/meetings/{meetingId}/delegate");
        await phone.ClickAsync("#delegate-check-in");
        await Assertions.Expect(phone.Locator("#delegate-presence")).ToHaveTextAsync("Đã điểm danh");
        var secondPhone = await session.NewPersonAsync(360, 740, mobile: true);
        await BrowserSession.SignInAsync(secondPhone, others[0], DienHongApp.Password);
        await secondPhone.GotoAsync($"/meetings/{meetingId}/delegate");
        await Assertions.Expect(chair.Locator("#voting-quorum")).ToContainTextAsync("Có mặt 36/50");

        await motion.Locator("button.motion-open").ClickAsync();
        await Assertions.Expect(motion.Locator(".motion-state")).ToHaveTextAsync("Đang biểu quyết");
        await Assertions.Expect(projector.Locator("#p-vote-state")).ToHaveTextAsync("Đang biểu quyết");

        // One seat: once one name is ticked the other cannot be; the receipt says the ballot went in, not what it said.
        await Assertions.Expect(phone.Locator("#delegate-vote-title")).ToHaveTextAsync(VotingDemo.Election);
        await phone.CheckAsync($"#candidate-{hanh}");
        await Assertions.Expect(phone.Locator($"#candidate-{minh}")).ToBeDisabledAsync();
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the ballot is wider than a phone screen");
        await BrowserSession.ScreenshotAsync(phone, $"secret-ballot-phone-{provider}");
        await phone.ClickAsync("#ballot-cast");
        await Assertions.Expect(phone.Locator("#ballot-receipt")).ToContainTextAsync("Phiếu của bạn đã vào hòm phiếu");
        await Assertions.Expect(phone.Locator("#ballot-cast")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(phone, $"secret-ballot-phone-cast-{provider}");
        await secondPhone.CheckAsync($"#candidate-{minh}");
        await secondPhone.ClickAsync("#ballot-cast");
        await Assertions.Expect(secondPhone.Locator("#ballot-receipt")).ToContainTextAsync("Phiếu của bạn đã vào hòm phiếu");

        // 28 more from their own devices: 26 for Quàng Thị Hạnh, 1 for Lò Văn Minh, 1 invalid (both ticked where one may be).
        var path = $"/api/meetings/{meetingId}/motions/{electionId}/ballots";
        var clients = await Task.WhenAll(others.Skip(1).Select(userName => SignInAsync(session.BaseAddress, userName)));
        // Bad input first: a name not on the ballot, and a second ballot from the same delegate — refused, nothing recorded.
        Assert.Equal(HttpStatusCode.BadRequest, (await clients[0].PostAsJsonAsync(path, new BallotInput([new(999_999)]), Token)).StatusCode);
        var again = await (await SignInAsync(session.BaseAddress, others[0])).PostAsJsonAsync(path, new BallotInput([new(hanh)]), Token);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("mỗi đại biểu một phiếu", await again.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        BallotInput[] ballots = [.. Enumerable.Repeat(new BallotInput([new(hanh)]), 26), new BallotInput([new(minh)]), new BallotInput([new(minh), new(hanh)])];
        var cast = await Task.WhenAll(clients.Zip(ballots).Select(c => c.First.PostAsJsonAsync(path, c.Second, Token)));
        Assert.All(cast, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        // The chair sees how many ballots went in, never what they say; closes; the committee confirms.
        await Assertions.Expect(motion.Locator("#voting-turnout")).ToContainTextAsync("Đã bỏ phiếu: 30/36 đại biểu có mặt");
        await motion.Locator("button.motion-close").ClickAsync();
        await Assertions.Expect(motion).ToContainTextAsync("kết quả chỉ công bố sau khi Ban kiểm phiếu xác nhận");
        await Assertions.Expect(projector.Locator("#p-vote-state")).ToHaveTextAsync("Đang kiểm phiếu");
        await Assertions.Expect(projector.Locator("#p-vote-lines li")).ToHaveCountAsync(0);
        await Assertions.Expect(phone.Locator("#vote-closed")).ToContainTextAsync("Biểu quyết đã kết thúc");
        await motion.Locator("button.motion-confirm").ClickAsync();
        await Assertions.Expect(motion.Locator(".motion-result")).ToContainTextAsync("Quàng Thị Hạnh: 27 (54,00%) — trúng cử");
        await Assertions.Expect(motion.Locator(".motion-verdict")).ToContainTextAsync("Có người trúng cử (cần 26 phiếu)");
        await Assertions.Expect(motion.Locator("button.motion-named")).ToHaveCountAsync(0);
        await session.ScreenshotAsync($"secret-ballot-chair-{provider}");

        // The projector: who is elected, against all 50 members.
        await Assertions.Expect(projector.Locator("#p-vote-state")).ToHaveTextAsync("Kết quả biểu quyết");
        await Assertions.Expect(projector.Locator("#p-vote-lines")).ToContainTextAsync("Quàng Thị Hạnh: 27 (54,00%) — trúng cử");
        await Assertions.Expect(projector.Locator("#p-vote-lines")).ToContainTextAsync("Lò Văn Minh: 2 (4,00%)");
        await Assertions.Expect(projector.Locator("#p-vote-verdict")).ToHaveTextAsync("TRÚNG CỬ: Quàng Thị Hạnh");
        Assert.True(await projector.EvaluateAsync<bool>("document.documentElement.scrollHeight <= window.innerHeight + 1"), "the projector scrolls at 1920×1080");
        await BrowserSession.ScreenshotAsync(projector, $"secret-ballot-projector-1920x1080-{provider}", fullPage: false);
        await Assertions.Expect(phone.Locator("#vote-result")).ToContainTextAsync("Quàng Thị Hạnh: 27 (54,00%) — trúng cử");

        // From the tables: who voted (30 delegates) and what was voted (30 ballots) share no key, no time and no transaction.
        await using (var db = session.App.CreateContext())
        {
            Assert.Equal(30, await db.BallotCasts.CountAsync(c => c.MotionId == electionId, Token));
            var ballotIds = await db.Ballots.Where(b => b.MotionId == electionId).Select(b => b.Id).ToListAsync(Token);
            Assert.Equal(30, ballotIds.Count);
            Assert.All(ballotIds, id => Assert.Equal(4, id.Version));
            Assert.Equal(["MotionId", "ParticipantId"], SecretBallotTests.Columns(db, typeof(BallotCast)));
            Assert.Equal(["Id", "MotionId", "Valid"], SecretBallotTests.Columns(db, typeof(Ballot)));
            Assert.Equal(["BallotId", "CandidateId", "Mark"], SecretBallotTests.Columns(db, typeof(BallotMark)));
            if (provider == DatabaseProvider.PostgreSql)
            {
                var ballotTransactions = await db.Database.SqlQuery<string>($"""SELECT xmin::text AS "Value" FROM "Ballots" WHERE "MotionId" = {electionId}""").ToListAsync(Token);
                var castTransactions = await db.Database.SqlQuery<string>($"""SELECT DISTINCT xmin::text AS "Value" FROM "BallotCasts" WHERE "MotionId" = {electionId}""").ToListAsync(Token);
                // Shuffled batches of at least 20 (concurrent casts can make one larger), the rest at close:
                // 30 ballots in at most two writes, neither of which wrote a "voted" row.
                var batches = ballotTransactions.GroupBy(x => x).Select(g => g.Count()).OrderDescending().ToList();
                Assert.InRange(batches.Count, 1, 2);
                Assert.InRange(batches[0], BallotBox.BatchSize, 30);
                Assert.Empty(ballotTransactions.Intersect(castTransactions));
            }
        }

        // The office issues the counting record and the sitting's minutes from the documents tab.
        var office = await session.NewPersonAsync();
        await BrowserSession.SignInAsync(office, VotingDemo.Secretary, DemoSeeder.DemoPassword);
        await office.GotoAsync($"/meetings/{meetingId}");
        for (var attempt = 1; ; attempt++)
        {
            await office.ClickAsync("#tab-documents");
            try
            {
                await Assertions.Expect(office.Locator("#document-kind")).ToBeVisibleAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }

        // No open vote has a result yet: nothing to choose for a Kết quả biểu quyết.
        await office.SelectOptionAsync("#document-kind", nameof(DocumentKind.VoteResult));
        await Assertions.Expect(office.Locator("#no-record")).ToContainTextAsync("Chưa có nội dung biểu quyết công khai nào có kết quả.");

        // Without choosing the vote: a clear message, nothing issued.
        await office.SelectOptionAsync("#document-kind", nameof(DocumentKind.CountingRecord));
        await office.ClickAsync("#issue-document");
        await Assertions.Expect(office.Locator(".documents .alert.error")).ToContainTextAsync("Hãy chọn một nội dung biểu quyết của cuộc họp này.");
        await using (var db = session.App.CreateContext())
        {
            Assert.Equal(0, await db.IssuedDocuments.CountAsync(d => d.MeetingId == meetingId && d.Kind == DocumentKind.CountingRecord, Token));
        }

        await office.SelectOptionAsync("#document-motion", electionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await office.FillAsync("#document-signers", "Quàng Văn Hải\nLường Thị Mai\nCà Văn Pọm");
        await office.Locator("#document-signers").BlurAsync();
        await Assertions.Expect(office.Locator("#document-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Quàng Thị Hạnh"));
        await office.ClickAsync("#issue-document");
        await Assertions.Expect(office.Locator(".documents .alert.success")).ToContainTextAsync("Đã ban hành Biên bản kiểm phiếu số");
        var counting = office.Locator("#issued-documents tbody tr", new() { HasText = "Biên bản kiểm phiếu" });
        await Assertions.Expect(counting).ToContainTextAsync("/BB-HĐND");
        await Assertions.Expect(counting.Locator("a", new() { HasText = "PDF" })).ToHaveCountAsync(1);

        await office.SelectOptionAsync("#document-kind", nameof(DocumentKind.Minutes));
        await office.SelectOptionAsync("#document-sitting", new SelectOptionValue { Index = 1 });
        await office.FillAsync("#document-signers", "Lò Thị Thư");
        await office.Locator("#document-signers").BlurAsync();
        await Assertions.Expect(office.Locator("#document-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(VotingDemo.Election));
        await office.ClickAsync("#issue-document");
        await Assertions.Expect(office.Locator(".documents .alert.success")).ToContainTextAsync("Đã ban hành Biên bản số");
        await Assertions.Expect(office.Locator("#issued-documents tbody tr", new() { HasText = "/BB-HĐND" })).ToHaveCountAsync(2);
        await BrowserSession.ScreenshotAsync(office, $"secret-ballot-documents-{provider}");

        await using (var db = session.App.CreateContext())
        {
            var issued = await db.IssuedDocuments.Where(d => d.MeetingId == meetingId && (d.Kind == DocumentKind.CountingRecord || d.Kind == DocumentKind.Minutes)).OrderBy(d => d.Id).ToListAsync(Token);
            Assert.Equal([DocumentKind.CountingRecord, DocumentKind.Minutes], issued.Select(d => d.Kind));
            Assert.NotEqual(issued[0].Symbol, issued[1].Symbol);
            var record = DocxText.All(issued[0].Content);
            Assert.Contains("Quàng Thị Hạnh", record, StringComparison.Ordinal);
            Assert.Contains("Cà Văn Pọm", record, StringComparison.Ordinal);
            var minutes = DocxText.All(issued[1].Content);
            Assert.Contains(VotingDemo.Election, minutes, StringComparison.Ordinal);
            Assert.Contains("Lò Thị Thư", minutes, StringComparison.Ordinal);
        }
    }

    private static async Task<HttpClient> SignInAsync(Uri address, string userName)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = address };
        var response = await client.PostAsJsonAsync("/api/account/login", new SignInRequest(userName, DienHongApp.Password), Token);
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {userName} failed: {(int)response.StatusCode}");
        return client;
    }
}
