using System.Diagnostics;

namespace DienHong.Features.Drafting;

/// <summary>
/// DOCX → PDF through LibreOffice headless where it is installed. Each conversion gets its own
/// LibreOffice profile folder, so conversions can run side by side.
/// </summary>
public static class PdfConverter
{
    private static readonly Lazy<string?> Office = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .SelectMany(dir => new[] { Path.Combine(dir, "soffice"), Path.Combine(dir, "libreoffice") })
            .FirstOrDefault(File.Exists));

    public static bool IsAvailable => Office.Value is not null;

    public static async Task<byte[]> ConvertAsync(byte[] docx, CancellationToken cancellationToken = default)
    {
        var office = Office.Value ?? throw new InvalidOperationException("LibreOffice (soffice) is not installed: PDF output is unavailable.");
        var folder = Directory.CreateTempSubdirectory("dienhong-pdf-");
        try
        {
            var input = Path.Combine(folder.FullName, "document.docx");
            await File.WriteAllBytesAsync(input, docx, cancellationToken);
            var start = new ProcessStartInfo(office)
            {
                ArgumentList =
                {
                    $"-env:UserInstallation=file://{Path.Combine(folder.FullName, "profile")}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", folder.FullName, input,
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var output = Path.Combine(folder.FullName, "document.pdf");
            return File.Exists(output)
                ? await File.ReadAllBytesAsync(output, cancellationToken)
                : throw new InvalidOperationException("LibreOffice did not produce a PDF: " + await process.StandardError.ReadToEndAsync(cancellationToken));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
