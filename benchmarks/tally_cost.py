"""What keeping the statistics' tallies costs an import: the storing path with and without them.

Usage:  python benchmarks/tally_cost.py [--articles 300] [--rounds 3] [--admin-url postgres://postgres@127.0.0.1:5432/postgres]

The records (benchmarks/out/corpus.jsonl) are extracted once; then, in alternating rounds, stored
with ``services.article_store`` into a fresh PostgreSQL database with the tallies kept, and into
another with ``tallies.articles_changed`` and ``tallies.statements_counted`` replaced by no-ops;
each one article a transaction (a Celery task, the API) and 32 a transaction with the tallies
brought up to date at the end (``import_articles``).
Reports this process's CPU and wall time, and the PostgreSQL server's CPU, per article (medians
over the rounds) and their ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from worker_sizing import CORPUS, fresh_database, postgres_cpu_seconds  # noqa: E402


BATCH = 32  # articles a transaction, as import_articles stores them (articles/ingest.py)


def store_all(results, url: str, *, keep_tallies: bool, batched: bool = False) -> dict:
    from django.db import connections, transaction

    from articles import services, tallies

    connections["default"].close()
    connections["default"].settings_dict.update(NAME=url.rsplit("/", 1)[1])
    kept = tallies.articles_changed, tallies.statements_counted
    if not keep_tallies:
        tallies.articles_changed = tallies.statements_counted = lambda *args, **kwargs: None
    try:
        pg, cpu, wall = postgres_cpu_seconds(), time.process_time(), time.perf_counter()
        if batched:  # the import's way: a transaction of 32, each article in a savepoint, tallies at the end
            for start in range(0, len(results), BATCH):
                with transaction.atomic(), tallies.deferred():
                    for result in results[start:start + BATCH]:
                        with transaction.atomic():
                            services.article_store(result=result)
        else:
            for result in results:
                services.article_store(result=result)
        n = len(results)
        return {"wall_ms": (time.perf_counter() - wall) / n * 1000, "cpu_ms": (time.process_time() - cpu) / n * 1000,
                "postgres_cpu_ms": (postgres_cpu_seconds() - pg) / n * 1000}
    finally:
        tallies.articles_changed, tallies.statements_counted = kept
        connections["default"].close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--admin-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    first = fresh_database(args.admin_url, "tally_cost")
    os.environ.update(DATABASE_URL=first, DJANGO_SETTINGS_MODULE="newsapi.settings")
    import django

    django.setup()
    from articles.extraction.document import SourceText
    from articles.extraction.pipeline import extract_articles
    from articles.extraction.readers import read_jsonl_file

    sources = [s for s in read_jsonl_file(CORPUS) if isinstance(s, SourceText)][: args.articles]
    results = [result for result in extract_articles(sources) if result.document.has_prose]
    runs = {"with": [], "without": [], "with, 32 a transaction": [], "without, 32 a transaction": []}
    for round_ in range(args.rounds):
        for label in (list(runs) if round_ % 2 == 0 else list(reversed(runs))):
            url = fresh_database(args.admin_url, "tally_cost")
            runs[label].append(store_all(results, url, keep_tallies=label.startswith("with,") or label == "with",
                                         batched="32" in label))
    report = {label: {key: round(statistics.median(run[key] for run in rows), 1) for key in rows[0]}
              for label, rows in runs.items()}
    report["ratio, one a transaction"] = {key: round(report["with"][key] / report["without"][key], 3) for key in report["with"]}
    report["ratio, 32 a transaction"] = {
        key: round(report["with, 32 a transaction"][key] / report["without, 32 a transaction"][key], 3)
        for key in report["with"]
    }
    report["articles"] = len(results)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
