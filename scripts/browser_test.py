#!/usr/bin/env python3
"""Browser test of the reader (web/) against a running NewsStore server; see browser-test.sh.

The server serves web/ at / and allows CORS from --cross-origin-port. This script:
  1. fills it through the API: categories, the seed article, generated articles, related links
     and views (from distinct readers, named by X-Forwarded-For as a proxy would);
  2. serves what the pages need from elsewhere: a stand-in for example.com, where the articles'
     images live (this machine has no network), and a copy of web/ on a second origin whose
     config.js names the server's absolute API URL;
  3. opens each page in headless Chromium, checks what a reader would see and that the console
     stays free of errors and CSP violations, and saves screenshots;
  4. comments through the article page's form, moderates on /moderate (token, queue, bans) and
     reads the comments back, including one whose body is markup, which must stay text; the
     closed, rate-limited and paged states; and, on --post-moderation-server, a comment shown
     at once;
  4b. opens a preview link of a draft with no token (rendered like the article page, noindex,
     no comments), a revoked one (410), and the first again once the draft is published
     (it leads to the article, whose story is the one the preview showed);
  5. prints PASS or FAIL for each check, and exits 1 when any failed.
"""

import argparse
import base64
import hashlib
import http.server
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

API_PATH = "/api/v1"
PAGE_SIZE = 10  # web/config.js's pageSize: main() checks that they agree
SEED_QUOTE = "دمشق أرسلت عبر توماس باراك موافقتها"
HOSTILE_TITLE = 'وسم <img src="x" data-injected="1"> في عنوان تجريبي'


# ---------------------------------------------------------------------------- the API


