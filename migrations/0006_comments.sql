-- Readers' comments with moderation, and bans. Times are integer milliseconds since the Unix
-- epoch, UTC, as everywhere.

-- Whether readers may comment on an article. A new column goes after `body`, which listings
-- never read past; only the detail and a comment's POST read this one.
ALTER TABLE articles ADD COLUMN comments TEXT NOT NULL DEFAULT 'open' CHECK (comments IN ('open', 'closed'));

CREATE TABLE comments (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    -- One level of replies: a reply's parent is always a top comment (a reply to a reply is
    -- attached to the top comment when it is written). A top comment's replies go with it.
    parent_id      INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    -- The top comment of the thread: its own id for a top comment, `parent_id` for a reply.
    -- The public order is (thread_id, id): each top comment, oldest first, then its replies.
    thread_id      INTEGER NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
    -- Name, email and body are NULL only in a tombstone (`deleted_at` set): a deleted comment
    -- kept because it has approved replies, shown as deleted without its text.
    author_name    TEXT,
    author_email   TEXT,
    body           TEXT,
    -- The client's address as the server saw it, for moderators and bans; `client_key` is what
    -- the per-client limits count by (an address, or an IPv6 client's block), for the
    -- duplicate check. Both are cleared once older than the retention setting.
    client_address TEXT,
    client_key     TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    deleted_at     INTEGER,
    CHECK ((deleted_at IS NULL) = (author_name IS NOT NULL AND body IS NOT NULL))
);

-- The public list of an article (approved, in thread order) and its `comment_count`: one
-- range of this index each.
CREATE INDEX comments_by_article ON comments (article_id, status, thread_id, id);
-- The moderation queue, newest first: of one status, of one article, or all.
CREATE INDEX comments_by_status ON comments (status, created_at DESC, id DESC);
CREATE INDEX comments_by_article_newest ON comments (article_id, created_at DESC, id DESC);
CREATE INDEX comments_newest ON comments (created_at DESC, id DESC);
-- Replies of a comment (tombstones, cascades).
CREATE INDEX comments_by_parent ON comments (parent_id) WHERE parent_id IS NOT NULL;
-- The duplicate check (same client, same article, recent) and the address retention sweep.
CREATE INDEX comments_by_client ON comments (client_key, article_id, created_at) WHERE client_key IS NOT NULL;
CREATE INDEX comments_with_client ON comments (created_at) WHERE client_key IS NOT NULL;

-- Bans: a comment whose email, or whose client, matches an active ban is refused. `email` is
-- kept lower case; `client_key` is the banned address's key as the limits count it.
CREATE TABLE comment_bans (
    id         INTEGER PRIMARY KEY,
    email      TEXT,
    address    TEXT,
    client_key TEXT,
    reason     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    CHECK ((email IS NULL) <> (address IS NULL)),
    CHECK ((address IS NULL) = (client_key IS NULL))
);
CREATE INDEX comment_bans_by_email ON comment_bans (email) WHERE email IS NOT NULL;
CREATE INDEX comment_bans_by_client ON comment_bans (client_key) WHERE client_key IS NOT NULL;

-- Each article's `comment_count`: its approved comments the public sees. The comment service
-- rewrites an article's row in the transaction of every change to its comments, so listings
-- read one primary-key row per article instead of counting.
CREATE TABLE comment_counts (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    approved   INTEGER NOT NULL
);
