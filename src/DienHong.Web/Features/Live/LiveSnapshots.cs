using DienHong.Data;

namespace DienHong.Features.Live;

/// <summary>
/// A feature's part of a meeting's snapshot: the whole current state it shows, as the viewer may
/// see it. Register one per feature (services.AddScoped&lt;ILiveSnapshotPart, …&gt;()).
/// </summary>
public interface ILiveSnapshotPart
{
    /// <summary>The key of this part in the snapshot: "readiness", "sitting", "votes".</summary>
    string Name { get; }

    Task<object?> ReadAsync(DienHongDbContext db, int meetingId, LiveViewer viewer, CancellationToken cancellationToken);
}

/// <summary>
/// Everything a watcher needs to start from: the number of the last event it reflects and every
/// feature's part. The number is read first and the parts after it, so a part may already show an
/// event or two past the number; replaying those is harmless because events carry new states.
/// </summary>
public sealed class LiveSnapshots(IEnumerable<ILiveSnapshotPart> parts)
{
    public async Task<(long Number, Dictionary<string, object?> Parts)> ReadAsync(DienHongDbContext db, int meetingId, LiveViewer viewer, CancellationToken cancellationToken = default)
    {
        var number = await LiveFeed.LastNumberAsync(db, meetingId, cancellationToken);
        var result = new Dictionary<string, object?>();
        foreach (var part in parts)
        {
            result[part.Name] = await part.ReadAsync(db, meetingId, viewer, cancellationToken);
        }

        return (number, result);
    }
}
