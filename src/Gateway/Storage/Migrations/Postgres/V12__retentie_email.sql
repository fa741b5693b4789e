-- Retention of finished e-mail deliveries (spec "Retention": delivered e-mails after Retentie:AfgeleverdeBerichten):
-- sent and skipped rows age from afgeleverd_op, dead rows (never finished) from aangemaakt_op. Partial indexes, so
-- the waiting rows and the callbacks never enter them and the batched deletes stay short however much piles up.
CREATE INDEX ix_aflevering_email_klaar ON aflevering (afgeleverd_op) WHERE kanaal = 'email' AND toestand IN ('afgeleverd', 'overgeslagen');
CREATE INDEX ix_aflevering_email_dood ON aflevering (aangemaakt_op) WHERE kanaal = 'email' AND toestand = 'dood';
