using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DienHong.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server started from the machine's binaries (initdb, pg_ctl) in a temporary
/// folder on a free loopback port, once per test run. PostgreSQL refuses to run as root, so as
/// root it runs as the "postgres" system user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static PostgresServer? shared;
    private readonly string folder;
    private readonly string binaries;

    private PostgresServer(string binaries, string folder, int port)
    {
        this.binaries = binaries;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Include Error Detail=true";

    /// <summary>Where the PostgreSQL binaries are, or null when this machine has none.</summary>
    public static string? FindBinaries()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':');
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            : [];
        return path.Concat(versioned).FirstOrDefault(dir => File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")));
    }

    /// <summary>The run's server, started on first use.</summary>
    public static async Task<PostgresServer> GetAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            return shared ??= await StartAsync();
        }
        finally
        {
            StartLock.Release();
        }
    }

    public static async Task StopSharedAsync()
    {
        if (shared is { } server)
        {
            shared = null;
            await server.DisposeAsync();
        }
    }

    /// <summary>A server of a test's own, for a test that stops and starts it (an outage); dispose it at the end.</summary>
    public static Task<PostgresServer> StartOwnAsync() => StartAsync();

    private static async Task<PostgresServer> StartAsync()
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException("PostgreSQL binaries (initdb, pg_ctl) not found.");
        var folder = Directory.CreateTempSubdirectory("dienhong-pg-").FullName;
        var data = Path.Combine(folder, "data");
        if (IsRoot)
        {
            await RunAsync("chown", $"postgres {folder}", asPostgres: false);
        }

        await RunAsync(Path.Combine(binaries, "initdb"), $"-D {data} -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync", asPostgres: IsRoot);
        var server = new PostgresServer(binaries, folder, FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Stops the server at once, as a crash or an operator would: open connections break.</summary>
    public Task StopAsync() =>
        // Fast, not immediate: with synchronous_commit off an immediate stop can drop the last commits, which an outage test then misses.
        RunAsync(Path.Combine(binaries, "pg_ctl"), $"-D {Path.Combine(folder, "data")} -m fast -w stop", asPostgres: IsRoot);

    /// <summary>Starts the (stopped) server again on the same port and data.</summary>
    public Task StartAgainAsync()
    {
        var options = $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        return RunAsync(Path.Combine(binaries, "pg_ctl"), $"-D {Path.Combine(folder, "data")} -l {Path.Combine(folder, "log.txt")} -o \"{options}\" -w -t 60 start", asPostgres: IsRoot);
    }

    public async Task CreateDatabaseAsync(string name, string? template = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"" + (template is null ? string.Empty : $" TEMPLATE \"{template}\""), connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Drops a test's database, ending any connection still open on it.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(binaries, "pg_ctl"), $"-D {Path.Combine(folder, "data")} -m immediate -w stop", asPostgres: IsRoot);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
