# Varnish 7 in front of NewsStore, with the xkey module (Debian: varnish, varnish-modules).
#
# It caches the server's public GET answers for their s-maxage (a day by default), files each
# under its Surrogate-Key, and drops them when the server purges those keys after a write
# (PURGE with an xkey-purge header, sent by the server's delivery loop from the outbox). A
# purged page is fetched again before it is served; only while the server is down or failing
# does the cache serve what it holds, up to stale-if-error (a day) old. Anything with an
# Authorization header passes through untouched, and clients never see the keys.
#
# scripts/cache-test.sh runs this file against a real varnishd; the compose profile
# `varnish` (deploy/varnish/Dockerfile) runs it in front of the `newsstore` service.
vcl 4.1;

import std;
import xkey;

# The server. In the compose profile, the `newsstore` service; on a VPS, the address
# `newsstore serve` listens on (scripts/cache-test.sh rewrites these two lines).
backend newsstore {
    .host = "newsstore";
    .port = "8080";
    .connect_timeout = 1s;
    .first_byte_timeout = 15s;
    # Down after two failed checks of three a second apart: from then on the cache answers
    # from what it holds, instead of making every reader wait for a connection that fails.
    .probe = {
        .url = "/healthz";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may purge: the server, on this machine or on the compose network (docker-compose.yml).
acl purgers {
    "127.0.0.1";
    "::1";
    "172.29.157.0"/24;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "PURGE needs an xkey-purge header with the keys"));
        }
        # Soft: the objects expire now but stay for stale-if-error; vcl_recv never serves
        # an expired object while the server is healthy.
        set req.http.n-gone = xkey.softpurge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # An editor's answer depends on the token: never stored, never shared.
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.url ~ "^/(healthz|readyz|metrics)(\?|$)") {
        return (pass);
    }
    # The API sets no cookies; a browser's own must not split the cache.
    unset req.http.Cookie;
    # Fresh answers only while the server is up: an object a write purged is fetched again,
    # so no reader sees content older than the last purge. When the server is down (or
    # answered this request with an error, see vcl_deliver), stale objects are served.
    # (req.grace outlives a restart, so the stale pass sets it back.)
    if (req.http.X-NewsStore-Stale-OK) {
        set req.grace = 24h;
    } elsif (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        set req.http.X-NewsStore-Served = "STALE";
    }
}

sub vcl_backend_response {
    # A background refresh that failed keeps the stale object instead of replacing it.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Only the server's public answers are stored: 200s and the 301s from a former slug,
    # with Cache-Control: public. A 404 is not: a scheduled article's address turns into
    # its page at publication, and nothing would purge a stored 404.
    if ((beresp.status != 200 && beresp.status != 301) || beresp.http.Cache-Control !~ "public"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The TTL is the answer's s-maxage, which Varnish reads itself. The keys file the object
    # for xkey; stale-if-error says how long it may stand in for a failing server.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_deliver {
    # The server failed this request (down, or a 5xx): answer with the stored copy if there
    # is one, up to a day old, by looking up once more with stale objects allowed.
    if (resp.status >= 500 && req.restarts == 0 && (req.method == "GET" || req.method == "HEAD")) {
        set req.http.X-NewsStore-Stale-OK = "1";
        return (restart);
    }
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
        if (req.http.X-NewsStore-Served == "STALE") {
            set resp.http.X-Cache = "HIT-STALE";
        }
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
