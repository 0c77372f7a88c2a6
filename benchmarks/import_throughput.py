"""Import throughput with 1 and 2 workers, against the bare spaCy pipeline on the same texts.

Usage:  python benchmarks/import_throughput.py [--articles 300] [--corpus benchmarks/out/corpus.jsonl]

In one run: (1) the bare pipeline, ``nlp.pipe`` over the records' bodies in this process, all
components; (2) ``manage.py import_articles --workers 1`` and (3) ``--workers 2`` on the same records,
each into a fresh SQLite database and as its own process, timed wall-clock (start-up, model loading,
reading, extraction and storing included). Also the peak resident memory of the largest import process.
Build the corpus first: ``python benchmarks/build_corpus.py``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def run_import(sample: Path, workers: int, database: Path) -> tuple[float, int]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "newsapi.settings"}
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([*manage, "import_articles", "--workers", str(workers), str(sample)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak_kib, before)


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

    from articles.extraction.nlp import load_nlp

    nlp = load_nlp()
    start = time.perf_counter()
    for _ in nlp.pipe((record["body"] for record in records), batch_size=8):
        pass
    bare = time.perf_counter() - start

    one, one_peak = run_import(sample, 1, workdir / "one.sqlite3")
    two, two_peak = run_import(sample, 2, workdir / "two.sqlite3")

    print(f"articles: {len(records)} (mean {words:.0f} words), cores: {os.cpu_count()}")
    print(f"bare nlp.pipe, 1 process:   {bare:7.1f} s  {len(records) / bare:6.2f} articles/s")
    print(f"import --workers 1:          {one:7.1f} s  {len(records) / one:6.2f} articles/s")
    print(f"import --workers 2:          {two:7.1f} s  {len(records) / two:6.2f} articles/s")
    print(f"ratio workers 2 / workers 1: {two / one:.2f} (target <= 0.6)")
    print(f"ratio import (1 worker) / bare pipeline: {one / bare:.2f} (target <= 1.3)")
    print(f"peak resident memory of one import process: {max(one_peak, two_peak) / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
