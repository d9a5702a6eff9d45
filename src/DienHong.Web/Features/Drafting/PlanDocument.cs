using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Meetings;
using DienHong.Features.Participants;
using DienHong.Features.Sites;
using DienHong.Features.Text;

namespace DienHong.Features.Drafting;

/// <summary>
/// The plan (Kế hoạch), in the order of seed 002: purpose and requirements; time, places and
/// participants by site, capacity, connection test and backdrops; the agenda table; the tasks by
/// agency; recipients and signer.
/// </summary>
public static class PlanDocument
{
    public static byte[] Generate(Meeting meeting, DocumentHeading heading, DocumentWording wording, SignatureBlock signature, string archiveLine)
    {
        using var document = new OfficialDocument();
        document.AddHeading(heading);
        document.AddTitle("Kế hoạch", wording.Summary);
        if (meeting.LegalBases.Count > 0)
        {
            document.AddParagraph("Thực hiện " + string.Join("; ", meeting.LegalBases.OrderBy(b => b.Order).Select(b => b.Text.TrimEnd('.', ';'))) + ".");
        }

        foreach (var line in wording.Introduction)
        {
            document.AddParagraph(line);
        }

        document.AddSectionHeading("I. MỤC ĐÍCH, YÊU CẦU");
        foreach (var line in Lines(meeting.Purpose).Concat(Lines(meeting.Requirements)))
        {
            document.AddParagraph("- " + line);
        }

        AddTimePlacesAndParticipants(document, meeting);

        document.AddSectionHeading($"III. CHƯƠNG TRÌNH {Upper(KindNoun(meeting))}");
        document.AddTable(
            [900, 5000, DocumentLayout.TextWidth - 5900],
            ["STT", "NỘI DUNG", "NGƯỜI THỰC HIỆN"],
            meeting.AgendaItems.OrderBy(a => a.Order).Select(a => new[] { a.Order.ToString("00", System.Globalization.CultureInfo.InvariantCulture), a.Content, a.Presenter ?? string.Empty }));

        document.AddSectionHeading("IV. TỔ CHỨC THỰC HIỆN");
        var number = 1;
        foreach (var group in meeting.Assignments.GroupBy(a => a.Assignee).OrderBy(g => g.Min(a => a.Deadline ?? DateOnly.MaxValue)))
        {
            document.AddParagraph($"4.{number++}. Đề nghị {group.Key}", bold: true);
            foreach (var task in group)
            {
                var deadline = task.Deadline is { } day ? $" (trước ngày {VietnameseDates.Short(day)})" : string.Empty;
                document.AddParagraph($"- {task.Content.TrimEnd('.', ';')}{deadline}.");
            }
        }

        foreach (var line in wording.Closing)
        {
            document.AddParagraph(line);
        }

        document.AddRecipientsAndSignature(meeting.Recipients.OrderBy(r => r.Order).Select(r => r.Name), archiveLine, signature);
        return document.ToBytes();
    }

