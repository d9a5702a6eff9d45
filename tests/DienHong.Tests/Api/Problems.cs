using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DienHong.Tests.Api;

/// <summary>Checks on RFC 7807 problem documents: status, media type, Vietnamese text, the field named.</summary>
internal static partial class Problems
{
    /// <summary>
    /// Asserts a problem document with <paramref name="status"/> whose title is Vietnamese and, when
    /// <paramref name="field"/> is given, whose errors name that field in Vietnamese. Returns all its text.
    /// </summary>
    public static async Task<string> AssertVietnameseAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"not a problem document: {response.Content.Headers.ContentType} {body}");
        using var problem = JsonDocument.Parse(body);
        var title = problem.RootElement.GetProperty("title").GetString();
        Assert.True(IsVietnamese(title), $"title not Vietnamese: {body}");
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        if (field is not null)
        {
            var messages = default(JsonElement);
            Assert.True(problem.RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out messages),
                $"no error for field {field}: {body}");
            Assert.All(messages.EnumerateArray(), m => Assert.True(IsVietnamese(m.GetString()), $"not Vietnamese: {m}"));
        }

        return Text(problem.RootElement);
    }

    /// <summary>Every string in a JSON document, unescaped, one per line.</summary>
    public static string Text(JsonElement element)
    {
        var text = new StringBuilder();
        Collect(element, text);
        return text.ToString();
    }

    private static void Collect(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                text.AppendLine(element.GetString());
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    text.AppendLine(property.Name);
                    Collect(property.Value, text);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, text);
                }

                break;
        }
    }

    /// <summary>Vietnamese: has a letter only Vietnamese (among the UI's languages) writes.</summary>
    public static bool IsVietnamese(string? text) => text is not null && VietnameseLetter().IsMatch(text);

    [GeneratedRegex("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseLetter();
}
