using DienHong.Data;
using DienHong.Features.Validation;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Voting;

/// <summary>Counting: grouped queries in the database at close (never the votes loaded one by one), and the result as people read it.</summary>
public static class Tally
{
    /// <summary>
    /// Devices' votes by choice plus the sites' shows of hands, in one statement (one snapshot, one round trip);
    /// saved on the motion with whether it passed.
    /// </summary>
    public static async Task CountOpenAsync(DienHongDbContext db, Motion motion, CancellationToken cancellationToken)
    {
        var id = motion.Id;
        var counts = await db.Motions.Where(m => m.Id == id).Select(m => new
        {
            InFavour = db.Votes.Count(v => v.MotionId == id && v.Choice == VoteChoice.For) + (db.SiteTallies.Where(t => t.MotionId == id).Sum(t => (int?)t.InFavour) ?? 0),
            Against = db.Votes.Count(v => v.MotionId == id && v.Choice == VoteChoice.Against) + (db.SiteTallies.Where(t => t.MotionId == id).Sum(t => (int?)t.Against) ?? 0),
            Abstaining = db.Votes.Count(v => v.MotionId == id && v.Choice == VoteChoice.Abstain) + (db.SiteTallies.Where(t => t.MotionId == id).Sum(t => (int?)t.Abstaining) ?? 0),
        }).FirstAsync(cancellationToken);
        (motion.InFavour, motion.Against, motion.Abstaining) = (counts.InFavour, counts.Against, counts.Abstaining);
        motion.Passed = Majorities.Passes(motion.Rule, motion.Members, motion.InFavour, motion.InFavour + motion.Against + motion.Abstaining);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Valid and invalid ballots, and each person's marks on the valid ones; who is elected or dismissed.</summary>
    public static async Task CountSecretAsync(DienHongDbContext db, Motion motion, CancellationToken cancellationToken)
    {
        var ballots = await db.Ballots.Where(b => b.MotionId == motion.Id).GroupBy(b => b.Valid)
            .Select(g => new { Valid = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var marks = await (from m in db.BallotMarks
                           join b in db.Ballots on m.BallotId equals b.Id
                           where b.MotionId == motion.Id && b.Valid
                           group m by new { m.CandidateId, m.Mark } into g
                           select new { g.Key.CandidateId, g.Key.Mark, Count = g.Count() }).ToListAsync(cancellationToken);
        var valid = ballots.Where(b => b.Valid).Sum(b => b.Count);
        motion.InFavour = valid;
        motion.InvalidBallots = ballots.Where(b => !b.Valid).Sum(b => b.Count);
        var candidates = await db.Candidates.Where(c => c.MotionId == motion.Id).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            int Of(int mark) => marks.Where(m => m.CandidateId == candidate.Id && m.Mark == mark).Sum(m => m.Count);
            candidate.Chosen = Of(1);
            candidate.Medium = Of(2);
            candidate.Low = Of(3);
        }

        var required = Majorities.Required(motion.Rule, motion.Members, valid);
        foreach (var candidate in candidates)
        {
            // Elected: enough votes, and within the seats without a tie spilling over them (a tie goes to another round).
            var ahead = candidates.Count(c => c.Chosen > candidate.Chosen);
            var level = candidates.Count(c => c.Chosen == candidate.Chosen);
            candidate.Elected = motion.BallotKind switch
            {
                BallotKind.Election => candidate.Chosen > 0 && candidate.Chosen >= required && ahead + level <= motion.Seats,
                BallotKind.Dismissal => candidate.Chosen > 0 && candidate.Chosen >= required,
                _ => null,
            };
        }

        motion.Passed = motion.BallotKind == BallotKind.Confidence ? null : candidates.Any(c => c.Elected == true);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Checks a ballot against its motion: marks on its own candidates, once each. Too many chosen makes it invalid, as on paper.</summary>
    public static async Task<PendingBallot> ReadBallotAsync(DienHongDbContext db, Motion motion, BallotInput input, CancellationToken cancellationToken)
    {
        var candidates = await db.Candidates.AsNoTracking().Where(c => c.MotionId == motion.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var marks = input.Marks ?? [];
        var confidence = motion.BallotKind == BallotKind.Confidence;
        if (marks.Any(m => m is null || !candidates.Contains(m.CandidateId)))
        {
            throw new RuleViolationException([new("Marks", "Phiếu có tên người không có trong danh sách của \"{0}\".", motion.Title)]);
        }

        if (marks.Select(m => m.CandidateId).Distinct().Count() != marks.Count)
        {
            throw new RuleViolationException([new("Marks", "Mỗi người trong phiếu chỉ được đánh dấu một lần.")]);
        }

        if (marks.Any(m => confidence ? m.Mark is < 1 or > 3 : m.Mark != 1))
        {
            throw new RuleViolationException([new("Marks", confidence
                ? "Mỗi người được đánh giá 1 (tín nhiệm cao), 2 (tín nhiệm) hoặc 3 (tín nhiệm thấp)."
                : "Đánh dấu người được chọn bằng 1.")]);
        }

        var valid = confidence ? marks.Count == candidates.Count : marks.Count <= motion.Seats;
        return new PendingBallot(valid, [.. marks.Select(m => new BallotMarkInput(m.CandidateId, m.Mark))]);
    }

    /// <summary>An open vote's result shows once closed; a secret ballot's once the counting committee confirmed it; an annulled one's never.</summary>
    public static bool IsShown(Motion motion) =>
        motion.State == MotionState.Closed && (motion.Method == VotingMethod.Open || motion.ConfirmedAt is not null);

    public static MotionResult Result(Motion motion, IReadOnlyList<Candidate> candidates)
    {
        var members = motion.Members;
        if (motion.Method == VotingMethod.Open)
        {
            var voting = motion.InFavour + motion.Against + motion.Abstaining;
            return new MotionResult(members, motion.InFavour, motion.Against, motion.Abstaining, voting, Math.Max(0, members - voting), 0,
                Majorities.Required(motion.Rule, members, voting), motion.Passed == true,
                [
                    Majorities.Line("Tán thành", motion.InFavour, members),
                    Majorities.Line("Không tán thành", motion.Against, members),
                    Majorities.Line("Không biểu quyết", motion.Abstaining, members),
                    Majorities.Line("Số đại biểu tham gia biểu quyết", voting, members),
                ]);
        }

        var cast = motion.InFavour + motion.InvalidBallots;
        List<string> lines =
        [
            Majorities.Line("Số phiếu thu vào", cast, members),
            Majorities.Line("Số phiếu hợp lệ", motion.InFavour, members),
            Majorities.Line("Số phiếu không hợp lệ", motion.InvalidBallots, members),
        ];
        foreach (var candidate in candidates.OrderBy(c => c.Order))
        {
            lines.Add(motion.BallotKind == BallotKind.Confidence
                ? $"{candidate.Name} — {Majorities.Line("tín nhiệm cao", candidate.Chosen, members)}; {Majorities.Line("tín nhiệm", candidate.Medium, members)}; {Majorities.Line("tín nhiệm thấp", candidate.Low, members)}"
                : Majorities.Line(candidate.Name, candidate.Chosen, members) + (candidate.Elected == true ? motion.BallotKind == BallotKind.Dismissal ? " — được miễn nhiệm" : " — trúng cử" : ""));
        }

        return new MotionResult(members, motion.InFavour, 0, 0, cast, Math.Max(0, members - cast), motion.InvalidBallots,
            Majorities.Required(motion.Rule, members, motion.InFavour), motion.Passed == true, lines);
    }
}