class Api:
    """Calls the server's API: writes with the admin token, reads as the public does."""

    def __init__(self, origin, token):
        self.base = origin + API_PATH
        self.token = token

    def call(self, method, path, body=None, *, write=True, headers=None):
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        request = urllib.request.Request(self.base + urllib.parse.quote(path, safe="/?=&"), data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if write:
            request.add_header("Authorization", f"Bearer {self.token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
        return json.loads(raw) if raw else None

    def get(self, path):
        return self.call("GET", path, write=False)

    def get_token(self, path):
        return self.call("GET", path)


# ---------------------------------------------------------------------------- test data

PLACES = ["دمشق", "بيروت", "عمّان", "القاهرة", "بغداد", "الرياض", "تونس", "الرباط", "الدوحة"]
POLITICS = [
    ("وزير الخارجية يبحث في {place} ملف اللاجئين مع نظرائه العرب", "لاجئون"),
    ("البرلمان يناقش قانون الانتخابات الجديد وسط خلافات في {place}", "انتخابات"),
    ("مباحثات في {place} حول إعادة فتح المعابر الحدودية", "معابر"),
    ("وفد أممي يصل إلى {place} لبحث المساعدات الإنسانية", "الأمم المتحدة"),
    ("قمة ثلاثية في {place} تبحث أمن الحدود والتعاون الاقتصادي", "قمة"),
    ("الحكومة في {place} تعلن خطة لإصلاح الإدارة المحلية", "إصلاح"),
    ("{place} تستضيف اجتماعا وزاريا عربيا بشأن المياه", "مياه"),
    ("رئيس الوزراء يلتقي وفدا من رجال الأعمال في {place}", "استثمار"),
    ("اتفاق على تشكيل لجنة دستورية مشتركة خلال لقاء في {place}", "دستور"),
    ("المعارضة في {place} تطالب بحوار وطني شامل", "حوار وطني"),
    ("وزراء الداخلية العرب يجتمعون في {place} لبحث مكافحة التهريب", "أمن"),
    ("جولة جديدة من المفاوضات حول الأسرى تبدأ في {place}", "أسرى"),
]
OTHERS = {
    "اقتصاد": [
        ("البنك المركزي في {place} يبقي أسعار الفائدة دون تغيير", "بنوك"),
        ("ارتفاع صادرات الفوسفات من {place} خلال الربع الثالث", "تجارة"),
        ("مؤتمر للاستثمار في الطاقة المتجددة ينطلق في {place}", "طاقة"),
    ],
    "رياضة": [
        ("منتخب {place} يتأهل إلى نهائي كأس العرب للشباب", "كرة القدم"),
        ("ماراثون {place} الدولي يجذب آلاف العدائين", "ألعاب القوى"),
        ("افتتاح ملعب جديد في {place} يتسع لأربعين ألف متفرج", "ملاعب"),
    ],
    "ثقافة": [
        ("معرض {place} للكتاب يفتح أبوابه بمشاركة مئات دور النشر", "كتب"),
        ("مهرجان {place} السينمائي يكرم رواد الفيلم العربي", "سينما"),
        ("ترميم سوق {place} القديم يعيد الحياة إلى الحرف التقليدية", "تراث"),
    ],
}
AUTHORS = ["سارة الخطيب", "محمد العلي", "ليلى حداد", None]


def article_body(title, place, topic, n):
    """Paragraphs with a sub-heading, and now and then a quote, a list or an image."""
    body = [
        {"type": "paragraph", "text": f"{title}. وقالت مصادر مطلعة في {place} إن النقاشات تناولت ملف {topic} وسبل المضي فيه خلال الأسابيع المقبلة، في ظل متابعة إقليمية ودولية واسعة."},
        {"type": "paragraph", "text": f"وأضافت المصادر أن الأطراف المعنية اتفقت على مواصلة التشاور، وأن لجانا فنية ستعقد اجتماعات دورية في {place} لمتابعة التنفيذ ورفع تقارير منتظمة."},
        {"type": "heading", "text": "خلفية الملف", "level": 2},
        {"type": "paragraph", "text": f"ويعود ملف {topic} إلى سنوات مضت، وشهد محطات عدة من التقدم والتعثر، فيما يرى مراقبون أن المرحلة الحالية تحمل فرصة حقيقية لتحقيق اختراق."},
    ]
    if n % 3 == 0:
        body.append({"type": "quote", "text": f"نريد حلولا عملية لملف {topic} تلمس أثرها الناس في حياتهم اليومية"})
    if n % 4 == 1:
        body.append({"type": "list", "ordered": False, "items": ["تشكيل لجنة متابعة مشتركة", "جدول زمني للتنفيذ", "تقارير شهرية علنية"]})
    if n % 5 == 2:
        body.append({"type": "image", "url": f"https://example.com/images/body-{n}.jpg", "alt": f"جانب من الاجتماعات في {place}", "caption": f"جانب من الاجتماعات في {place}", "credit": "أرشيف"})
    body.append({"type": "paragraph", "text": "ومن المنتظر أن تتضح نتائج هذه الخطوات خلال الفترة المقبلة، وسط ترقب شعبي لما ستسفر عنه."})
    return body


def generated_articles(now):
    """35 political articles (more than three pages of سياسة, a third of them about Damascus,
    so that a search for دمشق has more than one page too), three in each other category, and
    one in ثقافة whose title holds markup, which must show as text. One every three hours,
    newest first, the categories mixed."""
    articles, used = [], set()
    for n in range(35):
        place = "دمشق" if n % 3 == 0 else PLACES[n % len(PLACES)]
        t = n % len(POLITICS)
        while (t, place) in used:  # no two articles with the same title
            t = (t + 1) % len(POLITICS)
        used.add((t, place))
        template, topic = POLITICS[t]
        articles.append(("سياسة", template.format(place=place), place, topic))
    for k, (category, templates) in enumerate(OTHERS.items()):
        for j, (template, topic) in enumerate(templates):
            place = PLACES[(k * 3 + j + 2) % len(PLACES)]
            articles.insert(1 + 3 * (j * 3 + k), (category, template.format(place=place), place, topic))
    payloads = []
    for n, (category, title, place, topic) in enumerate(articles):
        payloads.append({
            "title": title,
            "summary": f"تفاصيل جديدة حول {topic} في {place}، وما ينتظره المتابعون من الخطوات المقبلة.",
            "body": article_body(title, place, topic, n),
            "hero": {"url": f"https://example.com/images/hero-{n}.jpg", "alt": f"مشهد عام من {place}",
                     "caption": f"{place} في صورة أرشيفية", "credit": "وكالة الأنباء"},
            "author": AUTHORS[n % len(AUTHORS)],
            "sources": [{"name": "وكالة الأنباء الرسمية", "url": "https://example.com/agency", "relation": "reported_by"}],
            "category": category,
            "tags": [topic, place],
            "status": "published",
            "published_at": (now - timedelta(hours=3 * n + 1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        })
    payloads.append({
        "title": HOSTILE_TITLE,
        "summary": "مقال للتحقق من أن الواجهة تعرض النصوص نصوصا لا وسوما.",
        "body": [{"type": "paragraph", "text": "نص تجريبي <script>alert(1)</script> يجب أن يظهر كما هو."}],
        "category": "ثقافة",
        "status": "published",
        "published_at": (now - timedelta(days=40)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    })
    return payloads


def fill(api, seed_path):
    """Everything the pages show. Answers what the checks need to know."""
    api.call("POST", "/categories", {"name": "سياسة", "description": "أخبار السياسة العربية والدولية"})
    for name in ("اقتصاد", "رياضة", "ثقافة"):
        api.call("POST", "/categories", {"name": name})
    with open(seed_path, encoding="utf-8") as file:
        seed_fixture = json.load(file)
    seed = api.call("POST", "/articles", seed_fixture)
    created = [api.call("POST", "/articles", payload) for payload in generated_articles(datetime.now(timezone.utc))]
    damascus = [a for a in created if "دمشق" in a["title"]]
    editors_links = [a["id"] for a in damascus[:3]]
    api.call("PUT", f"/articles/{seed['id']}/related", {"ids": editors_links})

    # Views from distinct readers: the first articles get 8, 7, 6... views, so that "most read"
    # has a clear order. Each reader counts once per article.
    for rank, article in enumerate(created[:6]):
        for reader in range(8 - rank):
            api.call("POST", f"/articles/{article['id']}/views", write=False,
                     headers={"X-Forwarded-For": f"203.0.113.{reader + 1}"})

    # An article whose slug changed: its old address must still open it (301, then the
    # reader shows the new one).
    renamed = created[5]
    old_slug = renamed["slug"]
    renamed = api.call("PATCH", f"/articles/{renamed['id']}", {"slug": "عنوان-جديد-للمقال"})
    time.sleep(1.5)  # view counts are written about once a second
    return {
        "seed": seed,
        "seed_fixture": seed_fixture,
        "editors_links": editors_links,
        "most_read_first": created[0]["title"],
        "renamed": renamed,
        "old_slug": old_slug,
        "politics_count": sum(1 for a in created if a["category"] and a["category"]["slug"] == "سياسة") + 1,
    }


# ---------------------------------------------------------------------------- helper servers


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_in_thread(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def picture_svg(seed):
    """A landscape drawn from the path's hash: each article gets its own picture."""
    h = int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16)
    hue, sun = h % 360, 200 + h % 1200
    towers = "".join(
        f'<rect x="{120 + i * 150}" y="{560 - (h >> (i + 3)) % 220}" width="110" height="400"/>' for i in range(9))
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 900">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
<stop offset="0" stop-color="hsl({hue},45%,62%)"/><stop offset="1" stop-color="hsl({(hue + 35) % 360},60%,88%)"/>
</linearGradient></defs>
<rect width="1600" height="900" fill="url(#sky)"/>
<circle cx="{sun}" cy="250" r="95" fill="hsl({(hue + 60) % 360},90%,93%)"/>
<g fill="hsl({hue},22%,32%)" opacity=".85">{towers}</g>
<path d="M0 690 Q400 590 800 680 T1600 650 V900 H0Z" fill="hsl({hue},28%,24%)"/>
</svg>"""


class PictureHandler(QuietHandler):
    def do_GET(self):
        body = picture_svg(self.path).encode()
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        self.wfile.write(body)


def picture_host(workdir):
    """HTTPS on a free loopback port, with a certificate made here for example.com; Chromium
    maps example.com to it and trusts that certificate only (by its key's hash)."""
    key, cert = os.path.join(workdir, "key.pem"), os.path.join(workdir, "cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=example.com", "-addext", "subjectAltName=DNS:example.com",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    spki = subprocess.run(f"openssl x509 -in {cert} -pubkey -noout | openssl pkey -pubin -outform der"
                          " | openssl dgst -sha256 -binary", shell=True, check=True, capture_output=True).stdout
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PictureHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    return serve_in_thread(server), base64.b64encode(spki).decode()


# The pages the server answers with index.html (WebReaderRoutes.pagePatterns), and its CSP.
PAGE_PATH = re.compile(r"^/(articles/[^/]+|categories/[^/]+|tags/[^/]+|search|moderate)?$")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; "
       "connect-src 'self'{api}; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")


def cross_origin_reader(web, port, api_origin, workdir):
    """A copy of web/ on another origin, served as the server serves it (the shell at the page
    addresses, the same CSP but for connect-src), with a config.js of its own: the server's
    absolute API URL, and Latin digits, the other setting."""
    root = os.path.join(workdir, "web")
    shutil.copytree(web, root)
    config = os.path.join(root, "config.js")
    with open(config, encoding="utf-8") as file:
        text = file.read()
    for name, value in (("api", api_origin + API_PATH), ("digits", "latn")):
        text, count = re.subn(rf'\b{name}: "[^"]*"', f'{name}: "{value}"', text)
        if count != 1:
            raise SystemExit(f'web/config.js has no `{name}: "..."` line to change')
    with open(config, "w", encoding="utf-8") as file:
        file.write(text)

    class ReaderHandler(QuietHandler):
        extensions_map = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                          ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", "": "application/octet-stream"}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=root, **kwargs)

        def do_GET(self):
            if PAGE_PATH.match(urllib.parse.urlsplit(self.path).path):
                self.path = "/index.html"
            super().do_GET()

        def end_headers(self):
            self.send_header("Content-Security-Policy", CSP.format(api=" " + api_origin))
            self.send_header("Cache-Control", "no-cache")
            super().end_headers()

    return serve_in_thread(http.server.ThreadingHTTPServer(("127.0.0.1", port), ReaderHandler))


# ---------------------------------------------------------------------------- the browser

# Runs in every page before its own scripts: records what the console may not show plainly.
WATCH = """
window.__problems = [];
addEventListener("securitypolicyviolation", (e) => __problems.push(`CSP ${e.effectiveDirective}: ${e.blockedURI}`));
addEventListener("error", (e) => __problems.push(`error: ${e.message}`));
addEventListener("unhandledrejection", (e) => __problems.push(`unhandled rejection: ${e.reason}`));
window.alert = (message) => __problems.push(`alert: ${message}`);
"""


def browser(picture_port, picture_spki):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--window-size=1280,900", "--lang=ar", "--hide-scrollbars",
                     "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage",
                     f"--host-resolver-rules=MAP example.com 127.0.0.1:{picture_port}",
                     f"--ignore-certificate-errors-spki-list={picture_spki}"):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium's sandbox refuses to run as root
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    return driver


class Checks:
    def __init__(self):
        self.failed = []
        self.count = 0

    def check(self, name, ok, detail=""):
        self.count += 1
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + ("" if ok or not detail else f": {detail}"), flush=True)
        if not ok:
            self.failed.append(name)
        return ok


class Reader:
    """The browser on one origin of the reader, with the checks every page shares."""

    def __init__(self, driver, origin, checks, api_origin=None):
        self.driver, self.origin, self.checks = driver, origin, checks
        self.api_origin = api_origin or origin

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def wait(self, condition, what, timeout=10):
        try:
            return WebDriverWait(self.driver, timeout).until(lambda d: condition())
        except WebDriverException:
            raise AssertionError(f"timed out waiting for {what}") from None

    def open(self, path):
        """A full load of `path`, waiting until the page's content is on screen."""
        self.driver.get(self.origin + urllib.parse.quote(path, safe="/?=&"))
        self.wait_rendered()

    def wait_rendered(self):
        self.wait(lambda: self.js("return document.readyState === 'complete' && "
                                  "!document.querySelector('main[aria-busy]') && !!document.querySelector('main h1')"),
                  "the page to render")

    def texts(self, selector):
        return self.js("return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.trim())", selector)

    def clean_console(self, name, expected=()):
        """No console errors (a failed request is one) and no CSP violations since the last
        look, but for `expected`: patterns of errors this step causes on purpose."""
        entries = [e["message"] for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]
        problems = self.js("return window.__problems || []")
        bad = [m for m in entries + problems if not any(re.search(p, m) for p in expected)]
        self.checks.check(f"{name}: console has no errors or CSP violations", not bad, "; ".join(bad))

    def settle_images(self):
        """Scrolls down the page a screen at a time, so that lazy images load, then waits for
        every image shown and scrolls back up."""
        height = self.js("return document.documentElement.scrollHeight")
        for y in range(0, height, self.js("return innerHeight")):
            self.js("window.scrollTo(0, arguments[0])", y)
            time.sleep(0.05)
        self.wait(lambda: self.js("return [...document.images].every((i) => i.complete || !i.getClientRects().length)"), "images", 15)
        self.js("window.scrollTo(0, 0)")

    def screenshot(self, path, max_height=3200, selector=None):
        """The whole page (up to max_height CSS pixels), not just the window; or from the top of
        the element `selector` names, as much of it as fits in max_height."""
        self.settle_images()
        size = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        left, top, width, height = 0, 0, size["width"], size["height"]
        if selector:
            left, top, width, height = self.js(
                "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                "return [Math.max(0, r.left - 24), Math.max(0, r.top + scrollY - 24), r.width + 48, r.height + 48]", selector)
        clip = {"x": left, "y": top, "width": min(width, size["width"]), "height": min(height, max_height), "scale": 1}
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot",
                                           {"format": "png", "captureBeyondViewport": True, "clip": clip})
        with open(path, "wb") as file:
            file.write(base64.b64decode(shot["data"]))


def step(checks, name, run):
    """Runs one page's checks; a crash or timeout fails that page, and the others still run."""
    try:
        run()
    except Exception as error:  # noqa: BLE001 - any failure here is a failed check, reported
        message = str(getattr(error, "msg", None) or error).splitlines()[0]
        checks.check(f"{name}: completes", False, f"{type(error).__name__}: {message}")


ARABIC_DIGITS = re.compile("[٠-٩]")


def check_home(r, data, shots):
    c = r.checks
    r.open("/")
    c.check("home: lead story and latest articles", r.js("return document.querySelectorAll('.card-lead').length") == 1
            and len(r.texts(".cards-grid .card-title")) >= PAGE_SIZE - 1)
    r.wait(lambda: r.texts(".most-read .ranked a"), "most read")
    ranked = r.texts(".most-read .ranked a")
    c.check("home: most read, most viewed first", ranked[:1] == [data["most_read_first"]], f"got {ranked[:2]}")
    r.wait(lambda: len(r.texts("[data-sections] a")) == 5, "the sections bar")
    sections = r.texts("[data-sections] a")
    c.check("home: sections bar lists every category", sections[0] == "الرئيسية" and "سياسة" in sections, f"got {sections}")
    r.wait(lambda: r.texts(".section-index li"), "the sections index")
    c.check("home: sections index with counts", any("سياسة" in t for t in r.texts(".section-index li")))
    dates = r.texts(".card .date")
    c.check("home: dates in Arabic-Indic digits", bool(dates) and all(ARABIC_DIGITS.search(d) for d in dates), f"got {dates[:2]}")
    c.check("home: document title is the site's name", r.driver.title == "نيوز ستور", r.driver.title)
    r.screenshot(os.path.join(shots, "home.png"))
    r.clean_console("home")


def check_article(r, api, data, shots):
    c, seed, fixture = r.checks, data["seed"], data["seed_fixture"]
    views_before = api.get(f"/articles/{seed['id']}")["views"]
    r.open(f"/articles/{seed['slug']}")
    c.check("article: title in Arabic, exactly as written", r.texts("main h1") == [fixture["title"]], f"got {r.texts('main h1')}")
    c.check("article: document title", r.driver.title.startswith(fixture["title"]), r.driver.title)
    before_render = r.js("""
        const rendered = performance.getEntriesByName("reader:rendered")[0].startTime;
        return performance.getEntriesByType("resource")
          .filter((e) => e.name.includes("/api/v1/") && e.startTime < rendered).map((e) => decodeURI(e.name));""")
    c.check("article: first render made exactly one API call, the article's",
            len(before_render) == 1 and before_render[0].endswith(f"/articles/{seed['slug']}"), f"got {before_render}")
    hero = r.js("const i = document.querySelector('.story > figure img'); return i && [i.alt, i.naturalWidth]")
    c.check("article: hero image with its alt text", hero and hero[0] == fixture["hero"]["alt"] and hero[1] > 0, f"got {hero}")
    c.check("article: sub-headings", r.texts(".story-body h2") == ["موافقة دمشق", "مخاوف دمشق"], f"got {r.texts('.story-body h2')}")
    quotes = r.texts(".story-body blockquote")
    c.check("article: pull quotes", len(quotes) == 2 and quotes[0].startswith(SEED_QUOTE), f"got {quotes[:1]}")
    category = r.js("const a = document.querySelector('.story > header .kicker'); return a && [a.textContent, decodeURI(a.pathname)]")
    c.check("article: category link", category == ["سياسة", "/categories/سياسة"], f"got {category}")
    c.check("article: tags", r.texts(".tags a") == fixture["tags"], f"got {r.texts('.tags a')}")
    c.check("article: cited source", any("إرم نيوز" in t for t in r.texts(".sources li")), f"got {r.texts('.sources li')}")
    canonical = r.js("return document.querySelector('link[rel=canonical]').href")
    expected = r.origin + "/articles/" + urllib.parse.quote(seed["slug"])
    c.check("article: canonical link", canonical == expected, f"got {canonical}")
    shares = r.js("return [...document.querySelectorAll('.share a')].map((a) => a.href)")
    hosts = sorted(urllib.parse.urlsplit(h).hostname for h in shares)
    c.check("article: share links carry the canonical URL",
            hosts == ["t.me", "wa.me", "www.facebook.com", "x.com"]
            and all(urllib.parse.quote(canonical, safe="") in h for h in shares), f"got {shares}")
    c.check("article: copy-link button", r.texts(".share button") == ["نسخ الرابط"])
    related = r.js("return [...document.querySelectorAll('.related .card-title a')].map((a) => decodeURI(a.pathname))")
    editors = [f"/articles/{api.get(f'/articles/{i}')['slug']}" for i in data["editors_links"]]
    c.check("article: related articles, the editors' first", related[:3] == editors and len(related) >= 3, f"got {related}")
    r.wait(lambda: r.texts(".most-read .ranked a"), "most read")
    c.check("article: most read, after the article", len(r.texts(".most-read .ranked a")) == 5)
    time.sleep(2.5)  # the beacon, then the server's once-a-second write of view counts
    views_after = api.get(f"/articles/{seed['id']}")["views"]
    c.check("article: the view was counted", views_after == views_before + 1, f"{views_before} -> {views_after}")
    r.screenshot(os.path.join(shots, "article.png"), max_height=3600)
    r.clean_console("article")

    # Following a link stays in the page (no reload), and back comes back.
    r.js("window.__samePage = true")
    first_related = r.texts(".related .card-title a")[0]
    r.driver.find_element(By.CSS_SELECTOR, ".related .card-title a").click()
    r.wait(lambda: r.texts("main h1") == [first_related], "the related article")
    c.check("navigation: a link opens the article without a reload", r.js("return window.__samePage === true"))
    r.driver.back()
    r.wait(lambda: r.texts("main h1") == [fixture["title"]], "the seed article again")
    c.check("navigation: back shows the previous article", r.js("return window.__samePage === true")
            and decodeURI_path(r) == f"/articles/{seed['slug']}")
    r.driver.find_element(By.CSS_SELECTOR, ".tags a").click()
    r.wait(lambda: r.texts("main h1") == [fixture["tags"][0]], "the tag's page")
    c.check("navigation: a tag opens its articles", fixture["title"] in r.texts(".cards-rows .card-title"))
    r.clean_console("navigation")


def decodeURI_path(r):
    return r.js("return decodeURI(location.pathname)")


def check_old_slug(r, data):
    c, renamed = r.checks, data["renamed"]
    r.open(f"/articles/{data['old_slug']}")
    c.check("old slug: opens the article", r.texts("main h1") == [renamed["title"]], f"got {r.texts('main h1')}")
    c.check("old slug: the address becomes the current slug", decodeURI_path(r) == f"/articles/{renamed['slug']}",
            decodeURI_path(r))
    r.clean_console("old slug")


def check_category(r, data):
    c = r.checks
    r.open("/categories/سياسة")
    titles = lambda: r.js("return [...document.querySelectorAll('.cards-rows .card-title a')].map((a) => a.pathname)")
    first = titles()
    c.check("category: first page", len(first) == PAGE_SIZE, f"got {len(first)}")
    c.check("category: current section marked", r.js("return document.querySelector('[data-sections] a[aria-current]')?.textContent") == "سياسة")
    more = r.driver.find_element(By.CSS_SELECTOR, "button.more")
    more.click()
    r.wait(lambda: len(titles()) > len(first), "the second page")
    second = titles()
    c.check("category: المزيد adds the next page", len(second) == 2 * PAGE_SIZE and second[:PAGE_SIZE] == first, f"got {len(second)}")
    c.check("category: the status line says how many came", "١٠" in r.texts(".pager-status")[0], f"got {r.texts('.pager-status')}")
    focused = r.js("return document.activeElement?.pathname")
    c.check("category: focus moves to the first new article", focused == second[PAGE_SIZE], f"got {focused}")
    for _ in range(10):
        if not more.is_displayed():
            break
        count = len(titles())
        more.click()
        r.wait(lambda: len(titles()) > count or not more.is_displayed(), "another page")
    every = titles()
    c.check("category: all pages, then no more button", len(every) == data["politics_count"] and not more.is_displayed(),
            f"{len(every)} of {data['politics_count']}")
    c.check("category: no duplicates", len(set(every)) == len(every))
    r.clean_console("category")


def check_search(r, shots):
    c = r.checks
    r.open("/search?q=دمشق")
    hits = lambda: len(r.texts(".results > li"))
    c.check("search: results", hits() == PAGE_SIZE, f"got {hits()}")
    marks = r.texts(".results mark")
    c.check("search: the query is marked", bool(marks) and all("دمشق" in m for m in marks), f"got {marks[:3]}")
    c.check("search: the box keeps the query", r.js("return document.querySelector('[data-search-box]').value") == "دمشق")
    r.screenshot(os.path.join(shots, "search.png"))
    r.driver.find_element(By.CSS_SELECTOR, "button.more").click()
    r.wait(lambda: hits() > PAGE_SIZE, "more results")
    c.check("search: المزيد adds results", hits() > PAGE_SIZE, f"got {hits()}")

    r.open("/search?q=" + "تجريبي")
    title = r.js("const a = document.querySelector('.results .card-title a'); return a && [a.textContent, a.querySelectorAll('img, [data-injected]').length]")
    c.check("search: markup in a title shows as text", title is not None and title[1] == 0
            and "<img" in title[0], f"got {title}")
    r.open("/search?q=كلمةلاتوجدفيأيمقال")
    c.check("search: no results state", r.texts(".state-empty h2") == ["لا نتائج"])
    r.open("/search")
    c.check("search: empty query asks for words", "اكتب" in " ".join(r.texts("main .note")))
    r.clean_console("search")


def check_states(r, api):
    c = r.checks
    r.open("/articles/لا-يوجد-مقال-بهذا-الاسم")
    c.check("not found: article state in Arabic", r.texts("main h1") == ["لم نعثر على هذا المقال"], f"got {r.texts('main h1')}")
    c.check("not found: no canonical link", r.js("return !document.querySelector('link[rel=canonical]')"))
    # The server knows the article is missing too: the page itself is a 404, as the API's answer.
    status = r.js("return performance.getEntriesByType('navigation')[0].responseStatus")
    c.check("not found: the page's own status is 404", status == 404, f"got {status}")
    r.clean_console("not found", expected=[r"/(api/v1/)?articles/.* 404"])

    r.open("/categories/لا-يوجد")
    c.check("not found: category state", r.texts("main h1") == ["لم نعثر على هذا القسم"], f"got {r.texts('main h1')}")
    r.clean_console("not found category", expected=[r"/(api/v1/)?(categories|articles).* 404"])

    # An address the reader does not have: the server answers 404 with the reader's page,
    # which says so in Arabic (the 404 of the page itself is the one console entry).
    r.open("/old/section/page.php")
    c.check("not found: unknown address shows the reader's state", r.texts("main h1") == ["الصفحة غير موجودة"], f"got {r.texts('main h1')}")
    r.clean_console("not found address", expected=[r"/old/section/page\.php .*404"])

    # Offline: the next page says so, and "أعد المحاولة" recovers once the network is back.
    # The HTTP cache is off meanwhile: the API's max-age would otherwise answer offline.
    r.open("/")
    network = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
    r.driver.execute_cdp_cmd("Network.enable", {})
    r.driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    r.driver.execute_cdp_cmd("Network.emulateNetworkConditions", network)
    try:
        r.driver.find_element(By.CSS_SELECTOR, ".card-lead .kicker").click()
        r.wait(lambda: r.texts("main h1") == ["تعذّر الاتصال"], "the offline state")
        c.check("offline: network failure state in Arabic", True)
    finally:
        r.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {**network, "offline": False})
    r.driver.find_element(By.CSS_SELECTOR, ".state button").click()
    r.wait(lambda: r.texts(".cards-rows .card-title"), "the category after retrying")
    c.check("offline: retry loads the page", True)
    r.driver.execute_cdp_cmd("Network.disable", {})
    r.clean_console("offline", expected=[r"ERR_INTERNET_DISCONNECTED"])

    # Too many requests. The server limits each client but the machine itself, so the browser
    # passes for a client named by X-Forwarded-For (the server trusts loopback as a proxy),
    # whose searches this script spends first.
    client = "203.0.113.200"
    spent = spend_searches(api, client)
    r.driver.execute_cdp_cmd("Network.enable", {})
    r.driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"X-Forwarded-For": client}})
    try:
        r.open("/search?q=قمة")
    finally:
        r.driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})
        r.driver.execute_cdp_cmd("Network.disable", {})
    text = " ".join(r.texts(".state p"))
    c.check("429: too-many-requests state in Arabic, with the wait", spent and r.texts("main h1") == ["طلبات كثيرة"]
            and "أعد المحاولة بعد" in text, f"got {r.texts('main h1')} {text}")
    r.clean_console("429", expected=[r"/api/v1/search.* 429"])


