using DienHong.Features.Issuing;
using DienHong.Features.Meetings;
using DienHong.Features.Organizations;

namespace DienHong.Features.Demo;

/// <summary>The organizations the two seed documents name.</summary>
public sealed class DemoOrganizations
{
    private static readonly DateOnly InformationMerged = new(2025, 3, 1);

    public required Organization Delegation { get; init; }
    public required Organization FrontCommittee { get; init; }
    public required Organization DelegationOffice { get; init; }
    public required Organization NationalAssemblyOffice { get; init; }
    public required Organization NationalAssemblyIt { get; init; }
    public required Organization ProvincialCouncil { get; init; }
    public required Organization ProvincialCommittee { get; init; }
    public required Organization Information { get; init; }
    public required Organization Vnpt { get; init; }
    public required Organization Power { get; init; }
    public required Organization Broadcaster { get; init; }
    public required Organization Newspaper { get; init; }
    public required IReadOnlyList<Organization> AnsweringDepartments { get; init; }
    public required Organization DienBienCouncil { get; init; }
    public required Organization DienBienInformation { get; init; }
    public required Organization DienBienPower { get; init; }
    public required Organization ScienceAndTechnology { get; init; }

    public IEnumerable<Organization> All =>
    [
        Delegation, FrontCommittee, DelegationOffice, NationalAssemblyOffice, NationalAssemblyIt, ProvincialCouncil, ProvincialCommittee,
        Information, Vnpt, Power, Broadcaster, Newspaper, .. AnsweringDepartments, DienBienCouncil, DienBienInformation, DienBienPower, ScienceAndTechnology,
    ];

    /// <summary>The demo's organizations; <paramref name="known"/> may swap one for a registered one of the same name.</summary>
    public static DemoOrganizations Create(Func<Organization, Organization>? known = null)
    {
        known ??= o => o;
        Organization Make(string name, OrganizationKind kind, string? shortName = null) => known(new() { Name = name, Kind = kind, ShortName = shortName });
        var nationalAssemblyOffice = Make("Văn phòng Quốc hội", OrganizationKind.Office, "VPQH");
        var delegation = Make("Đoàn đại biểu Quốc hội tỉnh Bình Phước", OrganizationKind.ElectedBody, "Đoàn ĐBQH tỉnh");
        var organizations = new DemoOrganizations
        {
            Delegation = delegation,
            FrontCommittee = Make("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bình Phước", OrganizationKind.Committee, "UBMTTQVN tỉnh"),
            // The office serves the delegation: its staff plan the delegation's meetings (MeetingAccess).
            DelegationOffice = known(new Organization { Name = "Văn phòng Đoàn ĐBQH và HĐND tỉnh Bình Phước", ShortName = "VP Đoàn ĐBQH và HĐND tỉnh", Kind = OrganizationKind.Office, Parent = delegation }),
            NationalAssemblyOffice = nationalAssemblyOffice,
            NationalAssemblyIt = known(new Organization { Name = "Trung tâm Tin học, Văn phòng Quốc hội", ShortName = "Trung tâm tin học, VPQH", Kind = OrganizationKind.Office, Parent = nationalAssemblyOffice }),
            ProvincialCouncil = Make("Hội đồng nhân dân tỉnh Bình Phước", OrganizationKind.ElectedBody, "HĐND tỉnh"),
            ProvincialCommittee = Make("Ủy ban nhân dân tỉnh Bình Phước", OrganizationKind.Department, "UBND tỉnh"),
            Information = known(new Organization { Name = "Sở Thông tin và Truyền thông tỉnh Bình Phước", ShortName = "Sở Thông tin và Truyền thông", Kind = OrganizationKind.Department, ValidTo = InformationMerged.AddDays(-1) }),
            ScienceAndTechnology = Make("Sở Khoa học và Công nghệ tỉnh Bình Phước", OrganizationKind.Department, "Sở Khoa học và Công nghệ"),
            Vnpt = Make("Viễn thông Bình Phước (VNPT)", OrganizationKind.Company, "VNPT Bình Phước"),
            Power = Make("Công ty Điện lực Bình Phước", OrganizationKind.Company, "Điện lực Bình Phước"),
            Broadcaster = Make("Đài Phát thanh - Truyền hình Bình Phước", OrganizationKind.Press, "Đài PTTH"),
            Newspaper = Make("Báo Bình Phước", OrganizationKind.Press, "Báo BP"),
            AnsweringDepartments =
            [
                Make("Sở Tài nguyên và Môi trường", OrganizationKind.Department),
                Make("Sở Y tế", OrganizationKind.Department),
                Make("Sở Lao động, Thương binh và Xã hội", OrganizationKind.Department),
                Make("Sở Giáo dục và Đào tạo", OrganizationKind.Department),
                Make("Sở Nông nghiệp và Phát triển nông thôn", OrganizationKind.Department),
                Make("Sở Giao thông vận tải", OrganizationKind.Department),
                Make("Sở Công thương", OrganizationKind.Department),
                Make("Ngân hàng Nhà nước chi nhánh tỉnh Bình Phước", OrganizationKind.Department, "Ngân hàng nhà nước tỉnh"),
            ],
            DienBienCouncil = Make("Hội đồng nhân dân tỉnh Điện Biên", OrganizationKind.ElectedBody, "HĐND tỉnh Điện Biên"),
            DienBienInformation = known(new Organization { Name = "Sở Thông tin và Truyền thông tỉnh Điện Biên", ShortName = "Sở Thông tin và Truyền thông", Kind = OrganizationKind.Department, ValidTo = InformationMerged.AddDays(-1) }),
            DienBienPower = Make("Công ty Điện lực Điện Biên", OrganizationKind.Company),
        };

        // Who directs whom, for tasks written as offices write them: the departments under the
        // provincial People's Committee, the delegation's office under the delegation ("Giao").
        void Under(Organization parent, params IEnumerable<Organization> children)
        {
            foreach (var child in children.Where(c => c.Id == 0 && c.Parent is null && c.ParentId is null))
            {
                child.Parent = parent;
            }
        }

        Under(organizations.ProvincialCommittee, [organizations.Information, .. organizations.AnsweringDepartments]);
        Under(organizations.Delegation, organizations.DelegationOffice);
        return organizations;
    }

