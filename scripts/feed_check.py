"""Feed check for scripts/feed-check.sh: fills a running newsstore (started with --public-url)
through its API, then reads its feeds (all, one category, one tag) two ways and checks every item
field by field against the API's own JSON for the same article (?body=html):

- /rss.xml and /atom.xml with feedparser, the parser feed readers and aggregators build on
  (PyPI's feedparser 6 reads no JSON Feed);
- all three, /feed.json included, with `reader`, a feed reader library that fetches them over
  HTTP like a subscriber (its RSS/Atom parsing is feedparser, its JSON Feed parser its own).

Prints one line per check group and 'N passed, N failed'; exits 1 when anything failed.

Usage: TOKEN=... python3 feed_check.py --server http://127.0.0.1:PORT --origin https://news.example
       --site-name NAME --seed Tests/EndToEndTests/Fixtures/seed-article.json
"""

import argparse
import datetime
import html.parser
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import feedparser
import reader

HOSTILE_TITLE = '</title><script>alert("x")</script> & ]]> <![CDATA[ \'quoted\''


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL  {what}")

    def equal(self, actual, expected, what):
        self.expect(actual == expected, f"{what}: got {actual!r}, expected {expected!r}")


class API:
    def __init__(self, server, token):
        self.server = server.rstrip("/")
        self.token = token

    def request(self, method, path, body=None, token=True):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.server + path, data=data, method=method)
        if body is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def json(self, method, path, body=None):
        status, _, payload = self.request(method, path, body)
        if status >= 300:
            raise SystemExit(f"{method} {path} answered {status}: {payload[:300]!r}")
        return json.loads(payload)

    def public(self, path):
        return self.request("GET", path, token=False)


class HTMLTokens(html.parser.HTMLParser):
    """HTML as a list of (kind, name, sorted attributes or data): two spellings of the same
    markup (attribute order, `<img>` or `<img />`) read the same."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tokens = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(sorted(attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag, ()))

    def handle_data(self, data):
        self.tokens.append(("text", data, ()))


def rfc3339(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def struct_time_of(text):
    """What feedparser's *_parsed holds: a UTC struct_time, whole seconds."""
    return rfc3339(text).astimezone(datetime.timezone.utc).timetuple()[:6]


def populate(api, seed_path):
    api.json("POST", "/api/v1/categories", {"name": "سياسة", "slug": "politics", "description": "أخبار السياسة"})
    api.json("POST", "/api/v1/categories", {"name": "اقتصاد", "slug": "economy"})
    with open(seed_path, encoding="utf-8") as seed_file:
        seed = json.load(seed_file)
    seed["category"] = "politics"
    api.json("POST", "/api/v1/articles", seed)
    now = datetime.datetime.now(datetime.timezone.utc)
    stamp = lambda delta: (now + delta).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    api.json("POST", "/api/v1/articles", {
        "title": HOSTILE_TITLE, "slug": "hostile-title", "status": "published", "published_at": stamp(datetime.timedelta(hours=-2)),
        "author": "كاتب <مجهول> & شريكه", "category": "economy", "tags": ["اقتصاد", "سوريا"],
        "summary": "ملخص فيه <b>وسم</b> & رمز",
        "hero": {"url": "https://cdn.example/img/market.png?w=1200&h=630", "alt": "سوق دمشق", "caption": "السوق القديم", "credit": "وكالات"},
        "body": [{"type": "paragraph", "text": "فقرة أولى فيها <script>alert(1)</script> نصا"},
                 {"type": "heading", "text": "عنوان فرعي", "level": 3},
                 {"type": "list", "items": ["بند أول", "بند ثان"], "ordered": True},
                 {"type": "image", "url": "https://cdn.example/img/inline.webp", "alt": "صورة داخلية", "caption": "تعليق"}],
    })
    api.json("POST", "/api/v1/articles", {
        "title": "خبر بلا صورة ولا ملخص", "slug": "plain", "status": "published", "published_at": stamp(datetime.timedelta(minutes=-30)),
        "body": "فقرة واحدة.\n\nفقرة ثانية.", "tags": ["سوريا"],
    })
    api.json("POST", "/api/v1/articles", {"title": "مسودة لا تنشر", "slug": "draft", "body": "سر", "category": "politics", "tags": ["سوريا"]})
    api.json("POST", "/api/v1/articles", {
        "title": "خبر مجدول", "slug": "scheduled", "status": "published", "published_at": stamp(datetime.timedelta(seconds=4)),
        "body": "لاحقا", "tags": ["سوريا"],
    })


def api_articles(api, query):
    """The public articles of a listing, newest first, each as its detail with ?body=html."""
    status, _, payload = api.public("/api/v1/articles?limit=100" + query)
    assert status == 200, payload
    items = json.loads(payload)["items"]
    return [json.loads(api.public(f"/api/v1/articles/{item['id']}?body=html")[2]) for item in items]


