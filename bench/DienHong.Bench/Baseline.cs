using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DienHong.Bench;

/// <summary>The same number of paragraphs of ordinary text, written with no layout at all.</summary>
internal static class Baseline
{
    public static byte[] Document(int paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new Body();
            for (var i = 0; i < paragraphs; i++)
            {
                body.Append(new Paragraph(new Run(new Text($"Đoạn văn bản thứ {i} của tài liệu cơ sở để so sánh.") { Space = SpaceProcessingModeValues.Preserve })));
            }

            document.AddMainDocumentPart().Document = new Document(body);
        }

        return stream.ToArray();
    }
}
