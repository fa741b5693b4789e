using Hulpvraag.Gateway.Admin;

namespace Hulpvraag.Gateway.Application;

/// <summary>What an action needs: the admin API's policies and the helpdesk pages' roles map onto these.</summary>
public enum Bevoegdheid
{
    /// <summary>Reading hulpvragen, deliveries and diagnoses: every role.</summary>
    Lezen,

    /// <summary>Registrations, mandates, endpoints, re-drives: helpdesk and admin.</summary>
    Helpdesk,

    /// <summary>Status changes and the personeelswissel: backoffice and admin.</summary>
    Backoffice,

    /// <summary>API keys and the audit trail: admin only.</summary>
    Admin,
}

/// <summary>
/// Who performs an application action: an API key today, a signed-in person on the helpdesk pages, the operator at the
/// CLI. The services check <see cref="Mag"/> themselves (the edge's policy is the first check, not the only one) and
/// write <see cref="Naam"/> into the audit entry and status history.
/// </summary>
public interface ICurrentActor
{
    /// <summary>As recorded in audit and history, e.g. <c>apikey:ab12… (helpdesk-1)</c>, <c>persoon:… (Naam)</c>, <c>cli:beheer</c>. Never a secret.</summary>
    string Naam { get; }

    bool Mag(Bevoegdheid bevoegdheid);
}

/// <summary>The roles of the spec (helpdesk, backoffice, admin) and what each may do.</summary>
public static class RolBevoegdheden
{
    public static bool Mag(string? rol, Bevoegdheid bevoegdheid) => (rol, bevoegdheid) switch
    {
        (Rollen.Admin, _) => true,
        (Rollen.Helpdesk or Rollen.Backoffice, Bevoegdheid.Lezen) => true,
        (Rollen.Helpdesk, Bevoegdheid.Helpdesk) => true,
        (Rollen.Backoffice, Bevoegdheid.Backoffice) => true,
        _ => false,
    };
}

/// <summary>An actor with one role of the spec: an API key, or the CLI operator (role admin: a shell on the server can do everything).</summary>
public sealed record RolActor(string Naam, string Rol) : ICurrentActor
{
    public bool Mag(Bevoegdheid bevoegdheid) => RolBevoegdheden.Mag(Rol, bevoegdheid);

    /// <summary>The operator at the command line, named after the OS account.</summary>
    public static RolActor Cli(string gebruiker) => new($"cli:{gebruiker}", Rollen.Admin);
}
