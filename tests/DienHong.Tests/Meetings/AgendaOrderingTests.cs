using DienHong.Features.Agenda;

namespace DienHong.Tests.Meetings;

public class AgendaOrderingTests
{
    private static List<AgendaItem> Agenda(params string[] contents) =>
        [.. contents.Select((c, i) => new AgendaItem { Id = i + 1, Order = i + 1, Content = c })];

    private static string[] Contents(List<AgendaItem> agenda) => [.. agenda.OrderBy(a => a.Order).Select(a => a.Content)];

    [Fact]
    public void Moving_an_item_shifts_the_others_and_keeps_one_to_n()
    {
        var agenda = Agenda("A", "B", "C", "D");

        AgendaOrdering.Move(agenda, agenda[3], 1);

        Assert.Equal(["D", "A", "B", "C"], Contents(agenda));
        Assert.Equal([1, 2, 3, 4], agenda.Select(a => a.Order).Order());
    }

    [Fact]
    public void Removing_and_inserting_renumber_without_gaps()
    {
        var agenda = Agenda("A", "B", "C");

        AgendaOrdering.Remove(agenda, agenda[1]);
        AgendaOrdering.Insert(agenda, new AgendaItem { Content = "X" }, 1);

        Assert.Equal(["X", "A", "C"], Contents(agenda));
        Assert.Equal([1, 2, 3], agenda.Select(a => a.Order).Order());
    }

    [Fact]
    public void A_reorder_must_name_every_item_once()
    {
        var agenda = Agenda("A", "B", "C");

        Assert.False(AgendaOrdering.Reorder(agenda, [1, 1, 2]));
        Assert.Equal(["A", "B", "C"], Contents(agenda));
        Assert.True(AgendaOrdering.Reorder(agenda, [3, 1, 2]));
        Assert.Equal(["C", "A", "B"], Contents(agenda));
    }
}
