namespace DienHong.Features.Voting;

/// <summary>The Vietnamese names of voting's values, for pages, events and documents (the UI passes them through the localizer).</summary>
public static class VotingLabels
{
    public static string Of(VoteChoice choice) => choice switch
    {
        VoteChoice.For => "Tán thành",
        VoteChoice.Against => "Không tán thành",
        _ => "Không biểu quyết",
    };

    public static string Of(MotionState state) => state switch
    {
        MotionState.Draft => "Dự kiến",
        MotionState.Open => "Đang biểu quyết",
        MotionState.Closed => "Đã kết thúc",
        _ => "Đã hủy kết quả",
    };

    public static string Of(PassingRule rule) => rule switch
    {
        PassingRule.TwoThirdsOfMembers => "ít nhất hai phần ba tổng số đại biểu",
        PassingRule.MoreThanHalfOfVoting => "quá nửa số đại biểu tham gia biểu quyết",
        _ => "quá nửa tổng số đại biểu",
    };

    public static string Of(QuorumRule rule) => rule switch
    {
        QuorumRule.MoreThanHalfOfMembers => "quá nửa tổng số đại biểu",
        _ => "ít nhất hai phần ba tổng số đại biểu",
    };

    public static string Of(BallotKind kind) => kind switch
    {
        BallotKind.Election => "Bầu",
        BallotKind.Dismissal => "Miễn nhiệm, bãi nhiệm",
        _ => "Lấy phiếu tín nhiệm",
    };
}
