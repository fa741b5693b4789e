-- SQLite has no sequences: AUTOINCREMENT never reuses a number, and sqlite_sequence is seeded below so
-- dossiernummers start at 1000 as on PostgreSQL.

CREATE TABLE hulpvraag (
    dossiernummer         INTEGER PRIMARY KEY AUTOINCREMENT,
    systeem               text NOT NULL,
    brin                  text NOT NULL,
    vestiging             text NOT NULL,
    referentie            text NOT NULL,
    kanaal                text NULL,
    samenwerkingsverband  text NOT NULL,
    titel                 text NOT NULL,
    titel_origineel       text NOT NULL,
    omschrijving          text NOT NULL,
    niveau                text NOT NULL,
    leerling_json         text NULL,
    aanvrager_json        text NOT NULL,
    waarschuwingen_json   text NOT NULL,
    status_code           text NOT NULL,
    status_kwalificatie   text NULL,
    status_toelichting    text NULL,
    status_sinds          text NOT NULL,
    ontvangen_op          text NOT NULL,
    bijgewerkt_op         text NOT NULL,
    versie                integer NOT NULL,
    CONSTRAINT uq_hulpvraag_bron UNIQUE (systeem, brin, referentie)
);
CREATE INDEX ix_hulpvraag_status ON hulpvraag (status_code, ontvangen_op);
CREATE INDEX ix_hulpvraag_brin ON hulpvraag (brin, vestiging, ontvangen_op);

CREATE TABLE statushistorie (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    dossiernummer  integer NOT NULL REFERENCES hulpvraag (dossiernummer),
    van            text NULL,
    naar           text NOT NULL,
    kwalificatie   text NULL,
    toelichting    text NULL,
    door           text NOT NULL,
    op             text NOT NULL
);
CREATE INDEX ix_statushistorie_dossier ON statushistorie (dossiernummer, id);

-- Content is stored once per sha256, whatever the number of hulpvragen or names that point at it.
CREATE TABLE bijlage_inhoud (
    sha256   text PRIMARY KEY,
    grootte  integer NOT NULL,
    inhoud   blob NOT NULL
);

CREATE TABLE bijlage (
    id             text PRIMARY KEY,
    dossiernummer  integer NOT NULL REFERENCES hulpvraag (dossiernummer),
    bestandsnaam   text NOT NULL,
    omschrijving   text NULL,
    categorie      text NOT NULL,
    content_type   text NOT NULL,
    grootte        integer NOT NULL,
    sha256         text NOT NULL REFERENCES bijlage_inhoud (sha256),
    ontvangen_op   text NOT NULL,
    CONSTRAINT uq_bijlage_inhoud_naam UNIQUE (dossiernummer, sha256, bestandsnaam)
);

-- The outbox. id orders the callbacks of one volgorde_sleutel (one hulpvraag at its source).
CREATE TABLE callback (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    gebeurtenis_id      text NOT NULL UNIQUE,
    volgorde_sleutel    text NOT NULL,
    soort               text NOT NULL,
    systeem             text NOT NULL,
    kanaal              text NULL,
    referentie          text NOT NULL,
    brin                text NOT NULL,
    vestiging           text NOT NULL,
    dossiernummer       integer NULL,
    status_code         text NULL,
    weergave            text NULL,
    kwalificatie        text NULL,
    toelichting         text NULL,
    foutcode            text NULL,
    gewijzigd_op        text NOT NULL,
    toestand            text NOT NULL,
    pogingen            integer NOT NULL DEFAULT 0,
    volgende_poging_op  text NOT NULL,
    lease_eigenaar      text NULL,
    lease_tot           text NULL,
    laatste_fout        text NULL,
    aangemaakt_op       text NOT NULL,
    afgeleverd_op       text NULL
);
CREATE INDEX ix_callback_due ON callback (toestand, volgende_poging_op) WHERE toestand = 'wachtend';
CREATE INDEX ix_callback_volgorde ON callback (volgorde_sleutel, id);

CREATE TABLE ontvangst (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    op             text NOT NULL,
    systeem        text NOT NULL,
    brin           text NULL,
    vestiging      text NULL,
    referentie     text NULL,
    uitkomst       text NOT NULL,
    dossiernummer  integer NULL,
    foutcode       text NULL,
    melding        text NULL
);
CREATE INDEX ix_ontvangst_brin ON ontvangst (brin, op);

CREATE TABLE audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    op         text NOT NULL,
    actor      text NOT NULL,
    actie      text NOT NULL,
    onderwerp  text NOT NULL,
    details    text NULL
);
CREATE INDEX ix_audit_op ON audit (op);

CREATE TABLE api_sleutel (
    id                  text PRIMARY KEY,
    naam                text NOT NULL,
    rol                 text NOT NULL,
    hash                text NOT NULL,
    aangemaakt_op       text NOT NULL,
    ingetrokken_op      text NULL,
    laatst_gebruikt_op  text NULL
);

INSERT INTO sqlite_sequence (name, seq) VALUES ('hulpvraag', 999);
