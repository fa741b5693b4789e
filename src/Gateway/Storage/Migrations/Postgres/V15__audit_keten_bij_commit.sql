-- The audit chain is linked at COMMIT, not when the entry is written (docs/performance.md, "audit head row"): the
-- gateway inserts an entry with hash = 'wacht-op-keten' and a deferred constraint trigger gives it its place in the
-- chain as the transaction commits. The head row (audit_keten) is then locked only from that moment to the end of
-- the commit, instead of from the append through every later statement and round trip of the transaction, so
-- audited writes no longer queue behind each other's work. An entry inserted by SQL with any other hash (or none) is
-- left alone and still found by `gateway audit verify`.
--
-- The canonical form is AuditKeten.Hash (src/Gateway/Audit/AuditKeten.cs), byte for byte: SHA-256 over
-- "hulpvraag-audit-v1", then each field as a 4-byte big-endian length and its UTF-8 bytes (0xFFFFFFFF for a missing
-- value): volgnummer (decimal), op (UTC, microseconds), actor, actie, onderwerp, details, the previous hash.
-- STABLE, not IMMUTABLE: to_char and convert_to are stable, and only a function whose volatility matches its body is
-- inlined into the trigger's expression (otherwise every field costs a call through the SQL-function executor, under
-- the head lock).
CREATE FUNCTION audit_veld(waarde text) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN waarde IS NULL THEN '\xffffffff'::bytea
                ELSE int4send(octet_length(convert_to(waarde, 'UTF8'))) || convert_to(waarde, 'UTF8') END
$$;

CREATE FUNCTION audit_hash(volgnummer bigint, op timestamptz, actor text, actie text, onderwerp text, details text, vorige_hash text)
RETURNS text LANGUAGE sql STABLE AS $$
    SELECT encode(sha256(convert_to('hulpvraag-audit-v1', 'UTF8')
        || audit_veld(volgnummer::text)
        || audit_veld(to_char(op AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || audit_veld(actor) || audit_veld(actie) || audit_veld(onderwerp) || audit_veld(details)
        || audit_veld(vorige_hash)), 'hex')
$$;

CREATE FUNCTION audit_ketenen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    nummer bigint;
    vorige text;
    nieuw text;
BEGIN
    -- Locks the head until this transaction has committed: appends stay serialised, the chain cannot fork.
    UPDATE audit_keten SET kop_volgnummer = kop_volgnummer + 1 WHERE id = 1 RETURNING kop_volgnummer, kop_hash INTO nummer, vorige;
    nieuw := audit_hash(nummer, NEW.op, NEW.actor, NEW.actie, NEW.onderwerp, NEW.details, vorige);
    UPDATE audit SET volgnummer = nummer, vorige_hash = vorige, hash = nieuw WHERE id = NEW.id;
    UPDATE audit_keten SET kop_hash = nieuw WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER audit_ketenen_bij_commit AFTER INSERT ON audit
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.hash = 'wacht-op-keten' AND NEW.volgnummer IS NULL)
    EXECUTE FUNCTION audit_ketenen();
