"""Import throughput with 1 and 2 workers, against the bare spaCy pipeline on the same texts.

Usage:  python benchmarks/import_throughput.py [--articles 300] [--corpus benchmarks/out/corpus.jsonl]

In one run: (1) the bare model, ``nlp.pipe`` over the records' bodies in this process (the model's
own components, not the project's); (2) ``manage.py import_articles --workers 1`` and (3)
``--workers 2`` on the same records, each into a fresh SQLite database and as its own process, timed
wall-clock (start-up, model loading, reading, extraction and storing included). Also the peak
resident memory of the largest import process. Build the corpus first: ``python benchmarks/build_corpus.py``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def run_import(sample: Path, workers: int, database: Path) -> tuple[float, float, int]:
    """Wall time, time until the first article is stored, and the largest process's peak RSS (KiB)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "newsapi.settings"}
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    start = time.perf_counter()
    importer = subprocess.Popen([*manage, "import_articles", "--workers", str(workers), str(sample)], env=env,
                                stdout=subprocess.DEVNULL)
    first = None
    while importer.poll() is None:
        if first is None and _stored(database):
            first = time.perf_counter() - start
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    if importer.returncode != 0:
        sys.exit(f"import with {workers} worker(s) failed")
    return elapsed, first if first is not None else elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def _stored(database: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=0.1) as db:
            return db.execute("SELECT 1 FROM articles_article LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--corpus", default=str(REPO / "benchmarks/out/corpus.jsonl"))
    args = parser.parse_args()

    with open(args.corpus) as corpus:
        records = [json.loads(line) for line in itertools.islice(corpus, args.articles)]
    workdir = Path(tempfile.mkdtemp(prefix="newsapi-bench-"))
    sample = workdir / "sample.jsonl"
    sample.write_text("".join(json.dumps(record) + "\n" for record in records))
    words = sum(len(record["body"].split()) for record in records) / len(records)

    from articles.extraction.components import PIPELINE
    from articles.extraction.nlp import load_nlp

    nlp = load_nlp()
    start = time.perf_counter()
    # The bare model: the project's components are the extraction being measured against it.
    for _ in nlp.pipe((record["body"] for record in records), batch_size=8, disable=PIPELINE):
        pass
    bare = time.perf_counter() - start

    one, one_first, one_peak = run_import(sample, 1, workdir / "one.sqlite3")
    two, two_first, two_peak = run_import(sample, 2, workdir / "two.sqlite3")

    print(f"articles: {len(records)} (mean {words:.0f} words), cores: {os.cpu_count()}")
    print(f"bare nlp.pipe, 1 process:   {bare:7.1f} s  {len(records) / bare:6.2f} articles/s")
    print(f"import --workers 1:          {one:7.1f} s  {len(records) / one:6.2f} articles/s")
    print(f"import --workers 2:          {two:7.1f} s  {len(records) / two:6.2f} articles/s")
    print(f"ratio workers 2 / workers 1: {two / one:.2f} (target <= 0.6)")
    print(f"ratio import (1 worker) / bare pipeline: {one / bare:.2f} (target <= 1.3)")
    print(f"first article stored after: {one_first:.1f} s (1 worker), {two_first:.1f} s (2 workers)")
    print(f"peak resident memory of the largest import process: {max(one_peak, two_peak) / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
