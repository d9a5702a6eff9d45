namespace DienHong.Features.Text;

/// <summary>
/// An entity found by accent-insensitive search through a stored folded column (see
/// docs/decisions/0005): the context folds <see cref="SearchedText"/> into
/// <see cref="SearchText"/> on every save, so queries use a plain LIKE on any database.
/// </summary>
public interface IFoldedSearch
{
    string SearchText { get; set; }

    /// <summary>The text people search this entity by, before folding.</summary>
    string SearchedText();
}
