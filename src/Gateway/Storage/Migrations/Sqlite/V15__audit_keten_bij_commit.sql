-- PostgreSQL links audit entries into the chain at COMMIT (a deferred trigger, see the PostgreSQL V15). SQLite has a
-- single writer: the transaction that appends already holds the database's write lock to its end, so the gateway
-- links the entry itself as before and there is nothing to change here. The version exists so both folders keep
-- the same versions.
SELECT 1;
