"""What revisions cost a running server: CPU time per PATCH of the seed article (each one a
revision: snapshot, changed fields, retention), per revision listing and per diff, and the
bytes the revisions take. CPU time is the server process's utime + stime from /proc, so other
processes on a shared machine do not count; run it against a binary without revisions
(NEWSSTORE_BIN) for the comparison. Usage: revisions_cost.py PID PORT TOKEN DB N"""
import http.client
import json
import os
import sqlite3
import sys

pid, port, token, db, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
ticks = os.sysconf("SC_CLK_TCK")
seed = json.load(open(os.path.join(os.path.dirname(__file__), "..", "Tests/EndToEndTests/Fixtures/seed-article.json"), encoding="utf-8"))
connection = http.client.HTTPConnection("127.0.0.1", port)
auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def call(method, path, body=None, headers=None):
    connection.request(method, path, body=None if body is None else json.dumps(body, ensure_ascii=False).encode(), headers={**auth, **(headers or {})})
    response = connection.getresponse()
    return response.status, response.read()


def cpu_ms():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / ticks


def measure(label, requests):
    before = cpu_ms()
    statuses = set()
    for method, path, body in requests:
        statuses.add(call(method, path, body)[0])
    spent = cpu_ms() - before
    print(f"{label}: {len(requests)} requests, statuses {sorted(statuses)}, {spent / len(requests):.2f} ms CPU each")
    return statuses


call("POST", "/api/v1/categories", {"name": "سياسة"})
status, body = call("POST", "/api/v1/articles", seed)
assert status == 201, body
article = json.loads(body)["id"]
paragraphs = len(seed["body"])
edits = []
for n in range(count):
    text = seed["body"][n % paragraphs]["text"] if seed["body"][n % paragraphs].get("text") else "نص"
    edits.append(("PATCH", f"/api/v1/articles/{article}", {"title": f"{seed['title']} ({n})", "body": seed["body"][:paragraphs - 1] + [{"type": "paragraph", "text": f"{text} {n}"}]}))
measure("PATCH of the seed article", edits)
base = f"/api/v1/articles/{article}/revisions"
if measure("GET revisions (20 a page)", [("GET", base, None)] * 200) == {200}:
    newest = json.loads(call("GET", base + "?limit=1")[1])["items"][0]["number"]
    measure("GET diff of the newest revision against the one before", [("GET", f"{base}/{newest}/diff?against={newest - 1}", None)] * 200)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as database:
        rows, snapshot_bytes = database.execute("SELECT count(*), sum(length(snapshot)) FROM article_revisions").fetchone()
    print(f"revisions kept: {rows} ({snapshot_bytes / rows / 1024:.1f} KiB of snapshot each, {snapshot_bytes / 1024:.0f} KiB in all)")
print(f"database file: {os.path.getsize(db) / 1024:.0f} KiB (+ WAL {os.path.getsize(db + '-wal') / 1024 if os.path.exists(db + '-wal') else 0:.0f} KiB)")
