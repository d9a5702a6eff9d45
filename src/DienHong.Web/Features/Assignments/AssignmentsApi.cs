using System.Globalization;
using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Meetings;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DienHong.Features.Assignments;

public sealed record AssignmentDto(int Id, int? OrganizationId, string Assignee, string Content, DateOnly? Deadline, AssignmentStatus Status)
{
    public static AssignmentDto From(Assignment a) => new(a.Id, a.OrganizationId, a.Assignee, a.Content, a.Deadline, a.Status);
}

/// <summary>
/// A task; <paramref name="Deadline"/> is text ("2021-11-23" or "23/11/2021") so an impossible date
/// gets a clear message. A new task is pending unless it says otherwise; a replacement (PUT) must
/// state its <paramref name="Status"/>.
/// </summary>
public sealed record AssignmentInput(string Content, int? OrganizationId = null, string? AssigneeName = null, string? Deadline = null, AssignmentStatus? Status = null)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    public void ApplyTo(Assignment assignment)
    {
        if (assignment.Id != 0 && Status is null)
        {
            throw new RuleViolationException([new RuleViolation(nameof(Status),
                "Hãy ghi rõ trạng thái (status): sửa nhiệm vụ (PUT) thay thế toàn bộ nội dung và không tự đổi trạng thái.")]);
        }

        DateOnly? deadline = null;
        if (!string.IsNullOrWhiteSpace(Deadline))
        {
            if (!DateOnly.TryParseExact(Deadline.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw new RuleViolationException([new RuleViolation(nameof(Deadline), "Hạn hoàn thành \"{0}\" không phải là một ngày có thật.", Deadline)]);
            }

            deadline = parsed;
        }

        assignment.Content = Content;
        assignment.OrganizationId = OrganizationId;
        assignment.Organization = null;
        assignment.AssigneeName = AssigneeName;
        assignment.Deadline = deadline;
        assignment.Status = Status ?? AssignmentStatus.Pending;
    }
}

public static class AssignmentsApi
{
    public static RouteGroupBuilder MapAssignmentsApi(this RouteGroupBuilder api)
    {
        var assignments = api.MapGroup("/meetings/{meetingId:int}/assignments").WithTags("Assignments");
        assignments.MapGet("/", ListAsync);
        assignments.MapPost("/", AddAsync).RequireAuthorization(Roles.CanPlanMeetings);
        assignments.MapPut("/{assignmentId:int}", UpdateAsync).RequireAuthorization(Roles.CanPlanMeetings);
        assignments.MapDelete("/{assignmentId:int}", DeleteAsync).RequireAuthorization(Roles.CanPlanMeetings);
        return assignments;
    }

    private static async Task<Results<Ok<List<AssignmentDto>>, NotFound>> ListAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.LoadMeetingAsync(db, meetingId, cancellationToken) is { } meeting
            ? TypedResults.Ok(meeting.Assignments.OrderBy(a => a.Deadline).ThenBy(a => a.Id).Select(AssignmentDto.From).ToList())
            : TypedResults.NotFound();

    private static async Task<Results<Created<AssignmentDto>, NotFound>> AddAsync(int meetingId, AssignmentInput input, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        var assignment = new Assignment { Content = input.Content };
        input.ApplyTo(assignment);
        meeting.Assignments.Add(assignment);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        await db.Entry(assignment).Reference(a => a.Organization).LoadAsync(cancellationToken);
        return TypedResults.Created($"/api/meetings/{meetingId}/assignments/{assignment.Id}", AssignmentDto.From(assignment));
    }

    private static async Task<Results<Ok<AssignmentDto>, NotFound>> UpdateAsync(int meetingId, int assignmentId, AssignmentInput input, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting || meeting.Assignments.Find(a => a.Id == assignmentId) is not { } assignment)
        {
            return TypedResults.NotFound();
        }

        input.ApplyTo(assignment);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        await db.Entry(assignment).Reference(a => a.Organization).LoadAsync(cancellationToken);
        return TypedResults.Ok(AssignmentDto.From(assignment));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(int meetingId, int assignmentId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting || meeting.Assignments.Find(a => a.Id == assignmentId) is not { } assignment)
        {
            return TypedResults.NotFound();
        }

        meeting.Assignments.Remove(assignment);
        db.Assignments.Remove(assignment);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.NoContent();
    }
}
