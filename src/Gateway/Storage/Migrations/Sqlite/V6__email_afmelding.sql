-- Opt-out per e-mail address (spec email.md "Opting out"): checked when a mail is about to be sent. The address is
-- stored trimmed and lower-cased; door says who switched it off (the recipient through the signed link, or a
-- helpdesk key).
CREATE TABLE email_afmelding (
    adres        text PRIMARY KEY,
    afgemeld_op  text NOT NULL,
    door         text NOT NULL
);
