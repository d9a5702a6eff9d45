using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DienHong.Data;

/// <summary>
/// Enums are stored by name. A stored name the code does not know (old or hand-edited data) reads
/// as 0, which no enum here defines, instead of failing the whole query: one bad row must not
/// break a list for everyone. Saving it again is refused until it gets a real value (SaveChecks).
/// </summary>
internal sealed class TolerantEnumConverter<TEnum>() : ValueConverter<TEnum, string>(value => value.ToString(), stored => Parse(stored))
    where TEnum : struct, Enum
{
    private static TEnum Parse(string stored) => Enum.TryParse<TEnum>(stored, out var value) ? value : default;
}

internal static class TolerantEnumConverter
{
    public static void ApplyTo(IMutableModel model)
    {
        foreach (var property in model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            if (type.IsEnum)
            {
                property.SetValueConverter((ValueConverter)Activator.CreateInstance(typeof(TolerantEnumConverter<>).MakeGenericType(type))!);
            }
        }
    }
}
