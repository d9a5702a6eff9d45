namespace DienHong.Features.Live;

/// <summary>Configuration section "Live".</summary>
public sealed class LiveOptions
{
    /// <summary>How often an open site console reports that it is there.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A site console silent for longer than this turns offline by itself.</summary>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>A watcher further behind than this many events gets a fresh snapshot instead of the events.</summary>
    public int CatchUpLimit { get; set; } = 1000;

    /// <summary>How often a node checks the database for events whose signal it missed.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Events held for a watcher that reads slowly; past it the watcher is dropped and reconnects with its last number.</summary>
    public int SubscriberBuffer { get; set; } = 256;
}
