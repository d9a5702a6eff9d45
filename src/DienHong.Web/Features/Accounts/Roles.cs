namespace DienHong.Features.Accounts;

/// <summary>The platform's roles and the policies built from them.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string Secretariat = nameof(Secretariat);
    public const string Chair = nameof(Chair);
    public const string Delegate = nameof(Delegate);
    public const string SiteOperator = nameof(SiteOperator);
    public const string Agency = nameof(Agency);
    public const string Viewer = nameof(Viewer);

    public static readonly IReadOnlyList<string> All = [Administrator, Secretariat, Chair, Delegate, SiteOperator, Agency, Viewer];

    /// <summary>Policy: may plan and edit meetings.</summary>
    public const string CanPlanMeetings = nameof(CanPlanMeetings);

    /// <summary>Policy: may manage accounts, organizations and administrative units.</summary>
    public const string CanAdminister = nameof(CanAdminister);
}
