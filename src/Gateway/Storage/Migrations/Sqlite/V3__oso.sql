-- The OSR kept locally: which supplier (OIN) may speak for a school (mandaat), and where a school's dossiers are
-- fetched and terugkoppelingen sent (endpoint, by routeringskenmerk).
CREATE TABLE oso_mandaat (
    brin              text PRIMARY KEY,
    leverancier_oin   text NOT NULL,
    leverancier_naam  text NULL,
    geldig_vanaf      text NOT NULL,
    geldig_tot        text NULL,
    gewijzigd_op      text NOT NULL
);

CREATE TABLE oso_endpoint (
    routeringskenmerk  text PRIMARY KEY,
    brin               text NOT NULL,
    url                text NOT NULL,
    leverancier_oin    text NOT NULL,
    gewijzigd_op       text NOT NULL
);

-- One row per notificatie: the durable fetch job. koppelsleutel makes a repeated notificatie a no-op.
CREATE TABLE oso_notificatie (
    koppelsleutel           text PRIMARY KEY,
    bron_brin               text NOT NULL,
    bron_routeringskenmerk  text NOT NULL,
    doel_brin               text NOT NULL,
    doel_routeringskenmerk  text NOT NULL,
    leverancier_oin         text NOT NULL,
    message_id              text NOT NULL,
    toestand                text NOT NULL,
    pogingen                integer NOT NULL DEFAULT 0,
    volgende_poging_op      text NOT NULL,
    lease_eigenaar          text NULL,
    lease_tot               text NULL,
    laatste_fout            text NULL,
    ontvangen_op            text NOT NULL,
    afgerond_op             text NULL,
    dossiernummer           integer NULL
);
CREATE INDEX ix_oso_notificatie_due ON oso_notificatie (toestand, volgende_poging_op);
CREATE INDEX ix_oso_notificatie_brin ON oso_notificatie (bron_brin, ontvangen_op);

-- Replay memory: (signer OIN, wsa:MessageID) with the hash of what was received and the answer that was given.
CREATE TABLE oso_replay (
    oin           text NOT NULL,
    message_id    text NOT NULL,
    content_hash  text NOT NULL,
    bewaren_tot   text NOT NULL,
    PRIMARY KEY (oin, message_id)
);
CREATE INDEX ix_oso_replay_bewaren ON oso_replay (bewaren_tot);
