using System.Text;

namespace DienHong.Features.Text;

/// <summary>
/// What typed, imported or posted text may contain before it is stored or printed: no control
/// characters (NUL breaks PostgreSQL, the others break DOCX and SVG, which are XML), no unpaired
/// surrogates or non-characters. Multi-line fields keep tabs and line breaks (CR LF and CR become
/// LF); on a single line they become spaces. The DbContext applies it to every text column on save.
/// </summary>
public static class InputText
{
    public static string Clean(string text, bool multiline)
    {
        if (!NeedsCleaning(text))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                clean.Append(multiline ? '\n' : ' ');
            }
            else if (c is '\n' or '\t')
            {
                clean.Append(multiline ? c : ' ');
            }
            else if (!IsUnwanted(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
        {
            if (c == '\n' || c == '\t' || IsUnwanted(c) || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    // A surrogate reaching here is unpaired; U+FFFE and U+FFFF are not characters at all.
    private static bool IsUnwanted(char c) => char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF';
}