def spend_searches(api, client):
    """Searches as `client` until the server answers 429 (a burst is 30 by default)."""
    for _ in range(200):
        try:
            api.call("GET", "/search?q=دمشق", write=False, headers={"X-Forwarded-For": client})
        except urllib.error.HTTPError as error:
            if error.code == 429:
                return True
            raise
    return False


def check_mobile(r, data, shots):
    c = r.checks
    r.driver.set_window_size(390, 844)
    try:
        r.open(f"/articles/{data['seed']['slug']}")
        c.check("mobile: article fits the width", r.js("return document.documentElement.scrollWidth <= innerWidth"),
                f"{r.js('return document.documentElement.scrollWidth')} > {r.js('return innerWidth')}")
        r.screenshot(os.path.join(shots, "article-mobile.png"), max_height=2600)
        comments_loaded(r)
        c.check("mobile: the comments and their form fit the width",
                r.js("return document.documentElement.scrollWidth <= innerWidth && !!document.querySelector('.comment')"))
        r.clean_console("mobile")
    finally:
        r.driver.set_window_size(1280, 900)


def check_cross_origin(r, data):
    c, seed = r.checks, data["seed"]
    r.open(f"/articles/{seed['slug']}")
    c.check("cross-origin: article renders", r.texts("main h1") == [data["seed_fixture"]["title"]], f"got {r.texts('main h1')}")
    calls = r.js("return performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/')).map((e) => e.name)")
    date = r.texts(".byline time")
    c.check("cross-origin: Latin digits by configuration", bool(date) and re.search("[0-9]", date[0])
            and not ARABIC_DIGITS.search(date[0]), f"got {date}")
    c.check("cross-origin: API calls go to the server's origin",
            bool(calls) and all(u.startswith(r.api_origin) for u in calls), f"got {calls}")
    r.wait(lambda: r.texts(".most-read .ranked a"), "most read")
    comments_loaded(r)
    status = send_comment(r, "قارئ من نطاق آخر", "تعليق يمر عبر CORS مع طلبه التمهيدي.")
    c.check("cross-origin: a comment is sent through CORS (preflight, JSON body)", "بانتظار المراجعة" in status, f"got {status}")
    r.open(f"/articles/{data['old_slug']}")
    c.check("cross-origin: an old slug is followed through CORS", r.texts("main h1") == [data["renamed"]["title"]])
    r.clean_console("cross-origin")
    # A browser (or a shared cache) that kept an answer given without CORS headers, to a page on
    # the server's own origin, must not hand it to this origin's page: seen in this test when
    # one browser opened both, as a CORS failure. So every API answer must vary by Origin.
    with urllib.request.urlopen(r.api_origin + API_PATH + "/categories", timeout=10) as response:
        vary = response.headers.get("Vary", "")
    c.check("cross-origin: API answers without Origin still say Vary: Origin", "origin" in vary.lower(), f"Vary: {vary}")


