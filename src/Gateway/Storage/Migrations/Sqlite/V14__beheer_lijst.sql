-- The Hulpvragen page (newest first, keyset cursor on (ontvangen_op, dossiernummer)): every equality filter gets an
-- index ending in the full sort key, so a page is an index range from the cursor on (docs/performance.md, "Helpdesk
-- UI"). The status and BRIN indexes are widened in place of the old ones. The achternaam search stays a scan here
-- (SqlDialect.AchternaamBegintMet); PostgreSQL, for large stores, has an index for it.
DROP INDEX ix_hulpvraag_status;
CREATE INDEX ix_hulpvraag_status ON hulpvraag (status_code, ontvangen_op, dossiernummer);
DROP INDEX ix_hulpvraag_brin;
CREATE INDEX ix_hulpvraag_brin ON hulpvraag (brin, ontvangen_op, dossiernummer);
CREATE INDEX ix_hulpvraag_titel ON hulpvraag (titel, ontvangen_op, dossiernummer);
