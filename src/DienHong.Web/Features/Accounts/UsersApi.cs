namespace DienHong.Features.Accounts;

public static class UsersApi
{
    // TODO(stub): endpoints being written.
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api) => api;
}
