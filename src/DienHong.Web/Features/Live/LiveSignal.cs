using System.Globalization;
using StackExchange.Redis;

namespace DienHong.Features.Live;

/// <summary>Tells every app node that a meeting's events up to a number are committed.</summary>
public interface ILiveSignal
{
    Task CommittedAsync(int meetingId, long number);
}

/// <summary>One node: straight to this node's dispatcher.</summary>
internal sealed class InProcessLiveSignal(LiveDispatcher dispatcher) : ILiveSignal
{
    public Task CommittedAsync(int meetingId, long number)
    {
        dispatcher.Notify(meetingId, number);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Several nodes: this node's dispatcher at once, and every node (this one too, harmlessly) through
/// a Redis channel on the connection SignalR's backplane also uses. The message is only a hint —
/// each node reads the events themselves from the database, in order.
/// </summary>
internal sealed class RedisLiveSignal : ILiveSignal, IDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("dienhong:live:committed");
    private readonly LiveDispatcher dispatcher;
    private readonly ConnectionMultiplexer redis;

    public RedisLiveSignal(LiveDispatcher dispatcher, ConnectionMultiplexer redis)
    {
        this.dispatcher = dispatcher;
        this.redis = redis;
        redis.GetSubscriber().Subscribe(Channel, (_, message) =>
        {
            var parts = ((string?)message ?? string.Empty).Split(':');
            if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var meetingId) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var number))
            {
                dispatcher.Notify(meetingId, number);
            }
        });
    }

    public async Task CommittedAsync(int meetingId, long number)
    {
        dispatcher.Notify(meetingId, number);
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, string.Create(CultureInfo.InvariantCulture, $"{meetingId}:{number}"));
        }
        catch (RedisException)
        {
            // Redis is down: other nodes find the events by polling the database.
        }
    }

    public void Dispose() => redis.GetSubscriber().Unsubscribe(Channel);
}
