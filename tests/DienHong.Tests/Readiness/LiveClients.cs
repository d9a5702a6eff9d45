using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using DienHong.Features.Accounts;
using DienHong.Features.Live;
using DienHong.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Readiness;

/// <summary>A live event as a watcher received it: the envelope every transport carries.</summary>
public sealed record ReceivedEvent(long Number, string Type, int? SiteId, JsonElement Data)
{
    public static ReceivedEvent Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return new ReceivedEvent(
            root.GetProperty("number").GetInt64(), root.GetProperty("type").GetString()!,
            root.TryGetProperty("siteId", out var site) ? site.GetInt32() : null, root.GetProperty("data").Clone());
    }
}

/// <summary>The app on a real Kestrel port, and signed-in HTTP clients for it (cookies kept).</summary>
public static class LiveHosting
{
    public static Uri Start(DienHongApp app)
    {
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    public static async Task<SignedIn> SignInAsync(Uri baseAddress, string userName, string password = DienHongApp.Password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = baseAddress };
        var response = await client.PostAsJsonAsync("/api/account/login", new SignInRequest(userName, password));
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {userName} failed: {(int)response.StatusCode}");
        return new SignedIn(client, cookies.GetCookieHeader(baseAddress));
    }
}

public sealed record SignedIn(HttpClient Http, string Cookie);

/// <summary>
/// A watcher on the real .NET SignalR client: joins a meeting, keeps what arrives in order, and
/// can be killed and come back with the last number it applied (as a console does after a drop).
/// </summary>
public sealed class HubWatcher : IAsyncDisposable
{
    private readonly Channel<ReceivedEvent> arrived = Channel.CreateUnbounded<ReceivedEvent>();
    private readonly Uri baseAddress;
    private readonly string cookie;
    private readonly int meetingId;
    private HubConnection? connection;

    private HubWatcher(Uri baseAddress, string cookie, int meetingId)
    {
        this.baseAddress = baseAddress;
        this.cookie = cookie;
        this.meetingId = meetingId;
    }

    public List<ReceivedEvent> Received { get; } = [];
    public long Last { get; private set; }
    public HubConnection Connection => connection!;

    public static async Task<HubWatcher> JoinAsync(Uri baseAddress, SignedIn user, int meetingId, long? after = null)
    {
        var watcher = new HubWatcher(baseAddress, user.Cookie, meetingId);
        await watcher.ConnectAsync(after);
        return watcher;
    }

    private async Task ConnectAsync(long? after)
    {
        connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, LiveHub.Path), options => options.Headers["Cookie"] = cookie)
            .Build();
        connection.On<string>("event", json =>
        {
            var received = ReceivedEvent.Parse(json);
            Received.Add(received);
            Last = received.Number;
            arrived.Writer.TryWrite(received);
        });
        await connection.StartAsync();
        await connection.InvokeAsync("Join", meetingId, after);
    }

    /// <summary>The next event, or a failure after <paramref name="seconds"/>.</summary>
    public async Task<ReceivedEvent> NextAsync(int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await arrived.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No live event within {seconds} s; last number {Last}.");
        }
    }

    /// <summary>True when nothing more arrives within <paramref name="milliseconds"/>.</summary>
    public async Task<bool> QuietAsync(int milliseconds = 800)
    {
        await Task.Delay(milliseconds);
        return !arrived.Reader.TryPeek(out _);
    }

    /// <summary>The connection drops (the operator's link is cut).</summary>
    public async Task KillAsync()
    {
        await connection!.DisposeAsync();
        connection = null;
    }

    /// <summary>Back on a new connection, asking for everything after the last number applied.</summary>
    public Task ReconnectAsync() => ConnectAsync(Last);

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}

/// <summary>A watcher on the light transport: a plain SSE reader, as EventSource reads it.</summary>
public sealed class SseWatcher : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Channel<ReceivedEvent> arrived = Channel.CreateUnbounded<ReceivedEvent>();
    private Task? reading;

    public string? LastEventId { get; private set; }
    public List<(string EventType, ReceivedEvent Event)> Received { get; } = [];

    public static async Task<SseWatcher> OpenAsync(HttpClient http, int meetingId, string? lastEventId = null, long? after = null)
    {
        var watcher = new SseWatcher();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{meetingId}/live/events" + (after is { } a ? $"?after={a}" : ""));
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, watcher.stop.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = await response.Content.ReadAsStreamAsync(watcher.stop.Token);
        watcher.reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(watcher.stop.Token))
                {
                    if (item.EventType == "ready")
                    {
                        continue;
                    }

                    var received = ReceivedEvent.Parse(item.Data);
                    watcher.LastEventId = item.EventId;
                    watcher.Received.Add((item.EventType, received));
                    watcher.arrived.Writer.TryWrite(received);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
            }

            response.Dispose();
        });
        return watcher;
    }

    public async Task<ReceivedEvent> NextAsync(int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await arrived.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No server-sent event within {seconds} s; last id {LastEventId}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (reading is not null)
        {
            await reading;
        }

        stop.Dispose();
    }
}
