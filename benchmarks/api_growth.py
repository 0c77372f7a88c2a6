"""How API and admin latency grow with the corpus: every /api/v1 endpoint at one database size, then
growth ratios between sizes and what they project for 1M articles.

Usage (databases loaded by benchmarks/synthetic_corpus.py):
    python benchmarks/api_growth.py run --database-url postgres://postgres@127.0.0.1:5432/scale_10k \\
        --out benchmarks/out/growth_10k.json [--requests 30] [--budget 20]
    python benchmarks/api_growth.py run --database-url .../scale_100k --out benchmarks/out/growth_100k.json
    python benchmarks/api_growth.py report benchmarks/out/growth_10k.json benchmarks/out/growth_100k.json

``run``: each case (a list, a detail, a filter with its rarest and its commonest value, a search, a
statistic, an admin changelist, a CSV export) is requested through Django's test client (all
middleware, no network; DEBUG off, CONN_MAX_AGE=60) 3 times to warm up, then ``--requests`` times, or
fewer once a case has used ``--budget`` seconds (at least 5). Records p50/p95, the SQL queries of one
request and the result ``count``. Rare and common values are chosen the same way at every size (the
least and the most frequent value of the filter). Whole CSV exports (articles, quotes) stream in
their own process, which reports its peak RSS over its RSS before the export.

``report``: the Markdown table for docs/performance.md: p50/p95 at each size, the p95 growth ratio
and, assuming each tenfold step grows p95 by as much again, the projection for 1M articles against
the targets (list/detail p95 <= 50 ms, ?q= <= 300 ms, statistics <= 100 ms, admin <= 1 s).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote as urlquote

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGETS = {"list": 0.050, "search": 0.300, "stats": 0.100, "admin": 1.0, "csv": None}
TARGET_NAMES = {"list": "<= 50 ms", "search": "<= 300 ms", "stats": "<= 100 ms", "admin": "<= 1 s", "csv": "-"}


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("API_ANON_RATE", "1000000/minute")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("REQUEST_LOG_LEVEL", "WARNING")
    os.environ.setdefault("CONN_MAX_AGE", "60")
    import django
    from django.conf import settings

    django.setup()
    # The admin's pages name static files; without `collectstatic` the manifest storage of DEBUG=0 has
    # no entry for them. Plain storage names them without touching the database.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class TimedOut(Exception):
    """A query of the request ran past the statement timeout (the app answers 503)."""


def fetch(client, url):
    """One request, its body read whole (a streamed CSV too); returns (seconds, response, body)."""
    start = time.perf_counter()
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    elapsed = time.perf_counter() - start
    if response.status_code == 503:  # articles.middleware: a cancelled statement reads as "database unavailable"
        raise TimedOut(body[:200])
    assert response.status_code == 200, (url, response.status_code, body[:300])
    return elapsed, response, body


# --- choosing the values ---------------------------------------------------------------------------


def rare_and_common(queryset, key):
    """The least and the most frequent value of ``key`` (ties broken by the value): (rare, common)."""
    from django.db.models import Count

    counted = queryset.order_by().values(key).annotate(total=Count("*")).exclude(**{f"{key}__isnull": True})
    rare = counted.order_by("total", key).first()
    common = counted.order_by("-total", key).first()
    return rare[key], common[key]


def search_words() -> tuple[str, str]:
    """A word of exactly one corpus sentence (rare) and "government" (common), the same at every size."""
    from collections import Counter

    sys.path.insert(0, str(REPO / "benchmarks"))
    import synthetic_corpus as synthetic

    sentences = synthetic.corpus_sentences([p for p in (synthetic.DEV, synthetic.CORPUS) if p.exists()])
    counts = Counter(word for sentence in sentences for word in set(synthetic.words(sentence)))
    rare = sorted(word for word, n in counts.items() if n == 1 and word.isalpha() and len(word) >= 9)
    return rare[len(rare) // 2], "government"


def cases() -> list[tuple[str, str, str]]:
    """(target class, name, url): every list and detail endpoint, rare and common filter values."""
    from articles.models import Article, ArticlePerson, ArticleTopic, Person, Quote, Source, Statement, Story

    api = "/api/v1"
    rare_word, common_word = search_words()
    topic = rare_and_common(ArticleTopic.objects, "topic__slug")
    source = rare_and_common(Article.objects, "source__slug")
    mentioned = rare_and_common(ArticlePerson.objects, "person__slug")
    author = rare_and_common(Article.authors.through.objects, "person__slug")
    speaker = rare_and_common(Quote.objects.filter(speaker__isnull=False), "speaker__slug")
    speaker_id = [Person.objects.get(slug=slug).pk for slug in speaker]
    cue = rare_and_common(Quote.objects.exclude(cue=""), "cue")
    said = rare_and_common(Statement.objects.filter(speaker__isnull=False), "speaker__slug")
    story = Story.objects.order_by("-article_count", "id").first()
    alone = Article.objects.filter(story__article_count=1).order_by("id")[Article.objects.count() // 2 // 2]
    statement_common = Statement.objects.order_by("-occurrence_count", "id").first()
    statement_rare = Statement.objects.filter(occurrence_count=1).order_by("id").first()
    people_by_articles = rare_and_common(ArticlePerson.objects, "person_id")
    words = {"rare": rare_word, "common": common_word}
    pairs = {"rare": 0, "common": 1}
    rows = [
        ("list", "articles", f"{api}/articles/"),
        ("list", "article detail (single copy)", f"{api}/articles/{alone.pk}/"),
        ("list", f"article detail (largest story, {story.article_count} copies)", f"{api}/articles/{story.original_id}/"),
        ("list", "articles ?collapse=duplicates", f"{api}/articles/?collapse=duplicates"),
        ("list", "articles ?has_quotes=false", f"{api}/articles/?has_quotes=false"),
        ("list", "articles ?published_after= (last month)", f"{api}/articles/?published_after=2025-12-01"),
    ]
    for which, index in pairs.items():
        rows += [
            ("list", f"articles ?source= ({which})", f"{api}/articles/?source={source[index]}"),
            ("list", f"articles ?topic= ({which})", f"{api}/articles/?topic={topic[index]}"),
            ("list", f"articles ?person= ({which})", f"{api}/articles/?person={mentioned[index]}"),
            ("list", f"articles ?author= ({which})", f"{api}/articles/?author={author[index]}"),
        ]
    rows += [("search", f"articles ?q= ({which})", f"{api}/articles/?q={word}") for which, word in words.items()]
    rows += [
        ("search", f"articles ?q= ({which}) ranked", f"{api}/articles/?q={word}&ordering=relevance")
        for which, word in words.items()
    ]
    # Two common filters at once: neither narrows the other's matches much.
    rows += [("search", "articles ?topic= (common) & ?q= (common)", f"{api}/articles/?topic={topic[1]}&q={common_word}")]
    rows += [
        ("list", "people", f"{api}/people/"),
        ("list", "people ?ordering=-quote_count", f"{api}/people/?ordering=-quote_count"),
        ("search", "people ?q= (a surname)", f"{api}/people/?q={Person.objects.get(slug=speaker[1]).name.split()[-1]}"),
    ]
    for which, index in pairs.items():
        rows += [
            ("list", f"person detail ({which} speaker)", f"{api}/people/{speaker_id[index]}/"),
            ("list", f"people ?topic= ({which})", f"{api}/people/?topic={topic[index]}"),
            ("list", f"person quotes ({which} speaker)", f"{api}/people/{speaker_id[index]}/quotes/"),
            ("list", f"person statements ({which} speaker)", f"{api}/people/{speaker_id[index]}/statements/"),
            ("list", f"person articles ({which})", f"{api}/people/{people_by_articles[index]}/articles/"),
            ("stats", f"person stats ({which} speaker)", f"{api}/people/{speaker_id[index]}/stats/"),
        ]
    rows += [
        ("list", "quotes", f"{api}/quotes/"),
        ("list", "quote detail", f"{api}/quotes/{Quote.objects.order_by('id')[Quote.objects.count() // 2].pk}/"),
    ]
    for which, index in pairs.items():
        rows += [
            ("list", f"quotes ?speaker= ({which})", f"{api}/quotes/?speaker={speaker[index]}"),
            ("list", f"quotes ?cue= ({which})", f"{api}/quotes/?cue={urlquote(cue[index])}"),
            ("list", f"quotes ?topic= ({which})", f"{api}/quotes/?topic={topic[index]}"),
            ("list", f"quotes ?source= ({which})", f"{api}/quotes/?source={source[index]}"),
        ]
    rows += [("search", f"quotes ?q= ({which})", f"{api}/quotes/?q={word}") for which, word in words.items()]
    rows += [("search", "quotes ?topic= (common) & ?q= (common)", f"{api}/quotes/?topic={topic[1]}&q={common_word}")]
    rows += [
        ("search", f"quotes ?q= ({which}) ranked", f"{api}/quotes/?q={word}&ordering=relevance")
        for which, word in words.items()
    ]
    rows += [
        ("list", "statements", f"{api}/statements/"),
        ("list", "statement detail (quoted once)", f"{api}/statements/{statement_rare.pk}/"),
        (
            "list", f"statement detail (most quoted, {statement_common.occurrence_count}x)",
            f"{api}/statements/{statement_common.pk}/",
        ),
        ("list", "statements ?min_occurrences=2", f"{api}/statements/?min_occurrences=2"),
    ]
    for which, index in pairs.items():
        rows += [
            ("list", f"statements ?speaker= ({which})", f"{api}/statements/?speaker={said[index]}"),
            ("list", f"statements ?topic= ({which})", f"{api}/statements/?topic={topic[index]}"),
            ("list", f"statements ?source= ({which})", f"{api}/statements/?source={source[index]}"),
        ]
    rows += [("search", f"statements ?q= ({which})", f"{api}/statements/?q={word}") for which, word in words.items()]
    rows += [
        ("list", "topics", f"{api}/topics/"),
        ("list", "topics ?ordering=-article_count", f"{api}/topics/?ordering=-article_count"),
    ]
    for which, index in pairs.items():
        rows += [
            ("list", f"topic detail ({which})", f"{api}/topics/{topic[index]}/"),
            ("stats", f"topic people ({which})", f"{api}/topics/{topic[index]}/people/"),
        ]
    rows += [
        ("list", "sources", f"{api}/sources/"),
        ("list", "sources ?ordering=-article_count", f"{api}/sources/?ordering=-article_count"),
    ]
    rows += [("list", f"source detail ({which})", f"{api}/sources/{source[index]}/") for which, index in pairs.items()]
    rows += [("stats", "stats", f"{api}/stats/")]
    rows += [
        ("csv", f"CSV quotes ?speaker= ({which})", f"{api}/quotes/?format=csv&speaker={speaker[index]}")
        for which, index in pairs.items()
    ]
    rows += [
        ("csv", f"CSV articles ?source= ({which})", f"{api}/articles/?format=csv&source={source[index]}")
        for which, index in pairs.items()
    ]
    rows += [
        ("admin", "admin articles", "/admin/articles/article/"),
        ("admin", "admin quotes", "/admin/articles/quote/"),
        ("admin", "admin people", "/admin/articles/person/"),
        ("admin", "admin statements", "/admin/articles/statement/"),
        ("admin", "admin articles ?source__id__exact= (common)", (f"/admin/articles/article/?source__id__exact="
         f"{Source.objects.get(slug=source[1]).pk}")),
        ("admin", "admin articles search (rare word)", f"/admin/articles/article/?q={rare_word}"),
        ("admin", "admin quotes search (rare word)", f"/admin/articles/quote/?q={rare_word}"),
        ("admin", "admin people search (a surname)", (f"/admin/articles/person/?q="
         f"{Person.objects.get(slug=speaker[1]).name.split()[-1]}")),
    ]
    return rows


def run(args) -> None:
    setup(args.database_url)
    from django.contrib.auth import get_user_model
    from django.db import OperationalError, connection
    from django.db.backends.signals import connection_created
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article, Person, Quote, Statement

    def limit(sender, connection, **kwargs):  # one slow case must not take the whole run
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(args.timeout * 1000)}")

    connection_created.connect(limit)
    connection.close()
    sizes = {"articles": Article.objects.count(), "quotes": Quote.objects.count(),
             "people": Person.objects.count(), "statements": Statement.objects.count()}
    print(f"{connection.vendor}: {sizes}", flush=True)
    chosen = time.perf_counter()
    plan = [case for case in cases() if (not args.only or any(part in case[1] for part in args.only))
            and not any(part in case[1] for part in args.skip or ())]
    print(f"{len(plan)} cases, values chosen in {time.perf_counter() - chosen:.1f} s", flush=True)
    user = get_user_model().objects.filter(username="growth-benchmark").first() or \
        get_user_model().objects.create_superuser("growth-benchmark", "bench@example.org", "unused-password")
    client, admin = Client(), Client()
    admin.force_login(user)
    results = []
    for kind, name, url in plan:
        who = admin if kind == "admin" else client
        row = {"kind": kind, "name": name, "url": url, "p50": None, "p95": None, "requests": 0, "queries": None,
               "count": None, "timed_out": False, "timeout": args.timeout}
        results.append(row)
        try:
            first, _, _ = fetch(who, url)
            for _ in range(2 if first < 1 else 0):  # warm-up; a slow case is warm after one
                fetch(who, url)
            times, spent = [], 0.0
            while len(times) < args.requests and (len(times) < (5 if first < 1 else 3) or spent < args.budget):
                elapsed, response, body = fetch(who, url)
                times.append(elapsed)
                spent += elapsed
            with CaptureQueriesContext(connection) as queries:
                _, response, body = fetch(who, url)
        except (OperationalError, TimedOut) as error:  # statement_timeout: recorded as "over the timeout"
            row["timed_out"] = True
            print(f"{name:58} over the {args.timeout} s statement timeout ({str(error).splitlines()[0]})", flush=True)
            connection.close()
            continue
        count = None
        if response.get("Content-Type", "").startswith("application/json"):
            data = json.loads(body)
            count = data.get("count") if isinstance(data, dict) else None
        elif kind == "csv":
            count = body.count(b"\n") - 1  # rows (a field may hold a newline: approximately)
        row.update(p50=statistics.median(times), p95=p95(times), requests=len(times), queries=len(queries), count=count)
        print(f"{name:58} {row['p50'] * 1000:8.1f} {row['p95'] * 1000:8.1f} ms  n={len(times):3d} "
              f"q={len(queries):2d} count={count}", flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"sizes": sizes, "cases": results, "exports": []}, indent=1))
    if not args.no_export:
        exports_only(args)


def exports_only(args) -> None:
    """The whole CSV exports, each in its own process, added to the results file."""
    exports = []
    for path in ("/api/v1/articles/?format=csv", "/api/v1/quotes/?format=csv"):
        done = subprocess.run([sys.executable, __file__, "export", "--database-url", args.database_url,
                               "--path", path], check=True, capture_output=True, text=True)
        exports.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"whole export {path}: {exports[-1]}", flush=True)
    saved = json.loads(Path(args.out).read_text())
    saved["exports"] = exports
    Path(args.out).write_text(json.dumps(saved, indent=1))


def _memory() -> dict[str, float]:
    """VmRSS (now) and VmHWM (peak since the last reset) of this process, MiB (Linux)."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) / 1024
    return found


