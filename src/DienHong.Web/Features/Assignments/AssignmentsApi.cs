namespace DienHong.Features.Assignments;

public static class AssignmentsApi
{
    // TODO(stub): endpoints being written.
    public static RouteGroupBuilder MapAssignmentsApi(this RouteGroupBuilder api) => api;
}
