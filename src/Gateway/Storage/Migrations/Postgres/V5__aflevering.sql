-- The outbox knows channels, not source systems: one delivery row per message, whatever the channel (Esis callback,
-- OSO terugkoppeling, e-mail). The channel's own fields travel in payload (JSON text); the columns are what the queue
-- needs: order key (kanaal + volgorde_sleutel), destination key (circuit breaker, slow limit) and state.
CREATE TABLE aflevering (
    id                  bigserial PRIMARY KEY,
    gebeurtenis_id      uuid NOT NULL UNIQUE,
    kanaal              text NOT NULL,
    dossiernummer       bigint NULL,
    volgorde_sleutel    text NOT NULL,
    bestemming          text NOT NULL,
    brin                text NULL,
    payload             text NOT NULL,
    toestand            text NOT NULL,
    pogingen            integer NOT NULL DEFAULT 0,
    volgende_poging_op  timestamptz NOT NULL,
    lease_eigenaar      text NULL,
    lease_tot           timestamptz NULL,
    laatste_fout        text NULL,
    aangemaakt_op       timestamptz NOT NULL,
    afgeleverd_op       timestamptz NULL
);

-- Every callback row comes along with its id (admin re-drive links keep working), state, attempts, lease and last
-- error; the payload is the callback as CallbackPayload writes it.
INSERT INTO aflevering (id, gebeurtenis_id, kanaal, dossiernummer, volgorde_sleutel, bestemming, brin, payload, toestand,
    pogingen, volgende_poging_op, lease_eigenaar, lease_tot, laatste_fout, aangemaakt_op, afgeleverd_op)
SELECT id, gebeurtenis_id,
    CASE systeem WHEN 'parnassys' THEN 'oso-terugkoppeling' ELSE 'esis-callback' END,
    dossiernummer, volgorde_sleutel, systeem || ':' || brin, brin,
    json_build_object('gebeurtenisId', gebeurtenis_id, 'soort', soort, 'systeem', systeem, 'kanaal', kanaal,
        'referentie', referentie, 'brin', brin, 'vestiging', vestiging, 'dossiernummer', dossiernummer,
        'statusCode', status_code, 'weergave', weergave, 'kwalificatie', kwalificatie, 'toelichting', toelichting,
        'foutcode', foutcode, 'gewijzigdOp', gewijzigd_op)::text,
    toestand, pogingen, volgende_poging_op, lease_eigenaar, lease_tot, laatste_fout, aangemaakt_op, afgeleverd_op
FROM callback
ORDER BY id;

SELECT setval(pg_get_serial_sequence('aflevering', 'id'), COALESCE((SELECT MAX(id) FROM aflevering), 0) + 1, false);

-- The retired callback table stays, empty, so later migrations written against it still apply; nothing uses it.
DELETE FROM callback;

-- Partial indexes over waiting rows only keep the claim fast however much history piles up.
CREATE INDEX ix_aflevering_wachtend_id ON aflevering (id) WHERE toestand = 'wachtend';
CREATE INDEX ix_aflevering_wachtend_volgorde ON aflevering (kanaal, volgorde_sleutel, id) WHERE toestand = 'wachtend';
CREATE INDEX ix_aflevering_brin ON aflevering (brin, id);
CREATE INDEX ix_aflevering_dossier ON aflevering (dossiernummer, id);
-- Retention deletes delivered rows by delivery time (partial: waiting rows never match).
CREATE INDEX ix_aflevering_afgeleverd_op ON aflevering (afgeleverd_op) WHERE toestand = 'afgeleverd';
