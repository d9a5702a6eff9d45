namespace DienHong.Features.Agenda;

public static class AgendaApi
{
    // TODO(stub): endpoints being written.
    public static RouteGroupBuilder MapAgendaApi(this RouteGroupBuilder api) => api;
}
