using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hulpvraag.Adapters.Esis.Registraties;
using Hulpvraag.Adapters.ParnasSys.Koppeling;
using Hulpvraag.Core.Fouten;
using Hulpvraag.Core.Statussen;
using Hulpvraag.Gateway.Admin;
using Hulpvraag.Gateway.Hosting;
using Hulpvraag.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hulpvraag.Gateway.Cli;

/// <summary>
/// The <c>gateway</c> program. Tokens the parser does not know are passed on as configuration, so every setting is
/// reachable from the command line (<c>gateway migrate --Storage:Provider postgres</c>).
/// </summary>
public static class GatewayCli
{
    public const int Ok = 0;
    public const int Gebruik = 1;
    public const int Geweigerd = 2;
    public const int NietGevonden = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextReader? input = null)
    {
        var uit = output ?? Console.Out;
        var jsonOption = new Option<bool>("--json") { Description = "Machine-readable output", Recursive = true };

        var root = new RootCommand("Hulpvraag Gateway: receives hulpvragen from ParnasSys (OSO) and Esis for the samenwerkingsverband.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Options.Add(jsonOption);

        var serve = new Command("serve", "Run the gateway (the default).") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction((pr, ct) => ServeAsync(pr.UnmatchedTokens.ToArray(), ct));
        root.SetAction((pr, ct) => ServeAsync(pr.UnmatchedTokens.ToArray(), ct));
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Apply database migrations and exit.") { TreatUnmatchedTokensAsErrors = false };
        migrate.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, _) =>
        {
            uit.WriteLine($"Database is bijgewerkt ({sp.GetRequiredService<DbConnectionFactory>().Provider}).");
            await Task.CompletedTask;
            return Ok;
        }));
        root.Subcommands.Add(migrate);

        root.Subcommands.Add(ApiKeyCommand(jsonOption, uit));
        root.Subcommands.Add(StatusCommand(jsonOption, uit));
        root.Subcommands.Add(EsisCommand(jsonOption, uit, input ?? Console.In));
        root.Subcommands.Add(OsoCommand(jsonOption, uit));
        root.Subcommands.Add(HulpvraagCommand(jsonOption, uit));
        root.Subcommands.Add(DiagnoseCommand(jsonOption, uit));
        return root.Parse(args).InvokeAsync();
    }

    private static Command ApiKeyCommand(Option<bool> json, TextWriter uit)
    {
        var apikey = new Command("apikey", "Manage admin API keys.");

        var naam = new Option<string>("--naam") { Description = "Who or what the key is for", Required = true };
        var rol = new Option<string>("--rol") { Description = "helpdesk, backoffice or admin", Required = true };
        rol.AcceptOnlyFromAmong([.. Rollen.Alle]);
        var create = new Command("create", "Create a key; it is shown once.") { TreatUnmatchedTokensAsErrors = false };
        create.Options.Add(naam);
        create.Options.Add(rol);
        create.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            var sleutel = await sp.GetRequiredService<ApiKeyStore>().MaakAsync(pr.GetValue(naam)!, pr.GetValue(rol)!, "cli", token);
            if (pr.GetValue(json))
            {
                uit.WriteLine(JsonSerializer.Serialize(new { sleutel.Info.Id, sleutel.Info.Naam, sleutel.Info.Rol, sleutel = sleutel.Sleutel }, Json));
            }
            else
            {
                uit.WriteLine($"Sleutel {sleutel.Info.Id} ({sleutel.Info.Naam}, rol {sleutel.Info.Rol}) aangemaakt. Bewaar hem nu; hij wordt niet opnieuw getoond:");
                uit.WriteLine(sleutel.Sleutel);
            }

            return Ok;
        }));

        var list = new Command("list", "List keys (never the keys themselves).") { TreatUnmatchedTokensAsErrors = false };
        list.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            var lijst = await sp.GetRequiredService<ApiKeyStore>().LijstAsync(token);
            if (pr.GetValue(json))
            {
                uit.WriteLine(JsonSerializer.Serialize(lijst, Json));
            }
            else
            {
                foreach (var k in lijst)
                {
                    uit.WriteLine($"{k.Id}  {k.Rol,-10}  {k.Naam}  aangemaakt {k.AangemaaktOp:yyyy-MM-dd}{(k.IngetrokkenOp is null ? "" : $"  INGETROKKEN {k.IngetrokkenOp:yyyy-MM-dd}")}");
                }
            }

            return Ok;
        }));

        var id = new Argument<string>("id") { Description = "The key id (first part after hgw_)" };
        var revoke = new Command("revoke", "Revoke a key at once.") { TreatUnmatchedTokensAsErrors = false };
        revoke.Arguments.Add(id);
        revoke.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            var ok = await sp.GetRequiredService<ApiKeyStore>().TrekInAsync(pr.GetValue(id)!, "cli", token);
            uit.WriteLine(ok ? "Sleutel ingetrokken." : "Geen actieve sleutel met dit id.");
            return ok ? Ok : NietGevonden;
        }));

        apikey.Subcommands.Add(create);
        apikey.Subcommands.Add(list);
        apikey.Subcommands.Add(revoke);
        return apikey;
    }

    private static Command EsisCommand(Option<bool> json, TextWriter uit, TextReader invoer)
    {
        var esis = new Command("esis", "Esis verification codes (the helpdesk's 'koppeling activeren').");

        var brin = new Option<string>("--brin") { Description = "BRIN, e.g. 12AB", Required = true };
        var vestiging = new Option<string>("--vestiging") { Description = "Vestiging, e.g. 00", Required = true };
        var omgeving = new Option<string>("--omgeving") { Description = "Esis environment", DefaultValueFactory = _ => "productie" };
        var callbackUrl = new Option<string>("--callback-url") { Description = "Where status callbacks go", Required = true };
        var email = new Option<string?>("--contact-email") { Description = "The school's contact" };
        var register = new Command("register", "Register a verification code; the code is read from standard input, never from the command line.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        register.Options.Add(brin);
        register.Options.Add(vestiging);
        register.Options.Add(omgeving);
        register.Options.Add(callbackUrl);
        register.Options.Add(email);
        register.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            // Command lines end up in shell history and process lists; standard input does not.
            var code = (await invoer.ReadLineAsync(token))?.Trim();
            var r = await sp.GetRequiredService<RegistratieService>().RegistreerAsync(
                new RegistratieVerzoek(pr.GetValue(brin), pr.GetValue(vestiging), pr.GetValue(omgeving), code, pr.GetValue(callbackUrl), pr.GetValue(email)),
                "cli:" + Environment.UserName, token);
            if (!r.IsSuccess)
            {
                Schrijf(uit, pr.GetValue(json), r.Fouten);
                return Geweigerd;
            }

            uit.WriteLine(pr.GetValue(json)
                ? JsonSerializer.Serialize(r.Value, Json)
                : $"Registratie {r.Value!.Registratie.Id} voor {r.Value.Registratie.Brin}{r.Value.Registratie.Vestiging} ({r.Value.Registratie.Omgeving}) aangemaakt.\nCallback-secret (alleen nu zichtbaar; geef het aan Esis): {r.Value.CallbackSecret}");
            return Ok;
        }));

        var filter = new Option<string?>("--brin") { Description = "Only this BRIN" };
        var list = new Command("list", "List registrations (never codes or secrets).") { TreatUnmatchedTokensAsErrors = false };
        list.Options.Add(filter);
        list.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            var lijst = await sp.GetRequiredService<RegistratieService>().LijstAsync(pr.GetValue(filter)?.ToUpperInvariant(), token);
            if (pr.GetValue(json))
            {
                uit.WriteLine(JsonSerializer.Serialize(lijst, Json));
                return Ok;
            }

            foreach (var r in lijst)
            {
                uit.WriteLine($"{r.Id}  {r.Brin}{r.Vestiging}  {r.Omgeving,-10}  {r.CallbackUrl}  laatst gebruikt {r.LaatstGebruiktOp?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "nooit"}{(r.GeldigTot is null ? "" : "  INGETROKKEN")}");
            }

            return Ok;
        }));

        var id = new Argument<Guid>("id") { Description = "Registration id" };
        var revoke = new Command("revoke", "Revoke a registration at once.") { TreatUnmatchedTokensAsErrors = false };
        revoke.Arguments.Add(id);
        revoke.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            var r = await sp.GetRequiredService<RegistratieService>().TrekInAsync(pr.GetValue(id), "cli:" + Environment.UserName, token);
            uit.WriteLine(r.IsSuccess ? "Registratie ingetrokken." : r.Fouten[0].Melding);
            return r.IsSuccess ? Ok : NietGevonden;
        }));

        esis.Subcommands.Add(register);
        esis.Subcommands.Add(list);
        esis.Subcommands.Add(revoke);
        return esis;
    }

    private static Command OsoCommand(Option<bool> json, TextWriter uit)
    {
        var oso = new Command("oso", "The local OSR: mandates and endpoints.");

        var brin = new Option<string>("--brin") { Description = "BRIN, e.g. 12AB", Required = true };
        var oin = new Option<string>("--leverancier-oin") { Description = "Supplier OIN (20 characters)", Required = true };
        var naam = new Option<string?>("--leverancier-naam") { Description = "Supplier name, e.g. Topicus" };
        var mandaatSet = new Command("set", "Register or change the mandate for a BRIN.") { TreatUnmatchedTokensAsErrors = false };
        mandaatSet.Options.Add(brin);
        mandaatSet.Options.Add(oin);
        mandaatSet.Options.Add(naam);
        mandaatSet.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            var r = await sp.GetRequiredService<OsoRegisterService>().ZetMandaatAsync(pr.GetValue(brin), pr.GetValue(oin), pr.GetValue(naam), null, null, "cli:" + Environment.UserName, token);
            return Toon(uit, pr.GetValue(json), r, m => $"Mandaat voor {m.Brin}: leverancier {m.LeverancierOin}.");
        }));
        var mandaatList = new Command("list", "List mandates.") { TreatUnmatchedTokensAsErrors = false };
        mandaatList.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            var lijst = await sp.GetRequiredService<IOsoRegister>().MandatenAsync(token);
            uit.WriteLine(pr.GetValue(json) ? JsonSerializer.Serialize(lijst, Json) : string.Join(Environment.NewLine, lijst.Select(m => $"{m.Brin}  {m.LeverancierOin}  {m.LeverancierNaam}")));
            return Ok;
        }));
        var removeBrin = new Argument<string>("brin");
        var mandaatRemove = new Command("remove", "Remove the mandate of a BRIN.") { TreatUnmatchedTokensAsErrors = false };
        mandaatRemove.Arguments.Add(removeBrin);
        mandaatRemove.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
            await sp.GetRequiredService<OsoRegisterService>().VerwijderMandaatAsync(pr.GetValue(removeBrin)!, "cli:" + Environment.UserName, token) ? Ok : NietGevonden));
        var mandaat = new Command("mandaat", "Mandates: which supplier may speak for a school.");
        mandaat.Subcommands.Add(mandaatSet);
        mandaat.Subcommands.Add(mandaatList);
        mandaat.Subcommands.Add(mandaatRemove);

        var kenmerk = new Option<string>("--kenmerk") { Description = "Routeringskenmerk (20 characters)", Required = true };
        var url = new Option<string>("--url") { Description = "The school's OSO endpoint", Required = true };
        var endpointBrin = new Option<string>("--brin") { Description = "BRIN, e.g. 12AB", Required = true };
        var endpointOin = new Option<string>("--leverancier-oin") { Description = "Supplier OIN", Required = true };
        var endpointSet = new Command("set", "Register or change an endpoint.") { TreatUnmatchedTokensAsErrors = false };
        endpointSet.Options.Add(kenmerk);
        endpointSet.Options.Add(endpointBrin);
        endpointSet.Options.Add(url);
        endpointSet.Options.Add(endpointOin);
        endpointSet.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            var r = await sp.GetRequiredService<OsoRegisterService>().ZetEndpointAsync(pr.GetValue(kenmerk), pr.GetValue(endpointBrin), pr.GetValue(url), pr.GetValue(endpointOin), "cli:" + Environment.UserName, token);
            return Toon(uit, pr.GetValue(json), r, e => $"Endpoint {e.RouteringsKenmerk} ({e.Brin}): {e.Url}.");
        }));
        var endpointList = new Command("list", "List endpoints.") { TreatUnmatchedTokensAsErrors = false };
        endpointList.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            var lijst = await sp.GetRequiredService<IOsoRegister>().EndpointsAsync(token);
            uit.WriteLine(pr.GetValue(json) ? JsonSerializer.Serialize(lijst, Json) : string.Join(Environment.NewLine, lijst.Select(e => $"{e.RouteringsKenmerk}  {e.Brin}  {e.Url}  {e.LeverancierOin}")));
            return Ok;
        }));
        var removeKenmerk = new Argument<string>("kenmerk");
        var endpointRemove = new Command("remove", "Remove an endpoint.") { TreatUnmatchedTokensAsErrors = false };
        endpointRemove.Arguments.Add(removeKenmerk);
        endpointRemove.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
            await sp.GetRequiredService<OsoRegisterService>().VerwijderEndpointAsync(pr.GetValue(removeKenmerk)!, "cli:" + Environment.UserName, token) ? Ok : NietGevonden));
        var endpoint = new Command("endpoint", "Endpoints: where a school's dossiers are fetched.");
        endpoint.Subcommands.Add(endpointSet);
        endpoint.Subcommands.Add(endpointList);
        endpoint.Subcommands.Add(endpointRemove);

        oso.Subcommands.Add(mandaat);
        oso.Subcommands.Add(endpoint);
        return oso;
    }

    private static Command HulpvraagCommand(Option<bool> json, TextWriter uit)
    {
        var nummer = new Argument<long>("dossiernummer");
        var show = new Command("show", "Show one hulpvraag with its history and attachments.") { TreatUnmatchedTokensAsErrors = false };
        show.Arguments.Add(nummer);
        show.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            var h = await sp.GetRequiredService<Core.Ports.IHulpvraagStore>().FindByDossiernummerAsync(pr.GetValue(nummer), token);
            if (h is null)
            {
                uit.WriteLine($"Geen hulpvraag met dossiernummer {pr.GetValue(nummer)}.");
                return NietGevonden;
            }

            if (pr.GetValue(json))
            {
                uit.WriteLine(JsonSerializer.Serialize(HulpvraagDto.Van(h), Json));
                return Ok;
            }

            uit.WriteLine($"Dossier {h.Dossiernummer} ({h.Bron.Systeem} {h.Bron.Brin}{h.Bron.Vestiging}, kenmerk {h.Bron.Referentie}), versie {h.Versie}");
            uit.WriteLine($"  Titel:   {h.TitelOrigineel} ({h.Titel})");
            uit.WriteLine($"  Status:  {StatusCatalogus.Weergave(h.Status.Code, h.Status.Kwalificatie)} sinds {h.Status.Sinds:yyyy-MM-dd HH:mm}{(h.Status.Toelichting is null ? "" : $" – {h.Status.Toelichting}")}");
            uit.WriteLine($"  Contact: {h.Aanvrager.Naam} {h.Aanvrager.Email}");
            foreach (var s in h.StatusHistorie)
            {
                uit.WriteLine($"  {s.Op:yyyy-MM-dd HH:mm}  {s.Van ?? "-"} -> {StatusCatalogus.Weergave(s.Naar, s.Kwalificatie)}  ({s.Door})");
            }

            foreach (var b in h.Bijlagen)
            {
                uit.WriteLine($"  bijlage {b.Id}  {b.Categorie,-30} {b.Grootte,10:N0} B  {b.Bestandsnaam}");
            }

            foreach (var w in h.Waarschuwingen)
            {
                uit.WriteLine($"  waarschuwing {w.Code}: {w.Melding}");
            }

            return Ok;
        }));
        var hulpvraag = new Command("hulpvraag", "Read hulpvragen.");
        hulpvraag.Subcommands.Add(show);
        return hulpvraag;
    }

    private static Command DiagnoseCommand(Option<bool> json, TextWriter uit)
    {
        var brin = new Option<string>("--brin") { Description = "BRIN of the school", Required = true };
        var dagen = new Option<int>("--dagen") { Description = "How far back", DefaultValueFactory = _ => 30 };
        var diagnose = new Command("diagnose", "Everything that arrived from a school: accepted or refused (code and text), OSO fetches, callbacks.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        diagnose.Options.Add(brin);
        diagnose.Options.Add(dagen);
        diagnose.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            var b = pr.GetValue(brin)!.Trim().ToUpperInvariant();
            var vanaf = sp.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-pr.GetValue(dagen));
            var beheer = sp.GetRequiredService<BeheerStore>();
            var ontvangen = await beheer.OntvangstenAsync(b, vanaf, token);
            var notificaties = await beheer.NotificatiesAsync(null, b, vanaf, token);
            var callbacks = await sp.GetRequiredService<Outbox.OutboxStore>().ZoekAsync(null, null, b, 200, token);
            if (pr.GetValue(json))
            {
                uit.WriteLine(JsonSerializer.Serialize(new { ontvangen, notificaties, callbacks }, Json));
                return Ok;
            }

            uit.WriteLine($"School {b}, sinds {vanaf:yyyy-MM-dd}:");
            foreach (var o in ontvangen)
            {
                uit.WriteLine($"  {o.Op:yyyy-MM-dd HH:mm}  {o.Systeem,-9} {o.Referentie,-20} {o.Uitkomst,-11} {(o.Dossiernummer is null ? "" : $"dossier {o.Dossiernummer} ")}{o.Foutcode} {o.Melding}");
            }

            foreach (var n in notificaties)
            {
                uit.WriteLine($"  OSO {n.OntvangenOp:yyyy-MM-dd HH:mm}  {n.Koppelsleutel}  {n.Toestand} (pogingen {n.Pogingen}) {n.LaatsteFout}");
            }

            foreach (var c in callbacks)
            {
                uit.WriteLine($"  callback {c.Id} {c.AangemaaktOp:yyyy-MM-dd HH:mm}  {c.Systeem} {c.Referentie}  {c.StatusCode} -> {c.Toestand} (pogingen {c.Pogingen}) {c.LaatsteFout}");
            }

            if (ontvangen.Count + notificaties.Count + callbacks.Count == 0)
            {
                uit.WriteLine("  Niets ontvangen in deze periode.");
            }

            return Ok;
        }));
        return diagnose;
    }

    private static int Toon<T>(TextWriter uit, bool json, Result<T> r, Func<T, string> tekst)
    {
        if (!r.IsSuccess)
        {
            Schrijf(uit, json, r.Fouten);
            return Geweigerd;
        }

        uit.WriteLine(json ? JsonSerializer.Serialize(r.Value, Json) : tekst(r.Value!));
        return Ok;
    }

    private static void Schrijf(TextWriter uit, bool json, IReadOnlyList<Fout> fouten)
    {
        foreach (var f in fouten)
        {
            uit.WriteLine(json ? JsonSerializer.Serialize(f, Json) : $"{f.Code}{(f.Regel is null ? "" : $" ({f.Regel})")}: {f.Melding}");
        }
    }

    private static Command StatusCommand(Option<bool> json, TextWriter uit)
    {
        var dossier = new Option<long>("--dossier") { Description = "Dossiernummer", Required = true };
        var code = new Option<string>("--status") { Description = "Status code, e.g. dossier-incompleet", Required = true };
        var kwalificatie = new Option<string?>("--kwalificatie") { Description = "The [functie] / [nadere aanduiding] part" };
        var toelichting = new Option<string?>("--toelichting") { Description = "The reason shown to the school" };
        var heropenen = new Option<bool>("--heropenen") { Description = "Reopen a final status (to aanmelding)" };
        var set = new Command("set", "Change the status of a hulpvraag; the school's system is called back.") { TreatUnmatchedTokensAsErrors = false };
        set.Options.Add(dossier);
        set.Options.Add(code);
        set.Options.Add(kwalificatie);
        set.Options.Add(toelichting);
        set.Options.Add(heropenen);
        set.SetAction((pr, ct) => MetDienstenAsync(pr, uit, ct, async (sp, token) =>
        {
            var resultaat = await sp.GetRequiredService<StatusService>().WijzigAsync(pr.GetValue(dossier),
                new StatusWijzigingVerzoek(pr.GetValue(code)!, pr.GetValue(kwalificatie), pr.GetValue(toelichting), pr.GetValue(heropenen), null),
                "cli:" + Environment.UserName, token);
            if (!resultaat.IsSuccess)
            {
                foreach (var f in resultaat.Fouten)
                {
                    uit.WriteLine(pr.GetValue(json) ? JsonSerializer.Serialize(f, Json) : $"{f.Code}{(f.Regel is null ? "" : $" ({f.Regel})")}: {f.Melding}");
                }

                return resultaat.Code == FoutCodes.DossierOnbekend ? NietGevonden : Geweigerd;
            }

            var h = resultaat.Value!;
            uit.WriteLine(pr.GetValue(json)
                ? JsonSerializer.Serialize(HulpvraagDto.Van(h), Json)
                : $"Dossier {h.Dossiernummer}: {StatusCatalogus.Weergave(h.Status.Code, h.Status.Kwalificatie)} (versie {h.Versie}).");
            return Ok;
        }));

        var status = new Command("status", "Status changes.");
        status.Subcommands.Add(set);
        return status;
    }

    private static async Task<int> ServeAsync(string[] configArgs, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = GatewayServer.Build(configArgs);
            await app.RunAsync(cancellationToken);
            return Ok;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Ongeldige configuratie: {string.Join(" ", ex.Failures)}");
            return Gebruik;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"Ongeldige configuratie: {ex.Message}");
            return Gebruik;
        }
    }

    /// <summary>Builds the services a CLI command needs (no web server, no dispatcher), validates options, migrates, runs.</summary>
    private static async Task<int> MetDienstenAsync(
        ParseResult pr, TextWriter uit, CancellationToken cancellationToken, Func<IServiceProvider, CancellationToken, Task<int>> actie)
    {
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = pr.UnmatchedTokens.ToArray(),
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Services.AddGatewayLogging(builder.Configuration, cli: true);
            builder.Services.AddGatewayCore(builder.Configuration);
            builder.Services.AddGatewayEsis(builder.Configuration);
            using var host = builder.Build();
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            await host.Services.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
            return await actie(host.Services, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            await uit.WriteLineAsync($"Ongeldige configuratie: {string.Join(" ", ex.Failures)}");
            return Gebruik;
        }
    }
}
