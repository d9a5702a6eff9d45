using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DienHong.Tests.Infrastructure;

/// <summary>
/// A real redis-server from the machine's package, in a temporary folder on a free loopback port,
/// without persistence; stopped (killed) when disposed.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string folder;

    private RedisServer(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static string? FindBinary() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    public static async Task<RedisServer> StartAsync()
    {
        if (FindBinary() is not { } binary)
        {
            if (Environment.GetEnvironmentVariable("CI") is null)
            {
                Assert.Skip("redis-server was not found on this machine: the several-nodes test is skipped. Install redis-server to run it.");
            }

            throw new InvalidOperationException("redis-server not found (CI installs it with .ci/run).");
        }

        var folder = Directory.CreateTempSubdirectory("dienhong-redis-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo(binary, $"--port {port} --bind 127.0.0.1 --dir {folder} --save \"\" --appendonly no --protected-mode yes")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, folder, port);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await server.PingAsync())
            {
                return server;
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("redis-server did not answer PING within 10 s.");
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
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
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>
/// The platform as its own process (the built DienHong.Web.dll beside the tests) on a free loopback
/// port, configured from the command line; killed when disposed. What it printed is kept for failures.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<AppProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string> settings)
    {
        var port = RedisServer.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var arguments = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, "DienHong.Web.dll"), "--urls", address.ToString().TrimEnd('/'),
            $"--Database:Provider={database.Provider}", $"--Database:ConnectionString={database.ConnectionString}", $"--Admin:Password={DienHongApp.Password}",
        };
        arguments.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        arguments.ForEach(start.ArgumentList.Add);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var app = new AppProcess(Process.Start(start)!, address);
        app.process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (app.process.HasExited)
            {
                break;
            }

            try
            {
                if ((await http.GetAsync("/api/openapi/v1.json")).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        var printed = app.Output;
        await app.DisposeAsync();
        throw new InvalidOperationException("The app process did not start:\n" + printed);
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
