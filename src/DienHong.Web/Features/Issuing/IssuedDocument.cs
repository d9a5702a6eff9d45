using System.Text.Json.Serialization;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;

namespace DienHong.Features.Issuing;

/// <summary>The kinds of paperwork issued from a meeting, with their type abbreviation (Decree 30, Appendix III).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DocumentKind>))]
public enum DocumentKind
{
    /// <summary>Kế hoạch — KH.</summary>
    Plan = 1,
    /// <summary>Công văn — no type abbreviation; its symbol is body + drafting unit.</summary>
    Letter = 2,
    /// <summary>Giấy mời — GM.</summary>
    Invitation = 3,
    /// <summary>Thông báo — TB.</summary>
    Notice = 4,
    /// <summary>Biên bản — BB.</summary>
    Minutes = 5,
    /// <summary>Maket: not a numbered document.</summary>
    Backdrop = 6,
    /// <summary>Kết quả biểu quyết — KQ: an open vote's result, with counts of all members.</summary>
    VoteResult = 7,
    /// <summary>Biên bản kiểm phiếu — BB, numbered in the same book as the minutes: a secret ballot's count.</summary>
    CountingRecord = 8,
}

/// <summary>Where a version's file came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VersionSource>))]
public enum VersionSource
{
    /// <summary>Generated from the meeting by its wording template.</summary>
    Generated = 1,
    /// <summary>The draft edited in Word or LibreOffice and uploaded back.</summary>
    Edited = 2,
    /// <summary>A scan of the signed paper: the final copy.</summary>
    SignedScan = 3,
}

/// <summary>
/// A document as issued: its number and symbol from the register, the file, and who issued it.
/// Immutable once saved; a correction is a new row with the same number and the next version.
/// </summary>
public class IssuedDocument
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public int? MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public DocumentKind Kind { get; set; }
    public int Year { get; set; }

    /// <summary>Register number within organization, kind and year; null for unnumbered output (backdrops).</summary>
    public int? Number { get; set; }

    /// <summary>"62/KH-ĐBQH", "51/HĐND-VP".</summary>
    public string? Symbol { get; set; }
    public int Version { get; set; } = 1;
    public required string Title { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateTime IssuedAt { get; set; }
    public required string IssuedBy { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }

    public VersionSource Source { get; set; } = VersionSource.Generated;

    /// <summary>The wording the office edited before issuing (JSON), kept to make the next version.</summary>
    public string? Wording { get; set; }
}
