"""Sizing for many machines: import throughput per Celery worker process, and what storing costs PostgreSQL.

Usage (PostgreSQL and Redis running; build the corpus first with benchmarks/build_corpus.py):
    python benchmarks/worker_sizing.py [--articles 200] [--admin-url postgres://postgres@127.0.0.1:5432/postgres]

In one run:
1. **Celery**: for 1 and then 2 worker processes (``celery worker --concurrency=N``), a fresh database,
   ``import_articles --queue`` of the same records, timed from queueing to the last article stored:
   articles/s, and articles/s per worker process (each process is one core's worth of NLP).
2. **Write-only**: the same records extracted once in this process, then stored into a fresh database
   with ``services.article_store`` (the storing path alone: rows, people, statements, stories,
   tallies). Reports this process's time per article and the CPU seconds the PostgreSQL server
   processes spent per article (their utime + stime from /proc before and after), which is what a
   primary spends for each article any worker stores.

What one PostgreSQL primary can feed follows: its cores / (server CPU per article) articles/s,
against a worker process's articles/s (docs/operations.md). Timings on a shared 2-core machine are
noisy: take the ratios, and run it twice.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CORPUS = REPO / "benchmarks/out/corpus.jsonl"


def database_url(admin_url: str, name: str) -> str:
    return admin_url.rsplit("/", 1)[0] + "/" + name


def fresh_database(admin_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = database_url(admin_url, name)
    subprocess.run([sys.executable, str(REPO / "manage.py"), "migrate", "-v0"], env=env_for(url), check=True)
    return url


def env_for(url: str, **extra) -> dict:
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "newsapi.settings", **extra}


def stored(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM articles_article").fetchone()[0]


def postgres_cpu_seconds() -> float:
    """utime + stime of every PostgreSQL server process on this machine (children included)."""
    ticks, total = os.sysconf("SC_CLK_TCK"), 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/comm") as comm:
                if not comm.read().startswith("postgres"):
                    continue
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / ticks


def celery_run(sample: Path, admin_url: str, processes: int, count: int, timeout: float = 3600) -> dict:
    url = fresh_database(admin_url, f"sizing_celery_{processes}")
    queue = f"sizing-{os.getpid()}-{processes}"
    env = env_for(url, CELERY_QUEUE=queue)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "newsapi", "worker", f"--concurrency={processes}", "--pool=prefork",
         "-Q", queue, "--loglevel=WARNING", "-n", f"sizing{processes}@%h"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)  # the worker connects to the broker; its processes load the model on their first article
        started, pg_before = time.perf_counter(), postgres_cpu_seconds()
        subprocess.run([sys.executable, str(REPO / "manage.py"), "import_articles", "--queue", str(sample)],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        first = None
        while (done := stored(url)) < count:
            if done and first is None:
                first = time.perf_counter() - started
            if time.perf_counter() - started > timeout:
                raise SystemExit(f"only {done} of {count} stored after {timeout:.0f} s")
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        pg_cpu = postgres_cpu_seconds() - pg_before
    finally:
        worker.terminate()
        worker.wait(60)
    return {"processes": processes, "articles": count, "seconds": round(seconds, 1),
            "articles_per_s": round(count / seconds, 2), "per_process": round(count / seconds / processes, 2),
            "first_stored_s": round(first or 0, 1), "postgres_cpu_s_per_article": round(pg_cpu / count, 4)}


def write_only(sample: Path, admin_url: str) -> dict:
    url = fresh_database(admin_url, "sizing_write_only")
    os.environ.update(env_for(url))
    import django

    django.setup()
    from articles import services
    from articles.extraction.pipeline import extract_articles
    from articles.extraction.readers import read_jsonl_file

    from articles.extraction.document import SourceText

    results = list(extract_articles(source for source in read_jsonl_file(sample) if isinstance(source, SourceText)))
    from articles import duplicates

    # On PostgreSQL the de-duplication step takes a transaction-level advisory lock that every
    # writer waits for, held until the article's transaction commits: that stretch of each store is
    # serialised across all workers, so 1 / its length bounds the whole cluster's import rate.
    locked_at, serialised = [], []
    assign = duplicates.copies_assign

    def timed_assign(**kwargs):
        locked_at.append(time.perf_counter())
        return assign(**kwargs)

    duplicates.copies_assign = timed_assign
    pg_before, cpu_before, started = postgres_cpu_seconds(), time.process_time(), time.perf_counter()
    for result in results:
        if result.document.has_prose:
            services.article_store(result=result)
            serialised.append(time.perf_counter() - locked_at[-1])
    seconds, own_cpu = time.perf_counter() - started, time.process_time() - cpu_before
    duplicates.copies_assign = assign
    pg_cpu = postgres_cpu_seconds() - pg_before
    n = stored(url)
    return {"articles": n, "seconds": round(seconds, 2), "ms_per_article": round(seconds / n * 1000, 1),
            "storing_process_cpu_ms_per_article": round(own_cpu / n * 1000, 1),
            "postgres_cpu_ms_per_article": round(pg_cpu / n * 1000, 1),
            "serialised_ms_per_article": round(sum(serialised) / len(serialised) * 1000, 1),
            "serialised_ms_median": round(sorted(serialised)[len(serialised) // 2] * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--admin-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--skip-celery", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}: python benchmarks/build_corpus.py")
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with args.corpus.open() as source, sample.open("w") as out:
            for _, line in zip(range(args.articles), source):
                out.write(line)
        # Write-only first: it tells how many of the records store (the Celery runs wait for that many).
        report = {"write_only": write_only(sample, args.admin_url)}
        count = report["write_only"]["articles"]
        report["celery"] = [] if args.skip_celery else [celery_run(sample, args.admin_url, n, count) for n in (1, 2)]
    print(json.dumps(report, indent=1))
    if args.out:
        args.out.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
