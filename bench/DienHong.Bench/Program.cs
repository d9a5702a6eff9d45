using System.Diagnostics;
using System.Globalization;
using DienHong.Bench;
using DienHong.Features.Drafting;

// Paperwork at scale, each figure beside a baseline measured in the same run: the same number
// of paragraphs written as bare Open XML, so the ratio shows what the layout and the generators
// cost on this machine, whatever its speed.
var runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 5;
var meeting = LargeMeeting.Create(sites: 700, participants: 20_000);
var heading = new DocumentHeading("ĐOÀN ĐBQH VÀ HĐND TỈNH", "VĂN PHÒNG", "62/KH-ĐBQH", "Bình Phước", new DateOnly(2026, 11, 24));
var signature = SignatureBlock.From(meeting);
var planWording = DefaultWording.For(DienHong.Features.Issuing.DocumentKind.Plan, meeting);
var invitationWording = DefaultWording.For(DienHong.Features.Issuing.DocumentKind.Invitation, meeting);
var invitees = meeting.Participants.Take(1_000).Select(p => new Invitee(p, $"DH:{meeting.Id}:{p.Id}:0123456789abcdef0123456789abcdef")).ToList();

Console.WriteLine($"Diên Hồng paperwork benchmark — {runs} runs after a warm-up, median shown; .NET {Environment.Version}, {Environment.ProcessorCount} cores");
Console.WriteLine();

var planBytes = 0;
var plan = Measure(() => planBytes = PlanDocument.Generate(meeting, heading, planWording, signature, "Lưu: VT").Length);
var planParagraphs = DocxParagraphs(PlanDocument.Generate(meeting, heading, planWording, signature, "Lưu: VT"));
var planBaseline = Measure(() => Baseline.Document(planParagraphs));
Report("Plan, 700 sites and 20,000 participants", plan, planBaseline, TimeSpan.FromSeconds(2), planBytes);

var invitationBytes = 0;
var invitations = Measure(() => invitationBytes = InvitationDocument.Generate(meeting, heading, invitationWording, signature, "Lưu: VT", invitees).Length);
var invitationParagraphs = DocxParagraphs(InvitationDocument.Generate(meeting, heading, invitationWording, signature, "Lưu: VT", invitees));
var invitationBaseline = Measure(() => Baseline.Document(invitationParagraphs));
Report("1,000 invitations with QR codes, one DOCX", invitations, invitationBaseline, TimeSpan.FromSeconds(10), invitationBytes);

var zipBytes = 0;
var zipped = Measure(() => zipBytes = InvitationDocument.Zip(meeting, heading, invitationWording, signature, "Lưu: VT", invitees).Length);
var zipBaseline = Measure(() =>
{
    // 1,000 bare documents of the same size, zipped the same way.
    using var zip = new MemoryStream();
    using var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create);
    var paragraphsEach = invitationParagraphs / invitees.Count;
    for (var i = 0; i < invitees.Count; i++)
    {
        using var entry = archive.CreateEntry($"{i}.docx", System.IO.Compression.CompressionLevel.Fastest).Open();
        entry.Write(Baseline.Document(paragraphsEach));
    }
});
Report("1,000 invitations with QR codes, one DOCX each in a ZIP", zipped, zipBaseline, TimeSpan.FromSeconds(10), zipBytes);

(TimeSpan Median, long Allocated) Measure(Action action)
{
    action();
    var times = new List<TimeSpan>();
    long allocated = 0;
    for (var i = 0; i < runs; i++)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        action();
        times.Add(watch.Elapsed);
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    }

    return (times.Order().ElementAt(times.Count / 2), allocated);
}

void Report(string name, (TimeSpan Median, long Allocated) measured, (TimeSpan Median, long Allocated) baseline, TimeSpan target, int bytes)
{
    var verdict = measured.Median <= target ? "within target" : "OVER TARGET";
    Console.WriteLine(name);
    Console.WriteLine($"  generator: {measured.Median.TotalMilliseconds,8:0} ms   allocated {measured.Allocated / 1_048_576.0,7:0.0} MiB   file {bytes / 1024.0,8:0} KiB");
    Console.WriteLine($"  baseline:  {baseline.Median.TotalMilliseconds,8:0} ms   allocated {baseline.Allocated / 1_048_576.0,7:0.0} MiB   (same paragraphs, bare Open XML)");
    Console.WriteLine($"  ratio:     {measured.Median / baseline.Median,8:0.00}×   target ≤ {target.TotalSeconds:0} s: {verdict}");
    Console.WriteLine();
}

static int DocxParagraphs(byte[] docx)
{
    using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
    return document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Count();
}
