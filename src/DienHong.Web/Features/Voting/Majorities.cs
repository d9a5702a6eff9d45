using System.Globalization;
using System.Text.Json.Serialization;

namespace DienHong.Features.Voting;

/// <summary>How many votes carry a motion (the law's majorities), always counted against whole numbers of people.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PassingRule>))]
public enum PassingRule
{
    /// <summary>Quá nửa tổng số đại biểu: the default for resolutions.</summary>
    MoreThanHalfOfMembers = 1,

    /// <summary>Ít nhất hai phần ba tổng số đại biểu: constitution, shortening or extending a term, removing a delegate.</summary>
    TwoThirdsOfMembers = 2,

    /// <summary>Quá nửa số đại biểu tham gia biểu quyết: procedural questions.</summary>
    MoreThanHalfOfVoting = 3,
}

/// <summary>How many delegates must be present for a sitting to proceed; per body.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuorumRule>))]
public enum QuorumRule
{
    /// <summary>Ít nhất hai phần ba tổng số đại biểu: the law's rule for council sessions.</summary>
    TwoThirdsOfMembers = 1,

    /// <summary>Quá nửa tổng số đại biểu.</summary>
    MoreThanHalfOfMembers = 2,
}

/// <summary>
/// The law's arithmetic in exact integers, never floating point: "more than half of 50" is 26,
/// "two-thirds of 50" is 34 (at least ⌈2n/3⌉), and a percentage of all members is rounded half up
/// to hundredths from integers ("Tán thành: 45 (90,00%)").
/// </summary>
public static class Majorities
{
    /// <summary>The smallest whole number greater than n/2.</summary>
    public static int MoreThanHalf(int n) => n / 2 + 1;

    /// <summary>The smallest whole number at least 2n/3: ⌈2n/3⌉.</summary>
    public static int TwoThirds(int n) => (int)((2L * n + 2) / 3);

    /// <summary>Votes "for" a motion needs under <paramref name="rule"/>.</summary>
    public static int Required(PassingRule rule, int members, int voting) => rule switch
    {
        PassingRule.TwoThirdsOfMembers => TwoThirds(members),
        PassingRule.MoreThanHalfOfVoting => MoreThanHalf(voting),
        _ => MoreThanHalf(members),
    };

    public static bool Passes(PassingRule rule, int members, int inFavour, int voting) =>
        inFavour > 0 && inFavour >= Required(rule, members, voting);

    /// <summary>Delegates present the sitting needs under <paramref name="rule"/>.</summary>
    public static int Quorum(QuorumRule rule, int members) => rule switch
    {
        QuorumRule.MoreThanHalfOfMembers => MoreThanHalf(members),
        _ => TwoThirds(members),
    };

    /// <summary>Hundredths of a percent of <paramref name="members"/>, rounded half up: 45 of 50 → 9000.</summary>
    public static long BasisPoints(int count, int members) =>
        members <= 0 ? 0 : (count * 20000L + members) / (2L * members);

    /// <summary>"90,00%": the Vietnamese way, with a decimal comma.</summary>
    public static string Percent(int count, int members)
    {
        var points = BasisPoints(count, members);
        return string.Create(CultureInfo.InvariantCulture, $"{points / 100},{points % 100:00}%");
    }

    /// <summary>"Tán thành: 45 (90,00%)".</summary>
    public static string Line(string label, int count, int members) =>
        string.Create(CultureInfo.InvariantCulture, $"{label}: {count} ({Percent(count, members)})");
}
