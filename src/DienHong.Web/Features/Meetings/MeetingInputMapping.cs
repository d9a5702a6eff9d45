using DienHong.Features.Text;
using DienHong.Features.Validation;

namespace DienHong.Features.Meetings;

public static class MeetingInputMapping
{
    /// <summary>
    /// Writes the input onto a new meeting or over a loaded one: every field and list replaced
    /// whole (a list left out becomes empty); the status only as stated, never implied.
    /// </summary>
    public static void ApplyTo(this MeetingInput input, Meeting meeting)
    {
        var replacing = meeting.Id != 0;
        if (replacing && input.Version is { } version && version != meeting.Version)
        {
            throw new ConcurrentChangeException();
        }

        ThrowIfNullItem(nameof(input.Organizers), input.Organizers);
        ThrowIfNullItem(nameof(input.Phases), input.Phases);
        ThrowIfNullItem(nameof(input.References), input.References);

        if (replacing && input.Status is null)
        {
            throw new RuleViolationException([new RuleViolation("Status",
                "Hãy ghi rõ trạng thái (status): sửa cuộc họp (PUT) thay thế toàn bộ nội dung và không tự đổi trạng thái.")]);
        }

        meeting.Title = input.Title;
        meeting.Kind = input.Kind;
        meeting.Format = input.Format;
        meeting.Status = input.Status ?? MeetingStatus.Draft;
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

        meeting.Organizers.Clear();
        meeting.Organizers.AddRange((input.Organizers ?? []).DistinctBy(o => o.OrganizationId)
            .Select(o => new MeetingOrganizer { OrganizationId = o.OrganizationId, IsLead = o.IsLead }));
        meeting.Phases.Clear();
        meeting.Phases.AddRange((input.Phases ?? []).Select(p => new MeetingPhase
        {
            Name = p.Name,
            StartsAt = p.StartsAt.ToUniversalTime(),
            EndsAt = p.EndsAt.ToUniversalTime(),
            Format = p.Format,
        }));
        meeting.LegalBases.Clear();
        meeting.LegalBases.AddRange(NonEmpty(input.LegalBases ?? []).Select((text, i) => new LegalBasis { Order = i + 1, Text = text }));
        meeting.Recipients.Clear();
        meeting.Recipients.AddRange(NonEmpty(input.Recipients ?? []).Select((name, i) => new Recipient { Order = i + 1, Name = name }));
        meeting.References.Clear();
        meeting.References.AddRange((input.References ?? []).Select((r, i) => new Issuing.MeetingReference
        {
            Order = i + 1,
            Kind = r.Kind,
            Number = VietnameseText.Nfc(r.Number) ?? string.Empty,
            IssuedOn = r.IssuedOn,
            Issuer = VietnameseText.Nfc(r.Issuer) ?? string.Empty,
            Summary = Optional(r.Summary),
            Concerns = Optional(r.Concerns),
        }));
    }

    /// <summary>The serializer lets a list hold null (nullability is not checked inside lists).</summary>
    private static void ThrowIfNullItem<T>(string field, IEnumerable<T?>? list)
        where T : class
    {
        if (list?.Any(item => item is null) == true)
        {
            throw new RuleViolationException([new RuleViolation(field, "Danh sách {0} có mục rỗng (null).", field)]);
        }
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Nfc(text);

    private static IEnumerable<string> NonEmpty(IEnumerable<string> lines) =>
        lines.Select(VietnameseText.Nfc).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!);
}
