namespace DienHong.Features.Validation;

/// <summary>
/// Someone else changed the same thing first (optimistic concurrency): nothing was written, and
/// the message (Vietnamese template and arguments, like a rule) says what to do. The API answers 409.
/// </summary>
public sealed class ConflictException(RuleViolation violation) : Exception(violation.Message())
{
    public RuleViolation Violation { get; } = violation;
}

/// <summary>The user may see this but not change it: nothing was written. The API answers 403.</summary>
public sealed class ForbiddenException(RuleViolation violation) : Exception(violation.Message())
{
    public RuleViolation Violation { get; } = violation;
}
