using DienHong.Features.Text;

namespace DienHong.Features.Meetings;

public static class MeetingInputMapping
{
    /// <summary>Writes the input onto a (new or loaded) meeting; lists are replaced whole.</summary>
    public static void ApplyTo(this MeetingInput input, Meeting meeting)
    {
        meeting.Title = input.Title;
        meeting.Kind = input.Kind;
        meeting.Format = input.Format;
        meeting.Status = input.Status;
        meeting.StartsAt = input.StartsAt.ToUniversalTime();
        meeting.EndsAt = input.EndsAt.ToUniversalTime();
        meeting.SessionReference = input.SessionReference;
        meeting.Place = input.Place;
        meeting.BackdropTitle = input.BackdropTitle;
        meeting.Purpose = input.Purpose;
        meeting.Requirements = input.Requirements;
        meeting.SignerName = input.SignerName;
        meeting.SignerTitle = input.SignerTitle;
        meeting.SigningAuthority = input.SigningAuthority;
        meeting.SignerOnBehalfOf = input.SignerOnBehalfOf;
        meeting.SignerCollective = input.SignerCollective;

        if (input.Organizers is { } organizers)
        {
            meeting.Organizers.Clear();
            meeting.Organizers.AddRange(organizers.DistinctBy(o => o.OrganizationId)
                .Select(o => new MeetingOrganizer { OrganizationId = o.OrganizationId, IsLead = o.IsLead }));
        }

        if (input.Phases is { } phases)
        {
            meeting.Phases.Clear();
            meeting.Phases.AddRange(phases.Select(p => new MeetingPhase
            {
                Name = p.Name,
                StartsAt = p.StartsAt.ToUniversalTime(),
                EndsAt = p.EndsAt.ToUniversalTime(),
                Format = p.Format,
            }));
        }

        if (input.LegalBases is { } bases)
        {
            meeting.LegalBases.Clear();
            meeting.LegalBases.AddRange(NonEmpty(bases).Select((text, i) => new LegalBasis { Order = i + 1, Text = text }));
        }

        if (input.Recipients is { } recipients)
        {
            meeting.Recipients.Clear();
            meeting.Recipients.AddRange(NonEmpty(recipients).Select((name, i) => new Recipient { Order = i + 1, Name = name }));
        }
    }

    private static IEnumerable<string> NonEmpty(IEnumerable<string> lines) =>
        lines.Select(VietnameseText.Nfc).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!);
}
