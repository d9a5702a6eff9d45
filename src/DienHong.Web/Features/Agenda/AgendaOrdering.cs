namespace DienHong.Features.Agenda;

/// <summary>Keeps the agenda numbered 1..n: used by the editor and the API alike.</summary>
public static class AgendaOrdering
{
    /// <summary>Inserts <paramref name="item"/> at 1-based <paramref name="position"/> (end when null or out of range).</summary>
    public static void Insert(List<AgendaItem> agenda, AgendaItem item, int? position = null)
    {
        var ordered = agenda.OrderBy(a => a.Order).ToList();
        var index = position is { } p && p >= 1 && p <= ordered.Count ? p - 1 : ordered.Count;
        ordered.Insert(index, item);
        agenda.Add(item);
        Renumber(ordered);
    }

    public static void Remove(List<AgendaItem> agenda, AgendaItem item)
    {
        agenda.Remove(item);
        Renumber(agenda.OrderBy(a => a.Order));
    }

    /// <summary>Moves an item to 1-based <paramref name="position"/>, shifting the others.</summary>
    public static void Move(List<AgendaItem> agenda, AgendaItem item, int position)
    {
        var ordered = agenda.OrderBy(a => a.Order).ToList();
        ordered.Remove(item);
        ordered.Insert(Math.Clamp(position - 1, 0, ordered.Count), item);
        Renumber(ordered);
    }

    /// <summary>Applies a whole new order given as item ids; false if the ids are not exactly the agenda's.</summary>
    public static bool Reorder(List<AgendaItem> agenda, IReadOnlyList<int> ids)
    {
        if (ids.Count != agenda.Count || !ids.Order().SequenceEqual(agenda.Select(a => a.Id).Order()))
        {
            return false;
        }

        Renumber(ids.Select(id => agenda.First(a => a.Id == id)));
        return true;
    }

    private static void Renumber(IEnumerable<AgendaItem> ordered)
    {
        var order = 1;
        foreach (var item in ordered)
        {
            item.Order = order++;
        }
    }
}
