-- Views of public articles, counted per UTC day and article, for the "most read" listing.
-- `articles.views` keeps the all-time total; these buckets say when the views happened.
-- The server counts views in memory and adds them here about once a second, in one
-- transaction; buckets older than the longest window (30 days) are pruned as it goes.
--
-- Keyed by day first: the popular listing reads the buckets of a window's days and pruning
-- deletes the oldest days, both one range of the table itself. Adding to a bucket changes
-- only the table, never the index below (it holds no count).
CREATE TABLE article_views (
    -- Whole days since 1970-01-01, UTC.
    day        INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    views      INTEGER NOT NULL CHECK (views > 0),
    PRIMARY KEY (day, article_id)
) WITHOUT ROWID;

-- Deleting an article deletes its buckets without reading every bucket.
CREATE INDEX article_views_by_article ON article_views (article_id);
