using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace DienHong.Features.Drafting;

/// <summary>A template problem an office can act on: the line and what is wrong there.</summary>
public sealed record TemplateError(int Line, string Reason)
{
    public override string ToString() => $"Dòng {Line}: {Reason}";
}

/// <summary>
/// The wording of every document kind as Liquid templates (Fluid): sandboxed (no file, include or
/// code access; only the document model's members), bounded in steps. Defaults ship per document
/// kind and per meeting kind; an organization's copy, edited in the UI, wins. A template is checked
/// before it is saved: it must compile and name only fields the model has.
/// </summary>
public static partial class WordingTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new();
    private static readonly TemplateOptions Options = CreateOptions();

    /// <summary>The names a template starts from, and the model type behind each.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Roots = new Dictionary<string, Type>
    {
        ["meeting"] = typeof(MeetingView),
        ["issuer"] = typeof(IssuerView),
        ["tasks"] = typeof(IReadOnlyList<TaskGroup>),
        ["addressees"] = typeof(IReadOnlyList<string>),
        ["self_tasks"] = typeof(IReadOnlyList<string>),
        ["document"] = typeof(DocumentView),
        ["invitee"] = typeof(InviteeView),
        ["minutes"] = typeof(MinutesView),
        ["backdrop"] = typeof(BackdropView),
        ["vote"] = typeof(VoteView),
    };

    /// <summary>The shipped default of a document kind for a meeting kind: its own if one exists, else its family's, else the kind's.</summary>
    public static string Default(DocumentKind kind, MeetingKind meetingKind)
    {
        var name = kind.ToString().ToLowerInvariant();
        // Most specific first: a sitting has its own letter, and otherwise writes as a session does.
        string[] families = meetingKind switch
        {
            MeetingKind.RegularSession or MeetingKind.ExtraordinarySession => ["session"],
            MeetingKind.Sitting => ["sitting", "session"],
            MeetingKind.VoterContactConference => ["voter-contact"],
            MeetingKind.Conference => ["conference"],
            _ => [],
        };
        foreach (var candidate in families.Select(f => $"{name}.{f}").Append(name))
        {
            if (Resource(candidate) is { } text)
            {
                return text;
            }
        }

        throw new InvalidOperationException($"No default template for {kind}.");
    }

    /// <summary>The shipped default of a document kind for every meeting kind without its own ("notice.liquid").</summary>
    public static string Generic(DocumentKind kind) => Resource(kind.ToString().ToLowerInvariant()) ?? throw new InvalidOperationException($"No default template for {kind}.");

    /// <summary>Whether a default exists for exactly this family (for listing defaults per meeting kind).</summary>
    public static bool HasOwnDefault(DocumentKind kind, MeetingKind meetingKind) => Default(kind, meetingKind) != Resource(kind.ToString().ToLowerInvariant());

    /// <summary>Renders <paramref name="source"/> with the model into the document markup (see <see cref="DocumentContent"/>).</summary>
    public static string Render(string source, DocumentModel model)
    {
        var template = Parsed.GetOrAdd(source, s => Parser.TryParse(s, out var t, out var error) ? t : throw new TemplateException([FromParseError(error)]));
        var context = new TemplateContext(Options);
        context.SetValue("meeting", model.Meeting);
        context.SetValue("issuer", model.Issuer);
        context.SetValue("tasks", model.Tasks);
        context.SetValue("addressees", model.Addressees);
        context.SetValue("self_tasks", model.SelfTasks);
        context.SetValue("document", model.Document);
        context.SetValue("invitee", model.Invitee);
        context.SetValue("minutes", model.Minutes);
        context.SetValue("backdrop", model.Backdrop);
        context.SetValue("vote", model.Vote);
        return template.Render(context);
    }

    /// <summary>Everything wrong with a template, each with its line: a syntax error, an unknown field or filter. Empty when it is fine.</summary>
    public static IReadOnlyList<TemplateError> Check(string source)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            return [FromParseError(error)];
        }

        var checker = new FieldChecker(source);
        checker.VisitTemplate(template);
        return checker.Errors;
    }

    /// <summary>Every field a template may name, "meeting.title", "tasks[].body" …, for the editor's list.</summary>
    public static IEnumerable<string> Fields()
    {
        foreach (var (root, type) in Roots)
        {
            foreach (var path in Paths(root, type, 0))
            {
                yield return path;
            }
        }
    }

    private static IEnumerable<string> Paths(string prefix, Type type, int depth)
    {
        if (ElementType(type) is { } element)
        {
            prefix += "[]";
            type = element;
        }

        if (depth > 3 || !IsModel(type))
        {
            yield return prefix;
            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract"))
        {
            foreach (var path in Paths($"{prefix}.{SnakeCase(property.Name)}", property.PropertyType, depth + 1))
            {
                yield return path;
            }
        }
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
            CultureInfo = CultureInfo.GetCultureInfo("vi-VN"),
            MaxSteps = 2_000_000,
            MaxRecursion = 20,
        };
        // Dates stay dates for the filters (Fluid would turn them into text).
        options.ValueConverters.Add(value => value is DateOnly or TimeOnly ? new ObjectValue(value) : null);
        TemplateFilters.Register(options.Filters);
        return options;
    }

    private static string? Resource(string name)
    {
        using var stream = typeof(WordingTemplates).Assembly.GetManifestResourceStream($"DienHong.Templates.{name}.liquid");
        return stream is null ? null : new StreamReader(stream).ReadToEnd();
    }

    private static TemplateError FromParseError(string? error)
    {
        var match = PositionPattern().Match(error ?? string.Empty);
        var line = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
        var reason = (error ?? "Lỗi cú pháp").Split('\n')[0];
        reason = match.Success ? reason[..match.Index].Trim() : reason;
        return new TemplateError(line, "mẫu không biên dịch được: " + reason);
    }

    internal static string SnakeCase(string name) => SnakePattern().Replace(name, "$1_$2").ToLowerInvariant();

    internal static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0]
        : null;

    internal static bool IsModel(Type type) => type.Namespace == typeof(DocumentModel).Namespace && type.IsClass && type != typeof(string);

    [GeneratedRegex(@"at \((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SnakePattern();

    /// <summary>Walks a parsed template and reports names the model does not have, with the line they are on.</summary>
    private sealed class FieldChecker(string source) : AstVisitor
    {
        private static readonly string[] ListMembers = ["size", "first", "last"];
        private static readonly string[] ListFilters = ["by_rank", "reverse", "sort", "sort_natural", "where", "uniq", "compact", "concat"];
        private readonly Dictionary<string, Type?> scope = new(StringComparer.Ordinal);
        private readonly string[] lines = source.Split('\n');

        public List<TemplateError> Errors { get; } = [];

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            var element = TypeOf(forStatement.Source) is { } list ? ElementType(list) : null;
            var previous = scope.TryGetValue(forStatement.Identifier, out var had) ? had : null;
            scope[forStatement.Identifier] = element;
            var result = base.VisitForStatement(forStatement);
            scope[forStatement.Identifier] = previous;
            return result;
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            var result = base.VisitAssignStatement(assignStatement);
            scope[assignStatement.Identifier] = TypeOf(assignStatement.Value);
            return result;
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            scope[captureStatement.Identifier] = typeof(string);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            if (!Options.Filters.TryGetValue(filterExpression.Name, out _))
            {
                Report(filterExpression.Name, $"không có bộ lọc \"{filterExpression.Name}\"");
            }

            return base.VisitFilterExpression(filterExpression);
        }

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            Resolve(memberExpression, report: true);
            return base.VisitMemberExpression(memberExpression);
        }

        private Type? TypeOf(Expression expression) => expression switch
        {
            MemberExpression member => Resolve(member, report: false),
            FilterExpression filter when ListFilters.Contains(filter.Name) => TypeOf(filter.Input),
            _ => null,
        };

        /// <summary>The model type a member path reaches; null when it cannot be known (an assigned value) or is wrong (reported).</summary>
        private Type? Resolve(MemberExpression member, bool report)
        {
            if (member.Segments.Count == 0 || member.Segments[0] is not IdentifierSegment { Identifier: var root })
            {
                return null;
            }

            Type? type;
            if (scope.TryGetValue(root, out var local))
            {
                type = local;
            }
            else if (Roots.TryGetValue(root, out var known))
            {
                type = known;
            }
            else
            {
                if (report && root is not "forloop" and not "empty" and not "blank" and not "nil")
                {
                    Report(root, $"không có trường \"{root}\"");
                }

                return null;
            }

            var path = root;
            foreach (var segment in member.Segments.Skip(1))
            {
                if (type is null)
                {
                    return null;
                }

                if (segment is IdentifierSegment { Identifier: var name })
                {
                    path += "." + name;
                    if (ElementType(type) is { } element)
                    {
                        type = name is "first" or "last" ? element : ListMembers.Contains(name) ? typeof(int) : Unknown(path, report);
                        continue;
                    }

                    if (type == typeof(string) && name == "size")
                    {
                        type = typeof(int);
                        continue;
                    }

                    var property = IsModel(type) ? type.GetProperties().FirstOrDefault(p => SnakeCase(p.Name) == name) : null;
                    type = property?.PropertyType is { } t ? Nullable.GetUnderlyingType(t) ?? t : Unknown(path, report);
                }
                else
                {
                    type = ElementType(type);
                }
            }

            return type;
        }

        private Type? Unknown(string path, bool report)
        {
            if (report)
            {
                Report(path, $"không có trường \"{path}\"");
            }

            return null;
        }

        private void Report(string text, string reason)
        {
            var last = text.Split('.')[^1];
            var line = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
            if (line < 0)
            {
                line = Array.FindIndex(lines, l => l.Contains(last, StringComparison.Ordinal));
            }

            var error = new TemplateError(line + 1 > 0 ? line + 1 : 1, reason);
            if (!Errors.Contains(error))
            {
                Errors.Add(error);
            }
        }
    }
}

/// <summary>A template that cannot be used, with its errors.</summary>
public sealed class TemplateException(IReadOnlyList<TemplateError> errors) : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<TemplateError> Errors { get; } = errors;
}
