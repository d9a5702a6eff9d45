using DienHong.Features.Drafting;
using DienHong.Features.Issuing;

namespace DienHong.Bench;

/// <summary>
/// Paperwork at scale. Baseline: the same number of paragraphs written as bare Open XML, so the
/// ratio shows what the layout and the generators cost.
/// </summary>
internal sealed class PaperworkBenchmark : IBenchmark
{
    public string Name => "paperwork";

    public Task RunAsync(BenchOptions options)
    {
        var (sites, participants, invited) = options.Smoke ? (20, 200, 20) : (700, 20_000, 1_000);
        var meeting = LargeMeeting.Create(sites, participants);
        var heading = new DocumentHeading("ĐOÀN ĐBQH VÀ HĐND TỈNH", "VĂN PHÒNG", "62/KH-ĐBQH", "Bình Phước", new DateOnly(2026, 11, 24));
        var signature = SignatureBlock.From(meeting);
        var model = DocumentModel.For(meeting, new IssuerView(0, "Đoàn đại biểu Quốc hội tỉnh Bình Phước", "Đoàn đại biểu Quốc hội tỉnh Bình Phước", "Bình Phước", null));
        var planTemplate = WordingTemplates.Default(DocumentKind.Plan, meeting.Kind);
        var invitationTemplate = WordingTemplates.Default(DocumentKind.Invitation, meeting.Kind);
        var invitees = meeting.Participants.Take(invited)
            .Select(p => (new InviteeView("Đồng chí " + (p.PersonName ?? p.DisplayName), p.PersonName ?? p.DisplayName, p.Title, p.Site?.Name ?? "", $"Mã điểm danh: {meeting.Id}-{p.Id:00000}"), $"DH:{meeting.Id}:{p.Id}:0123456789abcdef0123456789abcdef")).ToList();
        byte[] Plan() => DocumentComposer.Compose(DocumentKind.Plan, DocumentContent.Parse(WordingTemplates.Render(planTemplate, model)), heading, signature, "Lưu: VT");
        byte[] Invitations(IEnumerable<(InviteeView, string)> some) => DocumentComposer.Invitations(DocumentComposer.InvitationPages(invitationTemplate, model, some), heading, signature, "Lưu: VT");
        const string bare = "same paragraphs, bare Open XML";

        long planBytes = 0;
        var plan = Measurement.Of(() => planBytes = Plan().Length, options.Runs);
        var planParagraphs = DocxParagraphs(Plan());
        var planBaseline = Measurement.Of(() => Baseline.Document(planParagraphs), options.Runs);
        Measurement.Report($"Plan, {sites} sites and {participants:N0} participants", plan, planBaseline, bare, TimeSpan.FromSeconds(2), planBytes);

        long invitationBytes = 0;
        var invitations = Measurement.Of(() => invitationBytes = Invitations(invitees).Length, options.Runs);
        var invitationParagraphs = DocxParagraphs(Invitations(invitees));
        var invitationBaseline = Measurement.Of(() => Baseline.Document(invitationParagraphs), options.Runs);
        Measurement.Report($"{invited:N0} invitations with QR codes, one DOCX", invitations, invitationBaseline, bare, TimeSpan.FromSeconds(10), invitationBytes);

        long zipBytes = 0;
        var zipped = Measurement.Of(() =>
        {
            // As the issuer sends them: one DOCX per invitee, zipped.
            using var zip = new MemoryStream();
            using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            {
                for (var i = 0; i < invitees.Count; i++)
                {
                    using var entry = archive.CreateEntry($"{i}.docx", System.IO.Compression.CompressionLevel.Fastest).Open();
                    entry.Write(Invitations([invitees[i]]));
                }
            }

            zipBytes = zip.Length;
        }, options.Runs);
        var zipBaseline = Measurement.Of(() =>
        {
            // The same number of bare documents of the same size, zipped the same way.
            using var zip = new MemoryStream();
            using var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create);
            var paragraphsEach = invitationParagraphs / invitees.Count;
            for (var i = 0; i < invitees.Count; i++)
            {
                using var entry = archive.CreateEntry($"{i}.docx", System.IO.Compression.CompressionLevel.Fastest).Open();
                entry.Write(Baseline.Document(paragraphsEach));
            }
        }, options.Runs);
        Measurement.Report($"{invited:N0} invitations with QR codes, one DOCX each in a ZIP", zipped, zipBaseline, "as many bare documents, zipped", TimeSpan.FromSeconds(10), zipBytes);
        return Task.CompletedTask;
    }

    private static int DocxParagraphs(byte[] docx)
    {
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
        return document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Count();
    }
}
