"""The real server behind a real Varnish (deploy/varnish/newsstore.vcl), through a news day.

Run by scripts/cache-test.sh, which installs varnishd with the xkey module from Debian and wrk,
and builds the server. Standard library only. On loopback it starts the server (with
`--purge-varnish` pointing at the Varnish) and `varnishd -j none` with the VCL whose backend
is rewritten to the server's port, seeds ARTICLES published articles in CATEGORIES categories
and TAGS tags, and then:

1. A news day, DURATION seconds after WARMUP seconds of the same reads (a cache in front of a
   site is warm; the warm-up is not counted): READERS processes read through Varnish, each on one
   keep-alive connection as fast as it can, from this mix: article pages by Zipf popularity
   (s = 1.1) 60%, the home listing 12%, a category listing 10% and a tag listing 4% (Zipf over
   the terms), search 5% (Zipf over 20 words), most read 3%, an article's comments 3% (Zipf),
   the RSS feed 2%, the category list 1%. Meanwhile one editor writes once a second through
   Varnish (passed, with its token): a PATCH of a Zipf-chosen article's summary to
   `rev:<id>:<n>`, and then polls that article's page through Varnish every 5 ms until it shows
   `rev:<id>:<n>`.
   Reported: the hit ratio of the reads (X-Cache from the VCL; Varnish's own counters beside),
   the reads that returned content older than the last acknowledged write plus one second
   (every `rev:<id>:<n>` in a detail, listing, feed or most-read body against the writes
   acknowledged more than a second before the read was sent), the write-to-visible latency
   through Varnish (p50, p99, max) and the server's purge latency p99 from /metrics (its
   histogram's bucket), and the purge backlog at the end.
2. Throughput: wrk (16 connections, WRK_SECONDS each) on a Zipf sample of the same read mix,
   through Varnish and against the server alone.
3. The server is stopped (SIGTERM). Every distinct path read in step 1 is read again through
   Varnish, at once and again after the health probe has marked the server down: each must be
   answered 200 from the cache (pages purged by a last write just before the stop come back
   stale, `HIT-STALE`), never a 5xx.

Targets (issue 17): hit ratio >= 95%, stale reads 0, no 5xx with the server down. Prints one
line per check and `N passed, N failed`; exits 1 if any failed.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--binary", required=True)
parser.add_argument("--dir", required=True)
parser.add_argument("--vcl", required=True)
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=18131)
parser.add_argument("--varnish-port", type=int, default=18132)
parser.add_argument("--articles", type=int, default=1000)
parser.add_argument("--categories", type=int, default=10)
parser.add_argument("--tags", type=int, default=20)
parser.add_argument("--duration", type=float, default=60)
parser.add_argument("--readers", type=int, default=4)
parser.add_argument("--warmup", type=float, default=15)
parser.add_argument("--wrk-seconds", type=int, default=15)
arguments = parser.parse_args()

HOST = arguments.host
TOKEN = os.urandom(24).hex()
SERVER = (HOST, arguments.port)
VARNISH = (HOST, arguments.varnish_port)
MARKER = re.compile(rb"rev:(\d+):(\d+)")
WORDS = ["السياسة", "الاقتصاد", "الرياضة", "الثقافة", "الصحة", "التعليم", "البيئة", "التقنية", "المدينة", "الحكومة",
         "الانتخابات", "الأسواق", "المنتخب", "المهرجان", "المستشفى", "الجامعة", "المناخ", "الشركات", "البلدية", "الوزارة"]

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name}{'  ' + detail if detail else ''}", flush=True)


def log(message):
    print(f"cache-test: {message}", file=sys.stderr, flush=True)


class Zipf:
    """Ranks 0..n-1 with weight 1/(rank+1)^s."""

    def __init__(self, n, s, rng):
        weights = [1 / (rank + 1) ** s for rank in range(n)]
        total = sum(weights)
        self.cumulative = []
        running = 0
        for weight in weights:
            running += weight / total
            self.cumulative.append(running)
        self.rng = rng

    def draw(self):
        x = self.rng.random()
        low, high = 0, len(self.cumulative) - 1
        while low < high:
            middle = (low + high) // 2
            if self.cumulative[middle] < x:
                low = middle + 1
            else:
                high = middle
        return low


class Mix:
    """The read mix of a news day over the seeded site."""

    def __init__(self, seed, articles, categories, tags):
        self.rng = random.Random(seed)
        self.articles = Zipf(len(articles), 1.1, self.rng)
        self.article_ids = articles
        self.categories = categories
        self.tags = tags
        self.category_rank = Zipf(len(categories), 1.0, self.rng)
        self.tag_rank = Zipf(len(tags), 1.0, self.rng)
        self.word_rank = Zipf(len(WORDS), 1.0, self.rng)

    def article(self):
        return self.article_ids[self.articles.draw()]

    def next(self):
        x = self.rng.random() * 100
        if x < 60:
            return "detail", f"/api/v1/articles/{self.article()}"
        if x < 72:
            return "home", "/api/v1/articles"
        if x < 82:
            return "category", f"/api/v1/articles?category={self.categories[self.category_rank.draw()]}"
        if x < 86:
            return "tag", f"/api/v1/articles?tag={self.tags[self.tag_rank.draw()]}"
        if x < 91:
            return "search", "/api/v1/search?q=" + urllib.parse.quote(WORDS[self.word_rank.draw()])
        if x < 94:
            return "popular", "/api/v1/articles/popular"
        if x < 97:
            return "comments", f"/api/v1/articles/{self.article()}/comments"
        if x < 99:
            return "feed", "/rss.xml"
        return "categories", "/api/v1/categories"


def call(address, method, path, body=None, token=False, timeout=10):
    connection = http.client.HTTPConnection(*address, timeout=timeout)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {TOKEN}"
    connection.request(method, path, body=None if body is None else json.dumps(body).encode(), headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), data


def wait_until(predicate, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"cache-test: {what} not ready within {seconds} s")


def reader(number, seed, site, stop_at, path):
    """One reader: requests from the mix until `stop_at`, one record per read."""
    mix = Mix(seed, *site)
    connection = http.client.HTTPConnection(*VARNISH, timeout=10)
    records = []
    while time.time() < stop_at:
        kind, target = mix.next()
        sent = time.time()
        try:
            connection.request("GET", target)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection(*VARNISH, timeout=10)
            records.append([sent, time.time(), kind, target, 0, "ERROR", []])
            continue
        seen = []
        if kind not in ("search", "comments", "categories"):
            seen = [[int(a), int(v)] for a, v in MARKER.findall(body)]
        records.append([sent, time.time(), kind, target, response.status, response.getheader("X-Cache", ""), seen])
    with open(path, "w") as file:
        json.dump(records, file)


def editor(seed, articles, stop_at, path):
    """One write a second through Varnish, each followed by polling until it is visible."""
    rng = random.Random(seed)
    zipf = Zipf(len(articles), 1.1, rng)
    versions = {}
    writes = []
    next_write = time.time()
    while next_write < stop_at:
        time.sleep(max(0, next_write - time.time()))
        article = articles[zipf.draw()]
        version = versions.get(article, 0) + 1
        versions[article] = version
        marker = f"rev:{article}:{version}"
        status, _, _ = call(VARNISH, "PATCH", f"/api/v1/articles/{article}", {"summary": f"{marker} ملخص محدث"}, token=True)
        acknowledged = time.time()
        visible = None
        connection = http.client.HTTPConnection(*VARNISH, timeout=10)
        while time.time() < acknowledged + 10:
            connection.request("GET", f"/api/v1/articles/{article}")
            response = connection.getresponse()
            if marker.encode() in response.read():
                visible = time.time()
                break
            time.sleep(0.005)
        connection.close()
        writes.append([article, version, status, acknowledged, visible])
        next_write += 1
    with open(path, "w") as file:
        json.dump(writes, file)


def varnish_counters():
    output = subprocess.run(["varnishstat", "-n", os.path.join(arguments.dir, "varnish"), "-j"], capture_output=True, text=True,
                            check=True).stdout
    counters = json.loads(output)
    counters = counters.get("counters", counters)
    return {name: counters[name]["value"] for name in ("MAIN.cache_hit", "MAIN.cache_miss", "MAIN.cache_hit_grace", "MAIN.s_pass")
            if name in counters}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def metrics():
    _, _, body = call(SERVER, "GET", "/metrics", token=True)
    return body.decode()


def wrk(address, paths_file, seconds):
    script = os.path.join(arguments.dir, "paths.lua")
    with open(script, "w") as file:
        file.write(f"""
