using Dapper;

namespace Hulpvraag.Gateway.Storage;

/// <summary>
/// The WHERE clause of a selection of hulpvragen with its parameters: one builder for the admin API's search
/// (<see cref="BeheerStore"/>) and the helpdesk's list and CSV export (<see cref="BeheerLijstStore"/>), so a
/// filter means the same in every place. Values are always parameters, never SQL text.
/// </summary>
public sealed class HulpvraagWaar
{
    private readonly List<string> _delen = [];

    private HulpvraagWaar()
    {
    }

    public DynamicParameters Parameters { get; } = new();

    /// <summary>"WHERE …" with every condition joined by AND, or empty when there is none.</summary>
    public string Sql => _delen.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _delen);

    /// <summary>The filters both lists share; a null value (or an empty status list) filters nothing.</summary>
    public static HulpvraagWaar Voor(
        IReadOnlyList<string> statussen, string? brin, string? vestiging, string? titel, string? bron, DateTimeOffset? vanaf, DateTimeOffset? tot)
    {
        var w = new HulpvraagWaar();
        if (statussen.Count > 0)
        {
            // One parameter per status (not a list parameter): the same SQL on both providers, and the status
            // indexes stay usable.
            var namen = new List<string>(statussen.Count);
            for (var i = 0; i < statussen.Count; i++)
            {
                namen.Add($"@s{i}");
                w.Parameters.Add($"s{i}", statussen[i]);
            }

            w.En($"status_code IN ({string.Join(", ", namen)})");
        }

        return w.En("brin = @brin", "brin", brin)
            .En("vestiging = @vestiging", "vestiging", vestiging)
            .En("titel = @titel", "titel", titel)
            .En("systeem = @bron", "bron", bron)
            .En("ontvangen_op >= @vanaf", "vanaf", vanaf)
            .En("ontvangen_op < @tot", "tot", tot);
    }

    /// <summary>A further condition; its parameters go into <see cref="Parameters"/> by the caller.</summary>
    public HulpvraagWaar En(string conditie)
    {
        _delen.Add(conditie);
        return this;
    }

    /// <summary>A condition with one parameter, only when the value is given.</summary>
    public HulpvraagWaar En(string conditie, string naam, object? waarde)
    {
        if (waarde is not null)
        {
            _delen.Add(conditie);
            Parameters.Add(naam, waarde);
        }

        return this;
    }
}
