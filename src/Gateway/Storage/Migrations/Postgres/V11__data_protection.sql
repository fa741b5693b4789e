-- The ASP.NET Data Protection key ring, shared by every instance on this database: a session cookie or antiforgery
-- token made by one instance is accepted by the others, and TOTP secrets (encrypted with it) read everywhere.
CREATE TABLE data_protection_sleutel (
    naam           text PRIMARY KEY,
    xml            text NOT NULL,
    aangemaakt_op  timestamptz NOT NULL
);
