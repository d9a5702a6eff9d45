using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DienHong.Tests.Localization;

/// <summary>Vietnamese is the key and the default; every key the interface uses needs its English.</summary>
public partial class TranslationTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot(), "src", "DienHong.Web");

    [Fact]
    public void Every_string_the_interface_localizes_has_an_English_translation()
    {
        var english = EnglishKeys();
        var used = Directory.EnumerateFiles(Source, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => LocalizedKey().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: Regex.Unescape(m.Groups[1].Value))))
            .ToList();

        Assert.NotEmpty(used);
        var missing = used.Where(u => !english.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No English for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void No_two_keys_differ_only_in_case()
    {
        // Resource names are case-insensitive: "Điểm cầu" and "điểm cầu" would silently collide.
        var collisions = EnglishKeys().GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(collisions);
    }

    private static List<string> EnglishKeys() =>
        [.. XDocument.Load(Path.Combine(Source, "Resources", "SharedResource.en.resx")).Root!.Elements("data").Select(d => d.Attribute("name")!.Value)];

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "DienHong.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [GeneratedRegex("""L\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex LocalizedKey();
}
