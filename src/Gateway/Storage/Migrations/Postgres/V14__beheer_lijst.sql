-- The Hulpvragen page (newest first, keyset cursor on (ontvangen_op, dossiernummer)) on 1,000,000 hulpvragen: every
-- equality filter gets an index ending in the full sort key, so a page is an index range from the cursor on, also
-- deep ones (docs/performance.md, "Helpdesk UI"). The status and BRIN indexes are widened in place of the old ones,
-- which served the same queries; BRIN alone (every location) sorts by date, BRIN6 filters the location from it.
DROP INDEX ix_hulpvraag_status;
CREATE INDEX ix_hulpvraag_status ON hulpvraag (status_code, ontvangen_op, dossiernummer);
DROP INDEX ix_hulpvraag_brin;
CREATE INDEX ix_hulpvraag_brin ON hulpvraag (brin, ontvangen_op, dossiernummer);
CREATE INDEX ix_hulpvraag_titel ON hulpvraag (titel, ontvangen_op, dossiernummer);
-- Text search on the start of the pupil's achternaam (SqlDialect.AchternaamBegintMet): the name as read from the JSON
-- the gateway wrote, lower case; text_pattern_ops so LIKE 'prefix%' is a range scan whatever the collation.
CREATE INDEX ix_hulpvraag_achternaam ON hulpvraag (lower((leerling_json::jsonb) ->> 'achternaam') text_pattern_ops);
-- Statistics for the new expression at once: without them the planner guesses 0.5 % of all rows match any name and
-- walks the date index instead (seconds on a large store), until autovacuum happens to analyze the table.
ANALYZE hulpvraag;
