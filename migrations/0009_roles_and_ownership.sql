-- Roles and expiring tokens, and who created each article.
--
-- A token now carries a role (contributor, author, editor, admin), an optional expiry and the
-- time it was last used (written at most once a minute per token, not on every request).
-- Tokens made before roles existed could do everything, so they stay admins.
--
-- A token's name is the person it belongs to, and a person may need a new token after
-- revoking the old one, so the name is unique only among tokens not revoked: the table is
-- rebuilt to move that rule from a column constraint to a partial index.
CREATE TABLE api_tokens_with_roles (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    role         TEXT    NOT NULL CHECK (role IN ('contributor', 'author', 'editor', 'admin')),
    created_at   INTEGER NOT NULL,
    -- NULL: never expires.
    expires_at   INTEGER,
    -- NULL: never used since this column exists.
    last_used_at INTEGER,
    revoked_at   INTEGER
);
INSERT INTO api_tokens_with_roles (id, name, token_hash, role, created_at, revoked_at)
    SELECT id, name, token_hash, 'admin', created_at, revoked_at FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_with_roles RENAME TO api_tokens;
CREATE UNIQUE INDEX api_tokens_active_name ON api_tokens (name) WHERE revoked_at IS NULL;

-- The identity (token name) that created the article: contributors and authors may change
-- only their own. Articles from before this column belong to nobody, so only editors and
-- admins change them. The column comes after the body, which only whole-article reads touch.
ALTER TABLE articles ADD COLUMN created_by TEXT;
