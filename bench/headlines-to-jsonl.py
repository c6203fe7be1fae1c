#!/usr/bin/env python3
"""Converts the labelled NLPCC headline set (../shared/data) into Tidings import JSONL.

Each headline becomes an article whose body is the headline itself; its category becomes the channel slug, so the
import creates the 18 category channels. Research data: for benchmarks and quality checks only, never shipped.
"""
import csv
import json
import sys

source, target = sys.argv[1], sys.argv[2]
with open(source, encoding="utf-8", newline="") as f, open(target, "w", encoding="utf-8") as out:
    for n, row in enumerate(csv.DictReader(f, delimiter="\t"), start=1):
        out.write(json.dumps({
            "externalId": f"nlpcc-dev-{n}",
            "title": row["title"][:200],
            "body": row["title"],
            "channel": row["category"],
            "source": "NLPCC 2017",
            "tags": [row["category"]],
        }, ensure_ascii=False) + "\n")
