using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using DienHong.Features.Drafting;
using DienHong.Tests.Infrastructure;
using ZXing;
using ZXing.Common;
using ZXing.Multi.QrCode;

namespace DienHong.Tests.Drafting;

/// <summary>A printed line as poppler reads it back: its words and where it sits on the page, in points from the top left.</summary>
public sealed record PrintedLine(int Page, string Text, IReadOnlyList<(string Text, double X0, double X1)> Words, double X0, double Y0, double X1, double Y1, int Block)
{
    public double Height => Y1 - Y0;
}

/// <summary>
/// A DOCX printed the way an office prints it (LibreOffice to PDF) and read back with poppler: the
/// text of each page, every line with its position, and any QR code on a page decoded (ZXing). The
/// PDF and its page images are kept in the artifacts folder.
/// </summary>
public static class PrintedPages
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    public static bool Unavailable => !PdfConverter.IsAvailable && Environment.GetEnvironmentVariable("CI") is null;

    public const string SkipReason = "LibreOffice (soffice) is not installed: page checks skipped. Install libreoffice-writer and poppler-utils to run them.";

    /// <summary>Prints <paramref name="docx"/> to "pages-{name}.pdf" in the artifacts, with a PNG of every page beside it.</summary>
    public static async Task<string> PrintAsync(string name, byte[] docx, CancellationToken cancellationToken)
    {
        var file = Path.Combine(BrowserSession.ArtifactsFolder, $"pages-{name}.pdf");
        await File.WriteAllBytesAsync(file, await PdfConverter.ConvertAsync(docx, cancellationToken), cancellationToken);
        await RunAsync("pdftoppm", $"-png -r 50 \"{file}\" \"{Path.ChangeExtension(file, null)}\"");
        return file;
    }

    public static async Task<List<string>> PagesAsync(string file)
    {
        var count = await PageCountAsync(file);
        var pages = new List<string>();
        for (var page = 1; page <= count; page++)
        {
            pages.Add(await RunAsync("pdftotext", $"-layout -f {page} -l {page} \"{file}\" -"));
        }

        return pages;
    }

    public static async Task<int> PageCountAsync(string file) =>
        int.Parse((await RunAsync("pdfinfo", $"\"{file}\"")).Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), CultureInfo.InvariantCulture);

    /// <summary>The page size in points (width, height) of the first page.</summary>
    public static async Task<(double Width, double Height)> PageSizeAsync(string file)
    {
        var page = XDocument.Parse(await RunAsync("pdftotext", $"-bbox-layout -f 1 -l 1 \"{file}\" -")).Descendants(Xhtml + "page").First();
        return (Number(page, "width"), Number(page, "height"));
    }

    /// <summary>Every printed line of every page, in reading order, with the block (paragraph or cell) poppler puts it in.</summary>
    public static async Task<List<PrintedLine>> LinesAsync(string file)
    {
        var document = XDocument.Parse(await RunAsync("pdftotext", $"-bbox-layout \"{file}\" -"));
        var lines = new List<PrintedLine>();
        var block = 0;
        foreach (var (page, number) in document.Descendants(Xhtml + "page").Select((p, i) => (p, i + 1)))
        {
            foreach (var b in page.Descendants(Xhtml + "block"))
            {
                block++;
                foreach (var line in b.Elements(Xhtml + "line"))
                {
                    var words = line.Elements(Xhtml + "word").Select(w => (w.Value, Number(w, "xMin"), Number(w, "xMax"))).ToList();
                    lines.Add(new PrintedLine(number, string.Join(" ", words.Select(w => w.Value)), words,
                        Number(line, "xMin"), Number(line, "yMin"), Number(line, "xMax"), Number(line, "yMax"), block));
                }
            }
        }

        return lines;
    }

    /// <summary>Every QR code on a page, rendered in grey at <paramref name="dpi"/> as a printer would, decoded.</summary>
    public static async Task<List<string>> QrCodesAsync(string file, int page, int dpi = 150)
    {
        var prefix = Path.Combine(Path.GetTempPath(), $"qr-{Guid.NewGuid():N}");
        await RunAsync("pdftoppm", $"-gray -r {dpi} -f {page} -l {page} -singlefile \"{file}\" \"{prefix}\"");
        var (pixels, width, height) = ReadPgm(await File.ReadAllBytesAsync(prefix + ".pgm"));
        File.Delete(prefix + ".pgm");
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8)));
        var results = new QRCodeMultiReader().decodeMultiple(bitmap, new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true });
        return [.. (results ?? []).Select(r => r.Text)];
    }

    public static async Task<string> RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    /// <summary>A binary grey map (P5, 8 bits): header "P5 width height 255", then one byte per pixel.</summary>
    private static (byte[] Pixels, int Width, int Height) ReadPgm(byte[] file)
    {
        var fields = new List<string>();
        var position = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)file[position]))
            {
                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)file[position]))
            {
                position++;
            }

            fields.Add(System.Text.Encoding.ASCII.GetString(file, start, position - start));
        }

        Assert.Equal("P5", fields[0]);
        var (width, height) = (int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture));
        return (file[(position + 1)..(position + 1 + (width * height))], width, height);
    }

    private static double Number(XElement element, string name) => double.Parse(element.Attribute(name)!.Value, CultureInfo.InvariantCulture);
}
