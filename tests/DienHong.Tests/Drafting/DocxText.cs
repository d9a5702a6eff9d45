using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DienHong.Tests.Drafting;

/// <summary>Reading generated documents back: paragraphs' text in order, and the SDK validator's errors.</summary>
internal static class DocxText
{
    public static List<string> Paragraphs(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        // A reader sees the non-breaking spaces that hold a last word to its line as spaces.
        return [.. document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText.Replace('\u00A0', ' ')).Where(t => t.Length > 0)];
    }

    public static string All(byte[] docx) => string.Join("\n", Paragraphs(docx));

    /// <summary>Every cell's text of a workbook, sheet after sheet.</summary>
    public static string SpreadsheetText(byte[] xlsx)
    {
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return string.Join("\n", workbook.WorkbookPart!.WorksheetParts.Select(p => p.Worksheet.InnerText));
    }

    public static List<string> ValidationErrors(byte[] file, bool spreadsheet = false)
    {
        var validator = new OpenXmlValidator();
        using var stream = new MemoryStream(file);
        if (spreadsheet)
        {
            using var workbook = SpreadsheetDocument.Open(stream, false);
            return [.. validator.Validate(workbook).Select(e => $"{e.Path?.XPath}: {e.Description}")];
        }

        using var document = WordprocessingDocument.Open(stream, false);
        return [.. validator.Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}")];
    }

    /// <summary>The index of the first paragraph containing <paramref name="text"/>; -1 if none.</summary>
    public static int IndexOfContaining(this List<string> paragraphs, string text) => paragraphs.FindIndex(p => p.Contains(text, StringComparison.Ordinal));
}
