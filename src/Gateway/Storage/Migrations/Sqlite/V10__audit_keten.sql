-- Tamper-evident audit trail: every entry carries the hash of the previous one (src/Gateway/Audit/AuditKeten.cs
-- defines the canonical form). volgnummer is the position in the chain; unique, so the chain cannot fork.
-- Entries written before this migration are not chained: the chain starts after them. audit_keten remembers how many
-- there were and up to which id, so one inserted later among them is still found by `gateway audit verify`.
ALTER TABLE audit ADD COLUMN volgnummer INTEGER NULL;
ALTER TABLE audit ADD COLUMN vorige_hash TEXT NULL;
ALTER TABLE audit ADD COLUMN hash TEXT NULL;
CREATE UNIQUE INDEX uq_audit_volgnummer ON audit (volgnummer);

-- The head of the chain (one row). An append locks it (UPDATE ... RETURNING), so appends are serialised.
-- anker_*: where the chain starts now; retention deletes from the start and moves the anchor to the last removed
-- entry, so the first remaining entry still proves its predecessor.
CREATE TABLE audit_keten (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    kop_volgnummer        INTEGER NOT NULL,
    kop_hash              TEXT NOT NULL,
    anker_volgnummer      INTEGER NOT NULL,
    anker_hash            TEXT NOT NULL,
    ongeketend_tot_id     INTEGER NOT NULL,
    ongeketend_aantal     INTEGER NOT NULL
);
INSERT INTO audit_keten (id, kop_volgnummer, kop_hash, anker_volgnummer, anker_hash, ongeketend_tot_id, ongeketend_aantal)
SELECT 1, 0, '', 0, '', COALESCE(MAX(id), 0), COUNT(*) FROM audit;
