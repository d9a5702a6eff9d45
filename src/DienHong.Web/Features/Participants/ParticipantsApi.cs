namespace DienHong.Features.Participants;

public static class ParticipantsApi
{
    // TODO(stub): endpoints being written.
    public static RouteGroupBuilder MapParticipantsApi(this RouteGroupBuilder api) => api;
}
