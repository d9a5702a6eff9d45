using System.Globalization;
using System.Reflection;
using DienHong.Features.Accounts;
using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Auditing;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Data;

/// <summary>
/// The checks every save passes, whatever sent the data (API, import, editor, seeder): values an
/// enum does not define, dates out of any sensible range, references to rows that do not exist.
/// Each is a rule violation naming the field, so nothing reaches the database to fail there.
/// </summary>
public static class SaveChecks
{
    /// <summary>The earliest date the platform stores (old units and organizations reach back a century).</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>The latest date the platform stores.</summary>
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    private static readonly DateTime EarliestTime = EarliestDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    private static readonly DateTime LatestTime = LatestDate.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);

    private static readonly MethodInfo ExistingKeysMethod = typeof(SaveChecks).GetMethod(nameof(ExistingKeysAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly Dictionary<Type, string> ReferenceNames = new()
    {
        [typeof(Organization)] = "Cơ quan, đơn vị",
        [typeof(AdministrativeUnit)] = "Đơn vị hành chính",
        [typeof(Meeting)] = "Cuộc họp",
        [typeof(Site)] = "Điểm cầu",
        [typeof(AppUser)] = "Tài khoản",
        [typeof(IdentityRole)] = "Vai trò",
        [typeof(IssuedDocument)] = "Văn bản",
    };

    /// <summary>Marks a short text column whose line breaks are meant (a letterhead's lines): see <see cref="KeepsLineBreaks"/>.</summary>
    public const string MultilineAnnotation = "DienHong:Multiline";

    /// <summary>Text columns that keep line breaks: long ones (purpose, requirements, task content), unbounded ones, and those marked.</summary>
    public static bool IsMultiline(IProperty property) =>
        property.GetMaxLength() is not { } limit || limit >= TextLimits.Long || property.FindAnnotation(MultilineAnnotation)?.Value is true;

    /// <summary>The office breaks this short text into lines itself (where a heading breaks matters in a letterhead).</summary>
    public static PropertyBuilder<T> KeepsLineBreaks<T>(this PropertyBuilder<T> property) => property.HasAnnotation(MultilineAnnotation, true);

    /// <summary>An enum value the code defines, a date between <see cref="EarliestDate"/> and <see cref="LatestDate"/>.</summary>
    public static void CheckValue(PropertyEntry property, List<RuleViolation> violations)
    {
        var name = property.Metadata.Name;
        switch (property.CurrentValue)
        {
            case Enum value when !Enum.IsDefined(value.GetType(), value):
                violations.Add(new(name, "Giá trị {0} không dùng được cho trường {1}; dùng một trong: {2}.",
                    value, name, string.Join(", ", Enum.GetNames(value.GetType()))));
                break;
            case DateTime time when time < EarliestTime || time > LatestTime:
                violations.Add(OutOfRange(name, DateOnly.FromDateTime(time)));
                break;
            case DateOnly day when day < EarliestDate || day > LatestDate:
                violations.Add(OutOfRange(name, day));
                break;
        }
    }

    /// <summary>The violation for a time outside the stored range, checked before computing with it (e.g. shifting a copy).</summary>
    public static RuleViolation? OutOfRange(string name, DateTime time) =>
        time < EarliestTime || time > LatestTime ? OutOfRange(name, DateOnly.FromDateTime(time)) : null;

    private static RuleViolation OutOfRange(string name, DateOnly day) =>
        new(name, "Ngày {0} (trường {1}) nằm ngoài khoảng cho phép, từ {2} đến {3}.",
            Format(day), name, Format(EarliestDate), Format(LatestDate));

    private static string Format(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// Moves the version of every tracked meeting whose plan changes in this save — the meeting
    /// itself or anything on it — so that a save made from an older version is refused.
    /// </summary>
    public static void StampMeetingVersions(ChangeTracker tracker)
    {
        Dictionary<int, EntityEntry>? meetings = null;
        HashSet<int>? changed = null;
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is Meeting meeting)
            {
                if (entry.State is EntityState.Unchanged or EntityState.Modified)
                {
                    (meetings ??= [])[meeting.Id] = entry;
                    if (entry.State == EntityState.Modified)
                    {
                        (changed ??= []).Add(meeting.Id);
                    }
                }
            }
            else if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity is not AuditEntry && entry.Metadata.FindProperty(nameof(Site.MeetingId)) is { } property)
            {
                var owner = entry.State == EntityState.Deleted ? entry.OriginalValues[property] : entry.CurrentValues[property];
                if (owner is int meetingId)
                {
                    (changed ??= []).Add(meetingId);
                }
            }
        }

        foreach (var meetingId in changed ?? [])
        {
            if (meetings?.GetValueOrDefault(meetingId) is { } entry)
            {
                var version = entry.Property(nameof(Meeting.Version));
                version.CurrentValue = (int)version.OriginalValue! + 1;
            }
        }
    }

    /// <summary>
    /// References (foreign keys) set in this save that point to no row: neither tracked here nor in
    /// the database. One query per referenced table.
    /// </summary>
    public static async Task<List<RuleViolation>> MissingReferencesAsync(DbContext db, bool async, CancellationToken cancellationToken)
    {
        var tracked = new Dictionary<IEntityType, HashSet<object>>();
        var wanted = new Dictionary<(IEntityType Principal, IProperty Key), Dictionary<object, string>>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            var primaryKey = entry.Metadata.FindPrimaryKey();
            if (entry.State != EntityState.Deleted && primaryKey?.Properties is [var keyProperty] && entry.CurrentValues[keyProperty] is { } key)
            {
                Add(tracked, entry.Metadata.GetRootType(), key);
            }

            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var foreignKey in entry.Metadata.GetForeignKeys())
            {
                if (foreignKey.Properties is not [var property] || foreignKey.PrincipalKey.Properties is not [var principalKey]
                    || foreignKey.PrincipalEntityType.HasSharedClrType)
                {
                    continue;
                }

                var value = entry.Property(property.Name);
                if (value.CurrentValue is { } reference && !value.IsTemporary && (entry.State == EntityState.Added || value.IsModified))
                {
                    var references = wanted.TryGetValue((foreignKey.PrincipalEntityType.GetRootType(), principalKey), out var found)
                        ? found
                        : wanted[(foreignKey.PrincipalEntityType.GetRootType(), principalKey)] = [];
                    references.TryAdd(reference, property.Name);
                }
            }
        }

        var violations = new List<RuleViolation>();
        foreach (var ((principal, key), references) in wanted)
        {
            var known = tracked.GetValueOrDefault(principal);
            var unknown = references.Keys.Where(k => known is null || !key.IsPrimaryKey() || !known.Contains(k)).ToList();
            if (unknown.Count == 0)
            {
                continue;
            }

            var existing = await (Task<HashSet<object>>)ExistingKeysMethod.MakeGenericMethod(principal.ClrType, key.ClrType)
                .Invoke(null, [db, key.Name, unknown, async, cancellationToken])!;
            foreach (var missing in unknown.Where(k => !existing.Contains(k)))
            {
                var field = references[missing];
                violations.Add(new(field, "{0} có mã số {1} không tồn tại (trường {2}).",
                    ReferenceNames.GetValueOrDefault(principal.ClrType, "Bản ghi liên kết"), missing, field));
            }
        }

        return violations;
    }

    private static void Add(Dictionary<IEntityType, HashSet<object>> keys, IEntityType type, object key)
    {
        if (!keys.TryGetValue(type, out var set))
        {
            keys[type] = set = [];
        }

        set.Add(key);
    }

    private static async Task<HashSet<object>> ExistingKeysAsync<TEntity, TKey>(DbContext db, string keyName, List<object> keys, bool async, CancellationToken cancellationToken)
        where TEntity : class
    {
        var wanted = keys.Cast<TKey>().ToList();
        var query = db.Set<TEntity>().AsNoTracking().Where(e => wanted.Contains(EF.Property<TKey>(e, keyName))).Select(e => EF.Property<TKey>(e, keyName));
        var found = async ? await query.ToListAsync(cancellationToken) : [.. query];
        return [.. found.Select(k => (object)k!)];
    }
}
