using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Live;
using DienHong.Features.Readiness;
using DienHong.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Readiness;

/// <summary>The real-time core through the real .NET SignalR client and a plain SSE reader, on both databases.</summary>
public class LiveCoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> TickAsync(HttpClient client, ReadinessTestData.Seeded seeded, int siteId, int check, CheckState state = CheckState.Passed, int version = 0) =>
        client.PutAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sites/{siteId}/readiness/{check}", new MarkInput(state, Version: version), Token);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_receive_every_sites_changes_and_an_operator_only_their_own_site_numbered_in_order(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database);
        var address = LiveHosting.Start(app);
        var secretary = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Secretariat));
        var operatorOne = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.SiteOperator, null, seeded.SiteIds[1]));
        await using var staffWatcher = await HubWatcher.JoinAsync(address, secretary, seeded.MeetingId, after: 0);
        await using var operatorWatcher = await HubWatcher.JoinAsync(address, operatorOne, seeded.MeetingId, after: 0);

        Assert.Equal(HttpStatusCode.OK, (await TickAsync(operatorOne.Http, seeded, seeded.SiteIds[1], seeded.CheckIds[0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TickAsync(secretary.Http, seeded, seeded.SiteIds[2], seeded.CheckIds[0], CheckState.Failed)).StatusCode);
        // Another site is not theirs: not found, as if it did not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await TickAsync(operatorOne.Http, seeded, seeded.SiteIds[2], seeded.CheckIds[1])).StatusCode);

        var first = await staffWatcher.NextAsync();
        var second = await staffWatcher.NextAsync();
        Assert.Equal([(1L, seeded.SiteIds[1]), (2L, seeded.SiteIds[2])], new[] { (first.Number, first.SiteId!.Value), (second.Number, second.SiteId!.Value) });
        Assert.Equal(SiteChange.EventType, first.Type);
        Assert.Equal("Passed", first.Data.GetProperty("mark").GetProperty("state").GetString());
        Assert.Equal(1, first.Data.GetProperty("tile").GetProperty("checklist").GetProperty("passed").GetInt32());

        var own = await operatorWatcher.NextAsync();
        Assert.Equal((1L, seeded.SiteIds[1]), (own.Number, own.SiteId!.Value));
        Assert.True(await operatorWatcher.QuietAsync(), "a site operator received another site's event");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Many_concurrent_live_writes_of_one_meeting_are_numbered_without_gaps_and_a_reader_never_finds_a_new_event_below_one_it_has_seen(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, checklist: false);
        var feed = app.Services.GetRequiredService<LiveFeed>();
        const int writers = 12, writes = 9;
        // Each write records one to three events (two on average over nine), so the numbers of one transaction come as a block.
        var done = Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var mine = new List<LiveEvent>();
            for (var i = 0; i < writes; i++)
            {
                await using var db = app.CreateContext();
                var changes = Enumerable.Range(0, 1 + ((writer + i) % 3))
                    .Select(j => new LiveChange("test.write", new { writer, i, j }, LiveAudience.Staff)).ToList();
                mine.AddRange(await feed.SaveAsync(db, seeded.MeetingId, changes, Token));
            }

            return mine;
        }, Token)));
        var catchUps = new List<long[]>();
        // A watcher's catch-up, repeated while the writers work: after the last number it has seen, k,
        // it must find exactly k+1, k+2 … — a gap would be a number that commits later, below one already seen.
        await using (var reader = app.CreateContext())
        {
            long seen = 0;
            while (true)
            {
                var finished = done.IsCompleted;
                var after = seen;
                var numbers = await reader.LiveEvents.AsNoTracking().Where(e => e.MeetingId == seeded.MeetingId && e.Number > after)
                    .OrderBy(e => e.Number).Select(e => e.Number).ToArrayAsync(Token);
                catchUps.Add(numbers);
                Assert.Equal(Enumerable.Range(1, numbers.Length).Select(n => seen + n), numbers);
                seen += numbers.Length;
                if (finished)
                {
                    break;
                }
            }
        }

        var events = (await done).SelectMany(e => e).ToList();
        Assert.Equal(writers * writes * 2, events.Count);
        Assert.True(catchUps.Count > 1, "the reader never ran while the writers worked");
        await using var check = app.CreateContext();
        var stored = await check.LiveEvents.AsNoTracking().Where(e => e.MeetingId == seeded.MeetingId).OrderBy(e => e.Number).ToListAsync(Token);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), stored.Select(e => e.Number));
        Assert.Equal(events.Count, await LiveFeed.LastNumberAsync(check, seeded.MeetingId, Token));
        // Each writer was told the numbers and keys its own events were stored under.
        Assert.All(events, e => Assert.Equal((e.Id, e.Payload), stored.Where(s => s.Number == e.Number).Select(s => (s.Id, s.Payload)).Single()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_viewer_watches_but_can_neither_tick_nor_send_a_heartbeat(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database);
        var address = LiveHosting.Start(app);
        var viewer = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Viewer));
        await using var watcher = await HubWatcher.JoinAsync(address, viewer, seeded.MeetingId);

        var snapshot = await watcher.NextAsync();
        Assert.Equal("snapshot", snapshot.Type);
        Assert.Equal(3, snapshot.Data.GetProperty("readiness").GetProperty("sites").GetArrayLength());
        var refused = await TickAsync(viewer.Http, seeded, seeded.SiteIds[1], seeded.CheckIds[0]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("chỉ được xem", (await refused.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(Token))!.Title, StringComparison.Ordinal);
        var heartbeat = await Assert.ThrowsAsync<HubException>(() => watcher.Connection.InvokeAsync("Heartbeat", seeded.MeetingId, seeded.SiteIds[1], Token));
        Assert.Contains("không phụ trách điểm cầu", heartbeat.Message, StringComparison.Ordinal);
        await using var db = app.CreateContext();
        Assert.False(await db.ReadinessMarks.AnyAsync(Token));
        Assert.False(await db.SitePresences.AnyAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_watcher_whose_link_drops_gets_exactly_the_missed_events_in_order_when_it_comes_back(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database);
        var address = LiveHosting.Start(app);
        var secretary = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Secretariat));
        await using var hub = await HubWatcher.JoinAsync(address, secretary, seeded.MeetingId, after: 0);
        var sse = await SseWatcher.OpenAsync(secretary.Http, seeded.MeetingId, after: 0);
        await TickAsync(secretary.Http, seeded, seeded.SiteIds[1], seeded.CheckIds[0]);
        Assert.Equal(1, (await hub.NextAsync()).Number);
        Assert.Equal(1, (await sse.NextAsync()).Number);

        await hub.KillAsync();
        var lastEventId = sse.LastEventId;
        await sse.DisposeAsync();
        for (var i = 1; i <= 3; i++)
        {
            await TickAsync(secretary.Http, seeded, seeded.SiteIds[2], seeded.CheckIds[i]);
        }

        await hub.ReconnectAsync();
        await using var resumed = await SseWatcher.OpenAsync(secretary.Http, seeded.MeetingId, lastEventId);
        var fromHub = new List<long>();
        var fromSse = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            fromHub.Add((await hub.NextAsync()).Number);
            fromSse.Add((await resumed.NextAsync()).Number);
        }

        Assert.Equal([2L, 3L, 4L], fromHub);
        Assert.Equal([2L, 3L, 4L], fromSse);
        Assert.True(await hub.QuietAsync(), "an event came twice");
        Assert.Equal([1L, 2L, 3L, 4L], hub.Received.Select(e => e.Number));
        Assert.Equal("4", resumed.LastEventId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_watcher_too_far_behind_gets_a_snapshot_then_only_later_events(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Live:CatchUpLimit"] = "2" } };
        var seeded = await ReadinessTestData.MeetingAsync(app.Database);
        var address = LiveHosting.Start(app);
        var secretary = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Secretariat));
        for (var i = 0; i < 4; i++)
        {
            await TickAsync(secretary.Http, seeded, seeded.SiteIds[1], seeded.CheckIds[i]);
        }

        await using var behind = await SseWatcher.OpenAsync(secretary.Http, seeded.MeetingId, lastEventId: "1");
        var snapshot = await behind.NextAsync();
        Assert.Equal(("snapshot", 4L), (behind.Received[0].EventType, snapshot.Number));
        var site = snapshot.Data.GetProperty("readiness").GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("siteId").GetInt32() == seeded.SiteIds[1]);
        Assert.Equal(4, site.GetProperty("checklist").GetProperty("passed").GetInt32());

        await TickAsync(secretary.Http, seeded, seeded.SiteIds[1], seeded.CheckIds[4]);
        Assert.Equal(5, (await behind.NextAsync()).Number);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_people_ticking_the_same_item_at_once_get_one_result_and_a_clear_message(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database);
        var address = LiveHosting.Start(app);
        var secretary = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Secretariat));
        var operatorOne = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.SiteOperator, null, seeded.SiteIds[1]));

        var responses = await Task.WhenAll(
            TickAsync(secretary.Http, seeded, seeded.SiteIds[1], seeded.CheckIds[0], CheckState.Passed),
            TickAsync(operatorOne.Http, seeded, seeded.SiteIds[1], seeded.CheckIds[0], CheckState.Failed));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var conflict = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("vừa được", (await conflict.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(Token))!.Title, StringComparison.Ordinal);

        // A later tick that saw the old version is refused too; with the current version it lands.
        Assert.Equal(HttpStatusCode.Conflict, (await TickAsync(secretary.Http, seeded, seeded.SiteIds[1], seeded.CheckIds[0], CheckState.NotApplicable, version: 0)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TickAsync(secretary.Http, seeded, seeded.SiteIds[1], seeded.CheckIds[0], CheckState.NotApplicable, version: 1)).StatusCode);
        await using var db = app.CreateContext();
        var mark = await db.ReadinessMarks.SingleAsync(Token);
        Assert.Equal((CheckState.NotApplicable, 2), (mark.State, mark.Version));
        Assert.Equal([1L, 2L], await db.LiveEvents.OrderBy(e => e.Number).Select(e => e.Number).ToListAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_site_console_is_online_while_it_beats_and_offline_by_itself_after_silence(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider)) { Settings = { ["Live:PresenceTimeout"] = "00:00:01.500" } };
        var seeded = await ReadinessTestData.MeetingAsync(app.Database);
        var address = LiveHosting.Start(app);
        var secretary = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Secretariat));
        var operatorOne = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.SiteOperator, null, seeded.SiteIds[1]));
        await using var board = await HubWatcher.JoinAsync(address, secretary, seeded.MeetingId, after: 0);
        await using var console = await HubWatcher.JoinAsync(address, operatorOne, seeded.MeetingId, after: 0);

        await console.Connection.InvokeAsync("Heartbeat", seeded.MeetingId, seeded.SiteIds[1], Token);
        await console.Connection.InvokeAsync("Heartbeat", seeded.MeetingId, seeded.SiteIds[1], Token);
        var online = await board.NextAsync();
        Assert.Equal(("presence", seeded.SiteIds[1], true), (online.Type, online.SiteId!.Value, online.Data.GetProperty("online").GetBoolean()));
        var offline = await board.NextAsync(seconds: 15);
        Assert.Equal(("presence", false), (offline.Type, offline.Data.GetProperty("online").GetBoolean()));
        Assert.Equal(2, offline.Number);
        var reply = await operatorOne.Http.PostAsync($"/api/meetings/{seeded.MeetingId}/sites/{seeded.SiteIds[1]}/presence", null, Token);
        Assert.Equal(HttpStatusCode.NoContent, reply.StatusCode);
        Assert.True((await board.NextAsync()).Data.GetProperty("online").GetBoolean());
    }
}
