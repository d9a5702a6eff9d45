using DienHong.Features.Issuing;
using Microsoft.Extensions.Caching.Memory;

namespace DienHong.Features.Drafting;

/// <summary>
/// PDFs of issued documents: a version is immutable, so it is converted once and kept (up to
/// Documents:PdfCacheMegabytes, default 256); at most Documents:PdfConversionsAtOnce LibreOffice
/// processes run at a time (default half the cores), the other requests wait their turn.
/// </summary>
public sealed class PdfQueue : IDisposable
{
    private readonly SemaphoreSlim slots;
    private readonly MemoryCache cache;
    private int running;
    private int conversions;
    private int mostAtOnce;

    public PdfQueue(IConfiguration configuration)
    {
        Limit = configuration.GetValue("Documents:PdfConversionsAtOnce", Math.Max(1, Environment.ProcessorCount / 2));
        slots = new SemaphoreSlim(Limit, Limit);
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = configuration.GetValue("Documents:PdfCacheMegabytes", 256L) * 1024 * 1024 });
    }

    public int Limit { get; }

    /// <summary>How many conversions this node has run, and the most that ran at once.</summary>
    public (int Conversions, int MostAtOnce) Counts => (Volatile.Read(ref conversions), Volatile.Read(ref mostAtOnce));

    public Task<byte[]> PdfAsync(IssuedDocument document, CancellationToken cancellationToken = default)
    {
        // One conversion per version however many ask at once; a failed one is forgotten so the next asks again.
        var pdf = cache.GetOrCreate(document.Id, entry =>
        {
            entry.Size = Math.Max(1, document.Content.Length);
            return new Lazy<Task<byte[]>>(() => ConvertAsync(document.Content));
        })!;
        if (pdf.Value.IsFaulted || pdf.Value.IsCanceled)
        {
            cache.Remove(document.Id);
        }

        return pdf.Value.WaitAsync(cancellationToken);
    }

    private async Task<byte[]> ConvertAsync(byte[] docx)
    {
        await slots.WaitAsync();
        try
        {
            var now = Interlocked.Increment(ref running);
            Interlocked.Increment(ref conversions);
            for (var most = mostAtOnce; now > most; most = mostAtOnce)
            {
                Interlocked.CompareExchange(ref mostAtOnce, now, most);
            }

            return await PdfConverter.ConvertAsync(docx);
        }
        finally
        {
            Interlocked.Decrement(ref running);
            slots.Release();
        }
    }

    public void Dispose()
    {
        slots.Dispose();
        cache.Dispose();
    }
}