def check_common(checks, label, entry, article, origin, fmt):
    slug = urllib.parse.quote(article["slug"], safe="")
    checks.equal(entry.get("title"), article["title"], f"{label} title")
    checks.equal(entry.get("link"), f"{origin}/articles/{slug}", f"{label} link")
    checks.equal(entry.get("id"), f"{origin}/api/v1/articles/{article['id']}", f"{label} id")
    checks.equal(entry.get("published_parsed")[:6] if entry.get("published_parsed") else None,
                 struct_time_of(article["published_at"]), f"{label} published")
    # feedparser sanitizes HTML and writes it again; the body is made of elements it keeps, so
    # the same elements, attributes and text must come out.
    content = entry.get("content", [{}])[0]
    checks.equal(HTMLTokens(content.get("value", "")).tokens, HTMLTokens(article["body"]).tokens, f"{label} content")
    checks.expect("<script" not in content.get("value", ""), f"{label} content has no script element")
    if article.get("summary"):
        checks.equal(entry.get("summary"), article["summary"], f"{label} summary")
    names = ([article["category"]["name"]] if article.get("category") else []) + [tag["name"] for tag in article["tags"]]
    terms = [tag.get("label") or tag.get("term") for tag in entry.get("tags", [])]
    checks.equal(terms, names, f"{label} category and tags")
    checks.equal(entry.get("author"), article.get("author"), f"{label} author")
    hero = article.get("hero")
    enclosures = [(link.get("href"), link.get("type")) for link in entry.get("enclosures", [])]
    if hero:
        checks.expect(any(href == hero["url"] for href, _ in enclosures), f"{label} hero enclosure {enclosures}")
        media = entry.get("media_content", [])
        checks.equal([m.get("url") for m in media], [hero["url"]], f"{label} media:content")
    else:
        checks.equal(enclosures, [], f"{label} no enclosure")
    if fmt == "atom":
        checks.equal(entry.get("updated_parsed")[:6], struct_time_of(article["updated_at"]), f"{label} updated")


def check_json_feed(checks, label, raw, articles, title):
    """What feedparser 6 cannot read, JSON Feed 1.1 (the `reader` pass parses it), and the members
    that no parser maps (image, tags, the extension), checked on the document itself."""
    document = json.loads(raw)
    checks.equal(document.get("version"), "https://jsonfeed.org/version/1.1", f"{label} version")
    checks.equal(document.get("title"), title, f"{label} feed title")
    checks.equal([item.get("_newsstore", {}).get("id") for item in document["items"]], [article["id"] for article in articles],
                 f"{label} items, newest first")
    for item, article in zip(document["items"], articles):
        hero = article.get("hero")
        checks.equal(item.get("image"), hero["url"] if hero else None, f"{label} #{article['id']} image")
        checks.equal(item.get("authors"), [{"name": article["author"]}] if article.get("author") else None, f"{label} #{article['id']} authors")
        names = ([article["category"]["name"]] if article.get("category") else []) + [tag["name"] for tag in article["tags"]]
        checks.equal(item.get("tags"), names or None, f"{label} #{article['id']} tags")
        checks.equal(item.get("date_modified"), article["updated_at"], f"{label} #{article['id']} date_modified")
        extension = item.get("_newsstore", {})
        for key in ("id", "slug", "category", "tags", "hero"):
            checks.equal(extension.get(key), article.get(key), f"{label} #{article['id']} _newsstore.{key}")