# ---------------------------------------------------------------------------- comments

HOSTILE_COMMENT = "<img src=x onerror=alert(1)>"
FIRST_COMMENT = "تحليل دقيق لما جرى في دمشق.\n\nلكن ماذا عن موقف الأطراف الأخرى؟"
COMMENT_ERRORS = r"/api/v1/(articles/\d+/comments|comments.*|comment-bans.*) - Failed to load resource: the server responded with a status of (401|403|409|422|429)"


def answer_status(run):
    """The HTTP status of an API call that may fail."""
    try:
        run()
        return 200
    except urllib.error.HTTPError as error:
        return error.code


def comments_loaded(r):
    r.wait(lambda: r.js("const s = document.querySelector('.comments'); return !!s && !s.hasAttribute('aria-busy')"),
           "the comments")


def send_comment(r, name, body, email=None):
    """Types a comment into the form as a reader would, sends it, and answers the status line
    once the server has answered."""
    form = r.driver.find_element(By.CSS_SELECTOR, ".comment-form")
    for field, value in (("#c-name", name), ("#c-email", email or ""), ("#c-body", body)):
        element = form.find_element(By.CSS_SELECTOR, field)
        element.clear()
        if value:
            element.send_keys(value)
    form.find_element(By.CSS_SELECTOR, "button:not(.link)").click()
    r.wait(lambda: r.js("const b = document.querySelector('.comment-form button:not(.link)');"
                        "const s = document.querySelector('.comment-form [role=status]');"
                        "return !b || !s || s.textContent !== 'جارٍ الإرسال…'"), "the comment's answer")
    return " ".join(r.texts(".comment-form [role=status], .comments .closed"))