def export(args) -> None:
    """Stream one whole CSV export and report the peak RSS it added (run in a process of its own).

    The peak is the kernel's high-water mark, reset once the process is warm (``clear_refs``), so a
    spike while starting up does not hide what the export itself needs."""
    setup(args.database_url)
    from django.test import Client

    client = Client()
    fetch(client, "/api/v1/sources/?format=csv")  # the code paths loaded, a connection open
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    before = _memory()["VmRSS"]
    start = time.perf_counter()
    response = client.get(args.path)
    assert response.status_code == 200
    rows = size = 0
    samples = []
    for number, chunk in enumerate(response.streaming_content):  # read and dropped, as a client downloading it
        rows += chunk.count(b"\n")
        size += len(chunk)
        if number % 20000 == 0:
            samples.append(round(_memory()["VmRSS"], 1))
    seconds = time.perf_counter() - start
    peak = _memory()["VmHWM"]
    print(json.dumps({"path": args.path, "rows": rows - 1, "mib": round(size / 2**20, 1), "seconds": round(seconds, 1),
                      "rss_before_mib": round(before, 1), "peak_rss_mib": round(peak, 1),
                      "added_mib": round(peak - before, 1), "rss_samples_mib": samples}))


# --- the report ------------------------------------------------------------------------------------


