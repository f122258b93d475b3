-- The news store: articles with their category, tags, cited sources, related links and old
-- slugs, plus the API tokens allowed to write. Times are integer milliseconds since the Unix
-- epoch, UTC.

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL UNIQUE,
    description TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL UNIQUE,
    description TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    summary      TEXT,
    -- The hero image as a JSON object {url, alt, caption, credit}, or NULL.
    hero         TEXT,
    author       TEXT,
    category_id  INTEGER REFERENCES categories (id),
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    published_at INTEGER,
    -- The listing order: published_at once published, created_at before. Kept by the
    -- repository so that one index serves both the public listing and the editors' drafts.
    sort_at      INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    views        INTEGER NOT NULL DEFAULT 0,
    version      INTEGER NOT NULL DEFAULT 1,
    -- Copies of the article's tags [{id, slug, name}] and cited sources [{name, url, relation}]
    -- as JSON, written in the same transaction as the link rows below. Reads take them from
    -- the row instead of one more query per article (a third of an article read's time);
    -- the link tables stay the truth that listings filter on.
    tags_json    TEXT    NOT NULL DEFAULT '[]',
    sources_json TEXT    NOT NULL DEFAULT '[]',
    -- The body as a JSON array of typed blocks, validated on write, sent out verbatim. It is
    -- the last column on purpose: a body of a few KB spills into overflow pages, and SQLite
    -- reads a row only up to the last column a query asks for, so listings never touch it.
    body         TEXT    NOT NULL
);

-- Every listing walks one of these in order and stops after `limit` rows (keyset pagination).
CREATE INDEX articles_by_status ON articles (status, sort_at DESC, id DESC);
CREATE INDEX articles_by_category ON articles (category_id, status, sort_at DESC, id DESC);
CREATE INDEX articles_by_author ON articles (author, status, sort_at DESC, id DESC) WHERE author IS NOT NULL;

-- Tag and source links carry a copy of their article's status and sort_at, so that the
-- `tag=` and `source=` listings are one ordered index walk instead of a join and a sort.
-- The triggers below keep the copies equal to the article's within the same transaction.
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    status     TEXT    NOT NULL,
    sort_at    INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, status, sort_at DESC, article_id DESC);
-- An article's tags in their order, without a sort, for every article and listing read.
CREATE INDEX article_tags_by_article ON article_tags (article_id, position, tag_id);

CREATE TABLE article_sources (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    url        TEXT,
    relation   TEXT,
    status     TEXT    NOT NULL,
    sort_at    INTEGER NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_sources_by_name ON article_sources (name, status, sort_at DESC, article_id DESC);

CREATE TRIGGER articles_listing_copies AFTER UPDATE OF status, sort_at ON articles
BEGIN
    UPDATE article_tags SET status = NEW.status, sort_at = NEW.sort_at WHERE article_id = NEW.id;
    UPDATE article_sources SET status = NEW.status, sort_at = NEW.sort_at WHERE article_id = NEW.id;
END;

-- Editors' ordered "related articles" list; links to a deleted article go with it.
CREATE TABLE related_articles (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    related_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, position),
    UNIQUE (article_id, related_id),
    CHECK (article_id <> related_id)
) WITHOUT ROWID;
CREATE INDEX related_articles_by_related ON related_articles (related_id);

-- Slugs an article had before, so old links answer 301 to the current slug.
CREATE TABLE slug_redirects (
    slug       TEXT    PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX slug_redirects_by_article ON slug_redirects (article_id);

-- Bearer tokens for writes, stored as SHA-256 hashes: the database never holds a usable token.
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
