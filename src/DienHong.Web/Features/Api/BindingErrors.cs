using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.Http.Metadata;

namespace DienHong.Features.Api;

/// <summary>
/// Says in Vietnamese, field by field, why a request could not be read: JSON that is not JSON, a
/// value of the wrong type (an unknown enum name, a date in another format, a number as words), a
/// missing field or body, a query or route value that is not of its type, a wrong content type.
/// The framework reports these as <see cref="BadHttpRequestException"/>; the JSON path and the
/// endpoint's request type tell which field and what it should have been.
/// </summary>
internal static partial class BindingErrors
{
    /// <summary>The field name used for the request as a whole (malformed or missing body).</summary>
    public const string Body = "$";

    public static IReadOnlyList<RuleViolation> Describe(BadHttpRequestException exception, Endpoint? endpoint, JsonSerializerOptions json)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return [new(Body, "Nội dung gửi lên quá lớn.")];
        }

        if (exception.InnerException is JsonException error)
        {
            return DescribeJson(error, endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, json);
        }

        if (NotProvided().Match(exception.Message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return [missing.Groups["source"].Value switch
            {
                "body" => new(Body, "Thiếu nội dung JSON của yêu cầu."),
                "form file" => new(FieldName(name), "Thiếu tệp gửi lên (trường \"{0}\" của biểu mẫu multipart/form-data).", name),
                _ => new(FieldName(name), "Thiếu tham số \"{0}\".", name),
            }];
        }

        if (NotBound().Match(exception.Message) is { Success: true } unbound)
        {
            var name = unbound.Groups["name"].Value;
            var value = Shorten(unbound.Groups["value"].Value);
            RuleViolation[] refused = [new(FieldName(name), "Tham số \"{0}\": giá trị \"{1}\" không dùng được.", name, value)];
            return ForType(FieldName(name), name, ParameterType(endpoint, name)) is { } expected ? [.. refused, expected] : refused;
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return exception.Message.Contains("form", StringComparison.OrdinalIgnoreCase)
                ? [new(Body, "Tệp phải gửi dạng biểu mẫu multipart/form-data.")]
                : [new(Body, "Nội dung phải là JSON (Content-Type: application/json).")];
        }

        return [new(Body, "Không đọc được yêu cầu.")];
    }

    private static IReadOnlyList<RuleViolation> DescribeJson(JsonException error, Type? requestType, JsonSerializerOptions json)
    {
        var path = error.Path is null or "$" ? string.Empty : error.Path.TrimStart('$').TrimStart('.');
        // The reader's own exceptions (a type derived from JsonException) mean the text is not JSON
        // at all; the serializer wraps its own in a plain JsonException to add the path.
        if (error.InnerException is JsonException inner && inner.GetType() != typeof(JsonException) || requestType is null && path.Length == 0)
        {
            return [new(Body, "Nội dung không phải JSON hợp lệ (dòng {0}, vị trí {1}).", (error.LineNumber ?? 0) + 1, (error.BytePositionInLine ?? 0) + 1)];
        }

        if (MissingProperties().Match(error.Message) is { Success: true } missing)
        {
            return [.. missing.Groups["name"].Captures.Select(c =>
            {
                var name = path.Length == 0 ? c.Value : $"{path}.{c.Value}";
                return new RuleViolation(FieldName(name), "Thiếu trường bắt buộc \"{0}\".", name);
            })];
        }

        var displayed = path.Length == 0 ? Body : path;
        if (error.Message.Contains("null", StringComparison.OrdinalIgnoreCase) && path.Length > 0)
        {
            return [new(FieldName(displayed), "Trường \"{0}\" không được để trống (null).", displayed)];
        }

        var type = requestType is null ? null : TypeAt(requestType, path, json);
        return [ForType(FieldName(displayed), displayed, type) ?? new(FieldName(displayed), "Trường \"{0}\" có giá trị không đúng kiểu.", displayed)];
    }

    /// <summary>What a value of <paramref name="type"/> must look like.</summary>
    private static RuleViolation? ForType(string field, string name, Type? type)
    {
        var plain = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return plain switch
        {
            null => null,
            { IsEnum: true } => new(field, "Trường \"{0}\" phải là một trong các giá trị: {1}.", name, string.Join(", ", Enum.GetNames(plain))),
            _ when plain == typeof(DateTime) || plain == typeof(DateTimeOffset) =>
                new(field, "Trường \"{0}\" phải là thời điểm dạng ISO 8601, ví dụ \"2021-11-19T08:00:00+07:00\".", name),
            _ when plain == typeof(DateOnly) => new(field, "Trường \"{0}\" phải là ngày dạng năm-tháng-ngày, ví dụ \"2021-11-23\".", name),
            _ when plain == typeof(int) => new(field, "Trường \"{0}\" phải là số nguyên từ {1} đến {2}.", name, int.MinValue, int.MaxValue),
            _ when plain == typeof(long) || plain == typeof(short) || plain == typeof(byte) => new(field, "Trường \"{0}\" phải là số nguyên.", name),
            _ when plain == typeof(decimal) || plain == typeof(double) || plain == typeof(float) => new(field, "Trường \"{0}\" phải là số.", name),
            _ when plain == typeof(bool) => new(field, "Trường \"{0}\" phải là true hoặc false.", name),
            _ when plain == typeof(string) => new(field, "Trường \"{0}\" phải là chuỗi ký tự.", name),
            _ when typeof(IEnumerable).IsAssignableFrom(plain) => new(field, "Trường \"{0}\" phải là danh sách (mảng JSON).", name),
            _ => new(field, "Trường \"{0}\" phải là đối tượng JSON.", name),
        };
    }

    /// <summary>The type a JSON path such as "phases[0].format" leads to in <paramref name="root"/>; null when lost.</summary>
    private static Type? TypeAt(Type root, string path, JsonSerializerOptions json)
    {
        Type? current = root;
        foreach (Match segment in PathSegment().Matches(path))
        {
            if (current is null)
            {
                return null;
            }

            current = Nullable.GetUnderlyingType(current) ?? current;
            if (segment.Groups["index"].Success)
            {
                current = ElementType(current);
                continue;
            }

            var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
            current = PropertyType(current, name, json);
        }

        return current;
    }

    private static Type? PropertyType(Type type, string name, JsonSerializerOptions json)
    {
        try
        {
            return json.GetTypeInfo(type).Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static Type? ElementType(Type collection) =>
        collection.IsArray
            ? collection.GetElementType()
            : collection.GetInterfaces().Append(collection)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>The type of a query or route parameter, also inside an [AsParameters] record.</summary>
    private static Type? ParameterType(Endpoint? endpoint, string name)
    {
        var parameters = endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
        foreach (var parameter in parameters)
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return parameter.ParameterType;
            }

            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null
                && parameter.ParameterType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } property)
            {
                return property.PropertyType;
            }
        }

        return null;
    }

    /// <summary>"phases[0].format" → "Phases[0].Format": the same style as the rule messages' fields.</summary>
    private static string FieldName(string path) =>
        path == Body ? Body : PathSegment().Replace(path, m => m.Groups["name"].Success && m.Groups["name"].Value.Length > 0
            ? (m.Value.StartsWith('.') ? "." : string.Empty) + char.ToUpperInvariant(m.Groups["name"].Value[0]) + m.Groups["name"].Value[1..]
            : m.Value);

    private static string Shorten(string value) => value.Length <= 100 ? value : value[..100] + "…";

    [GeneratedRegex("""Required parameter "(?<type>[^"]*) (?<name>[^" ]+)" was not provided from (?<source>[^.]+)\.""")]
    private static partial Regex NotProvided();

    [GeneratedRegex("""Failed to bind parameter "(?<type>[^"]*) (?<name>[^" ]+)" from "(?<value>.*)"\.""", RegexOptions.Singleline)]
    private static partial Regex NotBound();

    [GeneratedRegex("""missing required properties including: (?:'(?<name>[^']+)'(?:, )?)+""")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("""(?:^|\.)(?<name>[^.\[\]]+)|\[(?<index>\d+)\]|\['(?<quoted>[^']+)'\]""")]
    private static partial Regex PathSegment();
}
