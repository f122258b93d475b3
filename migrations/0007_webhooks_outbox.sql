-- Webhooks (Standard Webhooks, standardwebhooks.com) and the outbox every side effect outside
-- the database goes through. A write that should be heard of outside appends outbox rows in
-- its own transaction, one per target (a webhook subscription today, a cache purge later); the
-- delivery loop is the only code that sends them. A rolled-back write leaves no row, so
-- nothing is sent for it; a row stays until it is delivered or given up, so retries survive a
-- restart or a kill. Times are integer milliseconds since the Unix epoch, UTC.

CREATE TABLE webhook_subscriptions (
    id          INTEGER PRIMARY KEY,
    url         TEXT    NOT NULL,
    -- The event types it receives, a JSON array of names such as "article.published".
    events_json TEXT    NOT NULL,
    description TEXT,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- Why the server turned it off ('gone': the receiver answered 410); NULL when an editor did.
    disabled_reason TEXT,
    -- whsec_ + base64 of 32 random bytes. Kept as it is, since signing needs the key itself.
    secret      TEXT    NOT NULL,
    -- The secret before the last rotation, which signs beside the new one until it expires.
    previous_secret            TEXT,
    previous_secret_expires_at INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- One row per (event, target): what to send, where, and how far its delivery has come.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    -- What the target is: 'webhook' (target_id names a webhook_subscriptions row). Another
    -- kind of side effect (a cache purge) is another kind here, with its own targets.
    target_kind     TEXT    NOT NULL,
    target_id       INTEGER NOT NULL,
    -- The event: its id (the webhook-id header, the same on every attempt and for every
    -- target of the event), type and the exact bytes sent.
    event_id        TEXT    NOT NULL,
    event_type      TEXT    NOT NULL,
    payload         BLOB    NOT NULL,
    -- Rows of one target with the same key go out in id order ('article:42'): a receiver
    -- never hears of an update before the publication it follows.
    ordering_key    TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    -- Attempts since it was queued (or queued again by a redelivery), which pick the next delay.
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    finished_at     INTEGER
);

-- The delivery loop's work: pending rows of a kind by the time they are due (finished rows,
-- kept 30 days, are not in it).
CREATE INDEX outbox_due ON outbox (target_kind, next_attempt_at, id) WHERE state = 'pending';
-- Whether an earlier row of the same target and key is still pending (order per article).
CREATE INDEX outbox_order ON outbox (target_kind, target_id, ordering_key, id) WHERE state = 'pending';
-- A subscription's deliveries, newest first; pruning finished rows by age.
CREATE INDEX outbox_by_target ON outbox (target_kind, target_id, id);
CREATE INDEX outbox_finished ON outbox (finished_at) WHERE finished_at IS NOT NULL;

-- Every attempt to send an outbox row, for the deliveries listing.
CREATE TABLE delivery_attempts (
    id           INTEGER PRIMARY KEY,
    delivery_id  INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    attempted_at INTEGER NOT NULL,
    duration_ms  INTEGER NOT NULL,
    -- The receiver's HTTP status; NULL when there was no answer (refused, timed out, unreachable).
    status       INTEGER,
    -- What went wrong; NULL for a success.
    error        TEXT,
    -- 'delivered', 'retry' (another attempt is planned), 'failed' (given up) or 'gone' (410:
    -- the subscription was disabled).
    outcome      TEXT    NOT NULL
);
CREATE INDEX delivery_attempts_by_delivery ON delivery_attempts (delivery_id, id);

-- Attempts counted by target kind and outcome since the database was made, for /metrics:
-- counters that survive restarts and the pruning of old attempts.
CREATE TABLE delivery_counts (
    target_kind TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (target_kind, outcome)
) WITHOUT ROWID;

-- Published articles whose time is still to come: when it comes, the delivery loop appends
-- their article.published events (and removes the row). A write that changes an article keeps
-- its row here equal to whether it is scheduled.
CREATE TABLE scheduled_announcements (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    due_at     INTEGER NOT NULL
);
CREATE INDEX scheduled_announcements_by_due ON scheduled_announcements (due_at);

-- Articles already scheduled when this migration runs are announced when their time comes.
INSERT INTO scheduled_announcements (article_id, due_at)
SELECT id, sort_at FROM articles
WHERE status = 'published' AND sort_at > CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER);
