using System.Text;
using DienHong.Features.Text;

namespace DienHong.Features.Petitions;

/// <summary>
/// Words of a petition for search, similarity and classification: folded syllables (Vietnamese
/// writes one syllable a word), without the syllables every petition has ("cử tri", "đề nghị").
/// </summary>
public static class PetitionText
{
    /// <summary>Folded syllables too common in petitions to tell two issues apart.</summary>
    private static readonly HashSet<string> StopWords =
    [
        "cu", "tri", "de", "nghi", "kien", "y", "va", "la", "cua", "cho", "co", "khong", "duoc", "da", "dang", "se", "thi", "ma", "nay", "do",
        "cac", "nhung", "mot", "nhieu", "rat", "voi", "trong", "tren", "duoi", "tai", "ve", "tu", "den", "nen", "vi", "neu", "hay", "hoac",
        "bi", "lai", "con", "cung", "nhu", "o", "khi", "theo", "can", "phai", "ra", "vao", "len", "xuong", "nguoi", "dan", "ba", "con",
        "chung", "toi", "em", "anh", "chi", "ong", "xin", "hoi", "sao", "gi", "nao", "day", "roi", "luc", "nam", "nay", "hien", "nhu",
        "quan", "tam", "xem", "xet", "giai", "quyet", "som", "viec", "tinh", "trang", "van", "chua", "moi", "het", "lam", "thuc",
    ];

    /// <summary>Folded text with only letters, digits and single spaces: what the indexes hold.</summary>
    public static string Fold(string? text)
    {
        var folded = VietnameseText.Fold(text);
        var clean = new StringBuilder(folded.Length);
        var space = true;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                clean.Append(c);
                space = false;
            }
            else if (!space)
            {
                clean.Append(' ');
                space = true;
            }
        }

        return clean.ToString().TrimEnd();
    }

    /// <summary>The searchable words of a folded text (stop words kept: a search for them is the user's choice).</summary>
    public static string[] Words(string folded) => folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Syllables that carry the issue, in order.</summary>
    public static List<string> ContentWords(string folded) =>
        [.. Words(folded).Where(w => w.Length > 1 && !StopWords.Contains(w))];

    /// <summary>The words of a text that carry its issue, folded, as stored in <see cref="Petition.Terms"/>.</summary>
    public static string Terms(string? text) => string.Join(' ', ContentWords(Fold(text)));

    /// <summary>Features for similarity: content syllables and adjacent pairs ("o ga" tells more than "o" and "ga").</summary>
    public static HashSet<string> Features(string folded)
    {
        var words = ContentWords(folded);
        var features = new HashSet<string>(words, StringComparer.Ordinal);
        for (var i = 1; i < words.Count; i++)
        {
            features.Add(words[i - 1] + "_" + words[i]);
        }

        return features;
    }

    /// <summary>Cosine similarity of two feature sets (0–1).</summary>
    public static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = small.Count(large.Contains);
        return shared / Math.Sqrt((double)a.Count * b.Count);
    }
}
