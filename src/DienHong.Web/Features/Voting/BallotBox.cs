using System.Security.Cryptography;
using DienHong.Data;

namespace DienHong.Features.Voting;

/// <summary>A secret ballot waiting in the box: what it says, and nothing about who cast it.</summary>
public sealed record PendingBallot(bool Valid, IReadOnlyList<BallotMarkInput> Marks);

/// <summary>
/// The ballot box of a secret vote. A cast records who voted (<see cref="BallotCast"/>) in its own
/// transaction and drops the ballot here; ballots reach the database only in shuffled batches of
/// at least <see cref="BatchSize"/> (and the rest at close), with random keys, in a transaction of
/// their own. So no row, key, order, timestamp or transaction id ties a ballot to the delegate
/// who cast it (docs/decisions/0013-voting.md).
/// </summary>
public sealed class BallotBox
{
    public const int BatchSize = 20;

    private readonly Dictionary<int, List<PendingBallot>> pending = [];

    public void Add(int motionId, PendingBallot ballot)
    {
        lock (pending)
        {
            if (!pending.TryGetValue(motionId, out var box))
            {
                pending[motionId] = box = [];
            }

            box.Add(ballot);
        }
    }

    public void Remove(int motionId, PendingBallot ballot)
    {
        lock (pending)
        {
            if (pending.TryGetValue(motionId, out var box))
            {
                box.Remove(ballot);
            }
        }
    }

    /// <summary>Takes every pending ballot of the motion (at close), or a full batch (<paramref name="all"/> false), shuffled.</summary>
    public List<PendingBallot> Take(int motionId, bool all)
    {
        List<PendingBallot> taken;
        lock (pending)
        {
            if (!pending.TryGetValue(motionId, out var box) || box.Count == 0 || !all && box.Count < BatchSize)
            {
                return [];
            }

            taken = [.. box];
            box.Clear();
        }

        RandomNumberGenerator.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(taken));
        return taken;
    }

    /// <summary>Puts ballots back when their batch could not be written.</summary>
    public void Return(int motionId, IEnumerable<PendingBallot> ballots)
    {
        lock (pending)
        {
            if (!pending.TryGetValue(motionId, out var box))
            {
                pending[motionId] = box = [];
            }

            box.AddRange(ballots);
        }
    }

    /// <summary>Adds the ballots (already shuffled) with random keys to the context; the caller saves.</summary>
    public static void Stage(DienHongDbContext db, int motionId, IEnumerable<PendingBallot> ballots)
    {
        foreach (var ballot in ballots)
        {
            var id = Guid.NewGuid();
            db.Ballots.Add(new Ballot { Id = id, MotionId = motionId, Valid = ballot.Valid });
            db.BallotMarks.AddRange(ballot.Marks.Select(m => new BallotMark { BallotId = id, CandidateId = m.CandidateId, Mark = m.Mark }));
        }
    }
}
