using Hulpvraag.Gateway.Storage;

namespace Hulpvraag.Gateway.Audit;

/// <summary>What <c>gateway audit verify</c> found: the chain holds, or the first entry that does not fit and why.</summary>
public sealed record AuditVerificatieUitkomst(bool Klopt, long AantalGeketend, long AantalOngeketend, AuditKetenKop Kop, long? FouteRegelId, long? FoutVolgnummer, string? Reden)
{
    public string Melding => Klopt
        ? $"Auditketen klopt: {AantalGeketend} geketende regel(s) (+{AantalOngeketend} van vóór de keten), kop #{Kop.KopVolgnummer} {Kop.KopHash}."
        : $"Auditketen verbroken bij regel {(FouteRegelId is null ? "?" : $"id {FouteRegelId}")}{(FoutVolgnummer is null ? "" : $" (volgnummer {FoutVolgnummer})")}: {Reden}";
}

/// <summary>Walks the chain from its anchor to its head and names the first entry that does not fit.</summary>
public sealed class AuditVerificatie(AuditStore store)
{
    public async Task<AuditVerificatieUitkomst> ControleerAsync(CancellationToken cancellationToken)
    {
        var kop = await store.KopAsync(cancellationToken);
        var ongeketend = await store.OngeketendAsync(cancellationToken);
        AuditVerificatieUitkomst Fout(long? id, long? volgnummer, string reden, long geketend) =>
            new(false, geketend, ongeketend.Aantal, kop, id, volgnummer, reden);

        // Entries from before the chain may only be the ones that were there when it started (retention may remove some).
        if (ongeketend.EersteNaGrens is { } ingevoegd)
        {
            return Fout(ingevoegd, null, "regel zonder hash na het begin van de keten (ingevoegd buiten de gateway)", 0);
        }

        if (ongeketend.Aantal > kop.OngeketendAantal)
        {
            return Fout(null, null, $"{ongeketend.Aantal} regels van vóór de keten, verwacht ten hoogste {kop.OngeketendAantal} (ingevoegd)", 0);
        }

        var verwacht = kop.AnkerVolgnummer + 1;
        var vorige = kop.AnkerHash;
        long aantal = 0;
        await foreach (var r in store.KetenAsync(cancellationToken))
        {
            if (r.Volgnummer is not { } volgnummer || volgnummer < verwacht)
            {
                return Fout(r.Id, r.Volgnummer, $"volgnummer {r.Volgnummer} hoort niet in de keten (verwacht {verwacht}; ingevoegd of vóór het anker)", aantal);
            }

            if (volgnummer > kop.KopVolgnummer)
            {
                return Fout(r.Id, volgnummer, $"regel na de kop #{kop.KopVolgnummer} (ingevoegd buiten de gateway)", aantal);
            }

            if (volgnummer > verwacht)
            {
                return Fout(r.Id, volgnummer, $"regel(s) {verwacht}..{volgnummer - 1} ontbreken vóór deze regel (verwijderd)", aantal);
            }

            if (!string.Equals(r.VorigeHash, vorige, StringComparison.Ordinal))
            {
                return Fout(r.Id, volgnummer, "de vorige hash past niet bij de regel ervoor (vervangen of ingevoegd)", aantal);
            }

            var hash = AuditKeten.Hash(volgnummer, r.Op, r.Actor, r.Actie, r.Onderwerp, r.Details, vorige);
            if (!string.Equals(r.Hash, hash, StringComparison.Ordinal))
            {
                return Fout(r.Id, volgnummer, "inhoud past niet bij de hash (gewijzigd)", aantal);
            }

            vorige = hash;
            verwacht++;
            aantal++;
        }

        if (verwacht - 1 != kop.KopVolgnummer || !string.Equals(vorige, kop.KopHash, StringComparison.Ordinal))
        {
            return Fout(null, verwacht, $"de keten eindigt bij #{verwacht - 1} maar de kop staat op #{kop.KopVolgnummer} (laatste regel(s) verwijderd of kop gewijzigd)", aantal);
        }

        return new AuditVerificatieUitkomst(true, aantal, ongeketend.Aantal, kop, null, null, null);
    }
}
