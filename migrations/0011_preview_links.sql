-- Preview links: a secret address that shows one unpublished article to whoever holds it,
-- as readers will see it once it is published. Only the SHA-256 hex digest of the link's
-- token is stored, so a leaked database opens no drafts. A link ends when it expires or is
-- revoked (the row stays, so the link answers 410 and the list shows who made it); it goes
-- with its article. Times are integer milliseconds since the Unix epoch, UTC.

CREATE TABLE preview_links (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    token_hash  TEXT    NOT NULL UNIQUE,
    -- The identity of the token that made it (the person, 'bootstrap' or 'system').
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

-- An article's links, newest first.
CREATE INDEX preview_links_by_article ON preview_links (article_id, id);
