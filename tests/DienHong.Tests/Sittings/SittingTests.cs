using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Agenda;
using DienHong.Features.Meetings;
using DienHong.Features.Sittings;
using DienHong.Tests.Api;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Sittings;

/// <summary>Running the meeting through the API on both databases: sitting states, the one current item, proposals, live events.</summary>
public class SittingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateTime Morning = new(2026, 11, 19, 1, 0, 0, DateTimeKind.Utc);

    private static async Task<SittingDto> CreateAsync(HttpClient client, int meetingId, string title, int hours = 0)
    {
        var response = await client.PostAsJsonAsync($"/api/meetings/{meetingId}/sittings", new SittingInput(title, Morning.AddHours(hours), Morning.AddHours(hours + 3)), Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SittingDto>(Token))!;
    }

    private static Task<HttpResponseMessage> MoveAsync(HttpClient client, int meetingId, SittingDto sitting, SittingState state, int version = 0) =>
        client.PutAsJsonAsync($"/api/meetings/{meetingId}/sittings/{sitting.Id}/state", new SittingStateInput(state, version), Token);

    private static Task<HttpResponseMessage> CurrentAsync(HttpClient client, int meetingId, int? itemId) =>
        client.PutAsJsonAsync($"/api/meetings/{meetingId}/current-item", new CurrentItemInput(itemId), Token);

    private static async Task<List<int>> AgendaAsync(DienHongApp app, int meetingId, params string[] items)
    {
        await using var db = app.CreateContext();
        var rows = items.Select((content, i) => new AgendaItem { MeetingId = meetingId, Order = i + 1, Content = content, PlannedMinutes = 30 }).ToList();
        db.AgendaItems.AddRange(rows);
        await db.SaveChangesAsync(Token);
        return [.. rows.Select(r => r.Id)];
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_sitting_moves_only_through_its_states_and_one_sitting_runs_at_a_time(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, checklist: false);
        var meeting = seeded.MeetingId;
        var chair = await app.SignedInClientAsync(Roles.Chair);
        var morning = await CreateAsync(chair, meeting, "Phiên sáng 19/11");
        var afternoon = await CreateAsync(chair, meeting, "Phiên chiều 19/11", hours: 5);
        await Problems.AssertVietnameseAsync(await chair.PostAsJsonAsync($"/api/meetings/{meeting}/sittings", new SittingInput(" ", Morning, Morning.AddHours(-1)), Token), HttpStatusCode.BadRequest, "PlannedEnd");

        var notYet = await Problems.AssertVietnameseAsync(await MoveAsync(chair, meeting, morning, SittingState.Paused), HttpStatusCode.BadRequest, "State");
        Assert.Contains("đang ở trạng thái \"Chưa bắt đầu\", không chuyển sang \"Tạm dừng\"", notYet, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(chair, meeting, morning, SittingState.InProgress, morning.Version)).StatusCode);
        await Problems.AssertVietnameseAsync(await MoveAsync(chair, meeting, morning, SittingState.Paused, morning.Version), HttpStatusCode.Conflict);
        var twoAtOnce = await Problems.AssertVietnameseAsync(await MoveAsync(chair, meeting, afternoon, SittingState.InProgress), HttpStatusCode.BadRequest, "State");
        Assert.Contains("Phiên \"Phiên sáng 19/11\" đang họp", twoAtOnce, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(chair, meeting, morning, SittingState.Paused)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(chair, meeting, morning, SittingState.InProgress)).StatusCode);
        await Problems.AssertVietnameseAsync(await chair.DeleteAsync($"/api/meetings/{meeting}/sittings/{morning.Id}", Token), HttpStatusCode.BadRequest, "State");
        var ended = await (await MoveAsync(chair, meeting, morning, SittingState.Ended)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SittingDto>(Token);
        Assert.Equal(SittingState.Ended, ended!.State);
        Assert.True(ended.StartedAt <= ended.EndedAt);
        Assert.Null(ended.PausedAt);
        await Problems.AssertVietnameseAsync(await MoveAsync(chair, meeting, morning, SittingState.InProgress), HttpStatusCode.BadRequest, "State");

        // A viewer watches; a secretary of the meeting runs it too; two secretaries starting the next sitting at once: one start.
        var viewer = await app.SignedInClientAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await MoveAsync(viewer, meeting, afternoon, SittingState.InProgress)).StatusCode);
        var secretary = await app.SignedInClientAsync(Roles.Secretariat);
        var starts = await Task.WhenAll(MoveAsync(secretary, meeting, afternoon, SittingState.InProgress, afternoon.Version), MoveAsync(chair, meeting, afternoon, SittingState.InProgress, afternoon.Version));
        Assert.Equal(1, starts.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.True(starts.Single(r => r.StatusCode != HttpStatusCode.OK).StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest);

        var spare = await CreateAsync(chair, meeting, "Phiên dự phòng", hours: 24);
        Assert.Equal(HttpStatusCode.NoContent, (await chair.DeleteAsync($"/api/meetings/{meeting}/sittings/{spare.Id}", Token)).StatusCode);
        await using var db = app.CreateContext();
        Assert.Equal([SittingState.Ended, SittingState.InProgress], await db.Sittings.Where(s => s.MeetingId == meeting).OrderBy(s => s.PlannedStart).Select(s => s.State).ToListAsync(Token));
        Assert.True(await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Sitting), Token) >= 7);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task One_agenda_item_is_current_and_the_next_one_stamps_the_previous_ones_end_live(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, checklist: false);
        var meeting = seeded.MeetingId;
        var items = await AgendaAsync(app, meeting, "Khai mạc", "Báo cáo kết quả kỳ họp", "Cử tri phát biểu", "Bế mạc");
        var address = LiveHosting.Start(app);
        var chair = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Chair));
        var secretary = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Secretariat));
        var siteOperator = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.SiteOperator, null, seeded.SiteIds[1]));
        await using var watcher = await SseWatcher.OpenAsync(siteOperator.Http, meeting, after: 0);

        var sitting = await CreateAsync(chair.Http, meeting, "Phiên sáng 19/11");
        var early = await Problems.AssertVietnameseAsync(await CurrentAsync(chair.Http, meeting, items[0]), HttpStatusCode.BadRequest, "AgendaItemId");
        Assert.Contains("hãy bắt đầu phiên họp trước", early, StringComparison.Ordinal);
        (await MoveAsync(chair.Http, meeting, sitting, SittingState.InProgress)).EnsureSuccessStatusCode();
        (await CurrentAsync(chair.Http, meeting, items[0])).EnsureSuccessStatusCode();
        var second = await (await CurrentAsync(chair.Http, meeting, items[1])).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ConductState>(Token);
        Assert.Equal(items[1], second!.CurrentItemId);
        var (opening, report) = (second.Agenda.Single(a => a.ItemId == items[0]), second.Agenda.Single(a => a.ItemId == items[1]));
        Assert.Equal((false, true), (opening.Current, report.Current));
        Assert.NotNull(opening.EndedAt);
        Assert.Equal(report.StartedAt, opening.EndedAt);
        Assert.Null(report.EndedAt);
        await Problems.AssertVietnameseAsync(await CurrentAsync(chair.Http, meeting, 999_999), HttpStatusCode.BadRequest, "AgendaItemId");
        Assert.Equal(HttpStatusCode.Forbidden, (await CurrentAsync(siteOperator.Http, meeting, items[2])).StatusCode);

        // Two people moving the meeting to different items at once: one item is current after.
        var together = await Task.WhenAll(CurrentAsync(chair.Http, meeting, items[2]), CurrentAsync(secretary.Http, meeting, items[3]));
        Assert.Contains(together, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(together, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)r.StatusCode}"));
        await using (var db = app.CreateContext())
        {
            var runs = await db.AgendaItemRuns.Where(r => r.MeetingId == meeting).OrderBy(r => r.Id).ToListAsync(Token);
            Assert.Single(runs, r => r.EndedAt is null);
            Assert.All(runs.Zip(runs.Skip(1)), pair => Assert.Equal(pair.Second.StartedAt, pair.First.EndedAt));

            // The database itself refuses a second current item, whatever the code above it does.
            db.AgendaItemRuns.Add(new AgendaItemRun { MeetingId = meeting, AgendaItemId = items[0], SittingId = sitting.Id, StartedAt = DateTime.UtcNow, Version = 1 });
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token));
            Assert.True(refused.IsUniqueViolation());
        }

        // Ending the sitting ends the current item.
        var endedSitting = await (await MoveAsync(chair.Http, meeting, sitting, SittingState.Ended)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SittingDto>(Token);
        var conduct = await chair.Http.GetFromJsonAsync<ConductState>($"/api/meetings/{meeting}/sittings", Token);
        Assert.Null(conduct!.CurrentItemId);
        Assert.Null(conduct.RunningSittingId);
        Assert.All(conduct.Agenda.Where(a => a.StartedAt is not null), a => Assert.True(a.EndedAt <= endedSitting!.EndedAt));

        // Every step reached the site's light page, in order, as the new state.
        var received = new List<ReceivedEvent>();
        while (received.Count == 0 || received[^1].Data.GetProperty("runningSittingId").ValueKind != System.Text.Json.JsonValueKind.Null || received.Count < 3)
        {
            // The floor's state comes along when the item changes; this test follows the sitting.
            if (await watcher.NextAsync() is { Type: ConductState.EventType } conductEvent)
            {
                received.Add(conductEvent);
            }
        }

        Assert.All(received, e => Assert.Equal(ConductState.EventType, e.Type));
        Assert.Equal(received.Select(e => e.Number).Order(), received.Select(e => e.Number));
        Assert.Contains(received, e => e.Data.GetProperty("currentItemId").ValueKind == System.Text.Json.JsonValueKind.Number && e.Data.GetProperty("currentItemId").GetInt32() == items[1]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sittings_are_proposed_from_the_phases_once_and_show_in_a_new_watchers_snapshot(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, checklist: false);
        await using (var db = app.CreateContext())
        {
            // Two phases in Vietnam time: 19/11 8h00–17h00 and 20/11 7h30–11h00.
            db.MeetingPhases.AddRange(
                new MeetingPhase { MeetingId = seeded.MeetingId, Name = "Đợt 1", StartsAt = Morning, EndsAt = Morning.AddHours(9), Format = MeetingFormat.Online },
                new MeetingPhase { MeetingId = seeded.MeetingId, Name = "Đợt 2", StartsAt = Morning.AddHours(23.5), EndsAt = Morning.AddHours(27), Format = MeetingFormat.Online });
            await db.SaveChangesAsync(Token);
        }

        var address = LiveHosting.Start(app);
        var secretary = (await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Secretariat))).Http;
        var proposed = (await (await secretary.PostAsync($"/api/meetings/{seeded.MeetingId}/sittings/from-plan", null, Token)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<List<SittingDto>>(Token))!;
        Assert.Equal(["Phiên sáng 19/11", "Phiên chiều 19/11", "Phiên sáng 20/11"], proposed.Select(s => s.Title));
        Assert.Equal(["Đợt 1", "Đợt 1", "Đợt 2"], proposed.Select(s => s.PhaseName));
        Assert.Equal((Morning, Morning.AddHours(3.5)), (proposed[0].PlannedStart, proposed[0].PlannedEnd));
        Assert.Equal((Morning.AddHours(5.5), Morning.AddHours(9)), (proposed[1].PlannedStart, proposed[1].PlannedEnd));
        var again = await (await secretary.PostAsync($"/api/meetings/{seeded.MeetingId}/sittings/from-plan", null, Token)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<List<SittingDto>>(Token);
        Assert.Empty(again!);

        var viewer = await LiveHosting.SignInAsync(address, await app.CreateUserAsync(Roles.Viewer));
        await using var watcher = await HubWatcher.JoinAsync(address, viewer, seeded.MeetingId);
        var snapshot = await watcher.NextAsync();
        Assert.Equal("snapshot", snapshot.Type);
        Assert.Equal(3, snapshot.Data.GetProperty(ConductState.EventType).GetProperty("sittings").GetArrayLength());
    }
}