    private static void AddTimePlacesAndParticipants(OfficialDocument document, Meeting meeting)
    {
        var kind = KindNoun(meeting);
        document.AddSectionHeading($"II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN THAM DỰ {Upper(kind)}");
        var start = VietnamTime.ToLocal(meeting.StartsAt);
        var day = DateOnly.FromDateTime(start);
        document.AddParagraph($"2.1. Thời gian: bắt đầu lúc {VietnameseDates.Time(TimeOnly.FromDateTime(start))}, ngày {VietnameseDates.Short(day)} ({VietnameseDates.Weekday(day)}).");
        foreach (var phase in meeting.Phases.OrderBy(p => p.StartsAt))
        {
            document.AddParagraph($"- {phase.Name}: từ {VietnamTime.Format(phase.StartsAt)} đến {VietnamTime.Format(phase.EndsAt)}.");
        }

        var host = meeting.Sites.FirstOrDefault(s => s.IsHost);
        var remote = meeting.Sites.Where(s => !s.IsHost).OrderBy(s => s.Level).ThenBy(s => s.Id).ToList();
        document.AddParagraph("2.2. Địa điểm:");
        if (host is not null)
        {
            var counts = remote.GroupBy(s => s.Level).Select(g => $"{g.Count():00} điểm cầu {LevelPhrase(g.Key, g.ToList())}");
            var connects = remote.Count > 0 ? $", kết nối đến {string.Join(" và ", counts)}" : string.Empty;
            document.AddParagraph($"2.2.1. Điểm cầu trung tâm tổ chức tại {host.Room ?? host.Name}{connects}.");
        }

        var section = 2;
        foreach (var group in remote.GroupBy(s => s.Level))
        {
            document.AddParagraph($"2.2.{section++}. Điểm cầu {LevelPhrase(group.Key, group.ToList())}: {string.Join("; ", group.Select(s => s.Name))}.");
        }

        document.AddParagraph("2.3. Số lượng người tại các điểm cầu:");
        var capacities = meeting.Sites.Select(s => s.Capacity).Distinct().ToList();
        document.AddParagraph(capacities.Count == 1
            ? $"Tùy theo điều kiện của địa phương có thể phân bổ số lượng người tham dự phù hợp, nhưng không quá {capacities[0]} người/điểm cầu."
            : "Số người tối đa tại mỗi điểm cầu: " + string.Join("; ", meeting.Sites.Select(s => $"{s.Name}: {s.Capacity} người")) + ".");

        document.AddParagraph("2.4. Thành phần tham dự:");
        var bySite = ParticipantsBySite(meeting);
        IEnumerable<Participant> ParticipantsAt(Site site) => bySite[site];
        var part = 1;
        var grouped = remote.Where(s => s.Level is SiteLevel.District or SiteLevel.Commune).GroupBy(s => s.Level)
            .Where(g => g.Count() >= 3 && g.All(s => s.AdministrativeUnit is not null)).ToList();
        var individual = (host is null ? remote : remote.Prepend(host)).Where(s => grouped.All(g => g.Key != s.Level || s.IsHost));
        foreach (var site in individual.Where(s => ParticipantsAt(s).Any()))
        {
            document.AddParagraph($"2.4.{part++}. Điểm cầu {(site.IsHost ? "trung tâm " : string.Empty)}tại {site.Name}:");
            foreach (var (role, people) in ByRole(ParticipantsAt(site).Select(p => (p.Role, Describe(p)))))
            {
                document.AddParagraph($"- {role}: {people}.");
            }
        }

        // Many sites of one level, as offices write it: once, with the place names made general.
        foreach (var level in grouped)
        {
            document.AddParagraph($"2.4.{part++}. Điểm cầu trực tuyến tại {level.Count():00} điểm cầu {LevelPhrase(level.Key, [.. level])}:");
            foreach (var (role, people) in ByRole(level.SelectMany(site => ParticipantsAt(site).Select(p => (p.Role, Generalize(Describe(p), site))))))
            {
                document.AddParagraph($"- {role}: {people}.");
            }
        }

        if (meeting.Sites.Where(s => s.ConnectionTestAt is not null).MinBy(s => s.ConnectionTestAt) is { ConnectionTestAt: { } test })
        {
            var local = VietnamTime.ToLocal(test);
            document.AddParagraph($"Các điểm cầu trực tuyến sẽ tiến hành kiểm tra kết nối từ {VietnameseDates.Time(TimeOnly.FromDateTime(local))} ngày {VietnameseDates.Short(DateOnly.FromDateTime(local))}.");
        }

        document.AddParagraph($"2.5. Maket {kind}");
        var backdrops = new List<Site>();
        if (host is not null)
        {
            backdrops.Add(host);
        }

        // One backdrop per distinct text: the host's, then each level whose banner names someone else.
        var hostOrganizer = host is null ? null : BackdropText.For(meeting, host)[0].Text;
        foreach (var level in remote.GroupBy(s => s.Level))
        {
            if (BackdropText.For(meeting, level.First())[0].Text != hostOrganizer)
            {
                backdrops.Add(level.First());
            }
        }

        var index = 1;
        foreach (var site in backdrops)
        {
            var generic = site.IsHost ? site : new Site { Name = site.Name, Level = site.Level, Capacity = site.Capacity };
            document.AddParagraph($"2.5.{index++}. Maket tại {(site.IsHost ? "điểm cầu trung tâm, " + (site.Room ?? site.Name) : "các điểm cầu " + LevelPhrase(site.Level, [site]))}");
            foreach (var line in BackdropText.For(meeting, generic))
            {
                document.Body.Append(DocumentLayout.Centered(line.Text, DocumentLayout.BodySize, bold: line.Kind is BackdropLineKind.Organizer or BackdropLineKind.Title, italic: line.Kind == BackdropLineKind.DateLine, after: 60));
            }
        }
    }

