using System.Buffers;
using System.Reflection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace DienHong.Features.Live;

/// <summary>
/// A watcher's queue written as server-sent events. Each message's frame is built once for every
/// watcher (<see cref="LiveMessage.Frame"/>), so a watcher costs a copy of those bytes, not an
/// encoding; everything waiting in the queue goes out with one flush, so a watcher that fell behind
/// under load catches up in one write instead of one per event. <paramref name="stopAfter"/> ends the
/// stream after a message (a revoked projector link).
/// </summary>
public sealed class LiveEventStream(LiveSubscription subscription, Func<LiveMessage, bool>? stopAfter = null) : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/event-stream";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (subscription)
        {
            var response = httpContext.Response;
            response.ContentType = ContentType;
            response.Headers.CacheControl = "no-cache,no-store";
            response.Headers.Pragma = "no-cache";
            response.Headers.ContentEncoding = "identity";
            httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

            var cancellationToken = httpContext.RequestAborted;
            var body = response.BodyWriter;
            // Something at once, so the response starts (headers out) even when nothing is happening;
            // "ready" carries no id and says where the stream stands.
            body.Write(LiveMessage.SseFrame("ready", null, TimeSpan.FromSeconds(1),
                LiveMessage.Envelope(subscription.Position, "ready", null, DateTime.UtcNow, "{}")));
            try
            {
                await body.FlushAsync(cancellationToken);
                var queue = subscription.Reader;
                while (await queue.WaitToReadAsync(cancellationToken))
                {
                    while (queue.TryRead(out var message))
                    {
                        body.Write(message.Frame);
                        if (stopAfter?.Invoke(message) == true)
                        {
                            await body.FlushAsync(cancellationToken);
                            return;
                        }
                    }

                    await body.FlushAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The watcher left.
            }
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ContentType]));
}
