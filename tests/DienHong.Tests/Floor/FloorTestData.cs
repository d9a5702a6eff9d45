using System.Net;
using System.Net.Http.Json;
using DienHong.Features.Agenda;
using DienHong.Features.Participants;
using DienHong.Features.Sittings;
using DienHong.Tests.Infrastructure;
using DienHong.Tests.Readiness;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Tests.Floor;

/// <summary>A meeting under way: sites, an agenda, a running sitting and a current item, arranged through the API.</summary>
internal static class FloorTestData
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public sealed record Running(int MeetingId, IReadOnlyList<int> SiteIds, IReadOnlyList<int> ItemIds, int SittingId);

    public static async Task<Running> RunningAsync(DienHongApp app, HttpClient chair, int sites = 4)
    {
        var seeded = await ReadinessTestData.MeetingAsync(app.Database, sites, checklist: false);
        await using var db = app.CreateContext();
        var items = new[] { "Báo cáo kết quả kỳ họp", "Cử tri phát biểu", "Bế mạc" }
            .Select((content, i) => new AgendaItem { MeetingId = seeded.MeetingId, Order = i + 1, Content = content, PlannedMinutes = 30 }).ToList();
        db.AgendaItems.AddRange(items);
        await db.SaveChangesAsync(Token);
        var start = DateTime.UtcNow.Date.AddHours(1);
        var created = await chair.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sittings", new SittingInput("Phiên sáng", start, start.AddHours(3)), Token);
        var sitting = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SittingDto>(Token))!;
        (await chair.PutAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sittings/{sitting.Id}/state", new SittingStateInput(SittingState.InProgress), Token)).EnsureSuccessStatusCode();
        await CurrentAsync(chair, seeded.MeetingId, items[1].Id);
        return new Running(seeded.MeetingId, seeded.SiteIds, [.. items.Select(i => i.Id)], sitting.Id);
    }

    public static async Task CurrentAsync(HttpClient chair, int meetingId, int? itemId)
    {
        var response = await chair.PutAsJsonAsync($"/api/meetings/{meetingId}/current-item", new CurrentItemInput(itemId), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A delegate of the meeting at <paramref name="siteId"/>, linked to a new account; its user name and participant id.</summary>
    public static async Task<(string UserName, int ParticipantId)> DelegateAsync(DienHongApp app, int meetingId, int siteId, string name)
    {
        var userName = await app.CreateUserAsync(Features.Accounts.Roles.Delegate);
        await using var db = app.CreateContext();
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Token);
        var person = new Participant { MeetingId = meetingId, SiteId = siteId, PersonName = name, Title = "Đại biểu Quốc hội", Role = ParticipantRole.Delegate, UserId = userId };
        db.Participants.Add(person);
        await db.SaveChangesAsync(Token);
        return (userName, person.Id);
    }
}
