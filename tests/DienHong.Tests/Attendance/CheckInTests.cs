using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Attendance;
using DienHong.Features.Participants;
using DienHong.Features.Readiness;
using DienHong.Tests.Api;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Attendance;

/// <summary>Check-in at a site through the API on both databases: capacity under concurrency, invitation codes, live counts.</summary>
public class CheckInTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string SitePath(ReadinessTestData.Seeded seeded, int siteId) => $"/api/meetings/{seeded.MeetingId}/sites/{siteId}/attendance";

    /// <summary>Planned participants written straight to the database, at the given sites.</summary>
    private static async Task<List<int>> PeopleAsync(DienHongApp app, int meetingId, params (string Name, int SiteId)[] people)
    {
        await using var db = app.CreateContext();
        var rows = people.Select(p => new Participant { MeetingId = meetingId, SiteId = p.SiteId, PersonName = p.Name, Role = ParticipantRole.Voter }).ToList();
        db.Participants.AddRange(rows);
        await db.SaveChangesAsync(Token);
        return [.. rows.Select(r => r.Id)];
    }

    private static async Task SetCapacityAsync(DienHongApp app, int siteId, int capacity)
    {
        await using var db = app.CreateContext();
        await db.Sites.Where(s => s.Id == siteId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, capacity), Token);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Simultaneous_check_ins_never_put_more_people_in_a_site_than_its_capacity(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, checklist: false);
        var site = seeded.SiteIds[1];
        const int capacity = 5;
        await SetCapacityAsync(app, site, capacity);
        var planned = await PeopleAsync(app, seeded.MeetingId, [.. Enumerable.Range(1, 6).Select(i => ($"Cử tri đã mời {i}", site))]);
        // Two devices at the same site: the operator's phone and a secretary's laptop.
        var operatorClient = await app.SignedInClientAsync(Roles.SiteOperator, site);
        var secretary = await app.SignedInClientAsync(Roles.Secretariat);

        var requests = Enumerable.Range(0, 20).Select(i =>
        {
            var client = i % 2 == 0 ? operatorClient : secretary;
            CheckInInput input = i < planned.Count ? new(ParticipantId: planned[i]) : new(Name: $"Cử tri vãng lai {i}", Address: "Thôn Nà Sa");
            return client.PostAsJsonAsync(SitePath(seeded, site), input, Token);
        });
        var responses = await Task.WhenAll(requests);

        Assert.Equal(capacity, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var text = await Problems.AssertVietnameseAsync(refused, HttpStatusCode.BadRequest, "Capacity");
            Assert.Contains($"đã đủ {capacity}/{capacity} người", text, StringComparison.Ordinal);
        }

        await using (var db = app.CreateContext())
        {
            Assert.Equal(capacity, await db.CheckIns.CountAsync(c => c.SiteId == site && c.CheckedOutAt == null, Token));
            Assert.Equal(capacity, (await db.SiteHeadcounts.SingleAsync(h => h.SiteId == site, Token)).Present);
            // Refused check-ins left nothing: no row, no audit entry, no event.
            Assert.Equal(capacity, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(CheckIn), Token));
            Assert.Equal(capacity, await db.LiveEvents.CountAsync(e => e.Type == AttendanceChange.EventType, Token));
        }

        // Someone leaves: one place frees up, and only one.
        var list = await operatorClient.GetFromJsonAsync<SiteAttendance>(SitePath(seeded, site), Token);
        var leaving = list!.Planned.Select(p => p.Present).OfType<CheckInDto>().Concat(list.WalkIns).First();
        (await operatorClient.PostAsync($"{SitePath(seeded, site)}/{leaving.Id}/check-out", null, Token)).EnsureSuccessStatusCode();
        await Problems.AssertVietnameseAsync(await operatorClient.PostAsync($"{SitePath(seeded, site)}/{leaving.Id}/check-out", null, Token), HttpStatusCode.Conflict);
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            operatorClient.PostAsJsonAsync(SitePath(seeded, site), new CheckInInput(Name: $"Người đến muộn {i}"), Token)));
        Assert.Equal(1, again.Count(r => r.StatusCode == HttpStatusCode.Created));
        var count = (await operatorClient.GetFromJsonAsync<SiteAttendance>(SitePath(seeded, site), Token))!.Count;
        Assert.Equal(new SiteCount(site, capacity, planned.Count, capacity), count);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_check_ins_at_many_sites_are_numbered_without_gaps_and_each_sites_count_rises_by_one_in_number_order(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, sites: 4, checklist: false);
        const int capacity = 6;
        foreach (var site in seeded.SiteIds)
        {
            await SetCapacityAsync(app, site, capacity);
        }

        var secretary = await app.SignedInClientAsync(Roles.Secretariat);
        // Ten arrivals at each of the four sites at once: more than a room holds.
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            secretary.PostAsJsonAsync(SitePath(seeded, seeded.SiteIds[i % 4]), new CheckInInput(Name: $"Cử tri vãng lai {i}", Address: "Thôn Nà Sa"), Token)));
        Assert.Equal(4 * capacity, responses.Count(r => r.StatusCode == HttpStatusCode.Created));

        await using var db = app.CreateContext();
        var events = await db.LiveEvents.AsNoTracking().Where(e => e.MeetingId == seeded.MeetingId).OrderBy(e => e.Number).ToListAsync(Token);
        var last = await db.LiveStreams.Where(s => s.MeetingId == seeded.MeetingId).Select(s => s.LastNumber).SingleAsync(Token);
        // Every number from 1 to the last given out, once: none skipped by a refused check-in, none twice.
        Assert.Equal(Enumerable.Range(1, (int)last).Select(n => (long)n), events.Select(e => e.Number));
        var attendance = events.Where(e => e.Type == AttendanceChange.EventType).ToList();
        Assert.Equal(4 * capacity, attendance.Count);
        // Numbered in commit order: at each site the count carried by its events goes 1, 2, … capacity as the numbers rise.
        foreach (var site in seeded.SiteIds)
        {
            var counts = attendance.Where(e => e.SiteId == site)
                .Select(e => System.Text.Json.JsonDocument.Parse(e.Payload).RootElement.GetProperty("count").GetProperty("present").GetInt32());
            Assert.Equal(Enumerable.Range(1, capacity), counts);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_forged_foreign_or_repeated_invitation_code_is_refused_with_a_clear_message_and_nothing_recorded(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, checklist: false);
        var other = await ReadinessTestData.MeetingAsync(app.Database, checklist: false);
        var (here, there) = (seeded.SiteIds[1], seeded.SiteIds[2]);
        var people = await PeopleAsync(app, seeded.MeetingId, ("Lò Văn Pọm", here), ("Quàng Thị Xuân", there));
        var stranger = (await PeopleAsync(app, other.MeetingId, ("Lường Văn Hặc", other.SiteIds[1])))[0];
        var protection = app.Services.GetRequiredService<IDataProtectionProvider>();
        var code = CheckInCodes.Create(protection, seeded.MeetingId, people[0]);
        var client = await app.SignedInClientAsync(Roles.SiteOperator, here);
        Task<HttpResponseMessage> ScanAsync(string scanned, int site = 0) =>
            client.PostAsJsonAsync($"{SitePath(seeded, site == 0 ? here : site)}/scan", new ScanInput(scanned), Token);

        // Forged: altered, made with another key ring (same format, same purpose), or not a code at all.
        var altered = code[..^4] + (code[^4] == 'A' ? 'B' : 'A') + code[^3..];
        var otherKeys = new EphemeralDataProtectionProvider().CreateProtector("DienHong.CheckIn").Protect($"{seeded.MeetingId}:{people[0]}");
        foreach (var forged in new[] { altered, otherKeys, "DH-" + people[0], "" })
        {
            var text = await Problems.AssertVietnameseAsync(await ScanAsync(forged), HttpStatusCode.BadRequest, "Code");
            Assert.Contains("Mã điểm danh không hợp lệ", text, StringComparison.Ordinal);
        }

        // Foreign: another meeting's invitation, or a person invited to another site.
        var foreignMeeting = await Problems.AssertVietnameseAsync(await ScanAsync(CheckInCodes.Create(protection, other.MeetingId, stranger)), HttpStatusCode.BadRequest, "Code");
        Assert.Contains("một cuộc họp khác", foreignMeeting, StringComparison.Ordinal);
        var foreignSite = await Problems.AssertVietnameseAsync(await ScanAsync(CheckInCodes.Create(protection, seeded.MeetingId, people[1])), HttpStatusCode.BadRequest, "ParticipantId");
        Assert.Contains("Quàng Thị Xuân đăng ký dự tại một điểm cầu khác", foreignSite, StringComparison.Ordinal);
        // Another site is not this operator's: as if it did not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await ScanAsync(CheckInCodes.Create(protection, seeded.MeetingId, people[1]), there)).StatusCode);
        await using (var db = app.CreateContext())
        {
            Assert.False(await db.CheckIns.AnyAsync(Token));
        }

        // The real code, as a USB scanner types it (with its Enter), checks the holder in once.
        var scanned = await ScanAsync(code + "\r\n");
        Assert.Equal(HttpStatusCode.Created, scanned.StatusCode);
        var checkIn = await scanned.Content.ReadFromJsonAsync<CheckInDto>(Token);
        Assert.Equal((people[0], "Lò Văn Pọm", CheckInMethod.Code), (checkIn!.ParticipantId, checkIn.Name, checkIn.Method));
        var repeated = await Problems.AssertVietnameseAsync(await ScanAsync(code), HttpStatusCode.Conflict);
        Assert.Contains("Lò Văn Pọm đã điểm danh lúc", repeated, StringComparison.Ordinal);
        // Two scans of one code at the same moment: one check-in.
        var second = CheckInCodes.Create(protection, seeded.MeetingId, (await PeopleAsync(app, seeded.MeetingId, ("Lò Thị Ín", here)))[0]);
        var together = await Task.WhenAll(ScanAsync(second), ScanAsync(second), ScanAsync(second));
        Assert.Equal(1, together.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(together.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));

        await using var check = app.CreateContext();
        Assert.Equal(2, await check.CheckIns.CountAsync(Token));
        Assert.Equal(2, (await check.SiteHeadcounts.SingleAsync(h => h.SiteId == here, Token)).Present);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Ticks_walk_ins_and_check_outs_move_the_live_counts_that_reach_the_board(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, checklist: false);
        var site = seeded.SiteIds[1];
        var people = await PeopleAsync(app, seeded.MeetingId, ("Vi Văn Thắng", site), ("Hà Thị Nga", site), ("Lương Văn Tuấn", seeded.SiteIds[2]));
        var address = LiveHosting.Start(app);
        var secretary = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Secretariat));
        var siteOperator = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.SiteOperator, null, site));
        var otherOperator = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.SiteOperator, null, seeded.SiteIds[2]));
        await using var board = await HubWatcher.JoinAsync(address, secretary, seeded.MeetingId, after: 0);
        await using var elsewhere = await HubWatcher.JoinAsync(address, otherOperator, seeded.MeetingId, after: 0);

        var ticked = await siteOperator.Http.PostAsJsonAsync(SitePath(seeded, site), new CheckInInput(ParticipantId: people[0]), Token);
        Assert.Equal(HttpStatusCode.Created, ticked.StatusCode);
        var walkIn = await (await siteOperator.Http.PostAsJsonAsync(SitePath(seeded, site), new CheckInInput(Name: " Nông Văn Dền ", Address: "Bản Mới, xã Chiềng Sinh"), Token))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<CheckInDto>(Token);
        Assert.Equal(("Nông Văn Dền", CheckInMethod.WalkIn), (walkIn!.Name, walkIn.Method));
        (await siteOperator.Http.PostAsync($"{SitePath(seeded, site)}/{walkIn.Id}/check-out", null, Token)).EnsureSuccessStatusCode();
        var wrongSite = await siteOperator.Http.PostAsJsonAsync(SitePath(seeded, site), new CheckInInput(ParticipantId: people[2]), Token);
        await Problems.AssertVietnameseAsync(wrongSite, HttpStatusCode.BadRequest, "ParticipantId");
        await Problems.AssertVietnameseAsync(await siteOperator.Http.PostAsJsonAsync(SitePath(seeded, site), new CheckInInput(Name: "  "), Token), HttpStatusCode.BadRequest, "Name");

        var counts = new List<(int Present, int Planned, int Capacity)>();
        for (var i = 0; i < 3; i++)
        {
            var received = await board.NextAsync();
            Assert.Equal((AttendanceChange.EventType, site), (received.Type, received.SiteId!.Value));
            var count = received.Data.GetProperty("count");
            counts.Add((count.GetProperty("present").GetInt32(), count.GetProperty("planned").GetInt32(), count.GetProperty("capacity").GetInt32()));
        }

        Assert.Equal([(1, 2, 30), (2, 2, 30), (1, 2, 30)], counts);
        Assert.True(await elsewhere.QuietAsync(), "another site's operator received this site's check-ins");

        var summary = await secretary.Http.GetFromJsonAsync<AttendanceSummary>($"/api/meetings/{seeded.MeetingId}/attendance", Token);
        Assert.Equal((1, 3, 90), (summary!.Present, summary.Planned, summary.Capacity));
        var own = await siteOperator.Http.GetFromJsonAsync<AttendanceSummary>($"/api/meetings/{seeded.MeetingId}/attendance", Token);
        Assert.Equal([site], own!.Sites.Select(s => s.SiteId));
        var tile = (await secretary.Http.GetFromJsonAsync<ReadinessBoard>($"/api/meetings/{seeded.MeetingId}/readiness", Token))!.Sites.Single(s => s.SiteId == site);
        Assert.Equal((1, 2, 30), (tile.Present, tile.Participants, tile.Capacity));
        var list = await siteOperator.Http.GetFromJsonAsync<SiteAttendance>(SitePath(seeded, site), Token);
        Assert.Equal(["Hà Thị Nga", "Vi Văn Thắng"], list!.Planned.Select(p => p.Name));
        Assert.NotNull(list.Planned.Single(p => p.Name == "Vi Văn Thắng").Present);
        Assert.Empty(list.WalkIns);

        var viewer = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Viewer));
        var watching = await viewer.Http.PostAsJsonAsync(SitePath(seeded, site), new CheckInInput(ParticipantId: people[1]), Token);
        Assert.Equal(HttpStatusCode.Forbidden, watching.StatusCode);
    }
}
