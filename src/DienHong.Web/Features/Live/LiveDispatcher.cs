using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using DienHong.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DienHong.Features.Live;

/// <summary>
/// One event or snapshot as it goes out, serialized once for every watcher:
/// <c>{"number":N,"type":"…","siteId":…,"at":"…","data":{…}}</c>.
/// </summary>
public sealed record LiveMessage(long Number, string Type, string Json, LiveAudience Audience, int? SiteId)
{
    public const string SnapshotType = "snapshot";

    /// <summary>
    /// The message as one server-sent event, UTF-8, built once here and written as the same bytes to
    /// every SSE watcher (no encoding or framing per watcher).
    /// </summary>
    public byte[] Frame { get; } = SseFrame(Type == SnapshotType ? SnapshotType : null, Number.ToString(CultureInfo.InvariantCulture), null, Json);

    /// <summary><c>event:</c> (when named), <c>id:</c>, <c>retry:</c> and one <c>data:</c> line per line of <paramref name="data"/>, then a blank line.</summary>
    public static byte[] SseFrame(string? eventType, string? id, TimeSpan? retry, string data)
    {
        var frame = new StringBuilder(data.Length + 48);
        if (eventType is not null)
        {
            frame.Append("event: ").Append(eventType).Append('\n');
        }

        if (id is not null)
        {
            frame.Append("id: ").Append(id).Append('\n');
        }

        if (retry is { } interval)
        {
            frame.Append("retry: ").Append(((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var line in data.Split('\n'))
        {
            frame.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        frame.Append('\n');
        return Encoding.UTF8.GetBytes(frame.ToString());
    }

    public static LiveMessage From(LiveEvent e) => new(e.Number, e.Type, Envelope(e.Number, e.Type, e.SiteId, e.At, e.Payload), e.Audience, e.SiteId);

    public static string Envelope(long number, string type, int? siteId, DateTime at, string data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LiveFeed.Json.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("number", number);
            writer.WriteString("type", type);
            if (siteId is { } site)
            {
                writer.WriteNumber("siteId", site);
            }

            writer.WriteString("at", DateTime.SpecifyKind(at, DateTimeKind.Utc));
            writer.WritePropertyName("data");
            writer.WriteRawValue(data, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

/// <summary>
/// A watcher's queue on this node: events after its last number that it may see, in order, each
/// once. Dispose it when the watcher leaves.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<LiveMessage> channel;
    private readonly Action<LiveSubscription> leave;

    internal LiveSubscription(LiveViewer viewer, int capacity, Action<LiveSubscription> leave)
    {
        Viewer = viewer;
        this.leave = leave;
        channel = Channel.CreateBounded<LiveMessage>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public LiveViewer Viewer { get; }

    /// <summary>The last number this watcher has been given or passed over; only the dispatcher changes it.</summary>
    internal long Position { get; set; }

    /// <summary>True when the watcher fell too far behind and was cut off: it should reconnect with its last number.</summary>
    public bool Overflowed { get; private set; }

    public IAsyncEnumerable<LiveMessage> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>The queue itself, for a writer that sends everything waiting at once (one flush per batch).</summary>
    public ChannelReader<LiveMessage> Reader => channel.Reader;

    internal void Offer(LiveMessage message)
    {
        if (message.Type == LiveMessage.SnapshotType)
        {
            // A snapshot replaces whatever came before: the watcher starts again from its number.
            Position = message.Number;
            Write(message);
            return;
        }

        if (message.Number <= Position)
        {
            return;
        }

        Position = message.Number;
        if (Viewer.CanSee(message.Audience, message.SiteId))
        {
            Write(message);
        }
    }

    private void Write(LiveMessage message)
    {
        if (!channel.Writer.TryWrite(message) && !Overflowed)
        {
            Overflowed = true;
            channel.Writer.TryComplete();
        }
    }

    /// <summary>No more messages: a reader waiting on the queue is woken and finds it ended.</summary>
    internal void End() => channel.Writer.TryComplete();

    public void Dispose()
    {
        End();
        leave(this);
    }
}

/// <summary>
/// This node's fan-out of committed events to the watchers connected to it (SSE streams, SignalR
/// connections, Blazor consoles). Per meeting it reads new events from the database once, in
/// number order, and offers each to every watcher, whose queue skips what it already has and what
/// it may not see. A new watcher is given a snapshot or the events after its last number before it
/// joins the fan-out, under the same lock, so nothing falls between the two.
/// </summary>
public sealed class LiveDispatcher(IServiceScopeFactory scopes, IOptions<LiveOptions> options, ILogger<LiveDispatcher> logger)
{
    private readonly ConcurrentDictionary<int, MeetingFeed> feeds = new();

    /// <summary>
    /// Watchers woken at a time by the pump. Each woken stream is a work item in the thread pool's queue, first
    /// in, first out: 10,000 at once put every request that arrives meanwhile behind the whole fan-out (the chair's
    /// answer to a change waited behind its own fan-out, up to ~80 ms on 2 cores). In chunks, other work takes its turn between them.
    /// </summary>
    private const int OfferChunk = 256;

    /// <summary>Watchers connected to this node, all meetings together.</summary>
    public int WatcherCount => feeds.Values.Sum(f => f.Count);

    /// <summary>
    /// Joins a watcher to a meeting's events after <paramref name="after"/>; with no number, with one
    /// this database never gave, or one more than <see cref="LiveOptions.CatchUpLimit"/> behind, the
    /// watcher first gets a snapshot.
    /// </summary>
    public async Task<LiveSubscription> SubscribeAsync(int meetingId, LiveViewer viewer, long? after, CancellationToken cancellationToken = default)
    {
        var feed = feeds.GetOrAdd(meetingId, id => new MeetingFeed(id));
        await feed.Gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DienHongDbContext>();
            if (!feed.Started)
            {
                feed.Delivered = await LiveFeed.LastNumberAsync(db, meetingId, cancellationToken);
                feed.Known = Math.Max(feed.Known, feed.Delivered);
                feed.Started = true;
            }

            var limit = options.Value.CatchUpLimit;
            var subscription = new LiveSubscription(viewer, options.Value.SubscriberBuffer + limit, feed.Remove);
            var fresh = after is not { } from || from < feed.Delivered - limit
                || (from > feed.Delivered && from > await LiveFeed.LastNumberAsync(db, meetingId, cancellationToken));
            if (fresh)
            {
                var snapshot = await SnapshotAsync(feed, viewer, db, cancellationToken);
                subscription.Offer(snapshot);
            }
            else
            {
                subscription.Position = after!.Value;
            }

            if (subscription.Position < feed.Delivered)
            {
                foreach (var message in await ReadAsync(db, meetingId, subscription.Position, feed.Delivered, cancellationToken))
                {
                    subscription.Offer(message);
                }
            }

            feed.Add(subscription);
            return subscription;
        }
        finally
        {
            feed.Gate.Release();
        }
    }

    /// <summary>Events up to <paramref name="number"/> are committed: deliver them to this node's watchers.</summary>
    public void Notify(int meetingId, long number)
    {
        if (!feeds.TryGetValue(meetingId, out var feed))
        {
            return;
        }

        feed.Announce(number);
        if (Interlocked.CompareExchange(ref feed.Pumping, 1, 0) == 0)
        {
            _ = Task.Run(() => PumpAsync(feed));
        }
    }

    /// <summary>Meetings watched on this node and the last number each has delivered (for the poller).</summary>
    internal IEnumerable<int> WatchedMeetings()
    {
        foreach (var (id, feed) in feeds)
        {
            if (feed.Count > 0)
            {
                yield return id;
            }
            else if (!feed.Started)
            {
                feeds.TryRemove(KeyValuePair.Create(id, feed));
            }
        }
    }

    private async Task PumpAsync(MeetingFeed feed)
    {
        while (true)
        {
            try
            {
                await feed.Gate.WaitAsync();
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<DienHongDbContext>();
                    while (feed.Started && feed.Known > feed.Delivered && feed.Count > 0)
                    {
                        var batch = await ReadAsync(db, feed.MeetingId, feed.Delivered, long.MaxValue, CancellationToken.None);
                        if (batch.Count == 0)
                        {
                            feed.Delivered = feed.Known;
                            break;
                        }

                        var subscribers = feed.Subscribers;
                        foreach (var message in batch)
                        {
                            for (var i = 0; i < subscribers.Length; i++)
                            {
                                subscribers[i].Offer(message);
                                if ((i + 1) % OfferChunk == 0 && i + 1 < subscribers.Length)
                                {
                                    // Back of the thread pool's queue, behind the streams just woken: what was queued
                                    // meanwhile (the writer's own answer, other requests) waits for one chunk, not for all.
                                    await Task.Yield();
                                }
                            }
                        }

                        feed.Delivered = batch[^1].Number;
                    }

                    if (feed.Count == 0)
                    {
                        // Nobody here watches it any more: the next watcher starts from the database again.
                        feed.Started = false;
                    }
                }
                finally
                {
                    feed.Gate.Release();
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                logger.LogWarning(exception, "Live events of meeting {MeetingId} could not be delivered; retrying.", feed.MeetingId);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            Volatile.Write(ref feed.Pumping, 0);
            if (!feed.Started || feed.Known <= feed.Delivered || Interlocked.CompareExchange(ref feed.Pumping, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task<LiveMessage> SnapshotAsync(MeetingFeed feed, LiveViewer viewer, DienHongDbContext db, CancellationToken cancellationToken)
    {
        // Watchers who see the same thing share a snapshot until the next event. Not longer: an event that
        // tells clients to start again from a snapshot (a new checklist) would be replayed after the old one, forever.
        if (feed.Snapshots.TryGetValue(viewer.Key, out var cached) && cached.Number == feed.Delivered)
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var (number, parts) = await scope.ServiceProvider.GetRequiredService<LiveSnapshots>().ReadAsync(db, feed.MeetingId, viewer, cancellationToken);
        var message = new LiveMessage(number, LiveMessage.SnapshotType,
            LiveMessage.Envelope(number, LiveMessage.SnapshotType, null, DateTime.UtcNow, JsonSerializer.Serialize(parts, LiveFeed.Json)), LiveAudience.Public, null);
        feed.Snapshots[viewer.Key] = message;
        return message;
    }

    /// <summary>Events after <paramref name="after"/> up to <paramref name="upTo"/>, at most 500, in order.</summary>
    public static async Task<List<LiveMessage>> ReadAsync(DienHongDbContext db, int meetingId, long after, long upTo, CancellationToken cancellationToken)
    {
        var events = await db.LiveEvents.AsNoTracking()
            .Where(e => e.MeetingId == meetingId && e.Number > after && e.Number <= upTo)
            .OrderBy(e => e.Number).Take(500).ToListAsync(cancellationToken);
        return [.. events.Select(LiveMessage.From)];
    }

    private sealed class MeetingFeed(int meetingId)
    {
        private readonly Lock sync = new();
        private long known;

        public int MeetingId { get; } = meetingId;
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public bool Started { get; set; }

        /// <summary>The last number offered to this node's watchers.</summary>
        public long Delivered { get; set; }

        /// <summary>The highest number known to be committed.</summary>
        public long Known
        {
            get => Interlocked.Read(ref known);
            set => Interlocked.Exchange(ref known, value);
        }

        private readonly HashSet<LiveSubscription> subscribers = [];
        private LiveSubscription[]? array = [];

        public int Pumping;
        public Dictionary<string, LiveMessage> Snapshots { get; } = [];

        /// <summary>
        /// The watchers, as an array the pump walks while others join or leave; built again only when
        /// the pump asks after a change, so joining and leaving cost the same with 10 watchers or 10,000.
        /// </summary>
        public LiveSubscription[] Subscribers
        {
            get
            {
                lock (sync)
                {
                    return array ??= [.. subscribers];
                }
            }
        }

        public int Count
        {
            get
            {
                lock (sync)
                {
                    return subscribers.Count;
                }
            }
        }

        public void Announce(long number)
        {
            long current;
            do
            {
                current = Interlocked.Read(ref known);
            }
            while (number > current && Interlocked.CompareExchange(ref known, number, current) != current);
        }

        public void Add(LiveSubscription subscription)
        {
            lock (sync)
            {
                subscribers.Add(subscription);
                array = null;
            }
        }

        public void Remove(LiveSubscription subscription)
        {
            lock (sync)
            {
                if (subscribers.Remove(subscription))
                {
                    array = null;
                }
            }
        }
    }
}

/// <summary>Finds events whose signal this node missed (Redis down, a node restarted) and lets presence time out.</summary>
internal sealed class LivePoller(LiveDispatcher dispatcher, IServiceScopeFactory scopes, IOptions<LiveOptions> options, ILogger<LivePoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var watched = dispatcher.WatchedMeetings().ToList();
                if (watched.Count == 0)
                {
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DienHongDbContext>();
                var numbers = await db.LiveStreams.AsNoTracking().Where(s => watched.Contains(s.MeetingId)).ToListAsync(stoppingToken);
                foreach (var stream in numbers)
                {
                    dispatcher.Notify(stream.MeetingId, stream.LastNumber);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Polling for live events failed.");
            }
        }
    }
}
