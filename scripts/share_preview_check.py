"""Reads the reader's article page as a crawler does (no JavaScript) and checks every share
preview tag against the API's JSON for the same article.

Two readers that are not ours: Python's own html.parser (the page's head, tag by tag) and
extruct from PyPI (the Open Graph and JSON-LD extractor crawlers and scrapers use). Run by
scripts/share-preview-check.sh, which starts the server; exits 1 when any check fails.
"""

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import extruct

CRAWLER = "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"
failures = []


def check(label, got, want):
    ok = got == want
    print(f"{'ok  ' if ok else 'FAIL'}  {label}: {got!r}" + ("" if ok else f" (want {want!r})"))
    if not ok:
        failures.append(label)


def request(server, path, token=None, body=None, method=None):
    headers = {"User-Agent": CRAWLER}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(server + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class Head(HTMLParser):
    """The head's title, meta and link tags and JSON-LD blocks, as the standard parser sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_head = True
        self.titles, self.metas, self.links, self.scripts, self.ld = [], [], [], [], []
        self._in = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        if not self.in_head:
            return
        if tag == "meta":
            self.metas.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag in ("title", "script"):
            self._in, self._text = (tag, attrs), ""

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._in:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if self._in and self._in[0] == tag:
            if tag == "title":
                self.titles.append(self._text)
            elif self._in[1].get("type") == "application/ld+json":
                self.ld.append(json.loads(self._text))
            self._in = None

    def values(self, key, name):
        return [m.get("content") for m in self.metas if m.get(key) == name]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--public-url", required=True)
    parser.add_argument("--site-name", required=True)
    parser.add_argument("--seed", required=True)
    args = parser.parse_args()
    token = os.environ["TOKEN"]
    server, origin = args.server, args.public_url

    status, _ = request(server, "/api/v1/categories", token, {"name": "سياسة", "description": "أخبار السياسة"})
    check("category created", status, 201)
    with open(args.seed, encoding="utf-8") as seed:
        status, body = request(server, "/api/v1/articles", token, json.load(seed))
    check("seed article created", status, 201)
    api = json.loads(body)
    path = "/articles/" + urllib.parse.quote(api["slug"], safe="")
    url = origin + path

    status, html = request(server, path)
    check("page status", status, 200)
    head = Head()
    head.feed(html)
    description = api["summary"]
    hero = api["hero"]
    print("\n-- html.parser (Python's standard library)")
    check("<title>", head.titles, [f"{api['title']} — {args.site_name}"])
    check("meta description", head.values("name", "description"), [description])
    check("link canonical", [l["href"] for l in head.links if l.get("rel") == "canonical"], [url])
    expected = [
        ("property", "og:type", ["article"]),
        ("property", "og:title", [api["title"]]),
        ("property", "og:description", [description]),
        ("property", "og:url", [url]),
        ("property", "og:site_name", [args.site_name]),
        ("property", "og:locale", ["ar_AR"]),
        ("property", "og:image", [hero["url"]]),
        ("property", "og:image:alt", [hero["alt"]]),
        ("property", "article:published_time", [api["published_at"]]),
        ("property", "article:modified_time", [api["updated_at"]]),
        ("property", "article:section", [api["category"]["name"]]),
        ("property", "article:tag", [t["name"] for t in api["tags"]]),
        ("name", "twitter:card", ["summary_large_image"]),
        ("name", "twitter:title", [api["title"]]),
        ("name", "twitter:description", [description]),
        ("name", "twitter:image", [hero["url"]]),
        ("name", "twitter:image:alt", [hero["alt"]]),
    ]
    for key, name, want in expected:
        check(name, head.values(key, name), want)
    check("JSON-LD blocks", len(head.ld), 1)
    ld = head.ld[0] if head.ld else {}
    for field, want in [
        ("@type", "NewsArticle"),
        ("headline", api["title"]),
        ("description", description),
        ("image", [hero["url"]]),
        ("datePublished", api["published_at"]),
        ("dateModified", api["updated_at"]),
        ("url", url),
        ("articleSection", api["category"]["name"]),
        ("keywords", [t["name"] for t in api["tags"]]),
        ("inLanguage", "ar"),
    ]:
        check(f"JSON-LD {field}", ld.get(field), want)
    check("JSON-LD publisher", ld.get("publisher", {}).get("name"), args.site_name)

    print("\n-- extruct (PyPI), Open Graph and JSON-LD as crawlers extract them")
    data = extruct.extract(html, base_url=url, syntaxes=["opengraph", "json-ld"])
    # Open Graph as (property, value) pairs, in page order, repeated properties kept.
    og = data["opengraph"][0]["properties"] if data["opengraph"] else []
    for name, want in [
        ("og:type", ["article"]),
        ("og:title", [api["title"]]),
        ("og:description", [description]),
        ("og:url", [url]),
        ("og:site_name", [args.site_name]),
        ("og:locale", ["ar_AR"]),
        ("og:image", [hero["url"]]),
        ("og:image:alt", [hero["alt"]]),
        ("article:published_time", [api["published_at"]]),
        ("article:modified_time", [api["updated_at"]]),
        ("article:section", [api["category"]["name"]]),
        ("article:tag", [t["name"] for t in api["tags"]]),
    ]:
        check(name, [value for key, value in og if key == name], want)
    articles = [item for item in data["json-ld"] if item.get("@type") == "NewsArticle"]
    check("NewsArticle items", len(articles), 1)
    if articles:
        check("NewsArticle headline", articles[0].get("headline"), api["title"])
        check("NewsArticle mainEntityOfPage", articles[0].get("mainEntityOfPage", {}).get("@id"), url)

    print("\n-- a hostile title")
    hostile = '</script><script>alert(1)</script><!-- " onload="x'
    status, _ = request(
        server, "/api/v1/articles", token,
        {"title": hostile, "slug": "hostile", "status": "published", "body": [{"type": "paragraph", "text": "نص"}]},
    )
    check("hostile article created", status, 201)
    status, html = request(server, "/articles/hostile")
    head = Head()
    head.feed(html)
    check("script elements (the reader's module and the JSON-LD)", [s.get("type") for s in head.scripts], ["application/ld+json", "module"])
    check("og:title", head.values("property", "og:title"), [hostile])
    check("JSON-LD headline", head.ld[0].get("headline") if head.ld else None, hostile)
    data = extruct.extract(html, base_url=origin + "/articles/hostile", syntaxes=["json-ld"])
    check("extruct JSON-LD headline", data["json-ld"][0].get("headline") if data["json-ld"] else None, hostile)

    print("\n-- not found, old slug")
    status, _ = request(server, "/articles/no-such-article")
    check("unknown article", status, 404)
    status, _ = request(server, path.replace("/articles/", "/api/v1/articles/"), token, {"slug": "damascus-joins"}, "PATCH")
    check("slug changed", status, 200)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(server + path, timeout=10)
        check("old slug", "no redirect", 301)
    except urllib.error.HTTPError as error:
        check("old slug", (error.code, error.headers["Location"]), (301, "/articles/damascus-joins"))

    print(f"\n{len(failures)} failure(s)" + (": " + ", ".join(failures) if failures else ""))
    sys.exit(1 if failures else 0)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


if __name__ == "__main__":
    main()
