using DienHong.Features.Voting;

namespace DienHong.Tests.Voting;

/// <summary>The law's arithmetic at every edge, in exact integers.</summary>
public class MajoritiesTests
{
    [Theory]
    [InlineData(50, 26, 34)]
    [InlineData(51, 26, 34)]
    [InlineData(52, 27, 35)]
    [InlineData(500, 251, 334)]
    [InlineData(3, 2, 2)]
    [InlineData(1, 1, 1)]
    public void More_than_half_and_two_thirds_of_the_members_are_whole_numbers_of_people(int members, int moreThanHalf, int twoThirds)
    {
        Assert.Equal(moreThanHalf, Majorities.MoreThanHalf(members));
        Assert.Equal(twoThirds, Majorities.TwoThirds(members));
        Assert.Equal(twoThirds, Majorities.Quorum(QuorumRule.TwoThirdsOfMembers, members));
        Assert.Equal(moreThanHalf, Majorities.Quorum(QuorumRule.MoreThanHalfOfMembers, members));
    }

    [Theory]
    [InlineData(PassingRule.MoreThanHalfOfMembers, 50, 25, 50, false)] // exactly half
    [InlineData(PassingRule.MoreThanHalfOfMembers, 50, 26, 26, true)] // one more than half
    [InlineData(PassingRule.MoreThanHalfOfMembers, 51, 26, 30, true)]
    [InlineData(PassingRule.MoreThanHalfOfMembers, 51, 25, 30, false)]
    [InlineData(PassingRule.TwoThirdsOfMembers, 50, 33, 50, false)]
    [InlineData(PassingRule.TwoThirdsOfMembers, 50, 34, 34, true)]
    [InlineData(PassingRule.TwoThirdsOfMembers, 52, 34, 52, false)]
    [InlineData(PassingRule.TwoThirdsOfMembers, 52, 35, 52, true)]
    [InlineData(PassingRule.TwoThirdsOfMembers, 500, 333, 500, false)]
    [InlineData(PassingRule.TwoThirdsOfMembers, 500, 334, 500, true)]
    [InlineData(PassingRule.MoreThanHalfOfVoting, 50, 20, 40, false)] // exactly half of those voting
    [InlineData(PassingRule.MoreThanHalfOfVoting, 50, 21, 40, true)]
    [InlineData(PassingRule.MoreThanHalfOfVoting, 50, 0, 0, false)]
    public void A_motion_passes_only_at_the_rule_s_exact_threshold(PassingRule rule, int members, int inFavour, int voting, bool passes) =>
        Assert.Equal(passes, Majorities.Passes(rule, members, inFavour, voting));

    [Theory]
    [InlineData(45, 50, "Tán thành: 45 (90,00%)")]
    [InlineData(1, 3, "Tán thành: 1 (33,33%)")]
    [InlineData(2, 3, "Tán thành: 2 (66,67%)")]
    [InlineData(0, 50, "Tán thành: 0 (0,00%)")]
    [InlineData(50, 50, "Tán thành: 50 (100,00%)")]
    [InlineData(333, 500, "Tán thành: 333 (66,60%)")]
    public void Percentages_of_all_members_are_rounded_half_up_to_hundredths_with_a_decimal_comma(int count, int members, string line) =>
        Assert.Equal(line, Majorities.Line("Tán thành", count, members));
}
