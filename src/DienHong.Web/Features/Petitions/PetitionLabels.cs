namespace DienHong.Features.Petitions;

/// <summary>The Vietnamese names of the petition enums (pass them through the localizer in the UI).</summary>
public static class PetitionLabels
{
    public static readonly IReadOnlyDictionary<CompetenceLevel, string> Levels = new Dictionary<CompetenceLevel, string>
    {
        [CompetenceLevel.Central] = "Trung ương",
        [CompetenceLevel.Province] = "Tỉnh",
        [CompetenceLevel.District] = "Huyện",
        [CompetenceLevel.Commune] = "Xã",
    };

    public static readonly IReadOnlyDictionary<RecommendationStatus, string> Statuses = new Dictionary<RecommendationStatus, string>
    {
        [RecommendationStatus.New] = "Mới tiếp nhận",
        [RecommendationStatus.Classified] = "Đã phân loại",
        [RecommendationStatus.Referred] = "Đã chuyển, chờ trả lời",
        [RecommendationStatus.Answered] = "Đã trả lời",
        [RecommendationStatus.Returned] = "Bị trả lại",
    };

    public static readonly IReadOnlyDictionary<PetitionChannel, string> Channels = new Dictionary<PetitionChannel, string>
    {
        [PetitionChannel.AtSite] = "Tại điểm cầu",
        [PetitionChannel.InWriting] = "Bằng văn bản",
        [PetitionChannel.Online] = "Trực tuyến",
    };

    public static readonly IReadOnlyDictionary<ReferralStatus, string> ReferralStatuses = new Dictionary<ReferralStatus, string>
    {
        [ReferralStatus.Pending] = "Chờ trả lời",
        [ReferralStatus.Answered] = "Đã trả lời",
        [ReferralStatus.Returned] = "Trả lại",
    };

    /// <summary>Section titles of the summary report, by competence.</summary>
    public static string Competence(CompetenceLevel level) => level switch
    {
        CompetenceLevel.Central => "Kiến nghị thuộc thẩm quyền giải quyết của Trung ương",
        CompetenceLevel.Province => "Kiến nghị thuộc thẩm quyền giải quyết của tỉnh",
        CompetenceLevel.District => "Kiến nghị thuộc thẩm quyền giải quyết của cấp huyện",
        _ => "Kiến nghị thuộc thẩm quyền giải quyết của cấp xã",
    };
}
