-- The e-mail channel reads its recipient when it sends (a personeelswissel before delivery reaches the new contact),
-- so the row itself never held an address. The helpdesk needs to see where a mail went and what the SMTP server
-- answered last (also on success: the relay's queue id lets IT trace a mail): both are written after each attempt.
-- Nullable: callback rows never use them, and e-mail rows written before this version simply show nothing.
ALTER TABLE aflevering ADD COLUMN email_ontvanger text NULL;
ALTER TABLE aflevering ADD COLUMN email_antwoord text NULL;
