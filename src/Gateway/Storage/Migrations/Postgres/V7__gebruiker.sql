-- People who sign in to /beheer with a local account (helpdesk, back office, admin). Only a slow salted hash of
-- the password and a SHA-256 of the one-time activation token are kept; e-mail is stored lower-case.
CREATE TABLE gebruiker (
    id                    text PRIMARY KEY,
    email                 text NOT NULL UNIQUE,
    naam                  text NOT NULL,
    rol                   text NOT NULL,
    wachtwoord_hash       text NULL,
    totp_geheim           text NULL,
    totp_laatste_stap     bigint NULL,
    activatie_hash        text NULL UNIQUE,
    activatie_geldig_tot  timestamptz NULL,
    geactiveerd_op        timestamptz NULL,
    mislukte_pogingen     integer NOT NULL DEFAULT 0,
    geblokkeerd_tot       timestamptz NULL,
    gedeactiveerd_op      timestamptz NULL,
    laatst_aangemeld_op   timestamptz NULL,
    sessie_versie         integer NOT NULL DEFAULT 0,
    aangemaakt_op         timestamptz NOT NULL
);

-- Keyset paging of the Hulpvragen page (newest first) and the search on the school's referentie.
CREATE INDEX ix_hulpvraag_ontvangen ON hulpvraag (ontvangen_op, dossiernummer);
CREATE INDEX ix_hulpvraag_referentie ON hulpvraag (referentie);

-- The Hulpvraag page lists the deliveries and audit entries of one hulpvraag.
CREATE INDEX IF NOT EXISTS ix_beheer_callback_dossier ON callback (dossiernummer);
CREATE INDEX IF NOT EXISTS ix_beheer_audit_onderwerp ON audit (onderwerp, id);
