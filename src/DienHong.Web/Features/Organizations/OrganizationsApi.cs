namespace DienHong.Features.Organizations;

public static class OrganizationsApi
{
    // TODO(stub): endpoints being written.
    public static RouteGroupBuilder MapOrganizationsApi(this RouteGroupBuilder api) => api;
}
