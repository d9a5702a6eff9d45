namespace DienHong.Components.Shared;

/// <summary>
/// The inputs of a form that hold text they could not read (a date typed wrong). Cascaded by a
/// form so that it refuses to save, with the inputs' own messages, instead of saving the old value.
/// </summary>
public sealed class InvalidInputs
{
    private readonly Dictionary<object, string> errors = [];

    public bool Any => errors.Count > 0;

    public IReadOnlyCollection<string> Messages => errors.Values;

    public void Set(object input, string? message)
    {
        if (message is null)
        {
            errors.Remove(input);
        }
        else
        {
            errors[input] = message;
        }
    }
}
