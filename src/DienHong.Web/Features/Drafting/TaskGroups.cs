using DienHong.Features.Assignments;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;

namespace DienHong.Features.Drafting;

/// <summary>A task as a document writes it: what, and by when only where a deadline was set.</summary>
public sealed record TaskView(string Content, DateOnly? Deadline);

/// <summary>
/// The tasks of one body addressed ("Đề nghị Ủy ban nhân dân tỉnh"), or of several with the same
/// tasks ("Đài Phát thanh - Truyền hình và Báo Bình Phước"), with the bodies under it that it
/// directs (departments under the provincial People's Committee) as sub-groups.
/// </summary>
public sealed record TaskGroup(string Verb, string Body, IReadOnlyList<string> Bodies, IReadOnlyList<TaskView> Tasks, IReadOnlyList<TaskGroup> SubGroups)
{
    public bool IsSingle => Tasks.Count == 1 && SubGroups.Count == 0;
}

/// <summary>
/// Groups a meeting's tasks the way offices write them: by the body addressed, sub-bodies under
/// a lead body that has tasks too, bodies with the same tasks together, "Giao" for the issuer's own
/// units and "Đề nghị" for others, and never a task addressed to the issuer itself.
/// </summary>
public static class TaskGroups
{
    public const string Assign = "Giao";
    public const string Request = "Đề nghị";

    public static List<TaskGroup> Build(Meeting meeting, IssuerView issuer)
    {
        var tasks = meeting.Assignments
            .Where(a => a.Assignee.Length > 0 && a.OrganizationId != issuer.OrganizationId)
            .OrderBy(a => a.Id == 0 ? int.MaxValue : a.Id).ThenBy(a => meeting.Assignments.IndexOf(a))
            .ToList();
        var assignedIds = tasks.Where(a => a.OrganizationId is not null).Select(a => a.OrganizationId!.Value).ToHashSet();

        // A body's lead is its parent when the parent has tasks of its own here (it directs the body).
        int? LeadOf(Assignment a) => a.Organization?.ParentId is { } parent && assignedIds.Contains(parent) ? parent : null;
        string Key(Assignment a) => a.OrganizationId is { } id ? $"o{id}" : $"n{a.Assignee}";

        var leads = tasks.Where(a => LeadOf(a) is null).Select(Key).Distinct().ToList();
        var groups = new List<TaskGroup>();
        foreach (var key in leads)
        {
            var own = tasks.Where(a => Key(a) == key).ToList();
            var first = own[0];
            var subs = first.OrganizationId is { } leadId
                ? Merge(tasks.Where(a => LeadOf(a) == leadId).GroupBy(Key).Select(g => Group(g.ToList(), issuer)).ToList(), "; ")
                : [];
            groups.Add(Group(own, issuer) with { SubGroups = subs });
        }

        return Merge(groups, " và ");
    }

    private static TaskGroup Group(List<Assignment> tasks, IssuerView issuer)
    {
        var organization = tasks[0].Organization;
        var body = organization is null ? tasks[0].Assignee.Trim() : NameInPlace(organization, issuer.Place);
        var verb = organization?.ParentId is { } parent && parent == issuer.OrganizationId ? Assign : Request;
        return new TaskGroup(verb, body, [body], [.. tasks.Select(t => new TaskView(t.Content.Trim(), t.Deadline))], []);
    }

    /// <summary>Bodies with the same verb and the same tasks (and no sub-bodies) are written once, their names joined.</summary>
    private static List<TaskGroup> Merge(List<TaskGroup> groups, string separator)
    {
        var merged = new List<TaskGroup>();
        foreach (var group in groups)
        {
            var same = merged.FindIndex(m => m.Verb == group.Verb && m.SubGroups.Count == 0 && group.SubGroups.Count == 0
                && m.Tasks.Select(t => t.Content).SequenceEqual(group.Tasks.Select(t => t.Content)));
            if (same < 0)
            {
                merged.Add(group);
                continue;
            }

            var bodies = merged[same].Bodies.Append(group.Body).ToList();
            var name = separator == " và " && bodies.Count > 2
                ? string.Join(", ", bodies.Take(bodies.Count - 1)) + " và " + bodies[^1]
                : string.Join(separator, bodies);
            merged[same] = merged[same] with { Body = name, Bodies = bodies };
        }

        return merged;
    }

    /// <summary>
    /// A body of the issuer's own province named as the issuer's documents do: "Ủy ban nhân dân tỉnh
    /// Bình Phước" → "Ủy ban nhân dân tỉnh"; a department ("Sở"), which only a province has, without
    /// the level either: "Sở Thông tin và Truyền thông tỉnh Điện Biên" → "Sở Thông tin và Truyền
    /// thông" (seeds 002 and 004). Others keep their name.
    /// </summary>
    public static string NameInPlace(Organization organization, string place)
    {
        var name = organization.Name.Trim();
        foreach (var level in new[] { " tỉnh ", " thành phố " })
        {
            var suffix = level + place;
            if (place.Length > 0 && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return name.StartsWith("Sở ", StringComparison.Ordinal) ? name[..^suffix.Length].TrimEnd() : name[..^place.Length].TrimEnd();
            }
        }

        return name;
    }
}
