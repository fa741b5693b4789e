namespace Hulpvraag.Core.Fouten;

/// <summary>One reason a request was refused: a code from <see cref="FoutCodes"/>, the field it concerns (JSON-path-like, e.g. <c>leerling.achternaam</c>) and a Dutch text an IB'er can act on.</summary>
public sealed record Fout(string Code, string? Veld, string Melding)
{
    /// <summary>Extra machine-readable data, e.g. the suggested titles for TITEL_ONBEKEND or the broken rule name.</summary>
    public IReadOnlyList<string>? Suggesties { get; init; }

    /// <summary>The named rule that refused a status change or a registration (e.g. <c>toelichting-verplicht</c>).</summary>
    public string? Regel { get; init; }
}

/// <summary>A non-blocking finding stored with the hulpvraag.</summary>
public sealed record Waarschuwing(string Code, string Melding);

/// <summary>
/// Expected failures are data: a value or a non-empty list of <see cref="Fout"/>. The first error's code decides
/// the HTTP status or SOAP fault at the edge.
/// </summary>
public readonly record struct Result<T>
{
    private Result(T? value, IReadOnlyList<Fout>? fouten)
    {
        Value = value;
        Fouten = fouten ?? [];
    }

    public T? Value { get; }
    public IReadOnlyList<Fout> Fouten { get; }
    public bool IsSuccess => Fouten.Count == 0;
    public string? Code => Fouten.Count == 0 ? null : Fouten[0].Code;

    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Fail(Fout fout) => new(default, [fout]);
    public static Result<T> Fail(IReadOnlyList<Fout> fouten) =>
        fouten.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(fouten)) : new(default, fouten);

    public static implicit operator Result<T>(Fout fout) => Fail(fout);
}