local paths = {{}}
for line in io.lines("{paths_file}") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
""")
    output = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-s", script, f"http://{address[0]}:{address[1]}"],
                            capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+\w+)", output).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, p99, int(errors.group(1)) if errors else 0


def main():
    os.makedirs(arguments.dir, exist_ok=True)
    database = os.path.join(arguments.dir, "news.sqlite")
    server_log = open(os.path.join(arguments.dir, "server.log"), "w")
    server = subprocess.Popen(
        [arguments.binary, "serve", "--host", HOST, "--port", str(arguments.port), "--db", database, "--admin-token", TOKEN,
         "--public-url", "https://news.example", "--purge-varnish", f"http://{HOST}:{arguments.varnish_port}/",
         "--log-level", "warning", "--web", "off", "--metrics-access", "token",
         # One test client plays every reader: through Varnish it is one forwarded address.
         "--reads-per-minute", "1000000", "--reads-burst", "1000000", "--searches-per-minute", "1000000",
         "--searches-burst", "1000000", "--writes-per-minute", "1000000", "--writes-burst", "1000000",
         "--max-requests-per-client", "1000"],
        stdout=server_log, stderr=server_log)
    vcl = os.path.join(arguments.dir, "newsstore.vcl")
    with open(arguments.vcl) as source, open(vcl, "w") as target:
        text = source.read().replace('.host = "newsstore";', f'.host = "{HOST}";').replace('.port = "8080";',
                                                                                          f'.port = "{arguments.port}";')
        target.write(text)
    varnish = subprocess.Popen(
        ["varnishd", "-F", "-j", "none", "-n", os.path.join(arguments.dir, "varnish"), "-a", f"{HOST}:{arguments.varnish_port}",
         "-f", vcl, "-s", "malloc,256m", "-p", "thread_pool_min=20"],
        stdout=open(os.path.join(arguments.dir, "varnish.log"), "w"), stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: call(SERVER, "GET", "/healthz")[0] == 200, 20, "the server")
        wait_until(lambda: call(VARNISH, "GET", "/healthz")[0] == 200, 20, "varnishd")
        run(server, varnish)
    finally:
        for process in (server, varnish):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def run(server, varnish):
    categories = [f"section-{n}" for n in range(arguments.categories)]
    tags = [f"topic-{n}" for n in range(arguments.tags)]
    for slug in categories:
        call(SERVER, "POST", "/api/v1/categories", {"name": f"قسم {slug}", "slug": slug}, token=True)
    rng = random.Random(7)
    started = time.time()
    articles = []
    for n in range(arguments.articles):
        words = " ".join(rng.choice(WORDS) for _ in range(40))
        status, _, body = call(SERVER, "POST", "/api/v1/articles", {
            "title": f"خبر {n} عن {rng.choice(WORDS)}", "slug": f"story-{n}", "summary": "ملخص",
            "body": words, "status": "published", "category": categories[n % len(categories)],
            "tags": [tags[rng.randrange(len(tags))], tags[rng.randrange(len(tags))]],
            "published_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 86400 + n))}, token=True)
        if status != 201:
            raise SystemExit(f"cache-test: seeding article {n} answered {status}: {body[:300]!r}")
        article = json.loads(body)["id"]
        call(SERVER, "PATCH", f"/api/v1/articles/{article}", {"summary": f"rev:{article}:0 ملخص"}, token=True)
        articles.append(article)
    # The newest articles are the most read, as on a news day.
    articles.reverse()
    log(f"seeded {len(articles)} articles in {time.time() - started:.1f} s")
    wait_until(lambda: "newsstore_purge_backlog 0\n" in metrics(), 30, "the seeding's purges")

    site = (articles, categories, tags)
    # A cache in front of a site is warm: WARMUP seconds of the same reads, not counted.
    warm_until = time.time() + arguments.warmup
    warmers = [multiprocessing.Process(target=reader, args=(n, 900 + n, site, warm_until, os.devnull)) for n in range(arguments.readers)]
    for process in warmers:
        process.start()
    for process in warmers:
        process.join()
    before = varnish_counters()
    stop_at = time.time() + arguments.duration
    processes = [multiprocessing.Process(target=reader, args=(n, 100 + n, site, stop_at, os.path.join(arguments.dir, f"reads-{n}.json")))
                 for n in range(arguments.readers)]
    processes.append(multiprocessing.Process(target=editor, args=(5, articles, stop_at, os.path.join(arguments.dir, "writes.json"))))
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    after = varnish_counters()
    reads = []
    for n in range(arguments.readers):
        with open(os.path.join(arguments.dir, f"reads-{n}.json")) as file:
            reads += json.load(file)
    with open(os.path.join(arguments.dir, "writes.json")) as file:
        writes = json.load(file)

    # Hit ratio, by the VCL's X-Cache on each read, and by Varnish's counters.
    hits = sum(1 for r in reads if r[5].startswith("HIT"))
    ratio = hits / len(reads)
    by_kind = {}
    for r in reads:
        total, hit = by_kind.get(r[2], (0, 0))
        by_kind[r[2]] = (total + 1, hit + (1 if r[5].startswith("HIT") else 0))
    kinds = ", ".join(f"{kind} {hit / total:.1%} of {total}" for kind, (total, hit) in sorted(by_kind.items()))
    counted = {name: after.get(name, 0) - before.get(name, 0) for name in after}
    varnish_ratio = counted["MAIN.cache_hit"] / max(1, counted["MAIN.cache_hit"] + counted["MAIN.cache_miss"])
    duration = max(r[1] for r in reads) - min(r[0] for r in reads)
    log(f"{len(reads)} reads in {duration:.1f} s ({len(reads) / duration:.0f}/s) by {arguments.readers} readers, {len(writes)} writes")
    check("hit ratio of the reads >= 95%", ratio >= 0.95,
          f"{ratio:.2%} ({hits} of {len(reads)}; varnishstat hit/(hit+miss) {varnish_ratio:.2%}; by kind: {kinds})")
    check("every read answered 200", all(r[4] == 200 for r in reads),
          f"{sum(1 for r in reads if r[4] != 200)} not 200")
    check("every write acknowledged 200", all(w[2] == 200 for w in writes), f"{len(writes)} writes")

    # Stale reads: content older than the last write acknowledged a second before the read.
    acknowledged = {}
    for article, version, _, at, _ in writes:
        acknowledged.setdefault(article, []).append((at, version))
    stale = []
    checked = 0
    for sent, _, kind, target, _, _, seen in reads:
        for article, version in seen:
            checked += 1
            newest = max((v for at, v in acknowledged.get(article, []) if at <= sent - 1.0), default=0)
            if version < newest:
                stale.append((kind, target, article, version, newest))
    check("reads older than the last acknowledged write + 1 s: 0", not stale,
          f"{len(stale)} of {checked} article versions seen{'; first: ' + str(stale[:3]) if stale else ''}")

    # Purge latency: from the write's acknowledgement to its page showing it through Varnish,
    # and the server's own histogram (commit to Varnish's answer to the PURGE).
    latencies = [(w[4] - w[3]) * 1000 for w in writes if w[4] is not None]
    check("every write visible through Varnish", len(latencies) == len(writes),
          f"write to visible: p50 {percentile(latencies, 0.5):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms, "
          f"max {max(latencies):.1f} ms over {len(latencies)} writes")
    text = metrics()
    buckets = [(float(le) if le != "+Inf" else float("inf"), int(count))
               for le, count in re.findall(r'newsstore_purge_latency_seconds_bucket\{le="([^"]+)"\} (\d+)', text)]
    total = buckets[-1][1]
    p99_bound = next(le for le, count in buckets if count >= 0.99 * total)
    delivered = re.search(r'newsstore_purges_total\{outcome="delivered"\} (\d+)', text).group(1)
    backlog_clear = "newsstore_purge_backlog 0\n" in text
    check("purges delivered, backlog 0", backlog_clear,
          f"server purge latency p99 <= {p99_bound * 1000:.0f} ms (histogram bucket) over {total} purges, {delivered} delivered")

    # Throughput of the read mix, through Varnish and against the server alone.
    mix = Mix(42, *site)
    paths_file = os.path.join(arguments.dir, "paths.txt")
    with open(paths_file, "w") as file:
        for _ in range(20000):
            file.write(mix.next()[1] + "\n")
    through, through_p99, through_errors = wrk(VARNISH, paths_file, arguments.wrk_seconds)
    alone, alone_p99, alone_errors = wrk(SERVER, paths_file, arguments.wrk_seconds)
    check("throughput through Varnish above the server alone", through > alone and through_errors == 0 and alone_errors == 0,
          f"through Varnish {through:.0f} req/s (p99 {through_p99}), server alone {alone:.0f} req/s (p99 {alone_p99}), "
          f"x{through / alone:.1f}; wrk -t2 -c16 -d{arguments.wrk_seconds}s")

    # The server goes away: what the cache holds is still served, stale where it was purged.
    # A last write purges the home listing and its article just before.
    paths = sorted({r[3] for r in reads})
    call(VARNISH, "GET", "/api/v1/articles")
    call(VARNISH, "PATCH", f"/api/v1/articles/{articles[0]}", {"summary": "rev:last ملخص أخير"}, token=True)
    wait_until(lambda: "newsstore_purge_backlog 0\n" in metrics(), 10, "the last purge")
    server.send_signal(signal.SIGTERM)
    server.wait(20)
    for moment in ("at once", "after the probe"):
        if moment == "after the probe":
            time.sleep(4)
        statuses = {}
        served = {}
        for path in paths:
            status, headers, _ = call(VARNISH, "GET", path)
            statuses[status] = statuses.get(status, 0) + 1
            served[headers.get("X-Cache", "")] = served.get(headers.get("X-Cache", ""), 0) + 1
        check(f"server stopped, {moment}: every cached path answered 200, no 5xx",
              statuses.get(200, 0) == len(paths) and not any(status >= 500 for status in statuses),
              f"{len(paths)} paths: statuses {statuses}, X-Cache {served}")

    print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
    if not all(results):
        sys.exit(1)


if __name__ == "__main__":
    main()
