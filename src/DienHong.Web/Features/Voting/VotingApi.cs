using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Api;
using DienHong.Features.Live;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DienHong.Features.Voting;

public static class VotingApi
{
    public static RouteGroupBuilder MapVotingApi(this RouteGroupBuilder api)
    {
        var meeting = api.MapGroup("/meetings/{meetingId:int}").WithTags("Voting");
        meeting.MapGet("/voting/quorum", QuorumAsync).WithSummary("Delegates present / total membership of the body, the quorum required and whether the sitting may proceed (and vote).");
        meeting.MapGet("/voting/membership", MembershipAsync).WithSummary("The meeting's body (its lead organizer): quorum rule, dated membership changes, the delegates and the accounts they vote from.");
        meeting.MapPut("/voting/body", SetBodyAsync).WithSummary("Sets the body's quorum rule (default: at least two-thirds of all members).");
        meeting.MapPost("/voting/body/members", AddChangeAsync).WithSummary("Records the body's total membership from a date (start of term, a delegate elected or removed), with the reason.");
        meeting.MapPut("/voting/delegates/{participantId:int}", LinkAsync).WithSummary("Makes a participant a voting delegate, linked to their own account (Delegate role).");
        meeting.MapDelete("/voting/delegates/{participantId:int}", UnlinkAsync).WithSummary("The participant no longer votes in this meeting.");

        meeting.MapGet("/motions", ListAsync).WithSummary("The meeting's motions (nội dung biểu quyết) with their state and, once announced, their results.");
        meeting.MapPost("/motions", CreateAsync).RequireMeetingAccess(MeetingAction.Chair)
            .WithSummary("A motion on an agenda item with its passing rule (more than half of all members by default), open or secret (with candidates).");
        meeting.MapGet("/motions/{motionId:int}", MotionAsync).WithSummary("One motion, with its result once announced.");
        meeting.MapGet("/motions/{motionId:int}/result", ResultAsync)
            .WithSummary("The announced result as the hall's screen shows it: counts and percentages of all members (\"Tán thành: 45 (90,00%)\") and whether it passed; 204 until announced.");
        meeting.MapGet("/motions/{motionId:int}/turnout", TurnoutAsync)
            .WithSummary("How many have voted so far (devices, sites' shows of hands, secret ballots cast): counts only, never who or what.");
        meeting.MapGet("/motions/{motionId:int}/named-list", NamedListAsync).RequireMeetingAccess(MeetingAction.Chair)
            .WithSummary("Who voted how in an open vote (chair's console and exports); never for a secret ballot.");
        meeting.MapGet("/motions/{motionId:int}/named-list.xlsx", NamedListXlsxAsync).RequireMeetingAccess(MeetingAction.Chair)
            .WithSummary("A closed open vote's named list as XLSX (who, from which site, how); refused for a secret ballot.");
        meeting.MapPost("/motions/{motionId:int}/open", OpenAsync).RequireMeetingAccess(MeetingAction.Chair)
            .WithSummary("Opens the vote in the running sitting; refused without quorum, with the reason.");
        meeting.MapPost("/motions/{motionId:int}/close", CloseAsync).RequireMeetingAccess(MeetingAction.Chair)
            .WithSummary("Closes the vote and counts it; later votes are refused.");
        meeting.MapPost("/motions/{motionId:int}/confirm", ConfirmAsync).RequireMeetingAccess(MeetingAction.Chair)
            .WithSummary("The counting committee (ban kiểm phiếu) confirms a secret ballot's count; the result is then announced.");
        meeting.MapPost("/motions/{motionId:int}/annul", AnnulAsync).RequireMeetingAccess(MeetingAction.Chair).WithSummary("Annuls an open or counted vote, with the reason.");
        meeting.MapPost("/motions/{motionId:int}/repeat", RepeatAsync).RequireMeetingAccess(MeetingAction.Chair).WithSummary("A new draft of an annulled motion, to vote again.");
        meeting.MapPost("/motions/{motionId:int}/votes", VoteAsync).RequireMeetingAccess(MeetingAction.Vote)
            .WithSummary("The signed-in delegate's vote: Tán thành (For), Không tán thành (Against), Không biểu quyết (Abstain); may change until close. Answers the receipt.");
        meeting.MapGet("/motions/{motionId:int}/votes/mine", MyVoteAsync).WithSummary("The signed-in delegate's recorded vote (their receipt).");
        meeting.MapPost("/motions/{motionId:int}/ballots", BallotAsync).RequireMeetingAccess(MeetingAction.Vote)
            .WithSummary("The signed-in delegate's secret ballot; stored apart from who voted, unlinkably. One per delegate.");
        meeting.MapPost("/sites/{siteId:int}/motions/{motionId:int}/hands", HandsAsync).RequireMeetingAccess(MeetingAction.OperateSite)
            .WithSummary("The site's show of hands, entered by its secretary: at most the delegates checked in there who did not vote by device.");
        return meeting;
    }

