using DienHong.Data;
using DienHong.Features.Accounts;
using DienHong.Features.Imports;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Petitions;

/// <summary>
/// The demo's petitions (SampleData/kien-nghi-cu-tri-mau.tsv, written for the project in voters'
/// plain words): those raised at the Bình Phước conference's sites and those sent in writing to
/// the Điện Biên council session. Most are classified, groups raising the same issue are merged,
/// many are referred and answered, answers published; the last of each meeting are left new so
/// a newcomer sees the model's suggestions and the merge proposals at work.
/// </summary>
public static class PetitionDemo
{
    public const string ResourceName = "DienHong.Petitions.Demo.tsv";

    /// <summary>The demo file's rows, as the import reads them.</summary>
    public static async Task<IReadOnlyList<TabularRow>> RowsAsync(CancellationToken cancellationToken = default)
    {
        await using var stream = typeof(PetitionDemo).Assembly.GetManifestResourceStream(ResourceName) ?? throw new InvalidOperationException("Demo petitions missing.");
        var (rows, error) = await TabularFile.ReadAsync(stream, "kien-nghi-cu-tri-mau.csv", cancellationToken);
        return error is null ? rows : throw new InvalidOperationException(error.Message);
    }

    public static async Task SeedAsync(DienHongDbContext db, Meeting conference, Meeting session, CancellationToken cancellationToken = default)
    {
        if (await db.Petitions.AnyAsync(p => p.MeetingId == conference.Id || p.MeetingId == session.Id, cancellationToken))
        {
            return;
        }

        var rows = await RowsAsync(cancellationToken);
        var conferenceProvince = await ProvinceOfAsync(db, conference.Id, cancellationToken);
        var sessionProvince = await ProvinceOfAsync(db, session.Id, cancellationToken) ?? await DienBienProvinceAsync(db, session, cancellationToken);
        await EnsureAgenciesAsync(db, rows, conferenceProvince, sessionProvince, cancellationToken);
        var workflow = new PetitionWorkflow(db, new CurrentUser(), TimeProvider.System);
        await SeedMeetingAsync(db, workflow, conference, [.. rows.Where(r => r.Get("Điểm cầu") is not null)], PetitionChannel.AtSite, new DateOnly(2021, 11, 22), cancellationToken);
        await SeedMeetingAsync(db, workflow, session, [.. rows.Where(r => r.Get("Điểm cầu") is null)], PetitionChannel.InWriting, null, cancellationToken);
    }

