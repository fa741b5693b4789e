using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hulpvraag.Core.Ports;

namespace Hulpvraag.Adapters.Esis.Api;

public sealed record AanvraagJson(
    string? Samenwerkingsverband,
    SchoolJson? School,
    ContactpersoonJson? Contactpersoon,
    string? KorteOmschrijving,
    string? Zorgvraag,
    bool OppToevoegen,
    string? Niveau,
    LeerlingJson? Leerling,
    BijlageJson? Opp,
    List<BijlageJson?>? Bijlagen);

public sealed record SchoolJson(string? Brin, string? Vestiging, string? Naam);

public sealed record ContactpersoonJson(string? Naam, string? Email, string? Telefoon);

/// <summary>
/// <see cref="Bsn"/> and <see cref="Onderwijsnummer"/> are read only to notice them: an SWV dossier must not carry
/// them, so they are dropped on receipt with the warning PERSOONSNUMMER_VERWIJDERD (spec, canonical hulpvraag).
/// </summary>
public sealed record LeerlingJson(
    string? LeerlingId, string? Roepnaam, string? Voornamen, string? Tussenvoegsel, string? Achternaam, string? Geboortedatum,
    string? Geslacht, string? Groep, JsonElement? Bsn = null, JsonElement? Onderwijsnummer = null);

public sealed record BijlageJson(string? Bestandsnaam, string? Omschrijving, string? Categorie, string? ContentType, GestagedeInhoud? Inhoud);

public sealed record BijlagenJson(List<BijlageJson?>? Bijlagen);

/// <summary>An attachment's <c>inhoud</c>, already decoded into staging while the JSON was read.</summary>
[JsonConverter(typeof(GestagedeInhoudConverter))]
public sealed class GestagedeInhoud(GestagedeBijlage staged)
{
    public GestagedeBijlage Staged { get; } = staged;
}

/// <summary>
/// The staging of one request: the converter finds it through an async-local, so the serializer options (and their
/// metadata cache) stay shared across requests. Disposing it deletes every staged file of the request.
/// </summary>
public sealed class EsisStagingScope(IBijlageStaging staging) : IAsyncDisposable
{
    private static readonly AsyncLocal<EsisStagingScope?> Huidig = new();
    private readonly List<GestagedeBijlage> _staged = [];

    public static EsisStagingScope? Current => Huidig.Value;

    public IBijlageStaging Staging { get; } = staging;

    /// <summary>Set when a body carried more attachments than one request may: reading stopped there.</summary>
    public bool TeVeelBijlagen { get; private set; }

    /// <summary>Called before staging one more attachment; false (and the flag set) once the per-request maximum is reached.</summary>
    public bool MagNogEen()
    {
        TeVeelBijlagen = _staged.Count >= Core.Velden.VeldRegels.MaxBijlagenPerAanvraag;
        return !TeVeelBijlagen;
    }

    public EsisStagingScope Activeer()
    {
        Huidig.Value = this;
        return this;
    }

    public GestagedeBijlage Voeg(GestagedeBijlage staged)
    {
        _staged.Add(staged);
        return staged;
    }

    public async ValueTask DisposeAsync()
    {
        Huidig.Value = null;
        foreach (var s in _staged)
        {
            await s.DisposeAsync();
        }
    }
}

internal sealed class GestagedeInhoudConverter : JsonConverter<GestagedeInhoud>
{
    public override GestagedeInhoud? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("inhoud must be a base64 string.");
        }

        var scope = EsisStagingScope.Current ?? throw new InvalidOperationException("No staging scope for this request.");
        if (!scope.MagNogEen())
        {
            throw new JsonException("Too many attachments in one request.");
        }

        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return new GestagedeInhoud(scope.Voeg(scope.Staging.StageBase64(reader.ValueSpan)));
        }

        // Rare: an escaped or segmented token. Unescape into a pooled buffer, still without a decoded copy.
        var lengte = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(lengte);
        try
        {
            var n = reader.CopyString(buffer);
            return new GestagedeInhoud(scope.Voeg(scope.Staging.StageBase64(buffer.AsSpan(0, n))));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Write(Utf8JsonWriter writer, GestagedeInhoud value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Staged content is never written back.");
}

public sealed record StatusJson(string Code, string Weergave, string? Kwalificatie = null, string? Toelichting = null, DateTimeOffset? Sinds = null);

public sealed record BijlageAntwoordJson(Guid Id, string Bestandsnaam, string Sha256);

public sealed record WaarschuwingJson(string Code, string Melding);

public sealed record AanvraagAntwoordJson(
    long Dossiernummer, string AanvraagId, StatusJson Status, int Versie, IReadOnlyList<BijlageAntwoordJson> Bijlagen,
    IReadOnlyList<WaarschuwingJson> Waarschuwingen);

public sealed record HistorieJson(string? Van, string Naar, string Weergave, string? Kwalificatie, string? Toelichting, DateTimeOffset Op);

public sealed record BijlageDetailJson(Guid Id, string Bestandsnaam, string? Omschrijving, string Categorie, string ContentType, long Grootte, string Sha256, DateTimeOffset OntvangenOp);

public sealed record AanvraagDetailJson(
    long Dossiernummer, string AanvraagId, StatusJson Status, int Versie, IReadOnlyList<HistorieJson> Historie,
    IReadOnlyList<BijlageDetailJson> Bijlagen, IReadOnlyList<WaarschuwingJson> Waarschuwingen);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AanvraagJson))]
[JsonSerializable(typeof(BijlagenJson))]
[JsonSerializable(typeof(AanvraagAntwoordJson))]
[JsonSerializable(typeof(AanvraagDetailJson))]
public sealed partial class EsisJsonContext : JsonSerializerContext;