def pending(api, article_id):
    return [c for c in api.get_token("/comments?status=pending")["items"] if c["article"]["id"] == article_id]


def check_comments(r, api, data, shots):
    """A reader comments, the moderator approves on /moderate, the reader sees it."""
    c, seed, fixture = r.checks, data["seed"], data["seed_fixture"]
    r.open(f"/articles/{seed['slug']}")
    comments_loaded(r)
    c.check("comments: section with the empty state and the form",
            r.texts(".comments .section-title") == ["التعليقات"] and "لا تعليقات بعد" in " ".join(r.texts(".comments .note"))
            and len(r.driver.find_elements(By.CSS_SELECTOR, ".comment-form")) == 1, f"got {r.texts('.comments .note')}")

    status = send_comment(r, "سارة", FIRST_COMMENT, email="sara@example.com")
    c.check("comments: sending says the comment awaits moderation", "بانتظار المراجعة" in status, f"got {status}")
    c.check("comments: the text field is emptied, the name kept",
            r.js("return [document.querySelector('#c-body').value, document.querySelector('#c-name').value]") == ["", "سارة"])
    status = send_comment(r, "زائر", HOSTILE_COMMENT)
    c.check("comments: a comment holding markup is accepted as text", "بانتظار المراجعة" in status, f"got {status}")

    status = send_comment(r, "", "تعليق بلا اسم")
    error = r.texts("#c-name-error")
    c.check("comments: 422 shows its error next to the name field, in Arabic",
            bool(error) and "اسمك" in error[0] and r.js("return document.querySelector('#c-name').hasAttribute('aria-invalid')")
            and r.js("return document.activeElement.id") == "c-name", f"got {error} / {status}")
    send_comment(r, "سارة", FIRST_COMMENT)
    error = r.texts("#c-body-error")
    c.check("comments: 409 for the same text again shows next to the text field",
            bool(error) and "نفسه" in error[0] and r.texts("#c-name-error") == [""], f"got {error}")
    queued = pending(api, seed["id"])
    c.check("comments: the server holds both, pending", sorted(q["body"] for q in queued) == sorted([FIRST_COMMENT, HOSTILE_COMMENT]),
            f"got {[q['body'] for q in queued]}")
    r.clean_console("comments: form", expected=[COMMENT_ERRORS])

    check_moderation_page(r, api, data, shots)

    r.open(f"/articles/{seed['slug']}")
    comments_loaded(r)
    bodies = r.js("return [...document.querySelectorAll('.comment-body')].map((b) => [...b.children].map((p) => p.textContent))")
    c.check("comments: approved comments show, oldest first, paragraphs kept",
            bodies == [FIRST_COMMENT.split("\n\n"), [HOSTILE_COMMENT]], f"got {bodies}")
    c.check("comments: the markup is shown as text, nothing injected",
            r.js("return document.querySelectorAll('.comments img, .comments [onerror]').length") == 0)
    c.check("comments: the public page has no email", "sara@example.com" not in r.js("return document.body.textContent"))

    # A reply: the form moves under the comment it answers.
    r.driver.find_element(By.CSS_SELECTOR, ".comment .link").click()
    c.check("comments: the reply link moves the form under the comment",
            r.js("return !!document.querySelector('.comment .comment-form')")
            and "ردًّا على سارة" in " ".join(r.texts(".replying")), f"got {r.texts('.replying')}")
    status = send_comment(r, "خالد", "أتفق معك، والسؤال في محله.")
    c.check("comments: a reply awaits moderation too", "بانتظار المراجعة" in status, f"got {status}")
    first_id = next(q["id"] for q in api.get_token("/comments?status=approved")["items"] if q["body"] == FIRST_COMMENT)
    reply = next(q for q in pending(api, seed["id"]) if q["body"] == "أتفق معك، والسؤال في محله.")
    c.check("comments: the reply is sent with parent_id", reply["parent_id"] == first_id, f"got {reply}")
    api.call("PATCH", f"/comments/{reply['id']}", {"status": "approved"})
    api.call("DELETE", f"/comments/{first_id}")
    r.open(f"/articles/{seed['slug']}")
    comments_loaded(r)
    thread = r.js("""const first = document.querySelector('.comments .comment');
        return [first.querySelector('article').textContent, [...first.querySelectorAll('.replies .comment-body')].map((b) => b.textContent)]""")
    c.check("comments: a deleted comment shows as deleted, its reply beneath",
            thread == ["تعليق محذوف", ["أتفق معك، والسؤال في محله."]], f"got {thread}")
    r.screenshot(os.path.join(shots, "comments.png"), max_height=1400, selector=".comments")
    r.clean_console("comments: reading", expected=[COMMENT_ERRORS])


