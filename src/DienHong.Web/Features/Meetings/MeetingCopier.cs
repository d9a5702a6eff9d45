using DienHong.Data;
using DienHong.Features.Agenda;
using DienHong.Features.Assignments;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Features.Validation;

namespace DienHong.Features.Meetings;

/// <summary>
/// Starts a new meeting from a past one (the same conference follows every session): everything
/// is copied as a draft, and every time moves by the same shift so the new plan keeps its shape.
/// Assignment deadlines move by whole days.
/// </summary>
public static class MeetingCopier
{
    public static Meeting Copy(Meeting source, DateTime newStartsAtUtc, string? newTitle = null)
    {
        if (SaveChecks.OutOfRange(nameof(CopyMeetingRequest.StartsAt), newStartsAtUtc) is { } outside)
        {
            throw new RuleViolationException([outside]);
        }

        var shift = newStartsAtUtc - source.StartsAt;
        var days = (int)Math.Round(shift.TotalDays);
        var sites = source.Sites.ToDictionary(s => s.Id, s => new Site
        {
            Name = s.Name,
            IsHost = s.IsHost,
            Level = s.Level,
            AdministrativeUnitId = s.AdministrativeUnitId,
            Room = s.Room,
            Capacity = s.Capacity,
            PresidingPerson = s.PresidingPerson,
            TechnicalContactName = s.TechnicalContactName,
            TechnicalContactPhone = s.TechnicalContactPhone,
            ConnectionTestAt = s.ConnectionTestAt + shift,
        });

        return new Meeting
        {
            Title = string.IsNullOrWhiteSpace(newTitle) ? source.Title : newTitle,
            Kind = source.Kind,
            Format = source.Format,
            Status = MeetingStatus.Draft,
            SessionReference = source.SessionReference,
            StartsAt = source.StartsAt + shift,
            EndsAt = source.EndsAt + shift,
            Place = source.Place,
            BackdropTitle = source.BackdropTitle,
            Purpose = source.Purpose,
            Requirements = source.Requirements,
            SignerName = source.SignerName,
            SignerTitle = source.SignerTitle,
            SigningAuthority = source.SigningAuthority,
            SignerOnBehalfOf = source.SignerOnBehalfOf,
            SignerCollective = source.SignerCollective,
            Organizers = [.. source.Organizers.Select(o => new MeetingOrganizer { OrganizationId = o.OrganizationId, IsLead = o.IsLead })],
            Phases = [.. source.Phases.Select(p => new MeetingPhase { Name = p.Name, StartsAt = p.StartsAt + shift, EndsAt = p.EndsAt + shift, Format = p.Format })],
            LegalBases = [.. source.LegalBases.Select(b => new LegalBasis { Order = b.Order, Text = b.Text })],
            Recipients = [.. source.Recipients.Select(r => new Recipient { Order = r.Order, Name = r.Name })],
            Sites = [.. sites.Values],
            Participants = [.. source.Participants.Select(p => new Participant
            {
                Site = p.SiteId is { } id && sites.TryGetValue(id, out var site) ? site : null,
                PersonName = p.PersonName, Title = p.Title, OrganizationId = p.OrganizationId, OrganizationName = p.OrganizationName,
                Role = p.Role, Email = p.Email, Phone = p.Phone,
            })],
            AgendaItems = [.. source.AgendaItems.Select(a => new AgendaItem { Order = a.Order, Content = a.Content, Presenter = a.Presenter, PlannedMinutes = a.PlannedMinutes })],
            Assignments = [.. source.Assignments.Select(a => new Assignment
            {
                OrganizationId = a.OrganizationId, AssigneeName = a.AssigneeName, Content = a.Content,
                Deadline = a.Deadline?.AddDays(days), Status = AssignmentStatus.Pending,
            })],
        };
    }
}