    private static ProblemHttpResult Missing(string what = "Không tìm thấy nội dung biểu quyết này trong cuộc họp.") =>
        TypedResults.Problem(title: what, statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<QuorumState>, ProblemHttpResult>> QuorumAsync(int meetingId, DienHongDbContext db, MeetingAccess access, TimeProvider clock, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken)
            ? TypedResults.Ok(await Quorum.StateAsync(db, meetingId, clock.GetUtcNow().UtcDateTime, cancellationToken))
            : Missing("Không tìm thấy.");

    private static async Task<Results<Ok<MembershipDto>, ProblemHttpResult>> MembershipAsync(int meetingId, MembershipService membership, CancellationToken cancellationToken) =>
        await membership.GetAsync(meetingId, cancellationToken) is { } found ? TypedResults.Ok(found) : NoBody();

    private static async Task<Results<Ok<MembershipDto>, ProblemHttpResult>> SetBodyAsync(int meetingId, BodyInput input, MembershipService membership, CancellationToken cancellationToken) =>
        await membership.SetBodyAsync(meetingId, input, cancellationToken) is { } found ? TypedResults.Ok(found) : NoBody();

    private static async Task<Results<Ok<MembershipDto>, ProblemHttpResult>> AddChangeAsync(int meetingId, MembershipChangeInput input, MembershipService membership, CancellationToken cancellationToken) =>
        await membership.AddChangeAsync(meetingId, input, cancellationToken) is { } found ? TypedResults.Ok(found) : NoBody();

    private static async Task<Results<Ok<MembershipDto>, ProblemHttpResult>> LinkAsync(int meetingId, int participantId, DelegateInput input, MembershipService membership, CancellationToken cancellationToken) =>
        await membership.LinkDelegateAsync(meetingId, participantId, input, cancellationToken) is { } found ? TypedResults.Ok(found) : NoBody("Không tìm thấy người này trong thành phần cuộc họp.");

    private static async Task<Results<Ok<MembershipDto>, ProblemHttpResult>> UnlinkAsync(int meetingId, int participantId, MembershipService membership, CancellationToken cancellationToken) =>
        await membership.UnlinkDelegateAsync(meetingId, participantId, cancellationToken) is { } found ? TypedResults.Ok(found) : NoBody("Người này không phải đại biểu biểu quyết của cuộc họp.");

    private static ProblemHttpResult NoBody(string what = "Không tìm thấy.") => TypedResults.Problem(title: what, statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<List<MotionDto>>, ProblemHttpResult>> ListAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken) ? TypedResults.Ok(await MotionService.ListAsync(db, meetingId, cancellationToken)) : NoBody();

    private static async Task<Results<Created<MotionDto>, ProblemHttpResult>> CreateAsync(int meetingId, MotionInput input, MotionService motions, CancellationToken cancellationToken) =>
        await motions.CreateAsync(meetingId, input, cancellationToken) is { } motion
            ? TypedResults.Created($"/api/meetings/{meetingId}/motions/{motion.Id}", motion)
            : NoBody();

    private static async Task<Results<Ok<MotionDto>, ProblemHttpResult>> MotionAsync(int meetingId, int motionId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken) && await MotionService.ReadAsync(db, motionId, cancellationToken) is { } motion && await IsOfAsync(db, meetingId, motionId, cancellationToken)
            ? TypedResults.Ok(motion)
            : Missing();

    /// <summary>204 until a result is announced (draft, open, awaiting the committee, annulled): the projector keeps showing the motion.</summary>
    private static async Task<Results<Ok<MotionResult>, NoContent, ProblemHttpResult>> ResultAsync(int meetingId, int motionId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeMeetingAsync(db, meetingId, cancellationToken) || !await IsOfAsync(db, meetingId, motionId, cancellationToken))
        {
            return Missing();
        }

        return await MotionService.ReadAsync(db, motionId, cancellationToken) is { Result: { } result } ? TypedResults.Ok(result) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Turnout>, ProblemHttpResult>> TurnoutAsync(int meetingId, int motionId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.CanSeeMeetingAsync(db, meetingId, cancellationToken) && await IsOfAsync(db, meetingId, motionId, cancellationToken)
            ? TypedResults.Ok(await MotionService.TurnoutAsync(db, motionId, cancellationToken))
            : Missing();

    private static async Task<Results<Ok<List<NamedVote>>, ProblemHttpResult>> NamedListAsync(int meetingId, int motionId, DienHongDbContext db, CancellationToken cancellationToken) =>
        await MotionService.NamedListAsync(db, meetingId, motionId, cancellationToken) is { } list ? TypedResults.Ok(list) : NoBody("Không có danh sách biểu quyết công khai cho nội dung này (bỏ phiếu kín không có danh sách).");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> NamedListXlsxAsync(int meetingId, int motionId, DienHongDbContext db, CancellationToken cancellationToken) =>
        await VoteRecords.NamedListXlsxAsync(db, meetingId, motionId, cancellationToken) is { } xlsx
            ? TypedResults.File(xlsx, Issuing.DocumentIssuer.XlsxType, $"bieu-quyet-{motionId}.xlsx")
            : Missing();

    private static async Task<Results<Ok<MotionDto>, ProblemHttpResult>> OpenAsync(int meetingId, int motionId, MotionService motions, CancellationToken cancellationToken) =>
        Answer(await motions.OpenAsync(meetingId, motionId, cancellationToken));

    private static async Task<Results<Ok<MotionDto>, ProblemHttpResult>> CloseAsync(int meetingId, int motionId, MotionService motions, CancellationToken cancellationToken) =>
        Answer(await motions.CloseAsync(meetingId, motionId, cancellationToken));

    private static async Task<Results<Ok<MotionDto>, ProblemHttpResult>> ConfirmAsync(int meetingId, int motionId, MotionService motions, CancellationToken cancellationToken) =>
        Answer(await motions.ConfirmAsync(meetingId, motionId, cancellationToken));

    private static async Task<Results<Ok<MotionDto>, ProblemHttpResult>> AnnulAsync(int meetingId, int motionId, AnnulInput input, MotionService motions, CancellationToken cancellationToken) =>
        Answer(await motions.AnnulAsync(meetingId, motionId, input, cancellationToken));

    private static async Task<Results<Created<MotionDto>, ProblemHttpResult>> RepeatAsync(int meetingId, int motionId, MotionService motions, CancellationToken cancellationToken) =>
        await motions.RepeatAsync(meetingId, motionId, cancellationToken) is { } motion
            ? TypedResults.Created($"/api/meetings/{meetingId}/motions/{motion.Id}", motion)
            : Missing();

    private static async Task<Results<Ok<VoteReceipt>, ProblemHttpResult>> VoteAsync(int meetingId, int motionId, VoteInput input, MotionService motions, CancellationToken cancellationToken) =>
        await motions.VoteAsync(meetingId, motionId, input, cancellationToken) is { } receipt ? TypedResults.Ok(receipt) : Missing();

    /// <summary>204 when the delegate has not voted on it (or is no delegate).</summary>
    private static async Task<Results<Ok<VoteReceipt>, NoContent>> MyVoteAsync(int meetingId, int motionId, MotionService motions, CancellationToken cancellationToken) =>
        await motions.MyVoteAsync(meetingId, motionId, cancellationToken) is { } receipt ? TypedResults.Ok(receipt) : TypedResults.NoContent();

    private static async Task<Results<Ok<BallotReceipt>, ProblemHttpResult>> BallotAsync(int meetingId, int motionId, BallotInput input, MotionService motions, CancellationToken cancellationToken) =>
        await motions.CastBallotAsync(meetingId, motionId, input, cancellationToken) is { } receipt ? TypedResults.Ok(receipt) : Missing();

    private static async Task<Results<Ok<SiteTallyDto>, ProblemHttpResult>> HandsAsync(int meetingId, int siteId, int motionId, HandsInput input, MotionService motions, CancellationToken cancellationToken) =>
        await motions.HandsAsync(meetingId, siteId, motionId, input, cancellationToken) is { } tally ? TypedResults.Ok(tally) : Missing();

    private static Results<Ok<MotionDto>, ProblemHttpResult> Answer(MotionDto? motion) => motion is null ? Missing() : TypedResults.Ok(motion);

    private static async Task<bool> IsOfAsync(DienHongDbContext db, int meetingId, int motionId, CancellationToken cancellationToken) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Motions, m => m.Id == motionId && m.MeetingId == meetingId, cancellationToken);
}

/// <summary>The "motions" part of a meeting's snapshot: public like the event (the projector shows announced results).</summary>
internal sealed class MotionsSnapshotPart : ILiveSnapshotPart
{
    public string Name => "motions";

    public async Task<object?> ReadAsync(DienHongDbContext db, int meetingId, LiveViewer viewer, CancellationToken cancellationToken) =>
        await MotionService.ListAsync(db, meetingId, cancellationToken);
}
