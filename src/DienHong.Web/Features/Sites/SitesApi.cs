namespace DienHong.Features.Sites;

public static class SitesApi
{
    // TODO(stub): endpoints being written.
    public static RouteGroupBuilder MapSitesApi(this RouteGroupBuilder api) => api;
}
