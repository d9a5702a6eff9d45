using System.Text.Json.Serialization;
using DienHong.Features.Meetings;

namespace DienHong.Features.Issuing;

[JsonConverter(typeof(JsonStringEnumConverter<ReferenceKind>))]
public enum ReferenceKind
{
    /// <summary>Văn bản (a letter): "văn bản số 49/HĐND-VP".</summary>
    Letter = 1,
    /// <summary>Thông báo.</summary>
    Notice = 2,
    /// <summary>Kế hoạch.</summary>
    Plan = 3,
    /// <summary>Nghị quyết.</summary>
    Resolution = 4,
    /// <summary>Quyết định (a summons to a session is one).</summary>
    Decision = 5,
}

/// <summary>
/// A related document a meeting's paperwork refers to (seed 004: the summons 49/HĐND-VP, the notice
/// 47/TB-HĐND that assigned the offices' tasks): number, date, issuer, what it is about, and whom it
/// tasks. Templates read them as <c>meeting.references</c>.
/// </summary>
public class MeetingReference
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public int Order { get; set; }
    public ReferenceKind Kind { get; set; }

    /// <summary>Number and symbol: "47/TB-HĐND".</summary>
    public required string Number { get; set; }
    public DateOnly IssuedOn { get; set; }

    /// <summary>Who issued it, as a sentence names them: "Thường trực HĐND tỉnh".</summary>
    public required string Issuer { get; set; }

    /// <summary>What it is about, as it follows "về việc": "triệu tập kỳ họp thứ 13 (bất thường), HĐND tỉnh khóa XIV".</summary>
    public string? Summary { get; set; }

    /// <summary>The bodies it assigns tasks to, if any: "Văn phòng HĐND tỉnh, Văn phòng UBND tỉnh".</summary>
    public string? Concerns { get; set; }
}
