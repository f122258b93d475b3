-- The audit log: one row per write of any kind, in the write's own transaction, saying who
-- (identity and role), from where (client address, request id), what (action, object) and a
-- short summary. Times are integer milliseconds since the Unix epoch, UTC.
--
-- Nobody rewrites it: triggers refuse every UPDATE, and every DELETE except of rows older than
-- a bound recorded in audit_prunes, which is itself append-only. So the retention command
-- removes old rows by first recording its bound, and whoever deletes rows from a plain SQLite
-- connection has to leave that same permanent trace. (Whoever can write the file can drop
-- the triggers too; the log guards against mistakes and the API, not against root.)

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    at             INTEGER NOT NULL,
    -- The token holder's name, 'bootstrap', or 'system' for the server's own work.
    identity       TEXT    NOT NULL,
    role           TEXT    NOT NULL,
    client_address TEXT    NOT NULL DEFAULT '',
    request_id     TEXT    NOT NULL DEFAULT '',
    -- '<kind>.<verb>', such as 'article.update' or 'token.revoke'.
    action         TEXT    NOT NULL,
    -- '<kind>:<id>', such as 'article:42'.
    object         TEXT    NOT NULL,
    summary        TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_identity ON audit_log (identity, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_object ON audit_log (object, id);

-- Every retention run: rows of audit_log older than `before` may be deleted once it is here.
CREATE TABLE audit_prunes (
    id       INTEGER PRIMARY KEY,
    before   INTEGER NOT NULL,
    at       INTEGER NOT NULL,
    identity TEXT    NOT NULL
);

CREATE TRIGGER audit_log_refuses_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_refuses_delete BEFORE DELETE ON audit_log
WHEN OLD.at >= coalesce((SELECT max(before) FROM audit_prunes), 0)
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only; only newsstore audit prune removes old rows');
END;

CREATE TRIGGER audit_prunes_refuses_update BEFORE UPDATE ON audit_prunes
BEGIN
    SELECT RAISE(ABORT, 'audit_prunes is append-only');
END;

CREATE TRIGGER audit_prunes_refuses_delete BEFORE DELETE ON audit_prunes
BEGIN
    SELECT RAISE(ABORT, 'audit_prunes is append-only');
END;
