using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Readiness;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Readiness;

/// <summary>Two app processes on one PostgreSQL database and a real Redis: what changes on one node reaches watchers of the other, in order.</summary>
public class SeveralNodesLiveTests
{
    [Fact]
    public async Task A_checklist_change_through_node_A_reaches_watchers_on_node_B_in_order()
    {
        var token = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var seeded = await ReadinessTestData.MeetingAsync(database);
        // Polling is slowed to ten minutes: within the test only Redis can carry the news across.
        var settings = new Dictionary<string, string> { ["Redis:Configuration"] = redis.Configuration, ["Live:PollInterval"] = "00:10:00" };
        await using var nodeA = await AppProcess.StartAsync(database, settings);
        await using var nodeB = await AppProcess.StartAsync(database, settings);
        try
        {
            var admin = await LiveHosting.SignInAsync(nodeA.Address, "admin");
            using var onB = new HttpClient { BaseAddress = nodeB.Address };
            onB.DefaultRequestHeaders.Add("Cookie", admin.Cookie);
            await using var hubOnB = await HubWatcher.JoinAsync(nodeB.Address, admin with { Http = onB }, seeded.MeetingId, after: 0);
            await using var sseOnB = await SseWatcher.OpenAsync(onB, seeded.MeetingId, after: 0);

            for (var i = 0; i < 3; i++)
            {
                var tick = await admin.Http.PutAsJsonAsync($"/api/meetings/{seeded.MeetingId}/sites/{seeded.SiteIds[1]}/readiness/{seeded.CheckIds[i]}", new MarkInput(CheckState.Passed), token);
                tick.EnsureSuccessStatusCode();
            }

            var fromHub = new List<long>();
            var fromSse = new List<long>();
            for (var i = 0; i < 3; i++)
            {
                fromHub.Add((await hubOnB.NextAsync()).Number);
                fromSse.Add((await sseOnB.NextAsync()).Number);
            }

            Assert.Equal([1L, 2L, 3L], fromHub);
            Assert.Equal([1L, 2L, 3L], fromSse);
            // Both nodes serve the same state from the database.
            var boardOnB = await onB.GetFromJsonAsync<ReadinessBoard>($"/api/meetings/{seeded.MeetingId}/readiness", token);
            Assert.Equal(3, boardOnB!.Sites.Single(s => s.SiteId == seeded.SiteIds[1]).Checklist.Passed);
            Assert.Equal(3, boardOnB.Number);
        }
        catch
        {
            TestContext.Current.SendDiagnosticMessage("node A:\n" + nodeA.Output + "\nnode B:\n" + nodeB.Output);
            throw;
        }
    }
}
