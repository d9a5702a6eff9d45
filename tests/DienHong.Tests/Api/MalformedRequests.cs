using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DienHong.Tests.Api;

/// <summary>
/// The ways a request can be wrong, derived from a valid one (<see cref="WriteSample"/>) and the
/// route's request type: every field removed, null, of the wrong type, an unknown enum name or an
/// out-of-range number, a date in another format or year, control characters and NUL, a huge
/// string, an unknown id; the body malformed or of the wrong media type; ids in the path unknown.
/// </summary>
internal static partial class MalformedRequests
{
    public sealed record Variant(string Label, string Path, Func<HttpContent?> Content);

    private const int UnknownId = 999_999;
    private static readonly string Control = "Tên\u0000có\u0007ký\u001btự\u0085điều\u007fkhiển\u0001";
    private static readonly string Huge = new('Đ', 20_000);

    public static IEnumerable<Variant> For(WriteSample sample, Type? requestType, JsonSerializerOptions json)
    {
        foreach (var path in UnknownIds(sample.Path))
        {
            yield return new($"unknown id in the path {path}", path, () => ContentOf(sample));
        }

        if (sample.File is { } file)
        {
            foreach (var variant in FileVariants(sample.Path, file, sample.Fields))
            {
                yield return variant;
            }

            yield break;
        }

        if (sample.Json is not { } valid)
        {
            yield break;
        }

        var text = valid.GetRawText();
        foreach (var (label, body, mediaType) in WholeBodies(text))
        {
            yield return new(label, sample.Path, () => new StringContent(body, Encoding.UTF8, mediaType));
        }

        var root = JsonNode.Parse(text)!;
        foreach (var (label, body) in FieldVariants(root, [], requestType, json))
        {
            var serialized = body?.ToJsonString() ?? "null";
            yield return new(label, sample.Path, () => new StringContent(serialized, Encoding.UTF8, "application/json"));
        }
    }

    public static HttpContent? ContentOf(WriteSample sample) =>
        sample.File is { } file ? Form(file.Name, file.Content, fields: sample.Fields)
        : sample.Json is { } json ? new StringContent(json.GetRawText(), Encoding.UTF8, "application/json")
        : null;

