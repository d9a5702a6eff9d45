using DienHong.Features.Issuing;
using DienHong.Features.Meetings;

namespace DienHong.Features.Drafting;

/// <summary>
/// The top of an official document: the parent body (optional), the issuing body, the number and
/// symbol (empty until the register gives one), and the place and date line.
/// </summary>
public sealed record DocumentHeading(string? ParentBody, string IssuingBody, string? Symbol, string Place, DateOnly IssuedOn)
{
    public static DocumentHeading From(OrganizationTemplate template, string? symbol, DateOnly issuedOn) =>
        new(template.ParentBodyName, template.IssuingBodyName, symbol, template.Place, issuedOn);
}

/// <summary>The signature block: authority lines in capitals ("TM. …", "KT. …"), the title, the name.</summary>
public sealed record SignatureBlock(IReadOnlyList<string> AuthorityLines, string Title, string Name)
{
    public static SignatureBlock From(Meeting meeting) =>
        Create(meeting.SigningAuthority, meeting.SignerOnBehalfOf, meeting.SignerCollective, meeting.SignerTitle, meeting.SignerName);

    public static SignatureBlock From(OrganizationTemplate template) =>
        Create(template.SigningAuthority, template.SignerOnBehalfOf, template.SignerCollective, template.SignerTitle, template.SignerName);

    /// <summary>
    /// "TM. THƯỜNG TRỰC HĐND TỈNH" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / name (seed 004), or
    /// "TM. ĐOÀN ĐẠI BIỂU QUỐC HỘI" / "PHÓ TRƯỞNG ĐOÀN PHỤ TRÁCH" / name (seed 002).
    /// </summary>
    public static SignatureBlock Create(SigningAuthority authority, string? onBehalfOf, string? collective, string? title, string? name)
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(collective))
        {
            lines.Add("TM. " + collective.ToUpperInvariant());
        }

        var prefix = authority switch
        {
            SigningAuthority.OnBehalfOfCollective => "TM.",
            SigningAuthority.Deputy => "KT.",
            SigningAuthority.Acting => "Q.",
            SigningAuthority.ByOrder => "TL.",
            SigningAuthority.ByAuthorization => "TUQ.",
            _ => null,
        };
        if (prefix is not null && !string.IsNullOrWhiteSpace(onBehalfOf))
        {
            lines.Add($"{prefix} {onBehalfOf.ToUpperInvariant()}");
        }

        return new SignatureBlock(lines, (title ?? string.Empty).ToUpperInvariant(), name ?? string.Empty);
    }
}

/// <summary>
/// The wording of one document as its template wrote it (see <see cref="DocumentContent"/>): the
/// office may edit this text before issuing, and it is kept with the issued document.
/// <paramref name="Signers"/>: who signs beside the chair, for the kinds that have them — the
/// minutes' secretary; a counting record's committee (ban kiểm phiếu), its head first.
/// </summary>
public sealed record DocumentWording(string Text, IReadOnlyList<string>? Signers = null);