def check_moderation_page(r, api, data, shots):
    c, seed, token = r.checks, data["seed"], api.token
    r.open("/moderate")
    field = r.driver.find_element(By.CSS_SELECTOR, "#mod-token")
    c.check("moderate: asks for the token in a password field without a name",
            field.get_attribute("type") == "password" and not field.get_attribute("name"))
    field.send_keys("not-the-token", Keys.ENTER)
    r.wait(lambda: r.texts("main [role=alert]") and r.texts("main [role=alert]")[0], "the refusal")
    c.check("moderate: a wrong token is refused, and forgotten", "غير صحيح" in r.texts("main [role=alert]")[0]
            and r.js("return sessionStorage.length") == 0, f"got {r.texts('main [role=alert]')}")

    r.driver.find_element(By.CSS_SELECTOR, "#mod-token").send_keys(token, Keys.ENTER)
    r.wait(lambda: len(r.texts(".mod-queue .mod-item")) == 2, "the queue")
    stored = r.js("return [Object.values(sessionStorage), localStorage.length, document.cookie]")
    urls = r.js("return [location.href, ...performance.getEntriesByType('resource').map((e) => e.name)]")
    c.check("moderate: the token is in sessionStorage only, in no URL",
            stored == [[token], 0, ""] and not any(token in u or urllib.parse.quote(token) in u for u in urls), f"got {stored}")
    items = r.js("""return [...document.querySelectorAll('.mod-item')].map((i) => ({
        article: i.querySelector('.kicker').textContent, meta: i.querySelector('.comment-meta').textContent,
        body: i.querySelector('.comment-body').textContent, images: i.querySelectorAll('img').length}))""")
    c.check("moderate: the queue, newest first, with the article's title",
            [i["body"] for i in items] == [HOSTILE_COMMENT, FIRST_COMMENT.replace("\n\n", "")]
            and all(i["article"] == data["seed_fixture"]["title"] for i in items), f"got {items}")
    c.check("moderate: the moderator sees the email and the address",
            "sara@example.com" in items[1]["meta"] and "127.0.0.1" in items[1]["meta"], f"got {items[1]['meta']}")
    c.check("moderate: markup in a comment is text here too", items[0]["images"] == 0)
    r.screenshot(os.path.join(shots, "moderate.png"), max_height=2000)

    for _ in items:
        moderate_item(r, "قبول")
    c.check("moderate: approve empties the queue", r.texts(".mod-queue .note") == ["لا تعليقات هنا."] or not r.texts(".mod-item"))
    c.check("moderate: the server has them approved", pending(api, seed["id"]) == []
            and len(api.get(f"/articles/{seed['id']}/comments")["items"]) == 2)

    # Bans: add one for an address, which the server then refuses, and take it away again.
    banned = "198.51.100.23"
    r.driver.find_element(By.CSS_SELECTOR, "#ban-value").send_keys(banned)
    r.driver.find_element(By.CSS_SELECTOR, "#ban-reason").send_keys("رسائل دعائية متكررة", Keys.ENTER)
    r.wait(lambda: any(banned in t for t in r.texts(".mod-ban")), "the new ban")
    post = lambda: api.call("POST", f"/articles/{seed['id']}/comments", {"author_name": "مزعج", "body": "اشتر الآن"},
                            write=False, headers={"X-Forwarded-For": banned})
    c.check("moderate: a ban added here refuses that address (403)", answer_status(post) == 403)
    r.driver.find_element(By.CSS_SELECTOR, ".mod-ban .button").click()
    r.wait(lambda: not r.texts(".mod-ban"), "the ban to go")
    c.check("moderate: a removed ban lets the address comment again", answer_status(post) == 200)

    r.open("/moderate")
    r.wait(lambda: r.driver.find_elements(By.CSS_SELECTOR, ".mod-queue"), "the queue after a reload")
    c.check("moderate: a reload keeps the session", not r.driver.find_elements(By.CSS_SELECTOR, "#mod-token"))

    # The comment the unbanned address just sent: spam, then from the spam list to the trash.
    r.wait(lambda: r.texts(".mod-item .comment-body") == ["اشتر الآن"], "the new pending comment")
    moderate_item(r, "مزعج")
    Select(r.driver.find_element(By.CSS_SELECTOR, "#mod-status")).select_by_value("spam")
    r.wait(lambda: r.texts(".mod-item .comment-body") == ["اشتر الآن"], "the spam list")
    moderate_item(r, "إلى المهملات")
    trash = [q["body"] for q in api.get_token("/comments?status=trash")["items"]]
    c.check("moderate: spam, then trash, as the buttons say", trash == ["اشتر الآن"] and r.texts(".mod-live") == ["نُقل التعليق إلى المهملات."],
            f"got {trash} {r.texts('.mod-live')}")
    Select(r.driver.find_element(By.CSS_SELECTOR, "#mod-status")).select_by_value("trash")
    r.wait(lambda: r.texts(".mod-item .comment-body") == ["اشتر الآن"], "the trash list")
    count = len(r.texts(".mod-item"))
    next(b for b in r.driver.find_elements(By.CSS_SELECTOR, ".mod-item .mod-actions button") if b.text == "حذف").click()
    r.wait(lambda: EC.alert_is_present()(r.driver), "the confirmation")
    r.driver.switch_to.alert.accept()
    r.wait(lambda: len(r.texts(".mod-item")) < count, "the deleted comment to leave")
    c.check("moderate: delete, once confirmed, removes it", api.get_token("/comments?status=trash")["items"] == []
            and r.texts(".mod-live") == ["حُذف التعليق."], f"got {r.texts('.mod-live')}")
    r.driver.find_element(By.CSS_SELECTOR, ".mod-bar button").click()
    c.check("moderate: signing out forgets the token", r.js("return sessionStorage.length") == 0
            and r.driver.find_elements(By.CSS_SELECTOR, "#mod-token"))
    r.clean_console("moderate", expected=[COMMENT_ERRORS])


