using System.Net.Http.Json;
using DienHong.Features.Meetings;
using DienHong.Features.Readiness;
using DienHong.Features.Sites;
using DienHong.Tests.Infrastructure;
using TestResult = DienHong.Features.Readiness.TestResult;

namespace DienHong.Tests.Readiness;

/// <summary>A meeting with a host and commune sites and the default checklist, written straight to the database.</summary>
internal static class ReadinessTestData
{
    public sealed record Seeded(int MeetingId, IReadOnlyList<int> SiteIds, IReadOnlyList<int> CheckIds);

    public static async Task<Seeded> MeetingAsync(TestDatabase database, int sites = 3, DateTime? connectionTestAt = null, bool checklist = true)
    {
        await using var db = database.CreateContext();
        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(1);
        var meeting = new Meeting
        {
            Title = "Hội nghị tiếp xúc cử tri trực tuyến (thử)",
            Kind = MeetingKind.VoterContactConference,
            Format = MeetingFormat.Online,
            StartsAt = start,
            EndsAt = start.AddHours(3),
            Place = "Bình Phước",
        };
        for (var i = 0; i < sites; i++)
        {
            meeting.Sites.Add(new Site
            {
                Name = i == 0 ? "Phòng họp trực tuyến Văn phòng Đoàn ĐBQH và HĐND tỉnh" : $"UBND xã Số {i}",
                IsHost = i == 0,
                Level = i == 0 ? SiteLevel.Province : SiteLevel.Commune,
                Capacity = 30,
                TechnicalContactName = $"Kỹ thuật viên {i}",
                ConnectionTestAt = connectionTestAt ?? start.AddHours(-18),
            });
        }

        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var checks = checklist
            ? DefaultChecklist.For(meeting.Kind).Where(c => !c.EpidemicOnly).Select((c, i) => new ReadinessCheck { MeetingId = meeting.Id, Order = i + 1, Name = c.Name }).ToList()
            : [];
        db.ReadinessChecks.AddRange(checks);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new Seeded(meeting.Id, [.. meeting.Sites.OrderByDescending(s => s.IsHost).ThenBy(s => s.Id).Select(s => s.Id)], [.. checks.Select(c => c.Id)]);
    }

    /// <summary>Every item of a site đạt and a passing connection test, through the API.</summary>
    public static async Task MakeReadyAsync(HttpClient client, Seeded seeded, int siteId)
    {
        foreach (var check in seeded.CheckIds)
        {
            var response = await client.PutAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sites/{siteId}/readiness/{check}", new MarkInput(CheckState.Passed), TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        var started = await client.PostAsync($"/api/meetings/{seeded.MeetingId}/sites/{siteId}/connection-tests", null, TestContext.Current.CancellationToken);
        var test = await started.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<TestDto>(TestContext.Current.CancellationToken);
        var finished = await client.PutAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sites/{siteId}/connection-tests/{test!.Id}", new FinishTestInput(TestResult.Passed, SignalQuality.Good, SignalQuality.Good, 120), TestContext.Current.CancellationToken);
        finished.EnsureSuccessStatusCode();
    }
}
