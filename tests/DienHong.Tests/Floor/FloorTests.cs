using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Attendance;
using DienHong.Features.Floor;
using DienHong.Tests.Api;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Floor;

/// <summary>The floor from every site through the API, on both databases: the queue's rules, the countdown, two chairs at once, live watchers.</summary>
public class FloorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> AtSiteAsync(HttpClient client, int meetingId, int siteId, SiteFloorInput input) =>
        client.PostAsJsonAsync($"/api/meetings/{meetingId}/sites/{siteId}/floor/requests", input, Token);

    private static async Task<FloorRequestDto> RegisteredAsync(HttpClient client, int meetingId, int siteId, SiteFloorInput input)
    {
        var response = await AtSiteAsync(client, meetingId, siteId, input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<FloorRequestDto>(Token))!;
    }

    private static async Task<FloorState> StateAsync(HttpClient client, int meetingId) =>
        (await client.GetFromJsonAsync<FloorState>($"/api/meetings/{meetingId}/floor", Token))!;

    private static Task<HttpResponseMessage> GiveAsync(HttpClient chair, int meetingId, GiveFloorInput input) =>
        chair.PostAsJsonAsync($"/api/meetings/{meetingId}/floor/give", input, Token);

    private static async Task<FloorState> GivenAsync(HttpClient chair, int meetingId, GiveFloorInput input)
    {
        var response = await GiveAsync(chair, meetingId, input);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<FloorState>(Token))!;
    }

    private static async Task<FloorState> SpeakerAsync(HttpClient chair, int meetingId, SpeakerInput input)
    {
        var response = await chair.PostAsJsonAsync($"/api/meetings/{meetingId}/floor/speaker", input, Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<FloorState>(Token))!;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task One_open_request_per_person_per_item_is_held_by_the_database_and_a_withdrawal_frees_it(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var chair = await app.SignedInClientAsync(Roles.Chair);
        var run = await FloorTestData.RunningAsync(app, chair);
        var commune = run.SiteIds[1];
        var site = await app.SignedInClientAsync(Roles.SiteOperator, commune);
        var other = await app.SignedInClientAsync(Roles.SiteOperator, run.SiteIds[2]);

        var voter = await RegisteredAsync(site, run.MeetingId, commune, new SiteFloorInput("Nguyễn Văn Tư", "Thôn 3", "Đường liên xã"));
        Assert.Equal(commune, voter.SiteId);
        Assert.Equal(FloorRequestState.Waiting, voter.State);
        // The same person again, typed without marks: refused, nothing added.
        var again = await Problems.AssertVietnameseAsync(await AtSiteAsync(site, run.MeetingId, commune, new SiteFloorInput("nguyen van tu", "thon 3")), HttpStatusCode.Conflict);
        Assert.Contains("đã đăng ký phát biểu về mục này", again, StringComparison.Ordinal);
        // Two devices pressing at once for the same new voter: one request.
        var together = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => AtSiteAsync(site, run.MeetingId, commune, new SiteFloorInput("Lò Thị Mai", "Bản Nậm"))));
        Assert.Equal(1, together.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(together.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await AtSiteAsync(other, run.MeetingId, commune, new SiteFloorInput("Người khác"))).StatusCode);
        await Problems.AssertVietnameseAsync(await AtSiteAsync(site, run.MeetingId, commune, new SiteFloorInput(" ")), HttpStatusCode.BadRequest, "Name");

        // A delegate from their own device; a second press is refused; checking in from the device works once.
        var (delegateName, participantId) = await FloorTestData.DelegateAsync(app, run.MeetingId, commune, "Phan Viết Lượng");
        var delegateClient = await app.SignInAsync(delegateName, DienHongApp.Password);
        var asks = $"/api/meetings/{run.MeetingId}/participants/{participantId}/floor-requests";
        var own = await delegateClient.PostAsJsonAsync(asks, new OwnFloorInput("Ngân sách xã"), Token);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(participantId, (await own.Content.ReadFromJsonAsync<FloorRequestDto>(Token))!.ParticipantId);
        await Problems.AssertVietnameseAsync(await delegateClient.PostAsJsonAsync(asks, new OwnFloorInput(), Token), HttpStatusCode.Conflict);
        await Problems.AssertVietnameseAsync(await AtSiteAsync(site, run.MeetingId, commune, new SiteFloorInput(ParticipantId: participantId)), HttpStatusCode.Conflict);
        var checkedIn = await delegateClient.PostAsync($"/api/meetings/{run.MeetingId}/participants/{participantId}/check-in", null, Token);
        Assert.Equal(HttpStatusCode.Created, checkedIn.StatusCode);
        Assert.Equal(CheckInMethod.Self, (await checkedIn.Content.ReadFromJsonAsync<CheckInDto>(Token))!.Method);
        await Problems.AssertVietnameseAsync(await delegateClient.PostAsync($"/api/meetings/{run.MeetingId}/participants/{participantId}/check-in", null, Token), HttpStatusCode.Conflict);
        // Nobody else asks or checks in for a delegate, but the operator of their site.
        var stranger = await app.SignInAsync(await app.CreateUserAsync(Roles.Delegate), DienHongApp.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync(asks, new OwnFloorInput(), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/meetings/{run.MeetingId}/participants/{participantId}/check-in", null, Token)).StatusCode);

        // The database itself refuses a second open request of the same person.
        await using (var db = app.CreateContext())
        {
            var copy = await db.FloorRequests.AsNoTracking().SingleAsync(r => r.Id == voter.Id, Token);
            copy.Id = 0;
            db.FloorRequests.Add(copy);
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token));
            Assert.True(refused.IsUniqueViolation());
        }

        // Withdrawn by another site's operator: refused; by their own: done, and the voter may ask again.
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/withdraw", new FloorRequestInput(voter.Id), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.PostAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/withdraw", new FloorRequestInput(voter.Id), Token)).StatusCode);
        await RegisteredAsync(site, run.MeetingId, commune, new SiteFloorInput("Nguyễn Văn Tư", "Thôn 3"));
        var state = await StateAsync(chair, run.MeetingId);
        Assert.Equal(["Lò Thị Mai", "Phan Viết Lượng", "Nguyễn Văn Tư"], state.Queue.Select(r => r.Name));

        // Another item has its own list; without a current item nobody can ask.
        await FloorTestData.CurrentAsync(chair, run.MeetingId, run.ItemIds[2]);
        await RegisteredAsync(site, run.MeetingId, commune, new SiteFloorInput("Nguyễn Văn Tư", "Thôn 3"));
        await FloorTestData.CurrentAsync(chair, run.MeetingId, null);
        await Problems.AssertVietnameseAsync(await AtSiteAsync(site, run.MeetingId, commune, new SiteFloorInput("Nguyễn Văn Năm")), HttpStatusCode.BadRequest, "AgendaItemId");
        await using var check = app.CreateContext();
        Assert.True(await check.AuditEntries.CountAsync(a => a.EntityType == nameof(FloorRequest) && a.MeetingId == run.MeetingId, Token) >= 6);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_point_of_order_jumps_the_queue_and_the_chair_orders_it_and_gives_the_floor_to_a_person_or_a_whole_site(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var chair = await app.SignedInClientAsync(Roles.Chair);
        // 63 sites, as the national conference had.
        var run = await FloorTestData.RunningAsync(app, chair, sites: 63);
        var admin = await app.AdministratorClientAsync();
        var first = await RegisteredAsync(admin, run.MeetingId, run.SiteIds[5], new SiteFloorInput("Cử tri A", "Thôn 1"));
        var second = await RegisteredAsync(admin, run.MeetingId, run.SiteIds[40], new SiteFloorInput("Cử tri B", "Tổ 2"));
        var reply = await RegisteredAsync(admin, run.MeetingId, run.SiteIds[7], new SiteFloorInput("Cử tri C", Kind: FloorRequestKind.Reply));
        var order = await RegisteredAsync(admin, run.MeetingId, run.SiteIds[62], new SiteFloorInput("Cử tri D", Kind: FloorRequestKind.PointOfOrder));
        var hand = await RegisteredAsync(admin, run.MeetingId, run.SiteIds[12], new SiteFloorInput(WholeSite: true));
        Assert.True(hand.WholeSite);
        var state = await StateAsync(chair, run.MeetingId);
        Assert.Equal([order.Id, reply.Id, first.Id, second.Id, hand.Id], state.Queue.Select(r => r.Id));
        Assert.Equal("UBND xã Số 62", state.Queue[0].SiteName);

        // The chair's order; a stale order (someone registered meanwhile) is refused.
        var reordered = await chair.PutAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/order", new FloorOrderInput([order.Id, second.Id, first.Id, reply.Id, hand.Id]), Token);
        Assert.Equal(HttpStatusCode.OK, reordered.StatusCode);
        Assert.Equal([order.Id, second.Id, first.Id, reply.Id, hand.Id], (await StateAsync(chair, run.MeetingId)).Queue.Select(r => r.Id));
        await Problems.AssertVietnameseAsync(await chair.PutAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/order", new FloorOrderInput([order.Id, first.Id]), Token), HttpStatusCode.Conflict);
        var siteOperator = await app.SignedInClientAsync(Roles.SiteOperator, run.SiteIds[5]);
        Assert.Equal(HttpStatusCode.Forbidden, (await GiveAsync(siteOperator, run.MeetingId, new GiveFloorInput(first.Id))).StatusCode);

        // The floor to a person: 7 minutes by the rules; then straight to a site that did not ask, ending the first turn.
        var speaking = await GivenAsync(chair, run.MeetingId, new GiveFloorInput(order.Id));
        Assert.Equal((order.Id, 1, SpeakingClockSeconds.First), (speaking.Speaker!.Id, speaking.Speaker.Turn, speaking.Speaker.AllowedSeconds));
        var toSite = await GivenAsync(chair, run.MeetingId, new GiveFloorInput(SiteId: run.SiteIds[30]));
        Assert.True(toSite.Speaker!.WholeSite);
        Assert.Equal((run.SiteIds[30], "UBND xã Số 30"), (toSite.Speaker.SiteId, toSite.Speaker.SiteName));
        Assert.Equal([order.Id], toSite.Spoken.Select(r => r.Id));
        // The site that raised its hand, from the queue.
        var raised = await GivenAsync(chair, run.MeetingId, new GiveFloorInput(SiteId: run.SiteIds[12]));
        Assert.Equal(hand.Id, raised.Speaker!.Id);
        Assert.DoesNotContain(raised.Queue, r => r.Id == hand.Id);

        // 5/2 minutes on this item when many register; a second turn of the same person gets the second time.
        Assert.Equal(HttpStatusCode.OK, (await chair.PutAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/times", new SpeakingTimeInput(run.ItemIds[1], 300, 120), Token)).StatusCode);
        await Problems.AssertVietnameseAsync(await chair.PutAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/times", new SpeakingTimeInput(null, 5, 99999), Token), HttpStatusCode.BadRequest, "FirstTurnSeconds");
        Assert.Equal(300, (await GivenAsync(chair, run.MeetingId, new GiveFloorInput(second.Id))).Speaker!.AllowedSeconds);
        await SpeakerAsync(chair, run.MeetingId, new SpeakerInput(second.Id, SpeakerAction.End));
        await RegisteredAsync(admin, run.MeetingId, run.SiteIds[40], new SiteFloorInput("Cử tri B", "Tổ 2"));
        var queue = (await StateAsync(chair, run.MeetingId)).Queue;
        var secondTurn = await GivenAsync(chair, run.MeetingId, new GiveFloorInput(queue.Single(r => r.Name == "Cử tri B").Id));
        Assert.Equal((2, 120), (secondTurn.Speaker!.Turn, secondTurn.Speaker.AllowedSeconds));

        // The list closes: new speeches refused, a point of order still heard; ending the debate leaves the rest not reached, who write instead.
        Assert.Equal(HttpStatusCode.OK, (await chair.PutAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/list", new SpeakerListInput(true), Token)).StatusCode);
        await Problems.AssertVietnameseAsync(await AtSiteAsync(admin, run.MeetingId, run.SiteIds[3], new SiteFloorInput("Cử tri E")), HttpStatusCode.BadRequest, "Kind");
        await RegisteredAsync(admin, run.MeetingId, run.SiteIds[3], new SiteFloorInput("Cử tri E", Kind: FloorRequestKind.PointOfOrder));
        var ended = await (await chair.PutAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/list", new SpeakerListInput(true, EndDebate: true), Token)).Content.ReadFromJsonAsync<FloorState>(Token);
        Assert.Empty(ended!.Queue);
        Assert.Equal(["Cử tri E", "Cử tri A", "Cử tri C"], ended.NotReached.Select(r => r.Name));
        var firstSite = await app.SignedInClientAsync(Roles.SiteOperator, run.SiteIds[5]);
        var written = await firstSite.PostAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/written", new WrittenSpeechInput(first.Id, "Đề nghị sửa đường liên xã trước mùa mưa."), Token);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        await SpeakerAsync(chair, run.MeetingId, new SpeakerInput(secondTurn.Speaker.Id, SpeakerAction.End));

        // The record: who, from which site, on which item, how long; and the written speech.
        var record = (await chair.GetFromJsonAsync<List<SpeechRecord>>($"/api/meetings/{run.MeetingId}/floor/record", Token))!;
        Assert.Equal(["Cử tri D", "UBND xã Số 30", "UBND xã Số 12", "Cử tri B", "Cử tri B", "Cử tri A"], record.Select(r => r.Name));
        Assert.All(record.Take(5), r => Assert.True(r.SpokenSeconds >= 0 && r.EndedAt >= r.StartedAt && r.AgendaItemId == run.ItemIds[1]));
        Assert.Equal("Đề nghị sửa đường liên xã trước mùa mưa.", record[^1].WrittenSpeech);
        Assert.Equal("UBND xã Số 5", record[^1].SiteName);
        var ownRecord = (await firstSite.GetFromJsonAsync<List<SpeechRecord>>($"/api/meetings/{run.MeetingId}/floor/record", Token))!;
        Assert.Equal(["Cử tri A"], ownRecord.Select(r => r.Name));
    }

    [Fact]
    public void The_speaking_clock_moves_its_deadline_by_pauses_and_extensions_and_counts_only_time_spoken()
    {
        var start = new DateTime(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);
        var speech = new FloorRequest { PersonKey = "v", Name = "A", RequestedBy = "x" };
        SpeakingClock.Start(speech, start, 420);
        Assert.Equal(start.AddSeconds(420), speech.Deadline);
        Assert.Equal(400, SpeakingClock.Remaining(speech, start.AddSeconds(20)));
        SpeakingClock.Pause(speech, start.AddSeconds(100));
        Assert.Equal((null, 320), (speech.Deadline, speech.RemainingSeconds));
        Assert.Equal(320, SpeakingClock.Remaining(speech, start.AddSeconds(500)));
        SpeakingClock.Extend(speech, 60);
        Assert.Equal((380, 480), (speech.RemainingSeconds!.Value, speech.AllowedSeconds));
        SpeakingClock.Resume(speech, start.AddSeconds(160));
        Assert.Equal(start.AddSeconds(160 + 380), speech.Deadline);
        SpeakingClock.Extend(speech, 30);
        Assert.Equal(start.AddSeconds(570), speech.Deadline);
        Assert.Equal(-30, SpeakingClock.Remaining(speech, start.AddSeconds(600)));
        // Paused again and ended while paused: 600 s on the clock, 60 + 40 of them paused.
        SpeakingClock.Pause(speech, start.AddSeconds(560));
        SpeakingClock.End(speech, start.AddSeconds(600));
        Assert.Equal((100, 500), (speech.PausedSeconds, speech.SpokenSeconds!.Value));
        Assert.Null(speech.Deadline);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_server_sends_the_deadline_once_and_pause_resume_extend_move_it_exactly(DatabaseProvider provider)
    {
        await using var host = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        await using var app = host.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var chair = await SignInAsync(app, await CreateUserAsync(app, Roles.Chair));
        var run = await FloorTestData.RunningAsync(host, chair);
        var secretary = await SignInAsync(app, await CreateUserAsync(app, Roles.Secretariat));
        var voter = await RegisteredAsync(secretary, run.MeetingId, run.SiteIds[1], new SiteFloorInput("Cử tri A"));
        var given = (await GivenAsync(chair, run.MeetingId, new GiveFloorInput(voter.Id))).Speaker!;
        Assert.Equal(clock.Now.UtcDateTime.AddSeconds(420), given.Deadline);
        clock.Advance(100);
        var paused = (await SpeakerAsync(chair, run.MeetingId, new SpeakerInput(voter.Id, SpeakerAction.Pause))).Speaker!;
        Assert.Equal((null, 320), (paused.Deadline, paused.RemainingSeconds));
        await Problems.AssertVietnameseAsync(await chair.PostAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/speaker", new SpeakerInput(voter.Id, SpeakerAction.Pause), Token), HttpStatusCode.BadRequest, "Action");
        clock.Advance(60);
        var extended = (await SpeakerAsync(chair, run.MeetingId, new SpeakerInput(voter.Id, SpeakerAction.Extend, 60))).Speaker!;
        Assert.Equal((380, 480), (extended.RemainingSeconds, extended.AllowedSeconds));
        var resumed = (await SpeakerAsync(chair, run.MeetingId, new SpeakerInput(voter.Id, SpeakerAction.Resume))).Speaker!;
        Assert.Equal(clock.Now.UtcDateTime.AddSeconds(380), resumed.Deadline);
        await Problems.AssertVietnameseAsync(await chair.PostAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/speaker", new SpeakerInput(voter.Id + 1000, SpeakerAction.End), Token), HttpStatusCode.Conflict);
        clock.Advance(200);
        var done = await SpeakerAsync(chair, run.MeetingId, new SpeakerInput(voter.Id, SpeakerAction.End));
        Assert.Null(done.Speaker);
        Assert.Equal(300, done.Spoken.Single().SpokenSeconds);
        // One event per change (the item made current, the request, give, pause, extend, resume, end); nothing ticks in between.
        await using var db = host.CreateContext();
        Assert.Equal(7, await db.LiveEvents.CountAsync(e => e.MeetingId == run.MeetingId && e.Type == FloorState.EventType, Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_chairs_giving_the_floor_at_once_leave_one_speaker_and_one_record(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var chair = await app.SignedInClientAsync(Roles.Chair);
        var secretary = await app.SignedInClientAsync(Roles.Secretariat);
        var run = await FloorTestData.RunningAsync(app, chair);
        for (var round = 0; round < 3; round++)
        {
            var a = await RegisteredAsync(secretary, run.MeetingId, run.SiteIds[1], new SiteFloorInput($"Cử tri A{round}"));
            var b = await RegisteredAsync(secretary, run.MeetingId, run.SiteIds[2], new SiteFloorInput($"Cử tri B{round}"));
            var answers = await Task.WhenAll(GiveAsync(chair, run.MeetingId, new GiveFloorInput(a.Id)), GiveAsync(secretary, run.MeetingId, new GiveFloorInput(b.Id)));
            Assert.Contains(answers, r => r.StatusCode == HttpStatusCode.OK);
            Assert.All(answers, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.BadRequest, $"{(int)r.StatusCode}"));
            await using var db = app.CreateContext();
            var speaking = await db.FloorRequests.Where(r => r.MeetingId == run.MeetingId && r.State == FloorRequestState.Speaking).ToListAsync(Token);
            Assert.Single(speaking);
            Assert.Contains(speaking[0].Id, new[] { a.Id, b.Id });
            // Whoever spoke before has a closed record; nobody holds the floor twice.
            Assert.All(await db.FloorRequests.Where(r => r.MeetingId == run.MeetingId && r.State == FloorRequestState.Done).ToListAsync(Token), r => Assert.NotNull(r.SpokenSeconds));
        }

        // Two chairs ending the same speech at once: one end.
        var current = (await StateAsync(chair, run.MeetingId)).Speaker!;
        var ends = await Task.WhenAll(
            chair.PostAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/speaker", new SpeakerInput(current.Id, SpeakerAction.End), Token),
            secretary.PostAsJsonAsync($"/api/meetings/{run.MeetingId}/floor/speaker", new SpeakerInput(current.Id, SpeakerAction.End), Token));
        Assert.Equal(1, ends.Count(r => r.StatusCode == HttpStatusCode.OK));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_floor_event_names_the_speaker_and_the_next_five_and_counts_the_rest_however_long_the_item_runs(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var chair = await app.SignedInClientAsync(Roles.Chair);
        var run = await FloorTestData.RunningAsync(app, chair);
        var secretary = await app.SignedInClientAsync(Roles.Secretariat);
        var waiting = new List<FloorRequestDto>();
        for (var i = 1; i <= 16; i++)
        {
            waiting.Add(await RegisteredAsync(secretary, run.MeetingId, run.SiteIds[1 + i % 3], new SiteFloorInput($"Cử tri {i}", $"Thôn {i}")));
        }

        // Ten speeches: each one's event carries the speaker, the next five by name and the counts — not the ten who spoke.
        for (var i = 0; i < 10; i++)
        {
            await GivenAsync(chair, run.MeetingId, new GiveFloorInput(waiting[i].Id));
        }

        var state = await StateAsync(chair, run.MeetingId);
        Assert.Equal((9, 6), (state.Spoken.Count, state.Queue.Count));
        await using var db = app.CreateContext();
        var events = await db.LiveEvents.Where(e => e.MeetingId == run.MeetingId && e.Type == FloorState.EventType).OrderBy(e => e.Number).Select(e => e.Payload).ToListAsync(Token);
        using var last = JsonDocument.Parse(events[^1]);
        var floor = last.RootElement;
        Assert.Equal(waiting[9].Id, floor.GetProperty("speaker").GetProperty("id").GetInt32());
        Assert.Equal(state.Queue.Take(FloorEvent.NextShown).Select(r => r.Id), floor.GetProperty("queue").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
        Assert.Equal((6, 9, 0), (floor.GetProperty("queueCount").GetInt32(), floor.GetProperty("spokenCount").GetInt32(), floor.GetProperty("notReachedCount").GetInt32()));
        Assert.False(floor.TryGetProperty("spoken", out _));
        // The first speech's event and the tenth weigh about the same: the record of who spoke stays out of it.
        var firstSpeech = events.First(e => e.Contains("\"speaker\":{", StringComparison.Ordinal));
        Assert.InRange(events[^1].Length, 0, firstSpeech.Length * 1.1);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_console_reconnecting_during_a_speech_gets_the_speaker_and_the_deadline_it_missed(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var address = LiveHosting.Start(app);
        var chair = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Chair));
        var run = await FloorTestData.RunningAsync(app, chair.Http);
        var siteUser = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.SiteOperator, null, run.SiteIds[1]));
        await using var console = await HubWatcher.JoinAsync(address, siteUser, run.MeetingId);
        Assert.Equal("snapshot", (await console.NextAsync()).Type);

        var voter = await RegisteredAsync(siteUser.Http, run.MeetingId, run.SiteIds[1], new SiteFloorInput("Cử tri A", "Thôn 2"));
        await GivenAsync(chair.Http, run.MeetingId, new GiveFloorInput(voter.Id));
        while ((await console.NextAsync()) is not { Type: FloorState.EventType } e || e.Data.GetProperty("speaker").ValueKind == JsonValueKind.Null)
        {
        }

        // The link drops; meanwhile the chair extends the speech; back with the last number, the console gets the new deadline.
        await console.KillAsync();
        var extended = (await SpeakerAsync(chair.Http, run.MeetingId, new SpeakerInput(voter.Id, SpeakerAction.Extend, 60))).Speaker!;
        await console.ReconnectAsync();
        var missed = await console.NextAsync();
        Assert.Equal(FloorState.EventType, missed.Type);
        var speaker = missed.Data.GetProperty("speaker");
        Assert.Equal(voter.Id, speaker.GetProperty("id").GetInt32());
        Assert.Equal(480, speaker.GetProperty("allowedSeconds").GetInt32());
        Assert.Equal(extended.Deadline, speaker.GetProperty("deadline").GetDateTime().ToUniversalTime());

        // A projector-like watcher starting now gets a snapshot (shared while recent) and the events after it: the speech, with the site's name.
        await using var fresh = await SseWatcher.OpenAsync(siteUser.Http, run.MeetingId);
        var snapshot = await fresh.NextAsync();
        Assert.Equal([run.SiteIds[1]], snapshot.Data.GetProperty(FloorState.EventType).GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()));
        var floor = snapshot.Data.GetProperty(FloorState.EventType);
        while (floor.GetProperty("speaker").ValueKind == JsonValueKind.Null || floor.GetProperty("speaker").GetProperty("allowedSeconds").GetInt32() != 480)
        {
            if (await fresh.NextAsync() is { Type: FloorState.EventType } next)
            {
                floor = next.Data;
            }
        }

        Assert.Equal("UBND xã Số 1", floor.GetProperty("speaker").GetProperty("siteName").GetString());
    }

    private static async Task<string> CreateUserAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string role)
    {
        var userName = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, FullName = role };
        Assert.True((await users.CreateAsync(user, DienHongApp.Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
        return userName;
    }

    private static async Task<HttpClient> SignInAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string userName)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        (await client.PostAsJsonAsync("/api/account/login", new SignInRequest(userName, DienHongApp.Password), Token)).EnsureSuccessStatusCode();
        return client;
    }

    private static class SpeakingClockSeconds
    {
        public const int First = SpeakingClock.FirstTurnSeconds;
    }
}

/// <summary>A clock the test moves by hand: the server's deadlines are then exact.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(int seconds) => Now = Now.AddSeconds(seconds);
}
