using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using DienHong.Features.Floor;
using DienHong.Features.Projector;
using DienHong.Features.Readiness;
using DienHong.Features.Sittings;

namespace DienHong.Bench;

/// <summary>
/// The light transport under load. N watchers (a plain SSE reader each, as EventSource reads) join
/// one meeting of 63 sites, ramped; then checklist ticks go through the API at a steady rate. Per
/// recipient: delivery latency from the moment the tick was sent, losses, duplicates, order; on the
/// server: resident memory per idle watcher and CPU. Baseline in the same run: the same harness and
/// payload against a bare SSE broadcaster (no sign-in, no database).
/// </summary>
internal sealed class LiveBenchmark : IBenchmark
{
    public string Name => "live";

    public async Task RunAsync(BenchOptions options)
    {
        // --part fan-out or --part sitting runs one of the two (each starts its own servers).
        if (options.RunsPart("fan-out"))
        {
            await FanOutAsync(options);
        }

        if (options.RunsPart("sitting"))
        {
            await SittingAsync(options);
        }
    }

    /// <summary>The readiness fan-out: signed-in watchers of the live stream, checklist ticks through the API.</summary>
    private static async Task FanOutAsync(BenchOptions options)
    {
        var clients = options.Clients ?? (options.Smoke ? 50 : 1000);
        // 10 ticks a second by default (a busy hour of 63 sites' checklists is far fewer); --rate sets it.
        var rate = options.Rate ?? 10;
        var events = options.Smoke ? 10 : 100;
        var (file, meetingId, siteIds, checkIds) = await BenchServer.SeedAsync(63, 10);
        Result app;
        string payload;
        double coldWrite;
        await using (var server = await BenchServer.StartAppAsync(file))
        {
            var (http, cookie) = await server.SignInAsync();
            var tick = 0;
            void Tick()
            {
                var i = tick++;
                Change(http, HttpMethod.Put, $"/api/meetings/{meetingId}/sites/{siteIds[i % siteIds.Length]}/readiness/{checkIds[i / siteIds.Length % checkIds.Length]}",
                    JsonContent.Create(new MarkInput(i % 2 == 0 ? CheckState.Passed : CheckState.Failed)));
            }

            coldWrite = WarmUp(Tick);
            var board = await http.GetFromJsonAsync<ReadinessBoard>($"/api/meetings/{meetingId}/readiness");
            var first = board!.Number;
            payload = string.Empty;
            app = await MeasureAsync(server, $"/api/meetings/{meetingId}/live/events?after={first}", cookie, clients, events, rate, first, Tick);
            var log = await http.GetStringAsync($"/api/meetings/{meetingId}/live/log?after={first}");
            payload = log.Length > 2 ? log[1..log.IndexOf("}},{", StringComparison.Ordinal)] + "}}" : "{}";
        }

        File.Delete(file);
        Result bare;
        await using (var server = await BenchServer.StartBareAsync())
        {
            using var http = new HttpClient { BaseAddress = server.Address };
            void Publish() => Change(http, HttpMethod.Post, "/publish", new StringContent(payload, Encoding.UTF8, "application/json"));
            WarmUp(Publish);
            bare = await MeasureAsync(server, "/events", null, clients, events, rate, WarmUpChanges, Publish);
        }

        Console.WriteLine($"{clients:N0} SSE watchers of one meeting (63 sites), {events} checklist ticks at {rate}/s through the API; payload ≈ {Encoding.UTF8.GetByteCount(payload)} bytes");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first tick after the server started (not counted below; EF Core compiles each query once): {coldWrite:0} ms"));
        app.Print("Diên Hồng /live/events", bare);
        bare.Print("bare SSE broadcast (baseline)", null);
        var verdict = app.Lost == 0 && app.Duplicates == 0 && app.OutOfOrder == 0 && app.P99 <= 400 && app.MemoryPerClient <= 40 * 1024 && app.P99 <= 1.3 * Math.Max(bare.P99, 1)
            ? "within target" : "OVER TARGET";
        Console.WriteLine($"  targets: every event once in order, p99 ≤ 400 ms, ≤ 40 KB per idle watcher, p99 ≤ 1.3× baseline: {verdict}");
        Console.WriteLine();
    }

