-- Article revisions: every committed change of an article (create, patch, publish, unpublish,
-- related links, restore) stores one row in the write's own transaction. Numbers count from 1
-- per article and are never reused, so a number below the newest that has no row was pruned
-- (a restore of it is 410) and one above it never existed (404). Times are integer
-- milliseconds since the Unix epoch, UTC.
--
-- Retention keeps the newest `revisions_kept` of each article plus every revision that was
-- public: published, with its publication time before the revision after it replaced it
-- (`superseded_at`), so a scheduled version that was replaced before its time goes like a draft.

CREATE TABLE article_revisions (
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    at            INTEGER NOT NULL,
    -- Who made it: the token holder's name, 'bootstrap', or 'system'; and the role it held.
    identity      TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    -- 'baseline' (the state before the first recorded change of an article older than this
    -- table), 'create', 'update', 'publish', 'unpublish', 'related' or 'restore'.
    action        TEXT    NOT NULL,
    -- The editors'-view members that differ from the revision before, as a JSON array.
    changed       TEXT    NOT NULL,
    -- The revision a restore copied.
    restored_from INTEGER,
    -- The article's publication time when this revision has it published (or scheduled).
    published_at  INTEGER,
    -- When the next revision replaced this one; NULL while it is the article's current state.
    superseded_at INTEGER,
    -- The editors' view of the article as JSON (see RevisionSnapshot).
    snapshot      TEXT    NOT NULL,
    PRIMARY KEY (article_id, number)
) WITHOUT ROWID;
