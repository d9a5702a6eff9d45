using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DienHong.Features.Issuing;

/// <summary>Reading a DOCX an office edited and sent back: its text, if it is one.</summary>
public static class UploadedDocx
{
    /// <summary>The document's paragraphs as text; null when the file is not a readable DOCX.</summary>
    public static string? Text(byte[] file)
    {
        try
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(file), false);
            var body = document.MainDocumentPart?.Document?.Body;
            return body is null ? null : string.Join("\n", body.Descendants<Paragraph>().Select(p => p.InnerText));
        }
        catch (Exception failure) when (failure is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Whether the text still carries the number, spaces aside ("Số: 62 /KH-ĐBQH" as Word may leave it).</summary>
    public static bool Mentions(string text, string symbol) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Contains(string.Concat(symbol.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal);
}
