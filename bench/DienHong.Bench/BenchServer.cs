using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Meetings;
using DienHong.Features.Readiness;

namespace DienHong.Bench;

/// <summary>
/// A server in its own process on a loopback port: the platform (the built DienHong.Web.dll on a
/// fresh SQLite file) or this program's bare SSE endpoint. Killed when disposed.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    public const string AdminPassword = "Bench-mat-khau-2026";
    private readonly Process process;
    private readonly string? databaseFile;

    private BenchServer(Process process, Uri address, string? databaseFile)
    {
        this.process = process;
        Address = address;
        this.databaseFile = databaseFile;
    }

    public Uri Address { get; }
    public int ProcessId => process.Id;

    public static async Task<BenchServer> StartAppAsync(string databaseFile, params string[] settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "DienHong.Web.dll"), "--urls", $"http://127.0.0.1:{port}",
            $"--Database:ConnectionString=Data Source={databaseFile}", $"--Admin:Password={AdminPassword}", "--Logging:LogLevel:Default=Warning",
        }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        return await StartAsync(start, port, databaseFile);
    }

    /// <summary>The baseline: this program's bare SSE broadcaster (see <see cref="BareSseServer"/>).</summary>
    public static Task<BenchServer> StartBareAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DienHong.Bench.dll"));
        start.ArgumentList.Add(BareSseServer.Argument);
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        return StartAsync(start, port, null);
    }

    private static async Task<BenchServer> StartAsync(ProcessStartInfo start, int port, string? databaseFile)
    {
        // Both servers alike: workstation GC, as a small node would run, so memory per client compares.
        start.Environment["DOTNET_gcServer"] = "0";
        // The load generator (this program) collects without a background thread (see the project file);
        // the bare server runs from the same program, so say the servers' setting, the default, for both.
        start.Environment["DOTNET_gcConcurrent"] = "1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine("  server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new BenchServer(process, new Uri($"http://127.0.0.1:{port}/"), databaseFile);
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 600 && !process.HasExited; attempt++)
        {
            try
            {
                if ((await http.GetAsync(databaseFile is null ? "/health" : "/api/openapi/v1.json")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("The server did not start.");
    }

    /// <summary>A signed-in client (cookie kept) and the cookie header for other connections.</summary>
    public async Task<(HttpClient Http, string Cookie)> SignInAsync()
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = Address };
        (await http.PostAsJsonAsync("/api/account/login", new SignInRequest("admin", AdminPassword))).EnsureSuccessStatusCode();
        return (http, cookies.GetCookieHeader(Address));
    }

    /// <summary>Resident memory of the server process (VmRSS), bytes.</summary>
    public long ResidentBytes => ReadStatus("VmRSS:") * 1024;

    /// <summary>User + system CPU time the server has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    private long ReadStatus(string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>A fresh migrated SQLite file with one meeting of <paramref name="sites"/> sites (participants spread over them) and the default checklist.</summary>
    public static async Task<(string File, int MeetingId, int[] SiteIds, int[] CheckIds)> SeedAsync(int sites, int participantsPerSite)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dienhong-bench-{Guid.NewGuid():N}.db");
        await DatabaseSetup.MigrateAsync(DatabaseProvider.Sqlite, $"Data Source={file}");
        var (meetingId, siteIds, checkIds) = await AddMeetingAsync(file, sites, participantsPerSite);
        return (file, meetingId, siteIds, checkIds);
    }

    public static async Task<(int MeetingId, int[] SiteIds, int[] CheckIds)> AddMeetingAsync(string file, int sites, int participantsPerSite)
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<DienHongDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={file}");
        await using var db = new DienHongDbContext(options.Options);
        var meeting = LargeMeeting.Create(sites, sites * participantsPerSite);
        meeting.Id = 0;
        foreach (var site in meeting.Sites)
        {
            site.Id = 0;
            site.MeetingId = 0;
        }

        foreach (var participant in meeting.Participants)
        {
            participant.Id = 0;
            participant.SiteId = null;
            participant.MeetingId = 0;
        }

        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        var checks = DefaultChecklist.For(MeetingKind.Conference).Where(c => !c.EpidemicOnly).Select((c, i) => new ReadinessCheck { MeetingId = meeting.Id, Order = i + 1, Name = c.Name }).ToList();
        db.ReadinessChecks.AddRange(checks);
        await db.SaveChangesAsync();
        return (meeting.Id, [.. meeting.Sites.Select(s => s.Id)], [.. checks.Select(c => c.Id)]);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        if (databaseFile is not null)
        {
            foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" }.Where(File.Exists))
            {
                File.Delete(file);
            }
        }
    }
}
