-- Cache purges through the outbox (issue 17). A committed write that changes what public
-- responses show appends one outbox row per purge target (target_kind 'purge'), in its own
-- transaction, whose payload is the surrogate keys it touched, space-separated; the delivery
-- loop sends them to Varnish or a CDN and retries them like webhook deliveries.

-- The purge targets the server has been configured with, each named by what it sends to
-- ('varnish http://127.0.0.1:6081', 'fastly https://api.fastly.com/service/ID/purge'…). The
-- settings say which exist; a start registers those that are new, so outbox rows keep naming
-- the same target across restarts and a target removed from the settings can be told apart.
CREATE TABLE purge_targets (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
);

-- Purge latency, from the write's commit to the target's acknowledgement, as a histogram for
-- /metrics: one row per bucket (its upper bound in milliseconds; the largest integer stands
-- for +Inf), counters that survive restarts and the pruning of finished outbox rows.
CREATE TABLE purge_latency (
    le_ms  INTEGER PRIMARY KEY,
    count  INTEGER NOT NULL,
    sum_ms INTEGER NOT NULL
) WITHOUT ROWID;
