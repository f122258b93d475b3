"""Schemathesis hooks for scripts/schemathesis.sh: values no schema can generate, because they
must be ones the server already holds, given to the requests schemathesis means to be valid (its
positive cases). Schema-violating values of negative cases are left alone, and must be refused.

A listing's or a search's `cursor` is opaque: only a `next_cursor` the server gave out (for a
listing, in the same `sort` order) is accepted, and any other string is rightly 400. The document
says so and bounds the cursor's shape, but no schema can make a generator produce the server's
own cursors: this puts real ones, taken from the seeded database when the run starts, in place
of generated ones. Likewise an article's `category` must name an existing category (422 otherwise),
so a generated name or id (written as 3 or as 3.0, both integers to JSON Schema and to the
server) is replaced by a seeded one. And an article's cited sources must have different names
(the document says so; JSON Schema can only demand whole items to differ), so a generated list
keeps the first source of each name.

Comments likewise: valid requests comment on the seeded article 1, whose comments are open (a
generated key names no article); a reply's `parent_id` must name an approved comment of the same
article (422 otherwise), so valid requests send none; a ban's `expires_at` must be in the future, which no
date format says, so valid requests get one far ahead. Both comment listings take real cursors,
the moderation queue's read with the run's token.
"""

import json
import os
import re
import urllib.parse
import urllib.request

import schemathesis

API = os.environ["NEWSSTORE_API"]  # http://127.0.0.1:PORT/api/v1
SEEDED_CATEGORY = os.environ["NEWSSTORE_CATEGORY"]
CURSOR_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _next_cursor(path: str, **query: str) -> str:
    request = urllib.request.Request(
        f"{API}{path}?{urllib.parse.urlencode(query)}", headers={"Authorization": f"Bearer {os.environ['NEWSSTORE_TOKEN']}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        cursor = json.load(response)["next_cursor"]
    if not cursor:
        raise RuntimeError(f"the seeded database gives no second page of {path} {query}")
    return cursor


REAL_CURSORS = {
    ("/api/v1/articles", "-published_at"): _next_cursor("/articles", limit="1"),
    ("/api/v1/articles", "published_at"): _next_cursor("/articles", limit="1", sort="published_at"),
    ("/api/v1/search", None): _next_cursor("/search", q=os.environ["NEWSSTORE_SEARCH_WORD"], limit="1"),
    ("/api/v1/articles/{key}/comments", None): _next_cursor("/articles/1/comments", limit="1"),
    ("/api/v1/comments", None): _next_cursor("/comments", limit="1"),
}


@schemathesis.hook
def before_call(context, case, **kwargs):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    body = case.body
    if case.operation.path.startswith("/api/v1/articles") and isinstance(body, dict) and type(body.get("category")) in (str, int, float):
        body["category"] = SEEDED_CATEGORY
    if case.operation.path.startswith("/api/v1/articles") and isinstance(body, dict) and isinstance(body.get("sources"), list):
        seen = set()
        distinct = []
        for source in body["sources"]:
            name = source.get("name").strip() if isinstance(source, dict) and isinstance(source.get("name"), str) else None
            if name is None or name not in seen:
                distinct.append(source)
                seen.add(name)
        body["sources"] = distinct
    if case.operation.path == "/api/v1/articles/{key}/comments":
        case.path_parameters["key"] = "1"
        if isinstance(body, dict):
            body.pop("parent_id", None)
    if case.operation.path == "/api/v1/comment-bans" and isinstance(body, dict) and isinstance(body.get("expires_at"), str):
        body["expires_at"] = "2999-01-01T00:00:00Z"
    query = case.query
    if not query:
        return
    cursor = query.get("cursor")
    if not isinstance(cursor, str) or not CURSOR_SHAPE.fullmatch(cursor):
        return
    path = case.operation.path
    sort = query.get("sort", "-published_at") if path == "/api/v1/articles" else None
    real = REAL_CURSORS.get((path, sort))
    if real is not None:
        query["cursor"] = real
