-- Retention (spec "Retention"): one instance at a time runs a round, by lease (tot in Unix milliseconds).
CREATE TABLE taak_lease (
    naam      text PRIMARY KEY,
    eigenaar  text NOT NULL,
    tot       bigint NOT NULL
);

-- The indexes its batched deletes walk: delivered callbacks by delivery time (partial: waiting rows never match),
-- the intake log by time, closed hulpvragen by the moment they reached their status.
CREATE INDEX ix_callback_afgeleverd_op ON callback (afgeleverd_op) WHERE toestand = 'afgeleverd';
CREATE INDEX ix_ontvangst_op ON ontvangst (op);
CREATE INDEX ix_hulpvraag_status_sinds ON hulpvraag (status_code, status_sinds);
