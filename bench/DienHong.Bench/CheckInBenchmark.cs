using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Attendance;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Bench;

/// <summary>
/// Check-in at scale, through the API of a server process: a meeting of 700 sites and 20,000
/// participants, 200 check-ins a second spread over the sites for a minute (ticks on the list and
/// walk-ins; a fifth of the rooms small enough to fill), on SQLite and PostgreSQL. Per check-in:
/// latency (p50/p95/p99, target p95 ≤ 50 ms); afterwards, from the database: no room over its
/// capacity, every accepted check-in stored, every headcount equal to the people present. Baseline
/// in the same run and database: the same rate of bare inserts of the same row (one statement, no
/// HTTP, no rules, no audit, no event).
/// </summary>
internal sealed class CheckInBenchmark : IBenchmark
{
    public string Name => "check-in";

    public async Task RunAsync(BenchOptions options)
    {
        var (sites, participants, rate, seconds) = options.Smoke ? (50, 1_000, 50, 3) : (700, 20_000, 200, 60);
        foreach (var provider in options.Databases)
        {
            if (await BenchDatabase.CreateAsync(provider) is not { } database)
            {
                continue;
            }

            var (meetingId, siteIds, capacities, people) = await SeedAsync(database, sites, participants);
            // A second, small meeting to warm the server up on (see below), so the measured meeting starts untouched.
            var warmUp = await SeedAsync(database, options.Smoke ? 20 : 100, options.Smoke ? 400 : 4_000);
            var file = provider == DatabaseProvider.Sqlite ? database.ConnectionString.Split(';')[0]["Data Source=".Length..] : Path.Combine(Path.GetTempPath(), $"dienhong-bench-pg-{Guid.NewGuid():N}.db");
            // Pooled connections, as a deployed server has them, for the server and the baseline alike.
            var pooled = new BenchDatabase(provider, database.ConnectionString.Replace("Pooling=false", "Pooling=true", StringComparison.Ordinal));
            Result warm, app, bare;
            int overCapacity, lost, late, miscounted;
            // The server process deletes the SQLite file when it stops: everything is measured and checked before.
            await using (var server = await BenchServer.StartAppAsync(file, $"--Database:Provider={provider}", $"--Database:ConnectionString={pooled.ConnectionString}"))
            {
                var (signedIn, cookie) = await server.SignInAsync();
                signedIn.Dispose();
                using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
                { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
                async Task<Outcome> CheckInAsync(int meeting, int siteId, CheckInInput input)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/meetings/{meeting}/sites/{siteId}/attendance") { Content = JsonContent.Create(input) };
                    request.Headers.Add("Cookie", cookie);
                    using var response = await http.SendAsync(request);
                    return response.StatusCode switch
                    {
                        HttpStatusCode.Created => Outcome.Accepted,
                        HttpStatusCode.BadRequest when (await response.Content.ReadAsStringAsync()).Contains("sức chứa", StringComparison.Ordinal) => Outcome.Full,
                        _ => Outcome.Failed(response.StatusCode + " " + await response.Content.ReadAsStringAsync()),
                    };
                }

                // Warm-up, as any benchmark of a steady rate has one: a server that has never run a check-in
                // compiles its code paths and queries on the first ones (seconds on these cores, with every
                // later arrival queued behind the first write), which is start-up, not the rate it sustains.
                // Fifteen seconds at the rate on the small meeting, not measured.
                warm = await OpenLoopAsync(rate, options.Smoke ? 2 : 15, i => CheckInAsync(warmUp.MeetingId, warmUp.People[i % warmUp.People.Length].SiteId,
                    i % 10 == 9 ? new CheckInInput(Name: $"Khách {i}", Address: "Thôn 1") : new CheckInInput(warmUp.People[i % warmUp.People.Length].Id)));

                // For a profiler attached from outside (dotnet-trace -p): which process, and when the measured minute starts.
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {provider}: measuring from {DateTime.UtcNow:HH:mm:ss} UTC, server process {server.ProcessId}"));
                var random = new Random(2026);
                var order = people.OrderBy(_ => random.Next()).ToArray();
                app = await OpenLoopAsync(rate, seconds, i =>
                {
                    // Nine in ten tick a planned person on their site's list, one in ten is a walk-in at a random site.
                    var (siteId, input) = i % 10 == 9
                        ? (siteIds[i * 7919 % siteIds.Length], new CheckInInput(Name: $"Cử tri vãng lai {i}", Address: "Thôn 3"))
                        : (order[i % order.Length].SiteId, new CheckInInput(order[i % order.Length].Id));
                    return CheckInAsync(meetingId, siteId, input);
                });

                (overCapacity, lost, late, miscounted) = await VerifyAsync(database, meetingId, capacities, app.Accepted);
                var baselineSite = siteIds[1];
                bare = await OpenLoopAsync(rate, seconds, async i =>
                {
                    await using var db = pooled.Bare();
                    var at = DateTime.UtcNow;
                    await db.Database.ExecuteSqlAsync($"""
                        INSERT INTO "CheckIns" ("MeetingId", "SiteId", "ParticipantId", "Name", "Address", "Method", "CheckedInAt", "CheckedInBy", "Version")
                        VALUES ({meetingId}, {baselineSite}, NULL, {"Cử tri cơ sở " + i}, {"Thôn 3"}, {(int)CheckInMethod.WalkIn}, {at}, {"admin"}, 1)
                        """);
                    return Outcome.Accepted;
                });
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{provider}: {sites} sites, {participants:N0} participants; {rate} check-ins/s for {seconds} s through the API (9 in 10 ticked on the list, 1 in 10 walk-ins; every 5th room holds 8)"));
            app.Print("  check-in (POST …/sites/{id}/attendance)", bare);
            bare.Print("  bare INSERT of the same row (baseline)", null);
            // What operators meet when a meeting opens on a server just started (JIT on few cores).
            Console.WriteLine($"  warm-up before the minute (the server just started; a small meeting, not measured): p95 {warm.P95:0} ms, by 10 s: {warm.Windows}");
            Console.WriteLine($"  accepted {app.Accepted:N0}, refused as full {app.Full:N0}, failed {app.Failures.Count}{(app.Failures.IsEmpty ? "" : ": " + app.Failures.First())}");
            Console.WriteLine($"  rooms over capacity {overCapacity}, accepted but not stored {lost}, stored after the client gave up {late}, headcounts not matching the people present {miscounted}");
            var verdict = app.P95 <= 50 && overCapacity == 0 && lost == 0 && miscounted == 0 && app.Failures.IsEmpty && app.Behind == 0 ? "within target" : "OVER TARGET";
            Console.WriteLine($"  targets: p95 ≤ 50 ms, none over capacity, none lost, none failed, the rate held: {verdict}");
            Console.WriteLine();
        }
    }

    private sealed record Outcome(bool IsAccepted, bool IsFull, string? Failure)
    {
        public static readonly Outcome Accepted = new(true, false, null);
        public static readonly Outcome Full = new(false, true, null);

        public static Outcome Failed(string why) => new(false, false, why);
    }

    private sealed record Result(double P50, double P95, double P99, double Max, int Accepted, int Full, ConcurrentBag<string> Failures, int Behind, double[] P95By10Seconds, double FullP50 = double.NaN, double FullP95 = double.NaN)
    {
        public string Windows => string.Join(" / ", P95By10Seconds.Select(p => p.ToString("0", CultureInfo.InvariantCulture))) + " ms";

        public void Print(string name, Result? baseline)
        {
            Console.WriteLine(name);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    latency p50 {P50,6:0.0} ms  p95 {P95,6:0.0} ms  p99 {P99,6:0.0} ms  max {Max,7:0.0} ms{(baseline is null ? "" : $"   p95 ratio {P95 / Math.Max(baseline.P95, 0.1):0.0}×")}{(Behind > 0 ? $"   started late (>100 ms behind the schedule): {Behind}" : "")}"));
            Console.WriteLine($"    p95 by 10 s: {Windows}");
            if (Full > 0)
            {
                // A refusal is a check-in too: the operator waits for the "room full" answer.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    of which refused as full: p50 {FullP50,6:0.0} ms  p95 {FullP95,6:0.0} ms"));
            }
        }
    }

    /// <summary>
    /// Open loop: the i-th operation starts at i/rate seconds whatever the earlier ones are doing (as
    /// people arrive), so a slow server shows as latency, not as a lower rate.
    /// </summary>
    private static async Task<Result> OpenLoopAsync(int rate, int seconds, Func<int, Task<Outcome>> operation)
    {
        var total = rate * seconds;
        var latencies = new double[total];
        var refused = new bool[total];
        var failures = new ConcurrentBag<string>();
        int accepted = 0, full = 0, behind = 0;
        var running = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            if (clock.Elapsed - due > TimeSpan.FromMilliseconds(100))
            {
                behind++;
            }

            var index = i;
            running.Add(Task.Run(async () =>
            {
                var watch = Stopwatch.StartNew();
                Outcome outcome;
                try
                {
                    outcome = await operation(index);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or DbUpdateException or InvalidOperationException)
                {
                    outcome = Outcome.Failed(exception.GetType().Name + ": " + exception.Message);
                }

                latencies[index] = watch.Elapsed.TotalMilliseconds;
                if (outcome.IsAccepted)
                {
                    Interlocked.Increment(ref accepted);
                }
                else if (outcome.IsFull)
                {
                    refused[index] = true;
                    Interlocked.Increment(ref full);
                }
                else
                {
                    failures.Add(outcome.Failure!);
                }
            }));
        }

        // Bounded: what has not finished a minute after the last start counts as failed, at the bound.
        var bound = Task.Delay(TimeSpan.FromSeconds(60));
        if (await Task.WhenAny(Task.WhenAll(running), bound) == bound)
        {
            for (var i = 0; i < total; i++)
            {
                if (!running[i].IsCompleted)
                {
                    latencies[i] = clock.Elapsed.TotalMilliseconds - (double)i / rate * 1000;
                    failures.Add("unfinished after the bound");
                }
            }
        }

        // The tail window by window (in the order the check-ins started): a server still warming up, steady
        // queueing and a few stalls read differently.
        double[] windows = [.. latencies.Chunk(10 * rate).Select(window => Percentile.Of([.. window.Order()], .95))];
        double[] whenFull = [.. latencies.Where((_, i) => refused[i]).Order()];
        Array.Sort(latencies);
        return new Result(Percentile.Of(latencies, .50), Percentile.Of(latencies, .95), Percentile.Of(latencies, .99), latencies[^1], accepted, full, failures, behind, windows,
            Percentile.Of(whenFull, .50), Percentile.Of(whenFull, .95));
    }

