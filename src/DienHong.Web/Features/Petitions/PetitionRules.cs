using System.Text.RegularExpressions;
using DienHong.Features.Text;
using DienHong.Features.Validation;

namespace DienHong.Features.Petitions;

/// <summary>What a petition must be before it is stored: some text, not too long, no markup or script.</summary>
public static partial class PetitionRules
{
    public static List<RuleViolation> Check(PetitionInput input)
    {
        var violations = new List<RuleViolation>();
        var content = VietnameseText.Nfc(input.Content) ?? string.Empty;
        if (content.Length == 0)
        {
            violations.Add(new RuleViolation(nameof(input.Content), "Nội dung ý kiến, kiến nghị không được để trống."));
        }
        else if (content.Length > PetitionLimits.Content)
        {
            violations.Add(new RuleViolation(nameof(input.Content), "Nội dung dài {0} ký tự, vượt giới hạn {1} ký tự; hãy tách thành nhiều ý kiến.", content.Length, PetitionLimits.Content));
        }

        CheckLength(violations, nameof(input.VoterName), "Họ tên cử tri", input.VoterName, TextLimits.Short);
        CheckLength(violations, nameof(input.VoterAddress), "Địa chỉ", input.VoterAddress, TextLimits.Name);
        CheckLength(violations, nameof(input.Delegate), "Đại biểu tiếp nhận", input.Delegate, TextLimits.Short);
        foreach (var (field, text) in new[] { (nameof(input.Content), input.Content), (nameof(input.VoterName), input.VoterName), (nameof(input.VoterAddress), input.VoterAddress), (nameof(input.Delegate), input.Delegate) })
        {
            CheckNoMarkup(violations, field, text);
        }

        return violations;
    }

    /// <summary>Refuses HTML tags and script URLs: the text is shown on public pages and in documents.</summary>
    public static void CheckNoMarkup(List<RuleViolation> violations, string field, string? text)
    {
        if (text is not null && Markup().IsMatch(text))
        {
            violations.Add(new RuleViolation(field, "Nội dung không được chứa thẻ HTML hoặc mã script."));
        }
    }

    public static void CheckLength(List<RuleViolation> violations, string field, string label, string? text, int limit)
    {
        if (text is not null && text.Trim().Length > limit)
        {
            violations.Add(new RuleViolation(field, "{0} dài {1} ký tự, vượt giới hạn {2} ký tự.", label, text.Trim().Length, limit));
        }
    }

    /// <summary>A deadline must not be before today (Vietnam calendar day).</summary>
    public static void CheckNotPast(List<RuleViolation> violations, string field, DateOnly deadline, DateOnly today)
    {
        if (deadline < today)
        {
            violations.Add(new RuleViolation(field, "Hạn {0} đã qua (hôm nay là {1}); hãy chọn một ngày từ hôm nay trở đi.",
                deadline.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z!?]|javascript\s*:|\bon[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex Markup();
}