def report(args) -> None:
    runs = [json.loads(Path(path).read_text()) for path in args.results]
    small, large = runs[0], runs[-1]
    decades = math.log10(large["sizes"]["articles"] / small["sizes"]["articles"])
    to_million = math.log10(1_000_000 / large["sizes"]["articles"])
    labels = [_size_label(run["sizes"]["articles"]) for run in runs]
    head = " | ".join(f"{label} p50 / p95" for label in labels)
    print(f"| case | {head} | p95 growth | results ({labels[0]} / {labels[-1]}) | queries | 1M p95 (projected) | target | at 1M |")
    print("|" + " --- |" * (7 + len(runs)))
    by_name = [{row["name"]: row for row in run["cases"]} for run in runs]
    for row in small["cases"]:
        name = row["name"]
        found = [table.get(name) for table in by_name]
        if any(item is None for item in found):
            continue
        first, last = found[0], found[-1]
        target = TARGETS[row["kind"]]
        if last["timed_out"] or first["timed_out"]:
            growth, projected = None, None
            verdict = "**over already**" if target is not None else "-"
        else:
            growth = last["p95"] / first["p95"]
            per_decade = growth ** (1 / decades) if decades else 1.0
            projected = last["p95"] * per_decade ** to_million
            if target is None:
                verdict = "-"
            elif last["p95"] > target:
                verdict = "**over already**"
            elif projected > target:
                verdict = "**at risk**"
            else:
                verdict = "ok"
        timings = " | ".join(
            f"> {item['timeout']:.0f} s (timeout)" if item["timed_out"] else f"{item['p50'] * 1000:.1f} / {item['p95'] * 1000:.1f} ms"
            for item in found
        )
        counts = f"{first['count'] if first['count'] is not None else '-'} / {last['count'] if last['count'] is not None else '-'}"
        growth_text = "-" if growth is None else f"{growth:.2f}"
        projected_text = "-" if projected is None else _ms(projected)
        print(f"| {name} | {timings} | {growth_text} | {counts} | {last['queries'] or '-'} | {projected_text} | "
              f"{TARGET_NAMES[row['kind']]} | {verdict} |")
    print()
    print("| whole CSV export | " + " | ".join(labels) + " |")
    print("|" + " --- |" * (len(runs) + 1))
    for index, export in enumerate(small.get("exports", [])):
        cells = []
        for run in runs:
            item = run["exports"][index]
            cells.append(f"{item['rows']:,} rows, {item['mib']} MiB in {item['seconds']} s; "
                         f"peak RSS {item['peak_rss_mib']} MiB (+{item['added_mib']})")
        print(f"| `{export['path']}` | " + " | ".join(cells) + " |")


