"""A bounded load test against a running newsapi (loopback only): N concurrent clients for T seconds.

Usage (gunicorn on PostgreSQL with the benchmark corpus loaded, see docs/performance.md):
    python benchmarks/load_test.py --base http://127.0.0.1:8000 --clients 50 --seconds 60

Each client loops over a realistic mix: article lists (plain, filtered, searched, ordered), article
details, people and quote lists, a person's quotes, topics, statistics and a CSV export. Reports
requests per second, the median and p95 latency per kind, and every error (status >= 400 or a
failed connection). Exits non-zero when any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import sys
import threading
import time
from collections import defaultdict
from urllib.parse import urlsplit

ALLOWED_HOSTS = {"127.0.0.1", "localhost", "::1"}


def fetch_json(base, path):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    return json.loads(response.read())


def build_mix(base):
    """Paths of the mix, using ids and slugs that exist."""
    articles = fetch_json(base, "/api/v1/articles/?page_size=50&fields=id")["results"]
    people = fetch_json(base, "/api/v1/people/?ordering=-quote_count&page_size=20&fields=id,slug")["results"]
    topics = fetch_json(base, "/api/v1/topics/?kind=subject&fields=slug")["results"]
    sources = fetch_json(base, "/api/v1/sources/?fields=slug")["results"]
    words = ["government", "police", "market", "said", '"prime minister"', "election OR vote", "court -appeal"]
    return [
        ("list", lambda: "/api/v1/articles/", 20),
        ("filter", lambda: f"/api/v1/articles/?source={random.choice(sources)['slug']}&has_quotes=true", 10),
        ("filter", lambda: f"/api/v1/articles/?topic={random.choice(topics)['slug']}&ordering=-published", 10),
        ("search", lambda: f"/api/v1/articles/?q={random.choice(words)}&ordering=relevance", 10),
        ("search", lambda: f"/api/v1/quotes/?q={random.choice(words)}", 5),
        ("detail", lambda: f"/api/v1/articles/{random.choice(articles)['id']}/", 20),
        ("people", lambda: "/api/v1/people/?ordering=-quote_count", 5),
        ("quotes", lambda: f"/api/v1/quotes/?speaker={random.choice(people)['slug']}", 10),
        ("quotes", lambda: f"/api/v1/people/{random.choice(people)['id']}/quotes/", 5),
        ("topics", lambda: "/api/v1/topics/?kind=subject", 2),
        ("stats", lambda: "/api/v1/stats/", 2),
        ("csv", lambda: f"/api/v1/quotes/?format=csv&speaker={random.choice(people)['slug']}", 1),
    ]


def client(base, mix, deadline, results, errors, seed):
    rng = random.Random(seed)
    parts = urlsplit(base)
    kinds, makers, weights = zip(*mix)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    while time.monotonic() < deadline:
        index = rng.choices(range(len(kinds)), weights)[0]
        path = makers[index]().replace(" ", "%20").replace('"', "%22")
        start = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept": "*/*"})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{path}: {error}")
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
            continue
        results[kinds[index]].append(time.perf_counter() - start)
        if status >= 400:
            errors.append(f"{path}: HTTP {status}")


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    if urlsplit(args.base).hostname not in ALLOWED_HOSTS:
        sys.exit("load tests target this machine only (127.0.0.1, localhost, ::1)")
    args.seconds = min(args.seconds, 600)  # bounded in time

    mix = build_mix(args.base)
    results, errors = defaultdict(list), []
    deadline = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=client, args=(args.base, mix, deadline, results, errors, seed), daemon=True)
        for seed in range(args.clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.seconds + 60)
    elapsed = time.monotonic() - started

    total = sum(len(v) for v in results.values())
    every = [t for v in results.values() for t in v]
    print(f"{args.clients} clients, {elapsed:.0f} s: {total} requests, {total / elapsed:.1f} req/s, "
          f"median {statistics.median(every) * 1000:.0f} ms, p95 {p95(every) * 1000:.0f} ms, errors {len(errors)}")
    for kind in sorted(results):
        values = results[kind]
        print(f"  {kind:8} {len(values):6d} requests  median {statistics.median(values) * 1000:6.0f} ms"
              f"  p95 {p95(values) * 1000:6.0f} ms")
    for error in errors[:20]:
        print(f"  ERROR {error}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