    /// <summary>
    /// A live sitting: watchers of the projector's anonymous stream (by its link's token), the 63 site
    /// consoles (signed in), and a chair giving the floor to one site after another through the API.
    /// Each speaker change is one event carrying the countdown's deadline; the clock itself sends
    /// nothing (checked: the meeting's log holds exactly the speaker changes). Same harness and
    /// payload against the bare SSE broadcaster as the baseline.
    /// </summary>
    private static async Task SittingAsync(BenchOptions options)
    {
        var projectors = options.Clients ?? (options.Smoke ? 40 : 10_000);
        var (changes, rate) = options.Smoke ? (6, 3) : (60, 2);
        var (file, meetingId, siteIds, _) = await BenchServer.SeedAsync(63, 10);
        Result app;
        string payload;
        double coldWrite;
        int logged;
        bool deadline;
        // The projector's rate limit counts opens per address: every watcher here comes from loopback.
        await using (var server = await BenchServer.StartAppAsync(file, "--Projector:OpensPerMinute=1000000"))
        {
            var (http, cookie) = await server.SignInAsync();
            var start = DateTime.UtcNow.AddMinutes(-5);
            var sitting = await (await http.PostAsJsonAsync($"/api/meetings/{meetingId}/sittings", new SittingInput("Phiên sáng", start, start.AddHours(3))))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SittingDto>();
            (await http.PutAsJsonAsync($"/api/meetings/{meetingId}/sittings/{sitting!.Id}/state", new SittingStateInput(SittingState.InProgress))).EnsureSuccessStatusCode();
            var conduct = await http.GetFromJsonAsync<ConductState>($"/api/meetings/{meetingId}/sittings");
            (await http.PutAsJsonAsync($"/api/meetings/{meetingId}/current-item", new CurrentItemInput(conduct!.Agenda[0].ItemId))).EnsureSuccessStatusCode();
            var link = await (await http.PostAsJsonAsync($"/api/meetings/{meetingId}/projector-links", new ProjectorLinkInput("Màn hình hội trường")))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<NewProjectorLink>();
            var change = 0;
            void GiveFloor()
            {
                var site = siteIds[1 + change++ % (siteIds.Length - 1)];
                Change(http, HttpMethod.Post, $"/api/meetings/{meetingId}/floor/give", JsonContent.Create(new GiveFloorInput(SiteId: site)));
            }

            coldWrite = WarmUp(GiveFloor);
            var first = (await http.GetFromJsonAsync<ReadinessBoard>($"/api/meetings/{meetingId}/readiness"))!.Number;
            app = await MeasureAsync(server,
                i => i < siteIds.Length ? ($"/api/meetings/{meetingId}/live/events?after={first}", cookie) : ($"{link!.Path}/events?after={first}", null),
                siteIds.Length + projectors, changes, rate, first, GiveFloor);
            // A speech runs on: its countdown goes on in the clients, and nothing more is sent.
            await Task.Delay(TimeSpan.FromSeconds(options.Smoke ? 2 : 10));
            var log = await http.GetStringAsync($"/api/meetings/{meetingId}/live/log?after={first}");
            using var entries = System.Text.Json.JsonDocument.Parse(log);
            logged = entries.RootElement.GetArrayLength();
            var last = entries.RootElement[logged - 1];
            deadline = last.GetProperty("data").GetProperty("speaker").TryGetProperty("deadline", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String;
            payload = last.GetRawText();
        }

        File.Delete(file);
        Result bare;
        await using (var server = await BenchServer.StartBareAsync())
        {
            using var http = new HttpClient { BaseAddress = server.Address };
            void Publish() => Change(http, HttpMethod.Post, "/publish", new StringContent(payload, Encoding.UTF8, "application/json"));
            WarmUp(Publish);
            bare = await MeasureAsync(server, "/events", null, siteIds.Length + projectors, changes, rate, WarmUpChanges, Publish);
        }

        Console.WriteLine($"Live sitting: {projectors:N0} projector watchers (anonymous, by the link's token) + {siteIds.Length} site consoles (signed in); the chair gives the floor {changes} times at {rate}/s; payload ≈ {Encoding.UTF8.GetByteCount(payload)} bytes");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first change after the server started (not counted below): {coldWrite:0} ms"));
        app.Print("Diên Hồng projector + console streams", bare);
        bare.Print("bare SSE broadcast (baseline)", null);
        Console.WriteLine($"  events in the log after {changes} speaker changes and a running speech: {logged} (timer ticks are not events: {(logged == changes ? "none sent" : "EXTRA EVENTS")}); deadline in the floor event: {(deadline ? "yes" : "NO")}");
        var verdict = logged == changes && deadline && app.Lost == 0 && app.Duplicates == 0 && app.OutOfOrder == 0 && app.P99 <= 400 && app.MemoryPerClient <= 40 * 1024 && app.P99 <= 1.3 * Math.Max(bare.P99, 1)
            ? "within target" : "OVER TARGET";
        Console.WriteLine($"  targets: every event once in order, p99 ≤ 400 ms, ≤ 40 KB per idle watcher, p99 ≤ 1.3× baseline, no tick events: {verdict}");
        Console.WriteLine();
    }

    /// <summary>Changes made before the watchers connect, on both servers alike.</summary>
    private const int WarmUpChanges = 20;

    /// <summary>
    /// A server that has been up for a while has compiled its code and queries: the measured changes
    /// should not include the first ones after a start (EF Core compiles each query on first use,
    /// the JIT its methods). Returns the first change's round trip, which is reported on its own.
    /// </summary>
    private static double WarmUp(Action change)
    {
        var cold = Stopwatch.StartNew();
        change();
        var first = cold.Elapsed.TotalMilliseconds;
        for (var i = 1; i < WarmUpChanges; i++)
        {
            change();
        }

        return first;
    }

    /// <summary>
    /// One change, as its author's client makes it: a blocking send and read on the calling thread. The author is
    /// another machine; run on the changes' own thread (see MeasureAsync), its round trip does not wait in this
    /// process's thread-pool queue behind the work of the watchers' reads, which the change itself has just caused.
    /// </summary>
    private static void Change(HttpClient http, HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = http.Send(request);
        response.EnsureSuccessStatusCode();
    }

    private sealed record Result(int Clients, int Events, double P50, double P95, double P99, double Max, long Lost, long Duplicates, long OutOfOrder, double MemoryPerClient, double MemoryPerClientOverall, double CpuCores, TimeSpan Ramp, double WriteP50, double WriteP99)
    {
        public void Print(string name, Result? baseline)
        {
            Console.WriteLine(name);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  latency p50 {P50,6:0} ms  p95 {P95,6:0} ms  p99 {P99,6:0} ms  max {Max,6:0} ms{(baseline is null ? "" : $"   p99 ratio {P99 / Math.Max(baseline.P99, 1):0.00}×")}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  lost {Lost}  duplicates {Duplicates}  out of order {OutOfOrder}   memory per idle watcher {MemoryPerClient / 1024:0.0} KB (first half included: {MemoryPerClientOverall / 1024:0.0} KB)   CPU while sending {CpuCores:0.00} cores   ramp {Ramp.TotalSeconds:0.0} s"));
            // The change's own round trip (the write, before any fan-out), which every latency above includes.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  change round trip p50 {WriteP50,6:0} ms  p99 {WriteP99,6:0} ms"));
        }
    }

    private static Task<Result> MeasureAsync(BenchServer server, string path, string? cookie, int clients, int events, int rate, long firstNumber, Action publish) =>
        MeasureAsync(server, _ => (path, cookie), clients, events, rate, firstNumber, publish);

    /// <summary>Watcher i reads <paramref name="route"/>(i): its path and the cookie it sends (null: anonymous).</summary>
    private static async Task<Result> MeasureAsync(BenchServer server, Func<int, (string Path, string? Cookie)> route, int clients, int events, int rate, long firstNumber, Action publish)
    {
        using var stop = new CancellationTokenSource();
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        })
        { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
        var sent = new long[events];
        var written = new double[events];
        var watchers = Enumerable.Range(0, clients).Select(_ => new Watcher(events, firstNumber)).ToArray();
        await Task.Delay(500);
        var before = server.ResidentBytes;

        // Ramp: a few hundred at a time, each counted once its stream has started. Memory is read when
        // half have joined and again when all have: what the second half added is the cost of one more
        // idle watcher; the first half also pays what is paid once (the join path's code compiled, the
        // collector's first budgets), shown as the average over all.
        var ramp = Stopwatch.StartNew();
        var reading = new List<Task>(clients);
        var (half, atHalf) = (0, 0L);
        foreach (var batch in watchers.Select((w, i) => (Watcher: w, Route: route(i))).Chunk(Math.Clamp(clients / 4, 1, 250)))
        {
            var started = batch.Select(w => w.Watcher.StartAsync(http, w.Route.Path, w.Route.Cookie, stop.Token)).ToArray();
            await Task.WhenAll(started);
            reading.AddRange(started.Select(s => s.Result));
            if (half == 0 && reading.Count >= clients / 2)
            {
                half = reading.Count;
                ramp.Stop();
                await Task.Delay(TimeSpan.FromSeconds(3));
                atHalf = server.ResidentBytes;
                ramp.Start();
            }
        }

        ramp.Stop();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = server.ResidentBytes;
        var memoryPerClient = (after - atHalf) / (double)Math.Max(1, clients - half);
        var memoryPerClientOverall = (after - before) / (double)clients;

        var cpuBefore = server.CpuTime;
        var sending = Stopwatch.StartNew();
        // The changes go out from a thread of their own at a steady rate (the i-th at i/rate s), so neither
        // when they leave nor their measured round trip depends on this process's busy thread pool.
        var changesDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var changes = new Thread(() =>
        {
            try
            {
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < events; i++)
                {
                    var wait = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(start);
                    if (wait > TimeSpan.Zero)
                    {
                        Thread.Sleep(wait);
                    }

                    sent[i] = Stopwatch.GetTimestamp();
                    publish();
                    written[i] = Stopwatch.GetElapsedTime(sent[i]).TotalMilliseconds;
                }

                changesDone.SetResult();
            }
            catch (Exception exception)
            {
                changesDone.SetException(exception);
            }
        })
        { IsBackground = true, Name = "changes" };
        changes.Start();
        await changesDone.Task;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15) && watchers.Any(w => w.Count < events))
        {
            await Task.Delay(100);
        }

        var cpuCores = (server.CpuTime - cpuBefore).TotalSeconds / sending.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(reading);

        var latencies = new List<double>(clients * events);
        foreach (var watcher in watchers)
        {
            for (var i = 0; i < events; i++)
            {
                if (watcher.Received[i] != 0)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sent[i], watcher.Received[i]).TotalMilliseconds);
                }
            }
        }

        latencies.Sort();
        return new Result(clients, events, Percentile.Of(latencies, .50), Percentile.Of(latencies, .95), Percentile.Of(latencies, .99), Percentile.Of(latencies, 1),
            (long)clients * events - latencies.Count, watchers.Sum(w => w.Duplicates), watchers.Sum(w => w.OutOfOrder), memoryPerClient, memoryPerClientOverall, cpuCores, ramp.Elapsed,
            Percentile.OfUnsorted(written, .50), Percentile.OfUnsorted(written, .99));
    }

    /// <summary>One recipient: when each event arrived, and whether any came twice or out of order.</summary>
    private sealed class Watcher(int events, long firstNumber)
    {
        private long last;

        public long[] Received { get; } = new long[events];
        public int Count;
        public long Duplicates;
        public long OutOfOrder;

        /// <summary>Opens the stream; the returned task completes once it has started, and holds the reading loop.</summary>
        public async Task<Task> StartAsync(HttpClient http, string path, string? cookie, CancellationToken cancellationToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"SSE answered {(int)response.StatusCode}");
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return ReadAsync(response, stream, cancellationToken);
        }

        /// <summary>
        /// Reads the stream as EventSource would dispatch it, with as little work per event as a reader
        /// can do, so that the load generator takes as little of the machine from the server as it can:
        /// one pooled buffer per connection, the bytes scanned once, only the <c>id:</c> field's digits
        /// parsed (no string per line, no payload decoded); an event counts when its blank line arrives,
        /// at the time of the read that brought it.
        /// </summary>
        private async Task ReadAsync(HttpResponseMessage response, Stream stream, CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(4096);
            var line = new SseLineScanner();
            // Stopping closes the response; the reads themselves take no token (a pending read with one
            // registers it, an allocation per read).
            using (response)
            using (cancellationToken.UnsafeRegister(static r => ((HttpResponseMessage)r!).Dispose(), response))
            {
                try
                {
                    int read;
                    while ((read = await stream.ReadAsync(buffer, CancellationToken.None)) > 0)
                    {
                        var now = Stopwatch.GetTimestamp();
                        foreach (var b in buffer.AsSpan(0, read))
                        {
                            if (line.Next(b) is { } id)
                            {
                                Record(id, now);
                            }
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
                catch (IOException)
                {
                }
                catch (HttpRequestException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        private void Record(long number, long now)
        {
            var index = number - firstNumber - 1;
            if (number <= last)
            {
                OutOfOrder += number < last ? 1 : 0;
            }

            last = Math.Max(last, number);
            if (index < 0 || index >= Received.Length)
            {
                return;
            }

            if (Received[index] != 0)
            {
                Duplicates++;
                return;
            }

            Received[index] = now;
            Interlocked.Increment(ref Count);
        }
    }

    /// <summary>
    /// The SSE wire format one byte at a time (lines end in LF, CRLF or CR): remembers the current
    /// event's <c>id:</c> as a number and hands it back at the blank line that dispatches the event
    /// (null for an event without an id of its own, like "ready", and for every other byte).
    /// </summary>
    internal struct SseLineScanner
    {
        private const int Start = 0, I = 1, D = 2, Colon = 3, Digits = 4, Other = 5;
        private int state;
        private long value;
        private long? eventId;
        private bool afterCarriageReturn;

        public long? Next(byte b)
        {
            if (b == (byte)'\n' && afterCarriageReturn)
            {
                afterCarriageReturn = false;
                return null;
            }

            afterCarriageReturn = b == (byte)'\r';
            if (b is (byte)'\n' or (byte)'\r')
            {
                var ended = state;
                state = Start;
                if (ended == Start)
                {
                    // A blank line: the event is complete.
                    var id = eventId;
                    eventId = null;
                    return id;
                }

                if (ended is Colon or Digits)
                {
                    eventId = value;
                }

                return null;
            }

            state = (state, b) switch
            {
                (Start, (byte)'i') => I,
                (I, (byte)'d') => D,
                (D, (byte)':') => Colon,
                (Colon, (byte)' ') when value == 0 => Digits,
                (Colon or Digits, >= (byte)'0' and <= (byte)'9') => Digits,
                (Start or I or D, _) => Other,
                (Other, _) => Other,
                _ => Other,
            };
            if (state == Colon)
            {
                value = 0;
            }
            else if (state == Digits && b != (byte)' ')
            {
                value = (value * 10) + (b - (byte)'0');
            }

            return null;
        }
    }
}
