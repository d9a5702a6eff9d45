using System.Globalization;
using System.Text.Json;
using DienHong.Data;
using DienHong.Features.Assignments;
using DienHong.Features.Issuing;
using DienHong.Features.Localization;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Auditing;

/// <summary>One change as an office reads it: who, when (Vietnam time), on what, and each field in words.</summary>
public sealed record AuditLine(long Id, string At, string UserName, string Subject, string? SubjectName, string Action, IReadOnlyList<AuditField> Fields);

/// <summary>A field of a change: its Vietnamese label, and the value (added, deleted) or the old and new values.</summary>
public sealed record AuditField(string Label, string? Old, string New);

/// <summary>
/// A meeting's history, a page at a time, in Vietnamese: field labels instead of property names,
/// names instead of ids, Vietnam time, labels instead of enum names, no JSON.
/// </summary>
public static class AuditHistory
{
    private const string Empty = "(trống)";

    /// <summary>A page of the history, newest first, from <paramref name="entries"/>: what the user may read of it (MeetingAccess.HistoryAsync).</summary>
    public static async Task<(int Total, List<AuditLine> Lines)> PageAsync(DienHongDbContext db, int meetingId, IQueryable<AuditEntry> entries, int skip, int take, CancellationToken cancellationToken = default)
    {
        var total = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderByDescending(e => e.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, meetingId, page, cancellationToken);
        return (total, [.. page.Select(e => Describe(e, names))]);
    }

    /// <summary>The names behind the ids a page mentions: organizations, units, and the meeting's sites (deleted ones too).</summary>
    private static async Task<Names> NamesAsync(DienHongDbContext db, int meetingId, List<AuditEntry> page, CancellationToken cancellationToken)
    {
        var ids = page.SelectMany(e => Ids(e.Changes)).ToLookup(x => x.Property, x => x.Id);
        var organizationIds = ids["OrganizationId"].ToHashSet();
        var unitIds = ids["AdministrativeUnitId"].ToHashSet();
        var organizations = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var units = await db.AdministrativeUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => $"{u.Name} ({u.Code})", cancellationToken);
        var sites = await db.Sites.AsNoTracking().Where(s => s.MeetingId == meetingId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var deletedSites = await db.AuditEntries.AsNoTracking()
            .Where(e => e.MeetingId == meetingId && e.EntityType == nameof(Site) && e.Action == "Deleted")
            .Select(e => new { e.EntityId, e.Changes }).ToListAsync(cancellationToken);
        foreach (var deleted in deletedSites)
        {
            if (int.TryParse(deleted.EntityId, CultureInfo.InvariantCulture, out var id) && Value(deleted.Changes, nameof(Site.Name)) is { } name)
            {
                sites.TryAdd(id, name);
            }
        }

        return new Names(organizations, units, sites);
    }

    private sealed record Names(Dictionary<int, string> Organizations, Dictionary<int, string> Units, Dictionary<int, string> Sites);

    private static IEnumerable<(string Property, int Id)> Ids(string changes)
    {
        using var json = JsonDocument.Parse(changes);
        foreach (var property in json.RootElement.EnumerateObject().Where(p => p.Name is "OrganizationId" or "AdministrativeUnitId"))
        {
            var values = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToList() : [property.Value];
            foreach (var value in values.Where(v => v.ValueKind == JsonValueKind.Number))
            {
                yield return (property.Name, value.GetInt32());
            }
        }
    }

