using System.Globalization;
using Microsoft.Extensions.Localization;

namespace DienHong.Features.Validation;

/// <summary>
/// A broken rule: the field it concerns and a message. The template is Vietnamese and doubles as
/// the resource key for other languages (Resources/SharedResource.en.resx).
/// </summary>
public sealed record RuleViolation(string Field, string Template, params object?[] Arguments)
{
    public string Message(IStringLocalizer? localizer = null) =>
        localizer is null
            ? string.Format(CultureInfo.CurrentCulture, Template, Arguments)
            : localizer[Template, Arguments!].Value;

    public override string ToString() => Message();
}

/// <summary>Thrown when a save would break rules; nothing has been written.</summary>
public sealed class RuleViolationException(IReadOnlyList<RuleViolation> violations)
    : Exception(string.Join(Environment.NewLine, violations.Select(v => v.Message())))
{
    public IReadOnlyList<RuleViolation> Violations { get; } = violations;

    public static void ThrowIfAny(IReadOnlyList<RuleViolation> violations)
    {
        if (violations.Count > 0)
        {
            throw new RuleViolationException(violations);
        }
    }
}
