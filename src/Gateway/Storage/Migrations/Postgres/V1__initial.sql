-- Dossiernummers are issued by a sequence so several instances never hand out the same number.
CREATE SEQUENCE dossiernummer_seq START WITH 1000;

CREATE TABLE hulpvraag (
    dossiernummer         bigint PRIMARY KEY DEFAULT nextval('dossiernummer_seq'),
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
    status_sinds          timestamptz NOT NULL,
    ontvangen_op          timestamptz NOT NULL,
    bijgewerkt_op         timestamptz NOT NULL,
    versie                integer NOT NULL,
    CONSTRAINT uq_hulpvraag_bron UNIQUE (systeem, brin, referentie)
);
CREATE INDEX ix_hulpvraag_status ON hulpvraag (status_code, ontvangen_op);
CREATE INDEX ix_hulpvraag_brin ON hulpvraag (brin, vestiging, ontvangen_op);

CREATE TABLE statushistorie (
    id             bigserial PRIMARY KEY,
    dossiernummer  bigint NOT NULL REFERENCES hulpvraag (dossiernummer),
    van            text NULL,
    naar           text NOT NULL,
    kwalificatie   text NULL,
    toelichting    text NULL,
    door           text NOT NULL,
    op             timestamptz NOT NULL
);
CREATE INDEX ix_statushistorie_dossier ON statushistorie (dossiernummer, id);

-- Content is stored once per sha256, whatever the number of hulpvragen or names that point at it.
CREATE TABLE bijlage_inhoud (
    sha256   text PRIMARY KEY,
    grootte  bigint NOT NULL,
    inhoud   bytea NOT NULL
);

CREATE TABLE bijlage (
    id             uuid PRIMARY KEY,
    dossiernummer  bigint NOT NULL REFERENCES hulpvraag (dossiernummer),
    bestandsnaam   text NOT NULL,
    omschrijving   text NULL,
    categorie      text NOT NULL,
    content_type   text NOT NULL,
    grootte        bigint NOT NULL,
    sha256         text NOT NULL REFERENCES bijlage_inhoud (sha256),
    ontvangen_op   timestamptz NOT NULL,
    CONSTRAINT uq_bijlage_inhoud_naam UNIQUE (dossiernummer, sha256, bestandsnaam)
);

-- The outbox. id orders the callbacks of one volgorde_sleutel (one hulpvraag at its source).
CREATE TABLE callback (
    id                  bigserial PRIMARY KEY,
    gebeurtenis_id      uuid NOT NULL UNIQUE,
    volgorde_sleutel    text NOT NULL,
    soort               text NOT NULL,
    systeem             text NOT NULL,
    kanaal              text NULL,
    referentie          text NOT NULL,
    brin                text NOT NULL,
    vestiging           text NOT NULL,
    dossiernummer       bigint NULL,
    status_code         text NULL,
    weergave            text NULL,
    kwalificatie        text NULL,
    toelichting         text NULL,
    foutcode            text NULL,
    gewijzigd_op        timestamptz NOT NULL,
    toestand            text NOT NULL,
    pogingen            integer NOT NULL DEFAULT 0,
    volgende_poging_op  timestamptz NOT NULL,
    lease_eigenaar      text NULL,
    lease_tot           timestamptz NULL,
    laatste_fout        text NULL,
    aangemaakt_op       timestamptz NOT NULL,
    afgeleverd_op       timestamptz NULL
);
CREATE INDEX ix_callback_due ON callback (toestand, volgende_poging_op) WHERE toestand = 'wachtend';
CREATE INDEX ix_callback_volgorde ON callback (volgorde_sleutel, id);

CREATE TABLE ontvangst (
    id             bigserial PRIMARY KEY,
    op             timestamptz NOT NULL,
    systeem        text NOT NULL,
    brin           text NULL,
    vestiging      text NULL,
    referentie     text NULL,
    uitkomst       text NOT NULL,
    dossiernummer  bigint NULL,
    foutcode       text NULL,
    melding        text NULL
);
CREATE INDEX ix_ontvangst_brin ON ontvangst (brin, op);

CREATE TABLE audit (
    id         bigserial PRIMARY KEY,
    op         timestamptz NOT NULL,
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
    aangemaakt_op       timestamptz NOT NULL,
    ingetrokken_op      timestamptz NULL,
    laatst_gebruikt_op  timestamptz NULL
);