    /// <summary>Each site's participants, named people first by given name (Vietnamese order), then representatives; indexed once.</summary>
    private static ILookup<Site, Participant> ParticipantsBySite(Meeting meeting)
    {
        var sitesById = meeting.Sites.Where(s => s.Id > 0).ToDictionary(s => s.Id);
        return meeting.Participants
            .Select(p => (Participant: p, Site: p.Site ?? (p.SiteId is { } id && sitesById.TryGetValue(id, out var site) ? site : null)))
            .Where(x => x.Site is not null)
            .OrderBy(x => x.Participant.PersonName is null)
            .ThenBy(x => x.Participant.PersonName ?? x.Participant.DisplayName, VietnameseText.PersonNameOrder)
            .ToLookup(x => x.Site!, x => x.Participant);
    }

    /// <summary>"Chủ trì: …", "Đại biểu tham dự: …", each description once.</summary>
    private static IEnumerable<(string Role, string People)> ByRole(IEnumerable<(ParticipantRole Role, string Text)> participants) =>
        participants.GroupBy(p => p.Role).OrderBy(g => g.Key)
            .Select(g => (RoleLabel(g.Key), string.Join("; ", g.Select(p => p.Text).Distinct())));

    /// <summary>"xã Tân Lập" → "xã, phường, thị trấn"; "huyện Đồng Phú" → "huyện, thị xã, thành phố".</summary>
    private static string Generalize(string text, Site site)
    {
        for (var unit = site.AdministrativeUnit; unit is not null; unit = unit.Parent)
        {
            var general = unit.Level switch
            {
                AdministrativeLevel.Commune => "xã, phường, thị trấn",
                AdministrativeLevel.District => "huyện, thị xã, thành phố",
                _ => null,
            };
            if (general is not null)
            {
                text = text.Replace(unit.Name, general, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }

    private static string Describe(Participant participant) =>
        participant.PersonName is { } name
            ? string.IsNullOrWhiteSpace(participant.Title) ? name : $"{participant.Title} {name}"
            : participant.DisplayName;

    private static string RoleLabel(ParticipantRole role) => Localization.Labels.Of(role) switch
    {
        "Chủ trì" => "Chủ trì",
        var label => label + " tham dự",
    };

    private static string LevelPhrase(SiteLevel level, List<Site> sites) => level switch
    {
        SiteLevel.Central when sites.Count == 1 => sites[0].Name,
        SiteLevel.Central => "trung ương",
        SiteLevel.Province => "cấp tỉnh",
        SiteLevel.District => "cấp huyện",
        _ => "cấp xã",
    };

    public static string KindNoun(Meeting meeting) => meeting.Kind switch
    {
        MeetingKind.RegularSession or MeetingKind.ExtraordinarySession => "kỳ họp",
        MeetingKind.Sitting => "phiên họp",
        MeetingKind.MonthlyBriefing => "cuộc họp",
        _ => "hội nghị",
    };

    private static string Upper(string text) => OfficialDocument.Upper(text);

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.TrimStart('-', ' '));
}
