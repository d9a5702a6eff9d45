using DienHong.Features.AdministrativeUnits;
using DienHong.Features.Meetings;
using DienHong.Features.Sites;
using DienHong.Features.Text;

namespace DienHong.Features.Drafting;

public enum BackdropLineKind
{
    /// <summary>The organizing bodies, in capitals.</summary>
    Organizer,
    /// <summary>"HỘI NGHỊ".</summary>
    Kind,
    /// <summary>The meeting's backdrop title, the largest line.</summary>
    Title,
    /// <summary>"Bình Phước, ngày 19 tháng 11 năm 2021".</summary>
    DateLine,
    /// <summary>Where the national emblem goes, above everything ("(Quốc huy)" on a session's backdrop).</summary>
    Emblem,
    /// <summary>A QR code of <see cref="BackdropLine.Address"/> (the petition page), the text its caption.</summary>
    QrCode,
}

public sealed record BackdropLine(string Text, BackdropLineKind Kind, string? Address = null);

/// <summary>
/// The text of the banner behind the presiders (maket). The host's names every organizing body
/// (their shared place said once: "ĐOÀN ĐẠI BIỂU QUỐC HỘI - ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM" /
/// "TỈNH BÌNH PHƯỚC"); at a voter-contact conference a commune site's names the commune's Front
/// committee and dates from the commune (seed 002, section 2.5).
/// </summary>
public static class BackdropText
{
    private const string FrontCommittee = "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM";
    private const int TitleLineLength = 44;
    private static readonly string[] PhraseStarts = ["SAU", "TRƯỚC", "CỦA", "TẠI", "VỀ", "VỚI", "NHIỆM", "NĂM", "LẦN"];
    private static readonly string[] PlaceWords = ["tỉnh", "thành phố", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn"];

    public static IReadOnlyList<BackdropLine> For(Meeting meeting, Site site)
    {
        var day = DateOnly.FromDateTime(VietnamTime.ToLocal(meeting.StartsAt));
        var lines = new List<BackdropLine>();
        var communeFront = meeting.Kind == MeetingKind.VoterContactConference && site.Level == SiteLevel.Commune;
        if (communeFront)
        {
            lines.Add(new(FrontCommittee, BackdropLineKind.Organizer));
            lines.Add(new(site.AdministrativeUnit is { } unit ? OfficialDocument.Upper(unit.Name) : "XÃ.....", BackdropLineKind.Organizer));
        }
        else
        {
            lines.AddRange(OrganizerLines(meeting).Select(l => new BackdropLine(l, BackdropLineKind.Organizer)));
        }

        var title = OfficialDocument.Upper(meeting.BackdropTitle ?? meeting.Title);
        // "HỘI NGHỊ" stands above a conference's title, unless the title already starts with it.
        if (meeting.Kind is MeetingKind.VoterContactConference or MeetingKind.Conference && !title.StartsWith("HỘI NGHỊ", StringComparison.Ordinal))
        {
            lines.Add(new("HỘI NGHỊ", BackdropLineKind.Kind));
        }

        lines.AddRange(Balanced(title).Select(t => new BackdropLine(t, BackdropLineKind.Title)));
        var place = communeFront
            ? site.AdministrativeUnit is { } commune ? WithoutLevel(commune) : "....."
            : meeting.Place ?? string.Empty;
        lines.Add(new(VietnameseDates.PlaceAndDate(place, day), BackdropLineKind.DateLine));
        return lines;
    }

    /// <summary>A title longer than <see cref="TitleLineLength"/> breaks in two at the space nearest its middle, as banners are set.</summary>
    public static IReadOnlyList<string> Balanced(string title)
    {
        if (title.Length <= TitleLineLength)
        {
            return [title];
        }

        var middle = title.Length / 2;
        var spaces = Enumerable.Range(0, title.Length).Where(i => title[i] == ' ').ToList();
        if (spaces.Count == 0)
        {
            return [title];
        }

        // Prefer to break before a word that opens a phrase ("SAU KỲ HỌP…"), if one is near the middle.
        var phraseBreaks = spaces.Where(i => PhraseStarts.Any(w => title.AsSpan(i + 1).StartsWith(w + " ", StringComparison.Ordinal))
            && Math.Abs(i - middle) <= title.Length / 4).ToList();
        var split = (phraseBreaks.Count > 0 ? phraseBreaks : spaces).MinBy(i => Math.Abs(i - middle));
        return [title[..split], title[(split + 1)..]];
    }

    /// <summary>Organizers lead first; a shared trailing place ("tỉnh Bình Phước") is written once on its own line.</summary>
    public static IReadOnlyList<string> OrganizerLines(Meeting meeting)
    {
        var names = meeting.Organizers.OrderByDescending(o => o.IsLead).Select(o => o.Organization?.Name).OfType<string>().ToList();
        if (names.Count == 0)
        {
            return [];
        }

        var place = SharedPlace(names);
        if (place is null)
        {
            return [OfficialDocument.Upper(string.Join(" - ", names))];
        }

        var bodies = names.Select(n => n[..^place.Length].Trim());
        return [OfficialDocument.Upper(string.Join(" - ", bodies)), OfficialDocument.Upper(place)];
    }

    /// <summary>The common ending of all names that starts with a place word ("tỉnh Bình Phước"), if any.</summary>
    private static string? SharedPlace(List<string> names)
    {
        foreach (var word in PlaceWords)
        {
            var marker = " " + word + " ";
            var candidates = names.Select(n => n.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase)).ToList();
            if (candidates.Any(i => i < 0))
            {
                continue;
            }

            var endings = names.Select((n, i) => n[(candidates[i] + 1)..]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (endings.Count == 1)
            {
                return endings[0];
            }
        }

        return null;
    }

    private static string WithoutLevel(AdministrativeUnit unit)
    {
        foreach (var word in PlaceWords.OrderByDescending(w => w.Length))
        {
            if (unit.Name.StartsWith(word + " ", StringComparison.OrdinalIgnoreCase))
            {
                return unit.Name[(word.Length + 1)..];
            }
        }

        return unit.Name;
    }
}
