"""Grow a backup (export_corpus output) to N articles by cloning its records, for API benchmarks.

Usage:  python benchmarks/scale_backup.py backup.jsonl --count 10000 --out benchmarks/out/backup10k.jsonl

Extracting 10,000 articles takes this machine over half an hour; the API benchmarks need the rows,
not fresh NLP. Each clone keeps its source record's extracted people, quotes and topics, and gets its
own text (a numbered suffix, so its own content hash), slug and publication date (spread over two
years), so that lists, filters, search and statistics run over 10,000 distinct articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import random


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("backup")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.backup) as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    with open(args.out, "w") as out:
        for number, record in zip(range(args.count), itertools.cycle(records)):
            clone = json.loads(json.dumps(record))
            article = clone["article"]
            article["original_text"] += f"\n\n[benchmark copy {number}]"
            article["content_hash"] = hashlib.sha256(article["original_text"].encode()).hexdigest()
            article["slug"] = f"{article['slug'][:190]}-{number}"
            article["published"] = (dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(730))).isoformat()
            out.write(json.dumps(clone, ensure_ascii=False) + "\n")
    print(f"wrote {args.count} records cloned from {len(records)} to {args.out}")


if __name__ == "__main__":
    main()
