using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Agenda;
using DienHong.Features.Attendance;
using DienHong.Features.Live;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Sittings;
using DienHong.Features.Voting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Bench;

/// <summary>
/// Votes from every site, through a server process on SQLite and PostgreSQL: 2,000 delegates, each
/// signed in with their own account and connected with the .NET SignalR client, vote at once on an
/// open motion (the hub's Vote: the same MotionService path as the HTTP endpoint); the chair closes
/// through the API, which counts in the same transaction. Repeated over several motions: the time
/// until every delegate holds a receipt (target ≤ 1 s), each vote's round trip, and the close (target
/// p95 ≤ 100 ms). Afterwards, from the database: every vote stored once and the announced count equal
/// to the rows. Baseline in the same run and database: the same 2,000 votes as bare INSERTs from this
/// process (no sign-in, no rules, no SignalR), and the bare grouped count of them.
/// </summary>
internal sealed class VotingBenchmark : IBenchmark
{
    private const string Password = "Dai-bieu-bench-2026";

    public string Name => "voting";

    public async Task RunAsync(BenchOptions options)
    {
        var delegates = options.Clients ?? (options.Smoke ? 50 : 2_000);
        var rounds = options.Smoke ? 2 : 4 * options.Runs;
        foreach (var provider in options.Databases)
        {
            if (await BenchDatabase.CreateAsync(provider) is not { } database)
            {
                continue;
            }

            var file = provider == DatabaseProvider.Sqlite ? database.ConnectionString.Split(';')[0]["Data Source=".Length..] : Path.Combine(Path.GetTempPath(), $"dienhong-bench-pg-{Guid.NewGuid():N}.db");
            // On PostgreSQL both pools are capped, as production would cap each node's: the server process's and the
            // bench's own (seeding, checks, the baseline's 2,000 inserts at once) stay well below the server's max_connections.
            var connectionString = database.ConnectionString.Replace("Pooling=false", "Pooling=true", StringComparison.Ordinal);
            var (appPool, benchPool) = provider == DatabaseProvider.PostgreSql ? (";Maximum Pool Size=50", ";Maximum Pool Size=40") : ("", "");
            var pooled = new BenchDatabase(provider, connectionString + benchPool);
            var voteTimes = new List<double>();
            var roundTrips = new List<double>();
            var closeTimes = new List<double>();
            var failures = new List<string>();
            int miscounted = 0, storedTwiceOrLost = 0;
            double bareInsert, bareCount;
            TimeSpan serverCpu = default, clientCpu = default, machineCpu = default;
            TimeSpan signIn, connect;
            await using (var server = await BenchServer.StartAppAsync(file, $"--Database:Provider={provider}", $"--Database:ConnectionString={connectionString + appPool}",
                "--Http:SignInsPerMinute=1000000"))
            {
                var (chair, _) = await server.SignInAsync();
                var seeded = await SeedAsync(pooled, delegates);
                var watch = Stopwatch.StartNew();
                var cookies = await SignInAllAsync(server, seeded.UserNames);
                signIn = watch.Elapsed;
                watch.Restart();
                var connections = await ConnectAllAsync(server, cookies);
                // Each device opens the meeting's page before any motion (as a delegate's does): it joins with the last
                // event number it knows, so it gets no snapshot, and the hub decides its right to vote there, not measured.
                await using (var db = pooled.Bare())
                {
                    var last = await LiveFeed.LastNumberAsync(db, seeded.MeetingId);
                    foreach (var batch in connections.Chunk(100))
                    {
                        await Task.WhenAll(batch.Select(c => c.InvokeAsync("Join", seeded.MeetingId, (long?)last)));
                    }
                }

                connect = watch.Elapsed;
                try
                {
                    for (var round = 0; round < rounds; round++)
                    {
                        var motion = await (await chair.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/motions", new MotionInput(seeded.AgendaItemId, $"Thông qua Nghị quyết số {round + 1}")))
                            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<MotionDto>();
                        (await chair.PostAsync($"/api/meetings/{seeded.MeetingId}/motions/{motion!.Id}/open", null)).EnsureSuccessStatusCode();

                        string[] choices = ["For", "Against", "Abstain"];
                        var (serverCpuBefore, clientCpuBefore, machineCpuBefore) = (server.CpuTime, Process.GetCurrentProcess().TotalProcessorTime, MachineCpu());
                        var started = Stopwatch.GetTimestamp();
                        var receipts = await Task.WhenAll(connections.Select(async (connection, i) =>
                        {
                            var sent = Stopwatch.GetTimestamp();
                            try
                            {
                                var receipt = await connection.InvokeAsync<VoteReceipt>("Vote", seeded.MeetingId, motion.Id, choices[(i + round) % 3]);
                                return (Receipt: (VoteReceipt?)receipt, Milliseconds: Stopwatch.GetElapsedTime(sent).TotalMilliseconds, Error: (string?)null);
                            }
                            catch (Exception exception) when (exception is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or IOException or TimeoutException or OperationCanceledException)
                            {
                                return (null, Stopwatch.GetElapsedTime(sent).TotalMilliseconds, exception.Message);
                            }
                        }));
                        voteTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        (serverCpu, clientCpu, machineCpu) = (serverCpu + server.CpuTime - serverCpuBefore, clientCpu + Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore, machineCpu + MachineCpu() - machineCpuBefore);
                        roundTrips.AddRange(receipts.Select(r => r.Milliseconds));
                        failures.AddRange(receipts.Where(r => r.Error is not null).Select(r => r.Error!));

                        var closing = Stopwatch.GetTimestamp();
                        var closed = await (await chair.PostAsync($"/api/meetings/{seeded.MeetingId}/motions/{motion.Id}/close", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<MotionDto>();
                        closeTimes.Add(Stopwatch.GetElapsedTime(closing).TotalMilliseconds);

                        // Every receipt is a row, once; the announced count is the rows'.
                        var accepted = receipts.Where(r => r.Receipt is not null).GroupBy(r => r.Receipt!.Choice).ToDictionary(g => g.Key, g => g.Count());
                        await using var db = pooled.Bare();
                        var stored = await db.Votes.Where(v => v.MotionId == motion.Id).GroupBy(v => v.Choice).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
                        var rows = await db.Votes.CountAsync(v => v.MotionId == motion.Id);
                        var distinct = await db.Votes.Where(v => v.MotionId == motion.Id).Select(v => v.ParticipantId).Distinct().CountAsync();
                        storedTwiceOrLost += Math.Abs(rows - accepted.Values.Sum()) + (rows - distinct);
                        var result = closed!.Result!;
                        miscounted += (result.InFavour, result.Against, result.Abstaining) == (stored.GetValueOrDefault(VoteChoice.For), stored.GetValueOrDefault(VoteChoice.Against), stored.GetValueOrDefault(VoteChoice.Abstain))
                            && accepted.OrderBy(a => a.Key).SequenceEqual(stored.OrderBy(s => s.Key)) ? 0 : 1;
                    }

                    (bareInsert, bareCount) = await BaselineAsync(pooled, seeded, chair);
                }
                finally
                {
                    await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
                }

                chair.Dispose();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{provider}: {delegates:N0} delegates, each signed in and connected with the .NET SignalR client (signing in {signIn.TotalSeconds:0.0} s, connecting and joining the meeting {connect.TotalSeconds:0.0} s); {rounds} motions, all vote at once on each"));
            Print("  all votes in (hub Vote, until the last receipt)", voteTimes, $"   bare INSERT of the same {delegates:N0} rows: {bareInsert:0} ms (baseline)   ratio {Percentile.OfUnsorted(voteTimes, .50) / Math.Max(bareInsert, 0.1):0.0}×");
            Print("  one vote's round trip", roundTrips, "");
            // Both ends share this machine's cores: what the votes cost the server, and what the 2,000 clients cost this process.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  CPU while the votes came in, per motion: server {serverCpu.TotalMilliseconds / rounds:0} ms, the bench's clients {clientCpu.TotalMilliseconds / rounds:0} ms, the rest of the machine (the database server, others) {(machineCpu - serverCpu - clientCpu).TotalMilliseconds / rounds:0} ms (of {Environment.ProcessorCount} cores × {Percentile.OfUnsorted(voteTimes, .50):0} ms at p50)"));
            Print("  close and count (POST …/close)", closeTimes, $"   bare grouped count of the rows: {bareCount:0.0} ms (baseline)");
            Console.WriteLine($"  refused or failed votes {failures.Count}{(failures.Count == 0 ? "" : ": " + failures[0])}; receipts not stored once {storedTwiceOrLost}; results not equal to the rows {miscounted}");
            var verdict = Percentile.OfUnsorted(voteTimes, .95) <= 1000 && Percentile.OfUnsorted(closeTimes, .95) <= 100 && failures.Count == 0 && storedTwiceOrLost == 0 && miscounted == 0 ? "within target" : "OVER TARGET";
            Console.WriteLine($"  targets: every delegate's vote in within 1 s (p95 over the motions), close and count p95 ≤ 100 ms, every vote counted exactly once: {verdict}");
            Console.WriteLine();
        }
    }

    /// <summary>CPU time the whole machine has spent busy so far (/proc/stat: every state but idle and iowait).</summary>
    private static TimeSpan MachineCpu()
    {
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return TimeSpan.FromSeconds((ticks.Sum() - ticks[3] - ticks[4]) / 100.0);
    }

    private static void Print(string name, List<double> times, string baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}\n    p50 {Percentile.OfUnsorted(times, .50),7:0.0} ms  p95 {Percentile.OfUnsorted(times, .95),7:0.0} ms  max {times.Max(),7:0.0} ms{baseline}"));

    private sealed record Seeded(int MeetingId, int AgendaItemId, IReadOnlyList<string> UserNames, IReadOnlyList<(int ParticipantId, int SiteId)> Delegates);

    /// <summary>
    /// A council of <paramref name="delegates"/> members over 20 sites: each delegate a participant linked
    /// to their own Delegate account and checked in, a running sitting and an agenda item. The accounts
    /// share one password hash, computed once (sign-in still checks it for each).
    /// </summary>
    private static async Task<Seeded> SeedAsync(BenchDatabase database, int delegates)
    {
        await using var db = database.Bare();
        var meeting = LargeMeeting.Create(20, delegates);
        meeting.Id = 0;
        meeting.Kind = MeetingKind.ExtraordinarySession;
        foreach (var site in meeting.Sites)
        {
            (site.Id, site.MeetingId, site.Capacity) = (0, 0, delegates);
        }

        foreach (var participant in meeting.Participants)
        {
            (participant.Id, participant.MeetingId, participant.SiteId) = (0, 0, null);
        }

        var body = new Organization { Name = "Hội đồng nhân dân tỉnh Bench " + Guid.NewGuid().ToString("N")[..6], Kind = OrganizationKind.ElectedBody };
        db.Organizations.Add(body);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        db.Set<MeetingOrganizer>().Add(new MeetingOrganizer { MeetingId = meeting.Id, OrganizationId = body.Id, IsLead = true });
        db.MembershipChanges.Add(new MembershipChange { OrganizationId = body.Id, EffectiveOn = new DateOnly(2021, 7, 1), Members = delegates, Reason = "Đầu nhiệm kỳ" });
        var item = new AgendaItem { MeetingId = meeting.Id, Order = 100, Content = "Xem xét, thông qua các dự thảo nghị quyết" };
        db.AgendaItems.Add(item);
        db.Sittings.Add(new Sitting
        {
            MeetingId = meeting.Id,
            Title = "Phiên biểu quyết",
            PlannedStart = DateTime.UtcNow.AddHours(-1),
            PlannedEnd = DateTime.UtcNow.AddHours(3),
            State = SittingState.InProgress,
            StartedAt = DateTime.UtcNow.AddMinutes(-30),
            Version = 2,
        });

        var roleId = await db.Roles.Where(r => r.Name == Roles.Delegate).Select(r => r.Id).SingleAsync();
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Password);
        var names = new List<string>();
        foreach (var (participant, i) in meeting.Participants.Select((p, i) => (p, i)))
        {
            var name = $"daibieu.bench.{i:0000}";
            var account = new AppUser
            {
                UserName = name,
                NormalizedUserName = name.ToUpperInvariant(),
                FullName = participant.PersonName,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                LockoutEnabled = true,
            };
            db.Users.Add(account);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = account.Id, RoleId = roleId });
            participant.UserId = account.Id;
            names.Add(name);
        }

        await db.SaveChangesAsync();
        db.CheckIns.AddRange(meeting.Participants.Select(p => new CheckIn
        {
            MeetingId = meeting.Id,
            SiteId = p.SiteId!.Value,
            ParticipantId = p.Id,
            Name = p.PersonName!,
            Method = CheckInMethod.Listed,
            CheckedInAt = DateTime.UtcNow,
            CheckedInBy = "bench",
            Version = 1,
        }));
        await db.SaveChangesAsync();
        return new Seeded(meeting.Id, item.Id, names, [.. meeting.Participants.Select(p => (p.Id, p.SiteId!.Value))]);
    }

    /// <summary>Each delegate signs in through the API (a few at a time: the password check is the cost), keeping their cookie.</summary>
    private static async Task<string[]> SignInAllAsync(BenchServer server, IReadOnlyList<string> userNames)
    {
        var cookies = new string[userNames.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, userNames.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
        {
            var jar = new System.Net.CookieContainer();
            using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = jar }) { BaseAddress = server.Address };
            (await http.PostAsJsonAsync("/api/account/login", new SignInRequest(userNames[i], Password), token)).EnsureSuccessStatusCode();
            cookies[i] = jar.GetCookieHeader(server.Address);
        });
        return cookies;
    }

    private static async Task<HubConnection[]> ConnectAllAsync(BenchServer server, string[] cookies)
    {
        var connections = new List<HubConnection>(cookies.Length);
        foreach (var batch in cookies.Chunk(100))
        {
            connections.AddRange(await Task.WhenAll(batch.Select(async cookie =>
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(server.Address, LiveHub.Path), options => options.Headers["Cookie"] = cookie)
                    .Build();
                connection.ServerTimeout = TimeSpan.FromMinutes(2);
                await connection.StartAsync();
                return connection;
            })));
        }

        return [.. connections];
    }

    /// <summary>The same votes as bare INSERTs into a draft motion (all at once, pooled connections), and the bare grouped count of them; median of three, milliseconds.</summary>
    private static async Task<(double Insert, double Count)> BaselineAsync(BenchDatabase database, Seeded seeded, HttpClient chair)
    {
        var inserts = new List<double>();
        var counts = new List<double>();
        string[] choices = [nameof(VoteChoice.For), nameof(VoteChoice.Against), nameof(VoteChoice.Abstain)];
        for (var run = 0; run < 3; run++)
        {
            var motion = await (await chair.PostAsJsonAsync($"/api/meetings/{seeded.MeetingId}/motions", new MotionInput(seeded.AgendaItemId, $"Cơ sở so sánh {run + 1}")))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<MotionDto>();
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(seeded.Delegates.Select(async (d, i) =>
            {
                await using var db = database.Bare();
                var now = DateTime.UtcNow;
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "Votes" ("MotionId", "ParticipantId", "SiteId", "Choice", "CastAt", "Changes")
                    VALUES ({motion!.Id}, {d.ParticipantId}, {d.SiteId}, {choices[i % 3]}, {now}, 0)
                    """);
            }));
            inserts.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            await using (var db = database.Bare())
            {
                _ = await db.Votes.Where(v => v.MotionId == motion!.Id).GroupBy(v => v.Choice).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            }

            counts.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (Percentile.OfUnsorted(inserts, .50), Percentile.OfUnsorted(counts, .50));
    }
}
