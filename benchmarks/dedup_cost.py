"""What de-duplication costs: the import with and without it, and the lookup as the corpus grows.

Usage:
  python benchmarks/dedup_cost.py import [--articles 10000] [--workers 2] [--chunks 5] [--corpus benchmarks/out/corpus.jsonl]
  python benchmarks/dedup_cost.py lookup [--sizes 10000 100000] [--probes 50]

``import``: ``manage.py import_articles`` on the same records into two fresh SQLite databases, one
with de-duplication (the default) and one with ``NEWSAPI_DEDUPLICATE=0``, a part of the records at a
time, alternating, each its own process, timed wall-clock and in CPU seconds of the import's
process tree (extraction, storing and de-duplication included; on a loaded machine the CPU ratio is
the steadier one); the ratio is the cost of keeping stories and statements at import. Build the corpus first: ``python benchmarks/build_corpus.py``.

``lookup``: the de-duplication step alone (``duplicates.copies_assign``: fingerprint, band and key
lookups, verdicts, writes) for the same probe articles, in databases that already hold N quotes
(10,000 and 100,000 by default). The stored corpus is made without NLP: articles whose bodies and
quotes are sentences of the benchmark corpus, Zipf-distributed speakers (some say the same thing
again). Each probe runs against every size in turn, in a transaction that is rolled back.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


# --- import with and without ----------------------------------------------------------------------


def timed_import(sample: Path, database: Path, *, workers: int, deduplicate: bool) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system of the import and its worker processes)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "newsapi.settings",
           "NEWSAPI_DEDUPLICATE": "1" if deduplicate else "0"}
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*manage, "import_articles", "--workers", str(workers), str(sample)], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare_imports(args) -> None:
    """The records in ``--chunks`` parts, each imported without and then with de-duplication into two
    growing databases: alternating spreads the machine's changing load over both."""
    with open(args.corpus) as corpus:
        records = [json.loads(line) for line in itertools.islice(corpus, args.articles)]
    workdir = Path(tempfile.mkdtemp(prefix="newsapi-dedup-"))
    without = with_ = cpu_without = cpu_with = 0.0
    size = -(-len(records) // args.chunks)
    for number in range(args.chunks):
        sample = workdir / f"part{number}.jsonl"
        sample.write_text("".join(json.dumps(record) + "\n" for record in records[number * size:(number + 1) * size]))
        wall, cpu = timed_import(sample, workdir / "without.sqlite3", workers=args.workers, deduplicate=False)
        without, cpu_without = without + wall, cpu_without + cpu
        wall, cpu = timed_import(sample, workdir / "with.sqlite3", workers=args.workers, deduplicate=True)
        with_, cpu_with = with_ + wall, cpu_with + cpu
        print(f"after part {number + 1}/{args.chunks}: wall without {without:.0f} s, with {with_:.0f} s "
              f"(ratio {with_ / without:.3f}); CPU without {cpu_without:.0f} s, with {cpu_with:.0f} s "
              f"(ratio {cpu_with / cpu_without:.3f})", flush=True)
    import sqlite3

    with sqlite3.connect(workdir / "with.sqlite3") as db:
        counts = [db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                  for table in ("articles_article", "articles_story", "articles_quote", "articles_statement")]
    print(f"articles: {len(records)}, workers: {args.workers}, cores: {os.cpu_count()}")
    print(f"import without de-duplication: {without:8.1f} s  ({len(records) / without:.2f} articles/s)")
    print(f"import with de-duplication:    {with_:8.1f} s  ({len(records) / with_:.2f} articles/s)")
    print(f"ratio with / without: {with_ / without:.3f} wall, {cpu_with / cpu_without:.3f} CPU (target <= 1.10)")
    print("stored: {} articles in {} stories, {} quotes in {} statements".format(*counts))


# --- the lookup as the corpus grows ---------------------------------------------------------------


def sentences(corpus: Path) -> list[str]:
    found = []
    with corpus.open() as lines:
        for line in lines:
            for sentence in json.loads(line)["body"].replace("\n", " ").split(". "):
                if 8 <= len(sentence.split()) <= 40:
                    found.append(sentence.strip() + ".")
    return sorted(set(found))


def fill(*, quotes: int, pool: list[str], rng: random.Random, speakers: list, made: dict) -> None:
    """Store articles (8 corpus sentences, 6-8 quotes drawn from the same sentences, so that some
    repeat) until the database holds ``quotes`` quotes, de-duplicating each as the import does."""
    from django.db import transaction

    from articles import duplicates
    from articles.models import Article, Quote

    weights = [1 / (rank + 1) for rank in range(len(speakers))]  # Zipf: a few speakers say most
    while made["quotes"] < quotes:
        with transaction.atomic():
            for _ in range(100):
                paragraphs = rng.sample(pool, 8)
                article = Article.objects.create(
                    headline=paragraphs[0][:80], slug="a", body="\n\n".join(paragraphs),
                    original_text=f"{made['articles']}", content_hash=f"{made['articles']:064d}",
                )
                said = [
                    Quote(article=article, text=rng.choice(pool), kind="direct", cue="said",
                          speaker=rng.choices(speakers, weights)[0], paragraph_index=0, start_offset=0, end_offset=1)
                    for _ in range(rng.randint(6, 8))
                ]
                duplicates.copies_assign(article=article, quotes=Quote.objects.bulk_create(said), new=True)
                made["articles"] += 1
                made["quotes"] += len(said)


def time_probe(number: int, probe: tuple[str, list[str]], speakers: list) -> tuple[float, float]:
    """Wall and CPU seconds of the de-duplication step for one probe article, rolled back."""
    from django.db import transaction

    from articles import duplicates
    from articles.models import Article, Quote

    body, quotes = probe
    with transaction.atomic():
        article = Article.objects.create(headline="probe", slug="p", body=body, original_text=f"probe {number}",
                                         content_hash=f"probe{number:059d}")
        stored = Quote.objects.bulk_create(
            Quote(article=article, text=text, kind="direct", cue="said", speaker=speakers[i % len(speakers)],
                  paragraph_index=0, start_offset=0, end_offset=1)
            for i, text in enumerate(quotes)
        )
        wall, cpu = time.perf_counter(), time.process_time()
        duplicates.copies_assign(article=article, quotes=stored, new=True)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        transaction.set_rollback(True)
    return wall, cpu


def use_database(path: Path) -> None:
    """Point the default connection at another SQLite file (the next query opens it)."""
    from django.db import connections

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = str(path)


def compare_sizes(args) -> None:
    """One database per size (each a copy of the smaller one, filled further), then every probe timed
    against each size in turn, so that the machine's changing load falls on all sizes alike."""
    workdir = Path(tempfile.mkdtemp(prefix="newsapi-lookup-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'lookup.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Person

    call_command("migrate", verbosity=0)
    rng = random.Random(11)
    pool = sentences(Path(args.corpus))
    speakers = [Person.objects.create(name=f"Speaker {n}", slug=f"speaker-{n}") for n in range(500)]
    probes = [("\n\n".join(rng.sample(pool, 8)), rng.sample(pool, 7)) for _ in range(args.probes)]
    made, databases, previous = {"articles": 0, "quotes": 0}, [], workdir / "lookup.sqlite3"
    for size in sorted(args.sizes):
        path = workdir / f"quotes_{size}.sqlite3"
        use_database(previous)
        shutil.copyfile(previous, path)
        use_database(path)
        fill(quotes=size, pool=pool, rng=rng, speakers=speakers, made=made)
        databases.append((made["quotes"], path))
        previous = path
    times = {quotes: [] for quotes, _ in databases}
    for number, probe in enumerate(probes):
        for quotes, path in databases:
            use_database(path)
            times[quotes].append(time_probe(number, probe, speakers))
    print(f"probes: {args.probes} articles of 8 paragraphs and 7 quotes, each timed against every size in turn; "
          f"pool: {len(pool)} sentences, 500 speakers (Zipf)")
    print("stored quotes | wall median ms | wall p95 ms | CPU median ms")
    for quotes, samples in times.items():
        walls, cpus = sorted(w for w, _ in samples), sorted(c for _, c in samples)
        print(f"{quotes:13,d} | {statistics.median(walls) * 1000:14.1f} | {walls[int(len(walls) * 0.95) - 1] * 1000:11.1f} | "
              f"{statistics.median(cpus) * 1000:13.1f}")
    small, large = (times[quotes] for quotes, _ in (databases[0], databases[-1]))
    ratio = statistics.median(w for w, _ in large) / statistics.median(w for w, _ in small)
    print(f"ratio largest / smallest (wall median): {ratio:.2f} (target <= 1.5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    imports = commands.add_parser("import")
    imports.add_argument("--articles", type=int, default=10000)
    imports.add_argument("--workers", type=int, default=2)
    imports.add_argument("--chunks", type=int, default=5)
    imports.add_argument("--corpus", default=str(REPO / "benchmarks/out/corpus.jsonl"))
    lookups = commands.add_parser("lookup")
    lookups.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    lookups.add_argument("--probes", type=int, default=50)
    lookups.add_argument("--corpus", default=str(REPO / "benchmarks/out/corpus.jsonl"))
    args = parser.parse_args()
    compare_imports(args) if args.command == "import" else compare_sizes(args)


if __name__ == "__main__":
    main()
