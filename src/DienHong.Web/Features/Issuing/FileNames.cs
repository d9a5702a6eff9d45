using DienHong.Features.Text;

namespace DienHong.Features.Issuing;

/// <summary>File names people can send around: folded to ASCII, words joined by hyphens.</summary>
public static class FileNames
{
    public static string Slug(string text)
    {
        var folded = VietnameseText.Fold(text);
        var slug = new string([.. folded.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        slug = slug.Trim('-');
        return slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }
}
