using System.Text;

namespace DienHong.Tests.Drafting;

/// <summary>
/// How much of an original's word sequence a rebuild reproduces in order: the longest common
/// subsequence of their words (lower-cased, NFC, punctuation and layout ignored) over the original's
/// word count, and the runs of the original's words the rebuild lacks.
/// </summary>
internal sealed record WordSequence(double Reproduced, int OriginalWords, IReadOnlyList<string> Missing)
{
    public static IReadOnlyList<string> Words(string text) =>
        [.. new string([.. text.Normalize(NormalizationForm.FormC).ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    public static WordSequence Compare(string original, string rebuilt)
    {
        var a = Words(original);
        var b = Words(rebuilt);
        var lengths = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        // Walk the table: the original's words that are not matched, gathered into runs.
        var missing = new List<string>();
        var run = new List<string>();
        int x = 0, y = 0;
        while (x < a.Count)
        {
            if (y < b.Count && a[x] == b[y])
            {
                Flush();
                x++;
                y++;
            }
            else if (y < b.Count && lengths[x, y + 1] >= lengths[x + 1, y])
            {
                y++;
            }
            else
            {
                run.Add(a[x++]);
            }
        }

        Flush();
        return new WordSequence((double)lengths[0, 0] / a.Count, a.Count, missing);

        void Flush()
        {
            if (run.Count > 0)
            {
                missing.Add(string.Join(' ', run));
                run.Clear();
            }
        }
    }

    public override string ToString() =>
        $"{Reproduced:P1} of {OriginalWords} words reproduced in order; missing: " + string.Join(" | ", Missing);
}