    /// <summary>How the two issuing bodies print their documents (seed 002's "62/KH-ĐBQH", seed 004's "51/HĐND-VP").</summary>
    public static IEnumerable<OrganizationTemplate> Templates(DemoOrganizations o) =>
    [
        new OrganizationTemplate
        {
            OrganizationId = o.Delegation.Id, IssuingBodyName = "ĐOÀN ĐBQH TỈNH BÌNH PHƯỚC", BodySymbol = "ĐBQH", DraftingUnitSymbol = "VP",
            Place = "Bình Phước", SignerName = "Điêu Huỳnh Sang", SignerTitle = "PHÓ TRƯỞNG ĐOÀN PHỤ TRÁCH",
            SigningAuthority = SigningAuthority.OnBehalfOfCollective, SignerOnBehalfOf = "ĐOÀN ĐẠI BIỂU QUỐC HỘI", ArchiveLine = "Lưu: VT",
        },
        new OrganizationTemplate
        {
            OrganizationId = o.DienBienCouncil.Id, IssuingBodyName = "HỘI ĐỒNG NHÂN DÂN\nTỈNH ĐIỆN BIÊN", BodySymbol = "HĐND", DraftingUnitSymbol = "VP",
            Place = "Điện Biên", ActingBodyName = "Thường trực HĐND tỉnh", SignerName = "Giàng Thị Hoa", SignerTitle = "PHÓ CHỦ TỊCH", SigningAuthority = SigningAuthority.Deputy,
            SignerOnBehalfOf = "CHỦ TỊCH", SignerCollective = "THƯỜNG TRỰC HĐND TỈNH", ArchiveLine = "Lưu: VT, TCHC(2b)",
            ContactLine = "Đ/c Nguyễn Tiến Thành, Phó Chánh Văn phòng, điện thoại: 0914.920.045",
        },
    ];
}
