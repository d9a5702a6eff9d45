namespace DienHong.Features.AdministrativeUnits;

public static class AdministrativeUnitsApi
{
    // TODO(stub): endpoints being written.
    public static RouteGroupBuilder MapAdministrativeUnitsApi(this RouteGroupBuilder api) => api;
}
