using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DienHong.Data;
using DienHong.Tests.Infrastructure;

namespace DienHong.Tests.Api;

/// <summary>
/// PostgreSQL stopped under a running app: the API and the pages say so in Vietnamese (503, try
/// again) within seconds, and once the server is back the very next requests work — the retry
/// policy gets past the connections the restart broke. (SQLite is a file in the app's folder: it
/// has no outage of this kind.)
/// </summary>
public class DatabaseOutageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_PostgreSQL_is_down_the_API_and_pages_answer_a_Vietnamese_503_and_all_works_again_after_it_restarts()
    {
        if (PostgresServer.FindBinaries() is null && Environment.GetEnvironmentVariable("CI") is null)
        {
            Assert.Skip("PostgreSQL binaries (initdb, pg_ctl) were not found on this machine: outage test skipped.");
        }

        // A server of this test's own: stopping the shared one would fail every other test running.
        await using var server = await PostgresServer.StartOwnAsync();
        await server.CreateDatabaseAsync("outage");
        await DatabaseSetup.MigrateAsync(DatabaseProvider.PostgreSql, server.ConnectionString("outage"), Token);
        await using var app = new DienHongApp(TestDatabase.Existing(DatabaseProvider.PostgreSql, server.ConnectionString("outage")));
        var client = await app.AdministratorClientAsync();
        await client.CreateAsync("/api/meetings", RawRequests.Meeting);

        await server.StopAsync();
        var clock = Stopwatch.StartNew();
        var read = await client.GetAsync("/api/meetings", Token);
        var write = await client.PostJsonAsync("/api/meetings", RawRequests.Meeting);
        var page = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/meetings") { Headers = { { "Accept", "text/html" } } }, Token);
        var elapsed = clock.Elapsed;
        await server.StartAgainAsync();
        var readAgain = await client.GetAsync("/api/meetings", Token);
        var writeAgain = await client.PostJsonAsync("/api/meetings", RawRequests.Meeting);

        Assert.Contains("thử lại", await Problems.AssertVietnameseAsync(read, HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);
        await Problems.AssertVietnameseAsync(write, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(read.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Tạm thời gián đoạn", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"the outage took {elapsed} to report");
        Assert.Equal(HttpStatusCode.OK, readAgain.StatusCode);
        Assert.Equal(1, (await readAgain.Content.ReadFromJsonAsync<JsonElement>(Token)).GetArrayLength());
        Assert.Equal(HttpStatusCode.Created, writeAgain.StatusCode);
    }
}
