using DienHong.Features.Meetings;
using DienHong.Features.Organizations;

namespace DienHong.Features.Issuing;

/// <summary>
/// What an organization's documents say about it: the names in the header, the symbols in the
/// number, the place in the date line, the usual signer. Edited by the organization's administrator.
/// </summary>
public class OrganizationTemplate
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>The body above the issuer, first header line ("ĐOÀN ĐBQH VÀ HĐND TỈNH"); optional.</summary>
    public string? ParentBodyName { get; set; }

    /// <summary>The issuing body as it is printed ("ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH BÌNH PHƯỚC").</summary>
    public required string IssuingBodyName { get; set; }

    /// <summary>
    /// The body that acts in the documents' sentences, when it is not the issuer's registered name:
    /// "Thường trực HĐND tỉnh" writes and signs for the council (seed 004).
    /// </summary>
    public string? ActingBodyName { get; set; }

    /// <summary>The body's abbreviation in symbols: "ĐBQH" in 62/KH-ĐBQH, "HĐND" in 51/HĐND-VP.</summary>
    public required string BodySymbol { get; set; }

    /// <summary>The drafting unit in a letter's symbol: "VP" in 51/HĐND-VP.</summary>
    public string? DraftingUnitSymbol { get; set; }

    /// <summary>The place in the date line: "Bình Phước".</summary>
    public required string Place { get; set; }
    public string? SignerName { get; set; }
    public string? SignerTitle { get; set; }
    public SigningAuthority SigningAuthority { get; set; }
    public string? SignerOnBehalfOf { get; set; }

    /// <summary>The collective line above a deputy's ("TM. THƯỜNG TRỰC HĐND TỈNH"); see <see cref="Meeting.SignerCollective"/>.</summary>
    public string? SignerCollective { get; set; }

    /// <summary>The last line of "Nơi nhận": "Lưu: VT, TCHC".</summary>
    public string ArchiveLine { get; set; } = "Lưu: VT";

    /// <summary>Contact line closing a letter: "Đ/c Nguyễn Tiến Thành, Phó Chánh Văn phòng, điện thoại: 0914.920.045".</summary>
    public string? ContactLine { get; set; }
}
