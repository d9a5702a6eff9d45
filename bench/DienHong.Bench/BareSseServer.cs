using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DienHong.Bench;

/// <summary>
/// The live benchmark's baseline, run as its own process: the least an SSE broadcast can be in
/// ASP.NET Core — no sign-in, no database, no scoping — each POST /publish body sent as it is to
/// every open GET /events, with an increasing id.
/// </summary>
internal static class BareSseServer
{
    public const string Argument = "--bare-sse-server";

    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var subscribers = new ConcurrentDictionary<Channel<SseItem<string>>, byte>();
        long number = 0;
        app.MapGet("/health", () => "ok");
        app.MapGet("/events", (CancellationToken cancellationToken) =>
        {
            var channel = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(256) { SingleReader = true });
            subscribers[channel] = 0;
            return TypedResults.ServerSentEvents(ReadAsync(channel, subscribers, cancellationToken));
        });
        app.MapPost("/publish", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var id = Interlocked.Increment(ref number);
            var item = new SseItem<string>(body) { EventId = id.ToString(CultureInfo.InvariantCulture) };
            foreach (var subscriber in subscribers.Keys)
            {
                subscriber.Writer.TryWrite(item);
            }

            return id;
        });
        await app.RunAsync();
    }

    private static async IAsyncEnumerable<SseItem<string>> ReadAsync(Channel<SseItem<string>> channel, ConcurrentDictionary<Channel<SseItem<string>>, byte> subscribers, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            yield return new SseItem<string>("{}", "ready");
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            subscribers.TryRemove(channel, out _);
        }
    }
}