    /// <summary>
    /// The agencies the file names that are not registered yet (central bodies, districts, communes,
    /// Điện Biên's departments); local ones are placed in the province of the meeting whose petitions
    /// name them, so suggestions stay within a meeting's province (<see cref="PetitionAgencyScope"/>).
    /// </summary>
    private static async Task EnsureAgenciesAsync(DienHongDbContext db, IReadOnlyList<TabularRow> rows, int? conferenceProvince, int? sessionProvince, CancellationToken cancellationToken)
    {
        var known = (await db.Organizations.ToListAsync(cancellationToken)).GroupBy(o => VietnameseText.Fold(o.Name)).ToDictionary(g => g.Key, g => g.First());
        foreach (var row in rows.Where(r => r.Get("Cơ quan") is not null).DistinctBy(r => r.Get("Cơ quan")))
        {
            var name = row.Get("Cơ quan")!;
            int? province = row.Get("Cấp") == "Trung ương" ? null : row.Get("Điểm cầu") is not null ? conferenceProvince : sessionProvince;
            if (!known.TryGetValue(VietnameseText.Fold(name), out var agency))
            {
                agency = new Organization { Name = name, Kind = name.StartsWith("Ủy ban Thường vụ", StringComparison.Ordinal) ? OrganizationKind.ElectedBody : OrganizationKind.Department };
                known[VietnameseText.Fold(name)] = agency;
                db.Organizations.Add(agency);
            }

            agency.AdministrativeUnitId ??= province;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<int?> ProvinceOfAsync(DienHongDbContext db, int meetingId, CancellationToken cancellationToken)
    {
        var units = await db.Sites.Where(s => s.MeetingId == meetingId && s.AdministrativeUnitId != null).Select(s => s.AdministrativeUnitId!.Value).Distinct().ToListAsync(cancellationToken);
        return (await PetitionAgencyScope.ProvincesAsync(db, units, cancellationToken)).Values.FirstOrDefault(p => p is not null);
    }

    /// <summary>The Điện Biên demo names no administrative unit; its province is added and given to the session's organizers.</summary>
    private static async Task<int> DienBienProvinceAsync(DienHongDbContext db, Meeting session, CancellationToken cancellationToken)
    {
        var province = await db.AdministrativeUnits.FirstOrDefaultAsync(u => u.Code == "11" && u.Level == AdministrativeUnits.AdministrativeLevel.Province, cancellationToken)
            ?? db.AdministrativeUnits.Add(new AdministrativeUnits.AdministrativeUnit { Code = "11", Name = "Tỉnh Điện Biên", Level = AdministrativeUnits.AdministrativeLevel.Province }).Entity;
        await db.SaveChangesAsync(cancellationToken);
        var organizers = await db.Meetings.Where(m => m.Id == session.Id).SelectMany(m => m.Organizers).Select(o => o.Organization!).Where(o => o.AdministrativeUnitId == null).ToListAsync(cancellationToken);
        organizers.ForEach(o => o.AdministrativeUnitId = province.Id);
        await db.SaveChangesAsync(cancellationToken);
        return province.Id;
    }

    private static async Task SeedMeetingAsync(DienHongDbContext db, PetitionWorkflow workflow, Meeting meeting, IReadOnlyList<TabularRow> table, PetitionChannel channel, DateOnly? compilationDeadline, CancellationToken cancellationToken)
    {
        var (rows, errors) = await PetitionImport.CheckAsync(db, meeting.Id, table, channel, cancellationToken);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Demo petitions: " + string.Join("; ", errors.Select(e => e.Message)));
        }

        var petitions = await PetitionImport.SaveAsync(workflow, db, meeting.Id, rows, cancellationToken);
        var start = meeting.StartsAt;
        for (var i = 0; i < petitions.Count; i++)
        {
            // Raised during the meeting, in the order of the file.
            petitions[i].RecordedAt = start.AddMinutes(40 + (i * 90.0 / petitions.Count));
            petitions[i].Recommendation!.CreatedAt = petitions[i].RecordedAt;
            petitions[i].Recommendation!.ClassifiedAt = start.AddDays(1);
        }

        // The last tenth is left as recorded: unclassified, unmerged.
        var fresh = petitions.Skip(petitions.Count * 9 / 10).ToList();
        foreach (var recommendation in fresh.Select(p => p.Recommendation!))
        {
            (recommendation.FieldId, recommendation.Level, recommendation.AgencyId, recommendation.ClassifiedAt, recommendation.ClassifiedBy, recommendation.Status) =
                (null, null, null, null, null, RecommendationStatus.New);
        }

        if (compilationDeadline is { } deadline)
        {
            db.PetitionSchedules.Add(new PetitionSchedule { MeetingId = meeting.Id, CompilationDeadline = deadline });
        }

        await db.SaveChangesAsync(cancellationToken);

        // Groups raising the same issue are merged into their first petition's recommendation.
        var groups = rows.Select((row, i) => (row.Group, Petition: petitions[i])).Where(x => x.Group is not null && !fresh.Contains(x.Petition))
            .GroupBy(x => x.Group!).Where(g => g.Count() > 1).ToList();
        foreach (var group in groups)
        {
            var target = group.First().Petition.Recommendation!;
            await workflow.MergeAsync(target, [.. group.Skip(1).Select(x => x.Petition.RecommendationId)], cancellationToken);
            target.Content = group.First().Petition.Content;
        }

        // Refer four in five classified recommendations; answer most of them on time, a few late; publish the answers.
        var classified = await db.Recommendations.Include(r => r.Agency).Include(r => r.Field)
            .Where(r => r.MeetingId == meeting.Id && r.Status == RecommendationStatus.Classified && r.AgencyId != null).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var referredOn = start.AddDays(5);
        for (var i = 0; i < classified.Count; i++)
        {
            if (i % 5 == 4)
            {
                continue;
            }

            var recommendation = classified[i];
            var referral = new Referral
            {
                MeetingId = meeting.Id,
                RecommendationId = recommendation.Id,
                AgencyId = recommendation.AgencyId!.Value,
                Deadline = DateOnly.FromDateTime(VietnamTime.ToLocal(referredOn)).AddDays(30),
                ReferredAt = referredOn,
                ReferredBy = "Văn phòng (dữ liệu mẫu)",
            };
            recommendation.Status = RecommendationStatus.Referred;
            if (i % 3 != 2)
            {
                referral.Status = ReferralStatus.Answered;
                referral.AnsweredAt = referredOn.AddDays(i % 7 == 0 ? 38 : 12 + (i % 15));
                referral.AnsweredBy = recommendation.Agency!.Name;
                referral.AnswerText = Answer(recommendation);
                recommendation.Status = RecommendationStatus.Answered;
                recommendation.IsPublished = i % 4 != 3;
                recommendation.PublishedAt = recommendation.IsPublished ? referral.AnsweredAt.Value.AddDays(3) : null;
            }

            db.Referrals.Add(referral);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A plausible answer in the agency's voice, by field.</summary>
    private static string Answer(Recommendation recommendation)
    {
        var agency = recommendation.Agency!.Name;
        var body = recommendation.Field?.Name switch
        {
            "Giao thông" => "đã kiểm tra hiện trường, đưa tuyến đường vào kế hoạch duy tu, sửa chữa năm tới và chỉ đạo đơn vị quản lý vá ổ gà, bổ sung biển báo ngay trong tháng.",
            "Y tế" => "đã chỉ đạo các cơ sở khám chữa bệnh rà soát danh mục, tổ chức đấu thầu bổ sung thuốc và bố trí luân phiên bác sĩ về tuyến xã.",
            "Giáo dục" => "đã tổng hợp nhu cầu phòng học, giáo viên vào kế hoạch đầu tư công trung hạn và chấn chỉnh việc thu các khoản ngoài quy định.",
            "Đất đai" => "đã rà soát hồ sơ, chỉ đạo Văn phòng đăng ký đất đai giải quyết dứt điểm hồ sơ tồn đọng và công khai quy trình, thời hạn cấp giấy chứng nhận.",
            "Môi trường" => "đã kiểm tra, xử phạt vi phạm, yêu cầu cơ sở khắc phục hệ thống xử lý chất thải và sẽ quan trắc định kỳ, công khai kết quả.",
            "Điện" => "đã khảo sát, đưa việc cải tạo lưới điện, nâng công suất trạm biến áp vào kế hoạch và thông báo lịch ngừng cấp điện trước ít nhất 5 ngày.",
            "Nông nghiệp" => "đã hướng dẫn kỹ thuật, hỗ trợ giống và kiểm tra thị trường vật tư nông nghiệp; việc liên kết tiêu thụ đang được xúc tiến với doanh nghiệp.",
            "An ninh, trật tự" => "đã chỉ đạo công an địa phương tăng cường tuần tra, mở đợt cao điểm trấn áp tội phạm và tuyên truyền để người dân cảnh giác.",
            "Lao động, thương binh và xã hội" => "đã rà soát hồ sơ, hướng dẫn địa phương thực hiện đúng quy trình và chi trả đầy đủ chế độ cho các trường hợp đủ điều kiện.",
            _ => "đã tiếp thu ý kiến, xem xét trong phạm vi thẩm quyền và sẽ thông báo kết quả giải quyết đến cử tri qua Ủy ban Mặt trận Tổ quốc cấp xã.",
        };
        return $"{agency} {body}";
    }
}
