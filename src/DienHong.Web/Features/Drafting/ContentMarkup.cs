namespace DienHong.Features.Drafting;

public enum BlockKind
{
    /// <summary>"# I. MỤC ĐÍCH, YÊU CẦU": bold, kept with what follows.</summary>
    Section,
    /// <summary>"## 4.2. Đề nghị …": bold, kept with what follows.</summary>
    Subsection,
    /// <summary>A body paragraph (also "- …" and "+ …" items, which keep their mark).</summary>
    Paragraph,
    /// <summary>"&gt; …" centred, "&gt;&gt; …" centred bold, "&gt;_ …" centred italic: text quoted as it is set (a backdrop).</summary>
    Centered,
    CenteredBold,
    CenteredItalic,
    /// <summary>"| a | b |": a table row; a table's first row is its header.</summary>
    TableRow,
    /// <summary>"@qr address caption": a QR code of <see cref="ContentBlock.Address"/>, the caption under it.</summary>
    QrCode,
}

public sealed record ContentBlock(BlockKind Kind, string Text, IReadOnlyList<string>? Cells = null, string? Address = null);

/// <summary>
/// What a wording template writes: one line per block, and directives for the parts outside the
/// body — "@summary …" (trích yếu), "@to …" (Kính gửi, one per line), "@cc …" (Nơi nhận, one per
/// line) — and "@qr address caption" for a QR code in the body. Inline **bold** and *italic* are kept for the layout. Empty lines are ignored.
/// </summary>
public sealed record DocumentContent(string? Summary, IReadOnlyList<string> To, IReadOnlyList<string> Copies, IReadOnlyList<ContentBlock> Blocks)
{
    public static DocumentContent Parse(string markup)
    {
        string? summary = null;
        var to = new List<string>();
        var copies = new List<string>();
        var blocks = new List<ContentBlock>();
        foreach (var raw in markup.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (Directive(line, "@summary") is { } s)
            {
                summary = s;
            }
            else if (Directive(line, "@to") is { } t)
            {
                to.Add(t.TrimEnd(';', '.', ' '));
            }
            else if (Directive(line, "@cc") is { } c)
            {
                copies.Add(c.TrimEnd(';', '.', ' '));
            }
            else if (Directive(line, "@qr") is { Length: > 0 } qr)
            {
                var (address, caption) = QrDirective(qr);
                blocks.Add(new(BlockKind.QrCode, caption, Address: address));
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                blocks.Add(new(BlockKind.Subsection, line[3..].Trim()));
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                blocks.Add(new(BlockKind.Section, line[2..].Trim()));
            }
            else if (line.StartsWith(">>", StringComparison.Ordinal))
            {
                blocks.Add(new(BlockKind.CenteredBold, line[2..].Trim()));
            }
            else if (line.StartsWith(">_", StringComparison.Ordinal))
            {
                blocks.Add(new(BlockKind.CenteredItalic, line[2..].Trim()));
            }
            else if (line.StartsWith('>'))
            {
                blocks.Add(new(BlockKind.Centered, line[1..].Trim()));
            }
            else if (line.StartsWith('|'))
            {
                var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToList();
                blocks.Add(new(BlockKind.TableRow, line, cells));
            }
            else
            {
                blocks.Add(new(BlockKind.Paragraph, line));
            }
        }

        return new DocumentContent(summary, to, copies, blocks);
    }

    /// <summary>The words a reader sees, in order (for comparing with an original).</summary>
    public IEnumerable<string> Text => Blocks.Select(b => b.Cells is null ? b.Text : string.Join(" ", b.Cells));

    /// <summary>"https://… Gửi ý kiến": the address (no spaces in it) and the caption after it.</summary>
    public static (string Address, string Caption) QrDirective(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (text, string.Empty) : (text[..space], text[(space + 1)..].Trim());
    }

    private static string? Directive(string line, string name) =>
        line.StartsWith(name + " ", StringComparison.Ordinal) || line == name ? line[name.Length..].Trim() : null;
}
