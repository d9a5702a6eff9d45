using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using DienHong.Features.Readiness;
using DienHong.Features.Sites;

namespace DienHong.Bench;

/// <summary>
/// A checklist tick is a small write: through the API (a server process on SQLite) it must cost the
/// same in a meeting of 13 sites as in one of 700 with 14,000 participants. Baseline in the same
/// run: editing one site through the planning API, which loads and checks the whole meeting.
/// </summary>
internal sealed class ReadinessWritesBenchmark : IBenchmark
{
    public string Name => "readiness-writes";

    public async Task RunAsync(BenchOptions options)
    {
        var (large, ticks, edits) = options.Smoke ? (100, 20, 5) : (700, 200, 20);
        var (file, smallId, smallSites, smallChecks) = await BenchServer.SeedAsync(13, 20);
        var (largeId, largeSites, largeChecks) = await BenchServer.AddMeetingAsync(file, large, 20);
        await using (var server = await BenchServer.StartAppAsync(file))
        {
            var (http, _) = await server.SignInAsync();
            var small = await TicksAsync(http, smallId, smallSites, smallChecks, ticks);
            var big = await TicksAsync(http, largeId, largeSites, largeChecks, ticks);
            var smallEdit = await SiteEditsAsync(http, smallId, smallSites[1], edits);
            var bigEdit = await SiteEditsAsync(http, largeId, largeSites[1], edits);
            Report($"Checklist tick through the API ({ticks} ticks, sequential)", small, big, large);
            Report($"Baseline: one site edited through the planning API ({edits} edits)", smallEdit, bigEdit, large);
            var verdict = big.Median <= 1.5 * small.Median ? "within target" : "OVER TARGET";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  target: a tick at {large} sites costs ≤ 1.5× a tick at 13 sites: {big.Median / small.Median:0.00}× {verdict}"));
            Console.WriteLine();
        }

        File.Delete(file);
    }

    private readonly record struct Timing(double Median, double P95);

    private static void Report(string name, Timing small, Timing big, int large)
    {
        Console.WriteLine(name);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  13 sites:   median {small.Median,7:0.0} ms   p95 {small.P95,7:0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {large} sites: median {big.Median,7:0.0} ms   p95 {big.P95,7:0.0} ms   ratio {big.Median / small.Median:0.00}×"));
    }

    private static async Task<Timing> TicksAsync(HttpClient http, int meetingId, int[] sites, int[] checks, int count)
    {
        var versions = new Dictionary<(int, int), int>();
        var times = new List<double>();
        for (var i = -10; i < count; i++)
        {
            // Spread over the meeting's sites and items, each tick naming the version it saw.
            var key = (sites[Math.Abs(i * 7) % sites.Length], checks[Math.Abs(i) % checks.Length]);
            var version = versions.GetValueOrDefault(key);
            var watch = Stopwatch.StartNew();
            var response = await http.PutAsJsonAsync($"/api/meetings/{meetingId}/sites/{key.Item1}/readiness/{key.Item2}", new MarkInput(i % 2 == 0 ? CheckState.Passed : CheckState.Failed, Version: version));
            var mark = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<MarkDto>();
            if (i >= 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            versions[key] = mark!.Version;
        }

        return Summarize(times);
    }

    private static async Task<Timing> SiteEditsAsync(HttpClient http, int meetingId, int siteId, int count)
    {
        var times = new List<double>();
        for (var i = -2; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await http.PutAsJsonAsync($"/api/meetings/{meetingId}/sites/{siteId}",
                new SiteInput($"UBND xã Đổi tên {i + 3}", 50, Level: SiteLevel.Commune, ConnectionTestAt: new DateTime(2026, 11, 30, 7, 0, 0, DateTimeKind.Utc)));
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Site edit refused: {await response.Content.ReadAsStringAsync()}");
            }

            if (i >= 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return Summarize(times);
    }

    private static Timing Summarize(List<double> times)
    {
        times.Sort();
        return new Timing(times[times.Count / 2], times[Math.Min(times.Count - 1, (int)(times.Count * 0.95))]);
    }
}