def moderate_item(r, label):
    """Presses `label` on the first comment of the queue, and waits until it has left."""
    count = len(r.texts(".mod-item"))
    next(b for b in r.driver.find_elements(By.CSS_SELECTOR, ".mod-item .mod-actions button") if b.text == label).click()
    r.wait(lambda: len(r.texts(".mod-item")) < count, f"the comment to leave the queue ({label})")


def check_comment_states(r, api, data, shots):
    """Closed (by the article's field, and by a 403 to a form already open), rate limited."""
    c = r.checks
    others = api.get("/articles?category=رياضة")["items"]
    closed, closing, limited = others[0], others[1], others[2]
    api.call("PATCH", f"/articles/{closed['id']}", {"comments": "closed"})
    r.open(f"/articles/{closed['slug']}")
    comments_loaded(r)
    c.check("comments closed: a notice, no form", r.texts(".comments .closed") == ["التعليقات مغلقة على هذا المقال."]
            and not r.driver.find_elements(By.CSS_SELECTOR, ".comment-form"), f"got {r.texts('.comments .closed')}")

    earlier = api.call("POST", f"/articles/{closing['id']}/comments", {"author_name": "سامي", "body": "تعليق سابق."}, write=False)
    api.call("PATCH", f"/comments/{earlier['id']}", {"status": "approved"})
    r.open(f"/articles/{closing['slug']}")
    comments_loaded(r)
    c.check("comments: an open article's comment has a reply link", len(r.driver.find_elements(By.CSS_SELECTOR, ".comment .link")) == 1)
    api.call("PATCH", f"/articles/{closing['id']}", {"comments": "closed"})
    status = send_comment(r, "ليلى", "هل من تفاصيل أخرى؟")
    c.check("comments closed: a 403 to a sent comment replaces the form with the notice, and the reply links go",
            "مغلقة" in status and not r.driver.find_elements(By.CSS_SELECTOR, ".comment-form, .comment .link"), f"got {status}")
    r.clean_console("comments closed", expected=[COMMENT_ERRORS])

    # Rate limited: the browser passes for a client named by X-Forwarded-For (see check_states),
    # whose comments this script spends first.
    client = "203.0.113.201"
    spent = False
    for n in range(10):
        post = lambda: api.call("POST", f"/articles/{limited['id']}/comments", {"author_name": "مستعجل", "body": f"تعليق رقم {n}"},
                                write=False, headers={"X-Forwarded-For": client})
        if answer_status(post) == 429:
            spent = True
            break
    r.driver.execute_cdp_cmd("Network.enable", {})
    r.driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"X-Forwarded-For": client}})
    try:
        r.open(f"/articles/{limited['slug']}")
        comments_loaded(r)
        status = send_comment(r, "مستعجل", "تعليق آخر بعد قليل")
    finally:
        r.driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})
        r.driver.execute_cdp_cmd("Network.disable", {})
    c.check("comments 429: says to wait, in Arabic, and holds the button",
            spent and "أعد المحاولة بعد" in status and r.js("return document.querySelector('.comment-form button:not(.link)').disabled"),
            f"got {status}")
    r.screenshot(os.path.join(shots, "comments-rate-limited.png"), max_height=900, selector=".comments")
    r.clean_console("comments 429", expected=[COMMENT_ERRORS])

    # The moderation queue of one article: the rate-limited client's comments, not the seed's.
    seed_comment = api.call("POST", f"/articles/{data['seed']['id']}/comments", {"author_name": "هدى", "body": "سؤال للمحرر."},
                            write=False)
    r.open("/moderate")
    r.driver.find_element(By.CSS_SELECTOR, "#mod-token").send_keys(api.token, Keys.ENTER)
    r.wait(lambda: len(r.texts(".mod-item")) == 3, "the queue of three")
    next(b for b in r.driver.find_elements(By.CSS_SELECTOR, ".mod-item .mod-actions button")
         if b.text == "هذا المقال فقط" and limited["title"] in b.find_element(By.XPATH, "ancestor::li").text).click()
    r.wait(lambda: len(r.texts(".mod-item")) == 2, "one article's queue")
    titles = set(r.texts(".mod-item .kicker"))
    c.check("moderate: one article's comments alone (?article=)", titles == {limited["title"]}
            and limited["title"] in r.texts(".mod-scope")[0], f"got {titles}")
    r.driver.find_element(By.CSS_SELECTOR, ".mod-scope button").click()
    r.wait(lambda: len(r.texts(".mod-item")) == 3, "every article's queue again")
    c.check("moderate: back to every article", not r.driver.find_element(By.CSS_SELECTOR, ".mod-scope").is_displayed())
    r.driver.find_element(By.CSS_SELECTOR, ".mod-bar button").click()
    api.call("DELETE", f"/comments/{seed_comment['id']}")
    r.clean_console("moderate: one article")


def check_comment_pages(r, api):
    """More comments than the API's page: "المزيد" follows next_cursor."""
    c = r.checks
    article = api.get("/articles?category=اقتصاد")["items"][0]
    for n in range(60):
        posted = api.call("POST", f"/articles/{article['id']}/comments", {"author_name": f"قارئ {n}", "body": f"التعليق رقم {n}"},
                          write=False)
        api.call("PATCH", f"/comments/{posted['id']}", {"status": "approved"})
    r.open(f"/articles/{article['slug']}")
    comments_loaded(r)
    first = len(r.texts(".comment"))
    more = r.driver.find_elements(By.CSS_SELECTOR, ".comments button.more")
    c.check("comments: a first page, and a button for more", 0 < first < 60 and more and more[0].is_displayed(), f"got {first}")
    while more and more[0].is_displayed():
        count = len(r.texts(".comment"))
        more[0].click()
        r.wait(lambda: len(r.texts(".comment")) > count or not more[0].is_displayed(), "more comments")
    every = r.texts(".comment-body")
    c.check("comments: all pages, in order, no duplicates", every == [f"التعليق رقم {n}" for n in range(60)],
            f"got {len(every)}")
    r.clean_console("comments: pages")



