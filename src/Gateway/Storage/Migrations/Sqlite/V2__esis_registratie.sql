-- Esis verification codes: only a keyed hash (HMAC-SHA256 with Esis:CodePepper of key version code_sleutelversie);
-- the callback secret is encrypted (AES-GCM, key derived from the pepper), since the gateway must sign with it.
CREATE TABLE esis_registratie (
    id                       text PRIMARY KEY,
    brin                     text NOT NULL,
    vestiging                text NOT NULL,
    brin6                    text NOT NULL,
    omgeving                 text NOT NULL,
    code_hash                text NOT NULL,
    code_sleutelversie       integer NOT NULL,
    oude_code_hash           text NULL,
    oude_code_sleutelversie  integer NULL,
    oude_code_geldig_tot     text NULL,
    callback_url             text NOT NULL,
    callback_secret          text NOT NULL,
    contact_email            text NULL,
    aangemaakt_op            text NOT NULL,
    laatst_gebruikt_op       text NULL,
    ingetrokken_op           text NULL
);
CREATE INDEX ix_esis_registratie_brin6 ON esis_registratie (brin6) WHERE ingetrokken_op IS NULL;
CREATE UNIQUE INDEX uq_esis_registratie_omgeving ON esis_registratie (brin6, omgeving) WHERE ingetrokken_op IS NULL;