    /// <summary>One meeting: <paramref name="sites"/> sites (every fifth room holds 8, the others 60) and the participants spread over them.</summary>
    private static async Task<(int MeetingId, int[] SiteIds, Dictionary<int, int> Capacities, (int Id, int SiteId)[] People)> SeedAsync(BenchDatabase database, int sites, int participants)
    {
        await using var db = database.Bare();
        var meeting = LargeMeeting.Create(sites, participants);
        meeting.Id = 0;
        for (var i = 0; i < meeting.Sites.Count; i++)
        {
            var site = meeting.Sites[i];
            (site.Id, site.MeetingId, site.Capacity) = (0, 0, i % 5 == 4 ? 8 : 60);
        }

        foreach (var participant in meeting.Participants)
        {
            (participant.Id, participant.MeetingId, participant.SiteId) = (0, 0, null);
        }

        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return (meeting.Id, [.. meeting.Sites.Select(s => s.Id)], meeting.Sites.ToDictionary(s => s.Id, s => s.Capacity),
            [.. meeting.Participants.Select(p => (p.Id, p.SiteId!.Value))]);
    }

    /// <summary>
    /// From the database after the run: rooms over capacity, accepted check-ins missing, check-ins
    /// stored after the client had given up on them (a time-out, not a loss), headcounts that differ from the rows.
    /// </summary>
    private static async Task<(int OverCapacity, int Lost, int StoredAfterTimeOut, int Miscounted)> VerifyAsync(BenchDatabase database, int meetingId, Dictionary<int, int> capacities, int accepted)
    {
        await using var db = database.Bare();
        var present = await db.CheckIns.Where(c => c.MeetingId == meetingId && c.CheckedOutAt == null).GroupBy(c => c.SiteId)
            .Select(g => new { SiteId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.SiteId, g => g.Count);
        var headcounts = await db.SiteHeadcounts.Where(h => h.MeetingId == meetingId).ToDictionaryAsync(h => h.SiteId, h => h.Present);
        var over = present.Count(p => p.Value > capacities[p.Key]);
        var miscounted = capacities.Keys.Count(site => present.GetValueOrDefault(site) != headcounts.GetValueOrDefault(site));
        var stored = present.Values.Sum();
        return (over, Math.Max(0, accepted - stored), Math.Max(0, stored - accepted), miscounted);
    }
}