def check_post_moderation(r, api):
    """Under --comments-moderation post a comment shows at once; one with more than two links
    is held, and the reader is told so."""
    c = r.checks
    api.call("POST", "/categories", {"name": "سياسة"})
    article = api.call("POST", "/articles", {
        "title": "مقال للتعليقات الفورية", "body": [{"type": "paragraph", "text": "نص قصير."}],
        "category": "سياسة", "status": "published"})
    r.open(f"/articles/{article['slug']}")
    comments_loaded(r)
    status = send_comment(r, "نور", "تعليق يظهر فورًا.")
    shown = r.texts(".comments .comment-body")
    c.check("post-moderation: an approved comment shows at once, focused",
            "نُشر" in status and shown == ["تعليق يظهر فورًا."]
            and r.js("return document.activeElement.classList.contains('comment')"), f"got {status} {shown}")
    links = "انظر https://a.example و https://b.example و https://c.example"
    status = send_comment(r, "نور", links)
    c.check("post-moderation: a held comment awaits moderation, not shown",
            "بانتظار المراجعة" in status and len(r.texts(".comments .comment-body")) == 1, f"got {status}")
    r.open(f"/articles/{article['slug']}")
    comments_loaded(r)
    c.check("post-moderation: the approved one is there after a reload", r.texts(".comments .comment-body") == ["تعليق يظهر فورًا."],
            f"got {r.texts('.comments .comment-body')}")
    r.clean_console("post-moderation")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def raw_get(url):
    """Status and headers of a GET, as the server answered it: redirects are not followed."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url), timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def check_preview(r, api, data, shots):
    """A preview link of a draft made from the seed article, opened by a reader with no token:
    the page renders the draft as its article page will be, noindex and private; a revoked
    link is gone; once published, the link leads to the article, whose story is the same."""
    c, fixture = r.checks, data["seed_fixture"]
    draft = api.call("POST", "/articles", {**fixture, "title": "معاينة: " + fixture["title"], "slug": "مسودة-للمعاينة",
                                           "status": "draft", "published_at": None})
    link = api.call("POST", f"/articles/{draft['id']}/preview-links", {"expires_in": "1h"})
    path = urllib.parse.urlsplit(link["url"]).path
    c.check("preview: the link is /preview/{token}", re.fullmatch(r"/preview/[A-Za-z0-9_-]{43}", path) is not None, path)
    for address in (r.origin + path, r.origin + urllib.parse.urlsplit(link["api_url"]).path):
        status, headers = raw_get(address)
        c.check(f"preview: {address[len(r.origin):][:20]}… is private and noindex", status == 200
                and headers["Cache-Control"] == "private, no-store" and headers["X-Robots-Tag"] == "noindex",
                f"{status} {headers['Cache-Control']} {headers['X-Robots-Tag']}")
    r.open(path)
    c.check("preview: the draft's title", r.texts("main h1") == [draft["title"]], f"got {r.texts('main h1')}")
    c.check("preview: robots noindex in the page", r.js("return document.querySelector('meta[name=robots]')?.content") == "noindex")
    c.check("preview: no canonical link", r.js("return !document.querySelector('link[rel=canonical]')"))
    c.check("preview: sub-headings and quotes as on the article page", r.texts(".story-body h2") == ["موافقة دمشق", "مخاوف دمشق"]
            and len(r.texts(".story-body blockquote")) == 2, f"got {r.texts('.story-body h2')}")
    hero = r.js("const i = document.querySelector('.story > figure img'); return i && [i.alt, i.naturalWidth]")
    c.check("preview: hero image with its alt text", hero and hero[0] == fixture["hero"]["alt"] and hero[1] > 0, f"got {hero}")
    c.check("preview: no comments on a draft", r.js("return !document.querySelector('.comments')"))
    story = r.js("""const s = document.querySelector('.story');
        return ['header h1', '.standfirst', ':scope > figure', '.story-body', '.story-foot'].map((q) => s.querySelector(q)?.outerHTML)""")
    r.screenshot(os.path.join(shots, "preview.png"), max_height=2400)
    r.clean_console("preview")

    status, _ = raw_get(r.origin + "/api/v1/articles/" + urllib.parse.quote(draft["slug"]))
    c.check("preview: the draft itself stays hidden from the public", status == 404, f"got {status}")

    revoked = api.call("POST", f"/articles/{draft['id']}/preview-links", {})
    api.call("DELETE", f"/articles/{draft['id']}/preview-links/{revoked['id']}")
    revoked_path = urllib.parse.urlsplit(revoked["url"]).path
    r.open(revoked_path)
    c.check("preview: a revoked link says it is no longer valid", r.texts("main h1") == ["انتهت صلاحية هذا الرابط"], f"got {r.texts('main h1')}")
    status = r.js("return performance.getEntriesByType('navigation')[0].responseStatus")
    c.check("preview: a revoked link's page is 410", status == 410, f"got {status}")
    c.check("preview: a revoked link's page stays noindex", r.js("return document.querySelector('meta[name=robots]')?.content") == "noindex")
    r.clean_console("preview revoked", expected=[r"/(api/v1/)?preview/.* 410"])

    api.call("PATCH", f"/articles/{draft['id']}", {"status": "published"})
    r.open(path)
    c.check("preview: once published, the link leads to the article", decodeURI_path(r) == f"/articles/{draft['slug']}", decodeURI_path(r))
    published = r.js("""const s = document.querySelector('.story');
        return ['header h1', '.standfirst', ':scope > figure', '.story-body', '.story-foot'].map((q) => s.querySelector(q)?.outerHTML)""")
    c.check("preview: the published article's story is the one the preview showed", published == story and None not in story,
            "differs" if published != story else "a part is missing")
    c.check("preview: the article page is indexable again", r.js("return !document.querySelector('meta[name=robots]')")
            and r.js("return !!document.querySelector('link[rel=canonical]')"))
    r.clean_console("preview published")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", required=True, help="the newsstore origin, serving web/ at /")
    parser.add_argument("--cross-origin-port", type=int, required=True, help="a free port the server allows CORS from")
    parser.add_argument("--post-moderation-server", required=True, help="a second origin, under --comments-moderation post")
    parser.add_argument("--web", default="web")
    parser.add_argument("--seed", required=True)
    parser.add_argument("--screenshots", default="docs/screenshots")
    args = parser.parse_args()
    token = os.environ["TOKEN"]
    os.makedirs(args.screenshots, exist_ok=True)
    with open(os.path.join(args.web, "config.js"), encoding="utf-8") as file:
        if not re.search(rf"\bpageSize: {PAGE_SIZE},", file.read()):
            raise SystemExit(f"web/config.js's pageSize is not {PAGE_SIZE}, which the checks count with")

    api = Api(args.server, token)
    data = fill(api, args.seed)
    workdir = tempfile.mkdtemp(prefix="reader-test-")
    checks = Checks()
    driver = None
    try:
        pictures, spki = picture_host(workdir)
        cross_origin = f"http://127.0.0.1:{args.cross_origin_port}"
        cross_origin_reader(args.web, args.cross_origin_port, args.server, workdir)
        driver = browser(pictures.server_address[1], spki)
        same = Reader(driver, args.server, checks)
        step(checks, "home", lambda: check_home(same, data, args.screenshots))
        step(checks, "article", lambda: check_article(same, api, data, args.screenshots))
        step(checks, "old slug", lambda: check_old_slug(same, data))
        step(checks, "category", lambda: check_category(same, data))
        step(checks, "search", lambda: check_search(same, args.screenshots))
        step(checks, "states", lambda: check_states(same, api))
        step(checks, "comments", lambda: check_comments(same, api, data, args.screenshots))
        step(checks, "comment states", lambda: check_comment_states(same, api, data, args.screenshots))
        step(checks, "comment pages", lambda: check_comment_pages(same, api))
        step(checks, "mobile", lambda: check_mobile(same, data, args.screenshots))  # with the seed's comments
        step(checks, "preview", lambda: check_preview(same, api, data, args.screenshots))
        post = Reader(driver, args.post_moderation_server, checks)
        step(checks, "post-moderation", lambda: check_post_moderation(post, Api(args.post_moderation_server, token)))
        # Readers of a cross-origin deployment come with nothing cached from the same-origin one.
        driver.quit()
        driver = browser(pictures.server_address[1], spki)
        other = Reader(driver, cross_origin, checks, api_origin=args.server)
        step(checks, "cross-origin", lambda: check_cross_origin(other, data))
    finally:
        if driver:
            driver.quit()
        shutil.rmtree(workdir, ignore_errors=True)
    passed = checks.count - len(checks.failed)
    print(f"{passed} passed, {len(checks.failed)} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
