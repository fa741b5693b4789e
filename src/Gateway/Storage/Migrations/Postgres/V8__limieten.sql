-- Limits shared by every instance on this database (spec "Several instances on one PostgreSQL").
-- Failed verification codes per key and time slot: the key names what is counted ('s:' school BRIN6, 'p:' address|BRIN6,
-- 'a:' address), vak is the slot's start in Unix milliseconds. A slot is a fifteenth of Esis:MislukkingVenster, so a
-- sliding window is summed from a few rows and one upsert counts a failure.
CREATE TABLE limiet_teller (
    sleutel  text NOT NULL,
    vak      bigint NOT NULL,
    aantal   integer NOT NULL,
    PRIMARY KEY (sleutel, vak)
);
CREATE INDEX ix_limiet_teller_vak ON limiet_teller (vak);

-- The per-address request limit as a generic cell rate algorithm: one row per address holding its theoretical arrival
-- time (.NET ticks); a token bucket in one integer.
CREATE TABLE limiet_emmer (
    sleutel  text PRIMARY KEY,
    tat      bigint NOT NULL
);

-- Failed verification-code attempts for the helpdesk's diagnose timeline: which check failed and the client address
-- shortened to /24 (IPv6 /48). Never the code.
CREATE TABLE esis_mislukte_poging (
    id         bigserial PRIMARY KEY,
    op         timestamptz NOT NULL,
    brin       text NULL,
    vestiging  text NULL,
    reden      text NOT NULL,
    adres      text NOT NULL
);
CREATE INDEX ix_esis_mislukte_poging_brin ON esis_mislukte_poging (brin, op);
CREATE INDEX ix_esis_mislukte_poging_op ON esis_mislukte_poging (op);