    /// <summary>A form with the file and, when the route takes them, the sample's other fields.</summary>
    private static MultipartFormDataContent Form(string fileName, byte[] content, string field = "file", IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), field, fileName } };
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    /// <summary>The path with each number in it, in turn, replaced by an id no row has.</summary>
    private static IEnumerable<string> UnknownIds(string path)
    {
        foreach (Match number in Number().Matches(path))
        {
            yield return path[..number.Index] + UnknownId + path[(number.Index + number.Length)..];
        }
    }

    private static IEnumerable<Variant> FileVariants(string path, (string Name, byte[] Content) file, IReadOnlyDictionary<string, string>? fields)
    {
        yield return new("JSON instead of a form", path, () => new StringContent("""{"file":"x"}""", Encoding.UTF8, "application/json"));
        yield return new("a form without the file", path, () => new MultipartFormDataContent { { new StringContent("x"), "note" } });
        yield return new("the file under another name", path, () => Form(file.Name, file.Content, "tep", fields));
        yield return new("an empty file", path, () => Form(file.Name, [], fields: fields));
        yield return new("binary garbage with NUL", path, () => Form(file.Name, [0, 0xFF, 0xFE, 0, 0x1B, 0x80, 0x0A, 0, 0xC3], fields: fields));
        yield return new("a spreadsheet that is not one", path, () => Form("tep.xlsx", Encoding.UTF8.GetBytes("PK\u0003\u0004 không phải XLSX"), fields: fields));
        yield return new("the file cut short", path, () => Form(file.Name, file.Content[..(file.Content.Length / 2)], fields: fields));
        foreach (var name in (fields ?? new Dictionary<string, string>()).Keys)
        {
            yield return new($"control characters in the field {name}", path, () => Form(file.Name, file.Content, fields: fields!.ToDictionary(f => f.Key, f => f.Key == name ? Control : f.Value)));
            yield return new($"a huge field {name}", path, () => Form(file.Name, file.Content, fields: fields!.ToDictionary(f => f.Key, f => f.Key == name ? Huge : f.Value)));
        }

        if (file.Name.EndsWith(".csv", StringComparison.Ordinal))
        {
            var text = Encoding.UTF8.GetString(file.Content);
            yield return new("control characters in the cells", path, () => Form(file.Name, Encoding.UTF8.GetBytes(text.Replace("\n", "\u0000\u0007\n", StringComparison.Ordinal) + Control + "\n")));
            yield return new("a huge cell", path, () => Form(file.Name, Encoding.UTF8.GetBytes(text + Huge + "\n")));
        }
    }

    private static IEnumerable<(string Label, string Body, string MediaType)> WholeBodies(string valid)
    {
        yield return ("an empty body", string.Empty, "application/json");
        yield return ("JSON cut short", valid[..(valid.Length / 2)], "application/json");
        yield return ("a stray brace", "{\"a\":}", "application/json");
        yield return ("null", "null", "application/json");
        yield return ("an array for an object", valid.StartsWith('[') ? "{}" : "[]", "application/json");
        yield return ("a string for an object", "\"văn bản\"", "application/json");
        yield return ("a number for an object", "123", "application/json");
        yield return ("deep nesting", new string('[', 500) + new string(']', 500), "application/json");
        yield return ("a raw NUL in the JSON", valid.Replace("\":", "\u0000\":", StringComparison.Ordinal), "application/json");
        yield return ("lone surrogates escaped in every string", valid.Replace(":\"", ":\"\\ud800", StringComparison.Ordinal), "application/json");
        yield return ("the right body as text/plain", valid, "text/plain");
        yield return ("the right body as a form", valid, "application/x-www-form-urlencoded");
    }

    /// <summary>Every field of the object at <paramref name="at"/> (those sent and those its type has) broken one at a time.</summary>
    private static IEnumerable<(string Label, JsonNode? Body)> FieldVariants(JsonNode root, IReadOnlyList<object> at, Type? type, JsonSerializerOptions json)
    {
        var node = Navigate(root, at);
        if (node is JsonArray array)
        {
            var elementType = ElementType(type);
            foreach (var value in BadValuesForArray(array, elementType))
            {
                yield return Changed(root, at, value.Label, value.Value);
            }

            if (array.Count > 0 && array[0] is JsonObject)
            {
                foreach (var variant in FieldVariants(root, [.. at, 0], elementType, json))
                {
                    yield return variant;
                }
            }

            yield break;
        }

        if (node is not JsonObject obj)
        {
            yield break;
        }

        var properties = PropertiesOf(type, json);
        var names = obj.Select(p => p.Key).Union(properties.Keys, StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var name in names)
        {
            var key = obj.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;
            var propertyType = properties.GetValueOrDefault(key);
            var value = obj[key];
            var where = string.Join('.', [.. at.Select(s => s.ToString()), key]);
            if (obj.ContainsKey(key))
            {
                yield return (Removed(root, at, key, $"{where} left out"));
                yield return (Set(root, at, key, null, $"{where} null"));
            }

            foreach (var (label, bad) in BadValues(key, value, propertyType))
            {
                yield return Set(root, at, key, bad, $"{where} {label}");
            }

            if (value is JsonObject or JsonArray)
            {
                foreach (var variant in FieldVariants(root, [.. at, key], propertyType, json))
                {
                    yield return variant;
                }
            }
        }
    }

    private static IEnumerable<(string Label, JsonNode? Value)> BadValues(string name, JsonNode? value, Type? type)
    {
        var plain = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        var kind = value?.GetValueKind();
        if (plain is { IsEnum: true })
        {
            yield return ("an unknown enum name", "Hội nghị");
            yield return ("an enum number out of range", 99);
            yield return ("an enum as a negative number", -1);
        }
        else if (plain == typeof(DateTime) || plain == typeof(DateTimeOffset))
        {
            yield return ("a date in another format", "19/11/2021 08:00");
            yield return ("year 9999", "9999-12-31T23:59:59Z");
            yield return ("year 0001", "0001-01-01T00:00:00Z");
            yield return ("an impossible date", "2021-02-30T08:00:00Z");
            yield return ("a number for a date", 20211119);
        }
        else if (plain == typeof(DateOnly) || name.Contains("deadline", StringComparison.OrdinalIgnoreCase))
        {
            yield return ("a day in another format", "30/02/2021");
            yield return ("year 9999", "9999-12-31");
            yield return ("year 0001", "0001-01-01");
            yield return ("a day with a time", "2021-11-19T08:00:00Z");
        }
        else if (plain == typeof(int) || plain == typeof(long) || kind == JsonValueKind.Number)
        {
            yield return ("a number in words", "ba mươi");
            yield return ("a number too large", JsonNode.Parse("2147483648"));
            yield return ("a negative number", -1);
            yield return ("a fraction", 1.5);
            if (name.EndsWith("id", StringComparison.OrdinalIgnoreCase))
            {
                yield return ("an unknown id", UnknownId);
            }
        }
        else if (plain == typeof(bool) || kind is JsonValueKind.True or JsonValueKind.False)
        {
            yield return ("yes in words", "có");
            yield return ("a number for a yes/no", 1);
        }
        else if (plain == typeof(string) || kind == JsonValueKind.String)
        {
            yield return ("a number for text", 12345);
            yield return ("empty text", string.Empty);
            yield return ("only spaces", "   ");
            yield return ("control characters and NUL", Control);
            yield return ("a huge string", Huge);
            yield return ("an object for text", new JsonObject { ["a"] = 1 });
        }
        else if (kind == JsonValueKind.Array || typeof(System.Collections.IEnumerable).IsAssignableFrom(plain))
        {
            yield return ("text for a list", "không phải danh sách");
            yield return ("an object for a list", new JsonObject());
        }
        else if (kind == JsonValueKind.Object || plain is not null)
        {
            yield return ("a list for an object", new JsonArray());
            yield return ("text for an object", "x");
        }
    }

    private static IEnumerable<(string Label, JsonNode? Value)> BadValuesForArray(JsonArray array, Type? elementType)
    {
        var plain = elementType is null ? null : Nullable.GetUnderlyingType(elementType) ?? elementType;
        yield return ("with a null item", new JsonArray((JsonNode?)null));
        yield return ("with an object item", new JsonArray(new JsonObject()));
        if (plain == typeof(int) || array.FirstOrDefault()?.GetValueKind() == JsonValueKind.Number)
        {
            yield return ("with an unknown id", new JsonArray(UnknownId));
            yield return ("with a number in words", new JsonArray("một"));
            yield return ("with a duplicate", new JsonArray([.. array.Select(n => n?.DeepClone()), array.FirstOrDefault()?.DeepClone()]));
        }
        else if (plain == typeof(string) || array.FirstOrDefault()?.GetValueKind() == JsonValueKind.String)
        {
            yield return ("with control characters", new JsonArray(Control));
            yield return ("with a huge item", new JsonArray(Huge));
            yield return ("with a number item", new JsonArray(12345));
        }
    }

    private static Dictionary<string, Type> PropertiesOf(Type? type, JsonSerializerOptions json)
    {
        var plain = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (plain is null || plain == typeof(string) || plain.IsPrimitive || plain.IsEnum || typeof(System.Collections.IEnumerable).IsAssignableFrom(plain))
        {
            return [];
        }

        return json.GetTypeInfo(plain).Properties.ToDictionary(p => p.Name, p => p.PropertyType, StringComparer.OrdinalIgnoreCase);
    }

    private static Type? ElementType(Type? collection) =>
        collection is null ? null
        : collection.IsArray ? collection.GetElementType()
        : collection.GetInterfaces().Append(collection).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static JsonNode? Navigate(JsonNode? node, IEnumerable<object> at)
    {
        foreach (var step in at)
        {
            node = step is int index ? node?.AsArray()[index] : node?.AsObject()[(string)step];
        }

        return node;
    }

    private static (string, JsonNode?) Removed(JsonNode root, IReadOnlyList<object> at, string key, string label)
    {
        var copy = root.DeepClone();
        Navigate(copy, at)!.AsObject().Remove(key);
        return (label, copy);
    }

    private static (string, JsonNode?) Set(JsonNode root, IReadOnlyList<object> at, string key, JsonNode? value, string label)
    {
        var copy = root.DeepClone();
        Navigate(copy, at)!.AsObject()[key] = value?.DeepClone();
        return (label, copy);
    }

    private static (string, JsonNode?) Changed(JsonNode root, IReadOnlyList<object> at, string label, JsonNode? value)
    {
        var where = at.Count == 0 ? "the body" : string.Join('.', at);
        if (at.Count == 0)
        {
            return ($"{where} {label}", value?.DeepClone());
        }

        var copy = root.DeepClone();
        var parent = Navigate(copy, at.Take(at.Count - 1))!;
        if (at[^1] is int index)
        {
            parent.AsArray()[index] = value?.DeepClone();
        }
        else
        {
            parent.AsObject()[(string)at[^1]] = value?.DeepClone();
        }

        return ($"{where} {label}", copy);
    }

    [GeneratedRegex(@"(?<=/)\d+(?=/|$|\.)")]
    private static partial Regex Number();
}