def check_with_reader(checks, label, url, articles, origin):
    """Subscribes a fresh `reader` to `url`, lets it fetch and parse the feed over HTTP, and
    compares its entries with the articles."""
    path = urllib.parse.urlsplit(url).path
    library = reader.make_reader(":memory:")
    try:
        library.add_feed(url)
        library.update_feeds()
        feed = library.get_feed(url)
        before = checks.failed
        checks.expect(feed.last_exception is None, f"{label} update: {feed.last_exception}")
        entries = {entry.id: entry for entry in library.get_entries(feed=url)}
        expected = {f"{origin}/api/v1/articles/{article['id']}": article for article in articles}
        checks.equal(sorted(entries), sorted(expected), f"{label} entry ids")
        for entry_id, article in expected.items():
            entry = entries.get(entry_id)
            if entry is None:
                continue
            what = f"{label} #{article['id']}"
            checks.equal(entry.title, article["title"], f"{what} title")
            checks.equal(entry.link, f"{origin}/articles/{urllib.parse.quote(article['slug'], safe='')}", f"{what} link")
            # feedparser, which reads RSS and Atom for reader too, keeps whole seconds (and RFC 822
            # has no more); the JSON Feed parser keeps the milliseconds.
            def seconds(time):
                return time if path == "/feed.json" else time.replace(microsecond=0)

            checks.equal(entry.published, seconds(rfc3339(article["published_at"])), f"{what} published")
            if path != "/rss.xml":
                checks.equal(entry.updated, seconds(rfc3339(article["updated_at"])), f"{what} updated")
            checks.equal([author.name for author in entry.authors], [article["author"]] if article.get("author") else [], f"{what} authors")
            html = [content.value for content in entry.content if content.type == "text/html"]
            checks.equal([HTMLTokens(value).tokens for value in html], [HTMLTokens(article["body"]).tokens], f"{what} content")
            if article.get("summary"):
                checks.equal(entry.summary, article["summary"], f"{what} summary")
            hero = article.get("hero")
            if hero and path != "/feed.json":
                checks.equal([enclosure.href for enclosure in entry.enclosures], [hero["url"]], f"{what} enclosure")
        print(f"{'ok  ' if checks.failed == before else 'FAIL'}  {label}: {len(entries)} entries through reader {reader.__version__}")
    finally:
        library.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--origin", required=True)
    parser.add_argument("--site-name", required=True)
    parser.add_argument("--seed", required=True)
    args = parser.parse_args()
    api = API(args.server, os.environ["TOKEN"])
    checks = Checks()
    print(f"feedparser {feedparser.__version__}")

    populate(api, args.seed)
    scopes = [("", "", None), ("?category=politics", "&category=politics", "سياسة"),
              ("?tag=" + urllib.parse.quote("سوريا"), "&tag=" + urllib.parse.quote("سوريا"), "سوريا")]
    formats = [("/rss.xml", "rss20", "rss"), ("/atom.xml", "atom10", "atom")]

    def run(round_label):
        for feed_query, list_query, term in scopes:
            articles = api_articles(api, list_query)
            for path, version, fmt in formats:
                label = f"{round_label} {path}{feed_query}"
                status, headers, raw = api.public(path + feed_query)
                checks.equal(status, 200, f"{label} status")
                before = checks.failed
                # As a feed reader hands it over: the body with the response's headers.
                parsed = feedparser.parse(raw, response_headers={"content-type": headers.get("Content-Type", "")})
                checks.equal(parsed.bozo, 0, f"{label} well-formed ({parsed.get('bozo_exception')})")
                checks.equal(parsed.version, version, f"{label} version")
                title = args.site_name + (f" — {term}" if term else "")
                checks.equal(parsed.feed.get("title"), title, f"{label} feed title")
                checks.expect(bool(headers.get("ETag")), f"{label} ETag")
                checks.equal(headers.get("Cache-Control"), "public, max-age=60", f"{label} Cache-Control")
                checks.equal([entry.get("id") for entry in parsed.entries],
                             [f"{args.origin}/api/v1/articles/{article['id']}" for article in articles], f"{label} items, newest first")
                for entry, article in zip(parsed.entries, articles):
                    check_common(checks, f"{label} #{article['id']}", entry, article, args.origin, fmt)
                titles = [entry.get("title") for entry in parsed.entries]
                checks.expect("مسودة لا تنشر" not in titles, f"{label} no draft")
                print(f"{'ok  ' if checks.failed == before else 'FAIL'}  {label}: {len(parsed.entries)} items, "
                      f"{fmt} parsed as {parsed.version}")
                if term is None:
                    titles_by_round[round_label + path] = titles
            status, headers, raw = api.public("/feed.json" + feed_query)
            label = f"{round_label} /feed.json{feed_query}"
            checks.equal(status, 200, f"{label} status")
            checks.equal(headers.get("Content-Type"), "application/feed+json; charset=utf-8", f"{label} content type")
            before = checks.failed
            check_json_feed(checks, label, raw, articles, args.site_name + (f" — {term}" if term else ""))
            titles = [item.get("title") for item in json.loads(raw)["items"]]
            checks.expect("مسودة لا تنشر" not in titles, f"{label} no draft")
            print(f"{'ok  ' if checks.failed == before else 'FAIL'}  {label}: {len(titles)} items, members feedparser 6 does not read")
            if term is None:
                titles_by_round[round_label + "/feed.json"] = titles
            for path in ("/rss.xml", "/atom.xml", "/feed.json"):
                check_with_reader(checks, f"{round_label} reader {path}{feed_query}", args.server + path + feed_query, articles, args.origin)

    titles_by_round = {}
    run("before")
    for path in ("/rss.xml", "/atom.xml", "/feed.json"):
        checks.expect("خبر مجدول" not in titles_by_round["before" + path], f"{path}: the scheduled article is not there before its time")
    time.sleep(5)
    run("after")
    for path in ("/rss.xml", "/atom.xml", "/feed.json"):
        checks.expect("خبر مجدول" in titles_by_round["after" + path], f"{path}: the scheduled article is there once its time came")
    checks.expect(HOSTILE_TITLE in titles_by_round["after/rss.xml"], "the hostile title reads back exactly")

    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
