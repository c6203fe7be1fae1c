#!/usr/bin/env python3
"""相关推荐 quality as readers get it (issue #25): the held-out protocol run with the product's own verbs, measured
through GET /api/v1/articles/{id}/related.

Even rows of a labelled TSV (category, title) are imported with their category as channel, `topics train` runs,
odd rows are imported without a channel, `related rebuild` runs, the site is served from that data directory, and a
seeded sample of the unlabelled articles is read through the API. Reported: precision@10 (an item counts when its
true category is the article's), channel-suggestion accuracy (from GET /api/v1/articles/{id}), and the share of
items that share neither a key term nor the article's channel. Research data: for measurements only.

Usage: bench/related-through-api.py CORPUS.tsv [sample=500] [archive-rows=all]   (needs a Release build)
"""
import csv
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

corpus = sys.argv[1]
sample = int(sys.argv[2]) if len(sys.argv) > 2 else 500
limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
dll = os.path.join(root, "src/Tidings.Web/bin/Release/net10.0/Tidings.Web.dll")
port = 5098
work = tempfile.mkdtemp(prefix="tidings-related-api-")
data = os.path.join(work, "data")
env = dict(os.environ, Tidings__SeedDemoOnEmptyDatabase="false")

rows = [r for r in csv.DictReader(open(corpus, encoding="utf-8"), delimiter="\t") if r.get("category")]
if limit:
    rows = rows[: limit * 2]
truth = {}
for half, name in ((0, "archive.jsonl"), (1, "unlabelled.jsonl")):
    with open(os.path.join(work, name), "w", encoding="utf-8") as out:
        for i in range(half, len(rows), 2):
            truth[f"eval:{i}"] = rows[i]["category"]
            record = {"externalId": f"eval:{i}", "title": rows[i]["title"][:200], "body": rows[i]["title"], "source": f"来源{i % 60:02d}"}
            if half == 0:
                record["channel"] = rows[i]["category"]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def verb(*args):
    started = time.time()
    done = subprocess.run(["dotnet", dll, "--data-dir", data, *args], env=env, capture_output=True, text=True, check=True)
    print(f"- `{' '.join(args[:2])}`: {time.time() - started:.1f} s — {done.stdout.strip().splitlines()[-1]}")


print(f"# bench/related-through-api.py — {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}, {len(rows)} rows\n")
verb("import", os.path.join(work, "archive.jsonl"))
verb("topics", "train")
verb("import", os.path.join(work, "unlabelled.jsonl"))
verb("related", "rebuild")

server = subprocess.Popen(["dotnet", dll, "--data-dir", data], env=dict(env, ASPNETCORE_ENVIRONMENT="Development", ASPNETCORE_URLS=f"http://127.0.0.1:{port}"),
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)

    def get(path):
        return json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10))

    # Which row each article id came from (the API does not show import ids); everything else comes from the API.
    with sqlite3.connect(os.path.join(data, "tidings.db")) as db:
        external = dict(db.execute("SELECT Id, ExternalId FROM Articles WHERE ExternalId LIKE 'eval:%'"))
    unlabelled = sorted(i for i, e in external.items() if int(e.split(":")[1]) % 2 == 1)
    chosen = random.Random(25).sample(unlabelled, min(sample, len(unlabelled)))

    precision, correct, items, unrelated, filled = 0.0, 0, 0, 0, 0
    for i in chosen:
        suggestion = (get(f"/api/v1/articles/{i}").get("channelSuggestion") or {}).get("channel") or {}
        correct += suggestion.get("slug") == truth[external[i]]
        related = get(f"/api/v1/articles/{i}/related?limit=10")["items"]
        precision += sum(truth.get(external.get(r["id"])) == truth[external[i]] for r in related) / 10
        items += len(related)
        unrelated += sum(1 for r in related if not r["reasons"]["sharedTerms"] and not r["reasons"]["sameTopic"])
        filled += sum(1 for r in related if r["reasons"].get("channelFill"))
    n = len(chosen)
    print(f"\n| figure ({n} sampled unlabelled articles) | result | target |\n|---|---|---|")
    print(f"| related P@10 through the API | **{precision / n:.4f}** | ≥ 0.72 |")
    print(f"| channel-suggestion accuracy | **{correct / n:.4f}** | ≥ 0.75 |")
    print(f"| items sharing neither a term nor the channel | {unrelated} of {items} | 0 |")
    print(f"| items filled from the channel (no shared term) | {filled / max(1, items):.1%} | |")
finally:
    server.terminate()
    server.wait()
