using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Agenda;
using DienHong.Features.Meetings;
using DienHong.Features.Sites;
using DienHong.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Api;

/// <summary>
/// A meeting's rules hold when people change it at the same time: the database keeps one host
/// and one item per agenda position, the meeting's version refuses a save from a stale copy, and
/// concurrent API writes run again on fresh data instead of failing.
/// </summary>
public class ConcurrentChangeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Ten_agenda_items_posted_at_once_are_all_kept_numbered_one_to_ten(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var meetingId = await client.CreateAsync("/api/meetings", RawRequests.Meeting);
        // Ten pooled connections ready, so that the ten posts really overlap.
        await Task.WhenAll(Enumerable.Range(1, 10).Select(_ => client.GetAsync($"/api/meetings/{meetingId}/agenda", Token)));

        var responses = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            client.PostAsJsonAsync($"/api/meetings/{meetingId}/agenda", new { content = $"Ý kiến của cử tri xã thứ {i}" }, Token)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        await using var db = app.CreateContext();
        var agenda = await db.AgendaItems.Where(a => a.MeetingId == meetingId).ToListAsync(Token);
        Assert.Equal(Enumerable.Range(1, 10), agenda.Select(a => a.Order).Order());
        Assert.Equal(10, agenda.Select(a => a.Content).Distinct().Count());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Six_host_sites_posted_at_once_leave_exactly_one_host(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var meetingId = await client.CreateAsync("/api/meetings", RawRequests.Meeting);

        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            client.PostAsJsonAsync($"/api/meetings/{meetingId}/sites", new { name = $"Điểm cầu trung tâm {i}", capacity = 30, isHost = true }, Token)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Contains("đúng một điểm cầu trung tâm", await Problems.AssertVietnameseAsync(refused, HttpStatusCode.BadRequest, "Sites"), StringComparison.Ordinal);
        }

        await using var db = app.CreateContext();
        Assert.Equal(1, await db.Sites.CountAsync(s => s.MeetingId == meetingId && s.IsHost, Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_database_refuses_a_second_host_and_a_taken_agenda_position_even_past_the_rules(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var meetingId = await client.CreateAsync("/api/meetings", RawRequests.Meeting);
        await client.CreateAsync($"/api/meetings/{meetingId}/sites", """{"name":"Hội trường tỉnh","capacity":50,"isHost":true}""");
        await client.CreateAsync($"/api/meetings/{meetingId}/agenda", """{"content":"Khai mạc"}""");

        // Straight to the context, as code that forgot the meeting's rules would.
        await using (var db = app.CreateContext())
        {
            db.Sites.Add(new Site { MeetingId = meetingId, Name = "Hội trường huyện", Capacity = 30, IsHost = true, Level = SiteLevel.Commune });
            Assert.True(DatabaseErrors.IsConcurrentChange(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token))));
        }

        await using (var db = app.CreateContext())
        {
            db.AgendaItems.Add(new AgendaItem { MeetingId = meetingId, Order = 1, Content = "Khai mạc lần hai" });
            Assert.True(DatabaseErrors.IsConcurrentChange(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token))));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_save_from_a_stale_copy_is_refused_with_a_Vietnamese_message_to_reload(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var meetingId = await client.CreateAsync("/api/meetings", RawRequests.Meeting);
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/meetings/{meetingId}", Token);
        var version = read.GetProperty("version").GetInt32();
        string Replacement(string title) => RawRequests.Meeting.Replace("}", $$""","title":"{{title}}","version":{{version}}}""", StringComparison.Ordinal);

        var first = await client.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}", Replacement("Hội nghị tiếp xúc cử tri (sửa lần 1)"));
        var stale = await client.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}", Replacement("Hội nghị tiếp xúc cử tri (sửa từ bản cũ)"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("người khác", await Problems.AssertVietnameseAsync(stale, HttpStatusCode.Conflict), StringComparison.Ordinal);
        // Two editors open the meeting; the second to save has not seen the first's change.
        await using var one = app.CreateContext();
        await using var two = app.CreateContext();
        var mine = (await one.LoadMeetingAsync(meetingId, Token))!;
        var theirs = (await two.LoadMeetingAsync(meetingId, Token))!;
        mine.Place = "Thành phố Lào Cai";
        await one.SaveMeetingAsync(mine, Token);
        theirs.Sites.Add(new Site { Name = "Hội trường xã Bản Lầu", Capacity = 30, IsHost = true, Level = SiteLevel.Commune });
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => two.SaveMeetingAsync(theirs, Token));
        await using var db = app.CreateContext();
        var stored = await db.Meetings.SingleAsync(Token);
        Assert.Equal(("Hội nghị tiếp xúc cử tri (sửa lần 1)", "Thành phố Lào Cai", version + 2), (stored.Title, stored.Place, stored.Version));
        Assert.Equal(0, await db.Sites.CountAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_meeting_old_data_left_with_three_hosts_is_repaired_by_one_call(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var meetingId = await client.CreateAsync("/api/meetings", RawRequests.Meeting);
        await using (var db = app.CreateContext())
        {
            // Data from before the database kept the rule.
            await db.Database.ExecuteSqlRawAsync("""DROP INDEX "IX_Sites_OneHostPerMeeting" """, Token);
            db.Sites.AddRange(Enumerable.Range(1, 3).Select(i => new Site { MeetingId = meetingId, Name = $"Điểm cầu {i}", Capacity = 30, IsHost = true, Level = SiteLevel.Commune }));
            await db.SaveChangesAsync(Token);
        }

        var sites = await client.GetFromJsonAsync<List<JsonElement>>($"/api/meetings/{meetingId}/sites", Token);
        var second = sites![1].GetProperty("id").GetInt32();
        var editBefore = await client.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}/sites/{second}", """{"name":"Điểm cầu 2 (đổi tên)","capacity":30,"isHost":true}""");
        var repair = await client.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}/sites/{second}/host", string.Empty);
        var editAfter = await client.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}/sites/{second}", """{"name":"Điểm cầu 2 (đổi tên)","capacity":30,"isHost":true}""");

        Assert.Contains("hiện có 3", await Problems.AssertVietnameseAsync(editBefore, HttpStatusCode.BadRequest, "Sites"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, repair.StatusCode);
        Assert.Equal(HttpStatusCode.OK, editAfter.StatusCode);
        await using var check = app.CreateContext();
        Assert.Equal([second], await check.Sites.Where(s => s.IsHost).Select(s => s.Id).ToListAsync(Token));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_host_moves_and_the_agenda_reorders_under_the_database_rules(DatabaseProvider provider)
    {
        await using var app = new DienHongApp(await TestDatabase.CreateAsync(provider));
        var client = await app.SignedInClientAsync(Roles.Secretariat);
        var meetingId = await client.CreateAsync("/api/meetings", RawRequests.Meeting);
        var province = await client.CreateAsync($"/api/meetings/{meetingId}/sites", """{"name":"Hội trường tỉnh","capacity":50,"isHost":true}""");
        var commune = await client.CreateAsync($"/api/meetings/{meetingId}/sites", """{"name":"Hội trường xã","capacity":30}""");
        var items = new List<int>();
        foreach (var content in new[] { "Một", "Hai", "Ba", "Bốn" })
        {
            items.Add(await client.CreateAsync($"/api/meetings/{meetingId}/agenda", $$"""{"content":"{{content}}"}"""));
        }

        var moveHost = await client.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}/sites/{commune}/host", string.Empty);
        var moveBack = await client.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}/sites/{province}/host", string.Empty);
        var swap = await client.PutAsJsonAsync($"/api/meetings/{meetingId}/agenda/order", new[] { items[1], items[0], items[3], items[2] }, Token);
        var lastToFirst = await client.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{meetingId}/agenda/{items[2]}", """{"content":"Ba","position":1}""");
        var insertSecond = await client.PostJsonAsync($"/api/meetings/{meetingId}/agenda", """{"content":"Chen","position":2}""");

        Assert.All([moveHost, moveBack, swap, lastToFirst], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.Created, insertSecond.StatusCode);
        var agenda = await client.GetFromJsonAsync<List<AgendaItemDto>>($"/api/meetings/{meetingId}/agenda", Token);
        Assert.Equal(["Ba", "Chen", "Hai", "Một", "Bốn"], agenda!.Select(a => a.Content));
        Assert.Equal([1, 2, 3, 4, 5], agenda!.Select(a => a.Order));
        await using var db = app.CreateContext();
        Assert.Equal([province], await db.Sites.Where(s => s.IsHost).Select(s => s.Id).ToListAsync(Token));
        Assert.Equal(MeetingStatus.Draft, (await db.Meetings.SingleAsync(Token)).Status);
    }
}
