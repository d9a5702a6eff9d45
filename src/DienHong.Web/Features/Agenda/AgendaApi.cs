using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Meetings;
using DienHong.Features.Validation;
using DienHong.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace DienHong.Features.Agenda;

public sealed record AgendaItemDto(int Id, int Order, string Content, string? Presenter, int? PlannedMinutes)
{
    public static AgendaItemDto From(AgendaItem a) => new(a.Id, a.Order, a.Content, a.Presenter, a.PlannedMinutes);
}

/// <summary>An agenda item; <paramref name="Position"/> (1-based) places a new item, default last.</summary>
public sealed record AgendaItemInput(string Content, string? Presenter = null, int? PlannedMinutes = null, int? Position = null);

public static class AgendaApi
{
    public static RouteGroupBuilder MapAgendaApi(this RouteGroupBuilder api)
    {
        var agenda = api.MapGroup("/meetings/{meetingId:int}/agenda").WithTags("Agenda");
        agenda.MapGet("/", ListAsync);
        agenda.MapPost("/", AddAsync).RequireAuthorization(Roles.CanPlanMeetings);
        agenda.MapPut("/{itemId:int}", UpdateAsync).RequireAuthorization(Roles.CanPlanMeetings);
        agenda.MapDelete("/{itemId:int}", DeleteAsync).RequireAuthorization(Roles.CanPlanMeetings);
        agenda.MapPut("/order", ReorderAsync).RequireAuthorization(Roles.CanPlanMeetings);
        return agenda;
    }

    private static List<AgendaItemDto> Ordered(Meeting meeting) => [.. meeting.AgendaItems.OrderBy(a => a.Order).Select(AgendaItemDto.From)];

    private static async Task<Results<Ok<List<AgendaItemDto>>, NotFound>> ListAsync(int meetingId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken) =>
        await access.LoadMeetingAsync(db, meetingId, cancellationToken) is { } meeting ? TypedResults.Ok(Ordered(meeting)) : TypedResults.NotFound();

    private static async Task<Results<Created<AgendaItemDto>, NotFound>> AddAsync(int meetingId, AgendaItemInput input, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        var item = new AgendaItem { Content = input.Content, Presenter = input.Presenter, PlannedMinutes = input.PlannedMinutes };
        AgendaOrdering.Insert(meeting.AgendaItems, item, input.Position);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.Created($"/api/meetings/{meetingId}/agenda/{item.Id}", AgendaItemDto.From(item));
    }

    private static async Task<Results<Ok<AgendaItemDto>, NotFound>> UpdateAsync(int meetingId, int itemId, AgendaItemInput input, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting || meeting.AgendaItems.Find(a => a.Id == itemId) is not { } item)
        {
            return TypedResults.NotFound();
        }

        item.Content = input.Content;
        item.Presenter = input.Presenter;
        item.PlannedMinutes = input.PlannedMinutes;
        if (input.Position is { } position)
        {
            AgendaOrdering.Move(meeting.AgendaItems, item, position);
        }

        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.Ok(AgendaItemDto.From(item));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(int meetingId, int itemId, DienHongDbContext db, MeetingAccess access, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting || meeting.AgendaItems.Find(a => a.Id == itemId) is not { } item)
        {
            return TypedResults.NotFound();
        }

        AgendaOrdering.Remove(meeting.AgendaItems, item);
        db.AgendaItems.Remove(item);
        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Sets the whole order at once: the body lists every item id in its new order.</summary>
    private static async Task<Results<Ok<List<AgendaItemDto>>, ValidationProblem, NotFound>> ReorderAsync(
        int meetingId, int[] itemIds, DienHongDbContext db, MeetingAccess access, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (await access.LoadMeetingAsync(db, meetingId, cancellationToken) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        if (!AgendaOrdering.Reorder(meeting.AgendaItems, itemIds))
        {
            return new[] { new RuleViolation("itemIds", "Danh sách sắp xếp phải gồm đúng các mục của chương trình, mỗi mục một lần.") }.ToValidationProblem(localizer);
        }

        await db.SaveMeetingAsync(meeting, cancellationToken);
        return TypedResults.Ok(Ordered(meeting));
    }
}
