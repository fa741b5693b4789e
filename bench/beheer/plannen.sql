-- The plans the Hulpvragen page relies on, in the form BeheerLijstStore sends them (newest first, LIMIT 51, the keyset
-- cursor as a row comparison, several statuses as one ordered range per status; values as the parameters Npgsql binds,
-- which PostgreSQL plans with their values). Run by beheer-bench.sh with -v brin="'12AB'" -v vestiging="'00'".
\set ON_ERROR_STOP on
\pset pager off
\set k 'dossiernummer, systeem, referentie, brin, vestiging, titel, status_code, status_kwalificatie, ontvangen_op, versie, leerling_json, aanvrager_json'
\set na '(ontvangen_op, dossiernummer) < (timestamptz ''2025-11-15 10:00+00'', 900000)'
\echo '-- 1. no filter, a deep page (cursor one year back)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT :k FROM hulpvraag WHERE :na ORDER BY ontvangen_op DESC, dossiernummer DESC LIMIT 51;

\echo '-- 2. three statuses, a deep page: one index range per status, merged'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM (SELECT :k FROM hulpvraag WHERE :na AND status_code = 'aanmelding' ORDER BY ontvangen_op DESC, dossiernummer DESC LIMIT 51) AS d0
UNION ALL SELECT * FROM (SELECT :k FROM hulpvraag WHERE :na AND status_code = 'in-behandeling' ORDER BY ontvangen_op DESC, dossiernummer DESC LIMIT 51) AS d1
UNION ALL SELECT * FROM (SELECT :k FROM hulpvraag WHERE :na AND status_code = 'dossier-incompleet' ORDER BY ontvangen_op DESC, dossiernummer DESC LIMIT 51) AS d2
ORDER BY ontvangen_op DESC, dossiernummer DESC LIMIT 51;

\echo '-- 3. BRIN (every location), a deep page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT :k FROM hulpvraag WHERE brin = :brin AND :na ORDER BY ontvangen_op DESC, dossiernummer DESC LIMIT 51;

\echo '-- 4. BRIN6, a deep page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT :k FROM hulpvraag WHERE brin = :brin AND vestiging = :vestiging AND :na ORDER BY ontvangen_op DESC, dossiernummer DESC LIMIT 51;

\echo '-- 5. a rare titel, a deep page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT :k FROM hulpvraag WHERE titel = 'stapcoach-vo' AND :na ORDER BY ontvangen_op DESC, dossiernummer DESC LIMIT 51;

\echo '-- 6. text search, a rare surname (referentie, or the start of the pupil''s achternaam)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT :k FROM hulpvraag
WHERE (referentie = 'Ramdin' OR lower((leerling_json::jsonb) ->> 'achternaam') LIKE (lower('Ramdin') || '%') ESCAPE '!')
ORDER BY ontvangen_op DESC, dossiernummer DESC LIMIT 51;

\echo '-- 7. text search that finds nothing'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT :k FROM hulpvraag
WHERE (referentie = 'Zwaluw' OR lower((leerling_json::jsonb) ->> 'achternaam') LIKE (lower('Zwaluw') || '%') ESCAPE '!')
ORDER BY ontvangen_op DESC, dossiernummer DESC LIMIT 51;