    private static string? Value(string changes, string property)
    {
        using var json = JsonDocument.Parse(changes);
        return json.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static AuditLine Describe(AuditEntry entry, Names names)
    {
        using var json = JsonDocument.Parse(entry.Changes);
        var fields = new List<AuditField>();
        string? subjectName = null;
        foreach (var property in json.RootElement.EnumerateObject())
        {
            var isChange = entry.Action == "Modified" && property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() == 2;
            var current = isChange ? property.Value[1] : property.Value;
            if (property.Name is "Name" or "PersonName" or "Title" or "Text" or "Content" && subjectName is null && current.ValueKind == JsonValueKind.String)
            {
                subjectName = Shorten(current.GetString());
            }

            if (FieldLabel(entry.EntityType, property.Name) is not { } label)
            {
                continue;
            }

            fields.Add(isChange
                ? new AuditField(label, Text(entry.EntityType, property.Name, property.Value[0], names), Text(entry.EntityType, property.Name, property.Value[1], names))
                : new AuditField(label, null, Text(entry.EntityType, property.Name, property.Value, names)));
        }

        if (subjectName is null && entry.EntityType == nameof(Site) && int.TryParse(entry.EntityId, CultureInfo.InvariantCulture, out var siteId))
        {
            subjectName = names.Sites.GetValueOrDefault(siteId);
        }

        return new AuditLine(entry.Id, VietnamTime.Format(entry.At), entry.UserName, SubjectLabel(entry.EntityType), subjectName, ActionLabel(entry.Action), fields);
    }

    private static string Shorten(string? text) => text is { Length: > 80 } ? text[..80] + "…" : text ?? string.Empty;

    public static string SubjectLabel(string entityType) => entityType switch
    {
        nameof(Meeting) => "Cuộc họp",
        nameof(Site) => "Điểm cầu",
        nameof(Participant) => "Thành phần",
        nameof(Agenda.AgendaItem) => "Chương trình",
        nameof(Assignment) => "Phân công",
        nameof(MeetingPhase) => "Đợt",
        nameof(LegalBasis) => "Căn cứ",
        nameof(Recipient) => "Nơi nhận",
        nameof(MeetingOrganizer) => "Cơ quan tổ chức",
        nameof(IssuedDocument) => "Văn bản",
        nameof(MeetingReference) => "Văn bản liên quan",
        _ => entityType,
    };

    public static string ActionLabel(string action) => action switch
    {
        "Added" => "Thêm",
        "Modified" => "Sửa",
        "Deleted" => "Xóa",
        _ => action,
    };

    /// <summary>The Vietnamese label of a field, or null for what a reader does not need (links, stored files, drafting wording).</summary>
    public static string? FieldLabel(string entityType, string property) => (entityType, property) switch
    {
        (_, "MeetingId" or "ContentType" or "Wording" or "IssuedAt") => null,
        (nameof(Meeting), "Title") => "Tên cuộc họp",
        (nameof(Meeting), "Place") => "Địa danh (dòng ngày tháng)",
        (nameof(Site), "Name") => "Tên điểm cầu",
        (nameof(Site), "IsHost") => "Điểm cầu trung tâm",
        (nameof(Site), "TechnicalContactPhone") => "Điện thoại",
        (nameof(Site), "ConnectionTestAt") => "Kiểm tra kết nối",
        (nameof(Participant), "Title") => "Chức vụ",
        (nameof(Participant), "OrganizationName") => "Cơ quan (ghi tên)",
        (nameof(Participant), "OrganizationId") => "Cơ quan",
        (nameof(Participant), "SiteId") => "Điểm cầu",
        (nameof(Assignment), "OrganizationId") => "Cơ quan thực hiện",
        (nameof(Assignment), "AssigneeName") => "Hoặc ghi tên",
        (nameof(MeetingOrganizer), "OrganizationId") => "Cơ quan",
        (nameof(MeetingOrganizer), "IsLead") => "Chủ trì",
        (nameof(MeetingPhase), "Name") => "Tên đợt",
        (nameof(LegalBasis), "Text") => "Căn cứ",
        (nameof(Recipient), "Name") => "Nơi nhận",
        (nameof(IssuedDocument), "Title") => "Trích yếu",
        (nameof(MeetingReference), "Issuer") => "Cơ quan ban hành",
        (nameof(MeetingReference), "Summary") => "Về việc",
        (nameof(MeetingReference), "Concerns") => "Giao nhiệm vụ cho",
        (nameof(IssuedDocument), "OrganizationId") => "Cơ quan ban hành",
        (nameof(IssuedDocument), "Kind") => "Loại văn bản",
        (_, "Kind") => "Loại",
        (_, "Format") => "Hình thức",
        (_, "Status") => "Trạng thái",
        (_, "StartsAt") => "Bắt đầu",
        (_, "EndsAt") => "Kết thúc",
        (_, "SessionReference") => "Thuộc kỳ họp",
        (_, "BackdropTitle") => "Tiêu đề trên maket",
        (_, "Purpose") => "Mục đích",
        (_, "Requirements") => "Yêu cầu",
        (_, "SignerName") => "Họ tên người ký",
        (_, "SignerTitle") => "Chức vụ người ký",
        (_, "SigningAuthority") => "Thẩm quyền ký",
        (_, "SignerOnBehalfOf") => "Ký thay / thay mặt",
        (_, "SignerCollective") => "Tập thể (TM.) phía trên",
        (_, "Level") => "Cấp",
        (_, "AdministrativeUnitId") => "Đơn vị hành chính",
        (_, "Room") => "Phòng họp",
        (_, "Capacity") => "Sức chứa",
        (_, "PresidingPerson") => "Người chủ trì",
        (_, "TechnicalContactName") => "Cán bộ kỹ thuật",
        (_, "PersonName") => "Họ tên",
        (_, "Role") => "Vai trò",
        (_, "Email") => "Email",
        (_, "Phone") => "Điện thoại",
        (_, "Order") => "STT",
        (_, "Content") => "Nội dung",
        (_, "Presenter") => "Người thực hiện",
        (_, "PlannedMinutes") => "Phút",
        (_, "Deadline") => "Hạn",
        (_, "Year") => "Năm",
        (_, "Number") => "Số",
        (_, "Symbol") => "Số, ký hiệu",
        (_, "Version") => "Phiên bản",
        (_, "IssuedOn") => "Ngày ban hành",
        (_, "IssuedBy") => "Người ban hành",
        (_, "FileName") => "Tệp",
        _ => property,
    };

    /// <summary>A stored value as text: names for ids, labels for enums, Vietnam time, dd/MM/yyyy, có/không.</summary>
    private static string Text(string entityType, string property, JsonElement value, Names names)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return Empty;
            case JsonValueKind.True:
                return "có";
            case JsonValueKind.False:
                return "không";
            case JsonValueKind.Number when value.TryGetInt32(out var id) && property is "OrganizationId" or "AdministrativeUnitId" or "SiteId":
                var lookup = property switch { "OrganizationId" => names.Organizations, "AdministrativeUnitId" => names.Units, _ => names.Sites };
                return lookup.GetValueOrDefault(id) ?? $"#{id}";
            case JsonValueKind.Number when EnumLabel(entityType, property, value.ToString()) is { } numbered:
                return numbered;
            case JsonValueKind.String:
                var text = value.GetString() ?? string.Empty;
                if (EnumLabel(entityType, property, text) is { } label)
                {
                    return label;
                }

                if (property is "StartsAt" or "EndsAt" or "ConnectionTestAt" && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
                {
                    return VietnamTime.Format(utc);
                }

                if (property is "Deadline" or "IssuedOn" && DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var day))
                {
                    return VietnamTime.FormatInput(day);
                }

                return text.Length == 0 ? Empty : text;
            default:
                return value.ToString();
        }
    }

    private static string? EnumLabel(string entityType, string property, string name) => (entityType, property) switch
    {
        (nameof(IssuedDocument), "Kind") => Enum.TryParse<DocumentKind>(name, out var v) ? DocumentIssuer.KindName(v) : null,
        (nameof(MeetingReference), "Kind") => Enum.TryParse<ReferenceKind>(name, out var v) ? Labels.Of(v) : null,
        (_, "Kind") => Enum.TryParse<MeetingKind>(name, out var v) ? Labels.Of(v) : null,
        (_, "Format") => Enum.TryParse<MeetingFormat>(name, out var v) ? Labels.Of(v) : null,
        (nameof(Assignment), "Status") => Enum.TryParse<AssignmentStatus>(name, out var v) ? Labels.Of(v) : null,
        (_, "Status") => Enum.TryParse<MeetingStatus>(name, out var v) ? Labels.Of(v) : null,
        (_, "SigningAuthority") => Enum.TryParse<SigningAuthority>(name, out var v) ? Labels.Of(v) : null,
        (_, "Level") => Enum.TryParse<SiteLevel>(name, out var v) ? Labels.Of(v) : null,
        (_, "Role") => Enum.TryParse<ParticipantRole>(name, out var v) ? Labels.Of(v) : null,
        _ => null,
    };
}