def _size_label(articles: int) -> str:
    return f"{articles / 1_000_000:g}M" if articles >= 1_000_000 else f"{articles // 1000}k"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.0f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    runs = commands.add_parser("run")
    runs.add_argument("--database-url", required=True)
    runs.add_argument("--out", required=True)
    runs.add_argument("--requests", type=int, default=30)
    runs.add_argument("--budget", type=float, default=20.0, help="seconds a case may take before it stops early")
    runs.add_argument("--no-export", action="store_true", help="skip the whole CSV exports")
    runs.add_argument("--timeout", type=float, default=60.0, help="PostgreSQL statement_timeout (seconds) per query")
    runs.add_argument("--only", action="append", help="only the cases whose name contains this (repeatable)")
    runs.add_argument("--skip", action="append", help="leave out the cases whose name contains this (repeatable)")
    only = commands.add_parser("exports", help="(re)run the whole CSV exports into an existing results file")
    only.add_argument("--database-url", required=True)
    only.add_argument("--out", required=True)
    exports = commands.add_parser("export")
    exports.add_argument("--database-url", required=True)
    exports.add_argument("--path", required=True)
    reports = commands.add_parser("report")
    reports.add_argument("results", nargs="+")
    args = parser.parse_args()
    {"run": run, "exports": exports_only, "export": export, "report": report}[args.command](args)


if __name__ == "__main__":
    main()
