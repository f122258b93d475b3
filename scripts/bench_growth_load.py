#!/usr/bin/env python3
"""Loads the side-by-side harness's generated dataset into newsstore for bench-growth.sh:
categories and tags through the HTTP API, articles with `newsstore import` (JSON lines),
then the editors' related links through the HTTP API, so the result holds what the
harness's own loader (../shared/bench/data/load_api.py) would write, in minutes instead of
an hour at 200,000 articles.

The request shapes are the harness's own: this imports load_api.py (read only) and uses
its category_request, tag_request, article_request and related_request.

usage:
  bench_growth_load.py lines   --shared DIR --db news.sqlite > articles.jsonl
  bench_growth_load.py terms   --shared DIR --db news.sqlite --url URL --token TOKEN
  bench_growth_load.py related --shared DIR --db news.sqlite --url URL --token TOKEN --store newsstore.sqlite
"""
import argparse
import json
import sqlite3
import sys
import types


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=("lines", "terms", "related"))
    ap.add_argument("--shared", required=True, help="the shared folder holding bench/")
    ap.add_argument("--db", required=True, help="the dataset gen.py wrote")
    ap.add_argument("--url")
    ap.add_argument("--token")
    ap.add_argument("--store", help="newsstore's database, for its article ids (related)")
    ap.add_argument("--threads", type=int, default=4)
    opts = ap.parse_args()
    sys.path.insert(0, opts.shared + "/bench/data")
    import load_api   # noqa: E402  (the harness's loader, for its request shapes and client)

    cats, tags, arts = load_api.read_dataset(opts.db)
    shape = types.SimpleNamespace(body="string", tag_ref="name")   # load_api's defaults
    if opts.step == "lines":
        out = sys.stdout
        for a in arts:
            _, _, body = load_api.article_request(a, shape)
            out.write(json.dumps(body, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
        return 0
    client = load_api.Client(opts.url, opts.token)
    try:
        if opts.step == "terms":
            for c in cats:
                client.write(load_api.category_request(c), "category %s" % c["slug"])
            load_api.run_all("tags", tags, lambda t: client.write(load_api.tag_request(t), "tag %s" % t["slug"]), opts.threads)
            return 0
        store = sqlite3.connect("file:%s?mode=ro" % opts.store, uri=True)
        by_slug = dict(store.execute("SELECT slug, id FROM articles"))
        store.close()
        new_id = {a["id"]: by_slug[a["slug"]] for a in arts}

        def put(a):
            ids = [new_id[r] for r in a["related"] if r in new_id]
            client.write(load_api.related_request(new_id[a["id"]], ids), "related of %s" % a["slug"])

        load_api.run_all("related", [a for a in arts if a["related"]], put, opts.threads)
    except load_api.Failed as e:
        print("bench_growth_load: FAILED: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
