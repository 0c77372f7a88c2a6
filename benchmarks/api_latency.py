"""API latency against a bare Django view doing the same query, on a loaded database.

Usage:
    python benchmarks/build_corpus.py
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py import_articles --workers 2 benchmarks/out/corpus.jsonl
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python benchmarks/api_latency.py [--requests 200] [--filters]

Each endpoint is requested through Django's test client (full middleware, no network) and so is a
"bare" view that returns the same page straight from ``QuerySet.values()`` as JSON; the two are
interleaved so that noise hits both alike. Prints median and p95 of each and the ratio of medians,
plus the SQL query count of each API request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("API_ANON_RATE", "1000000/minute")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # plain http on the test client
os.environ.setdefault("REQUEST_LOG_LEVEL", "WARNING")  # no log line per request while timing

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

from articles import search, selectors  # noqa: E402
from articles.models import Article, ArticlePerson, ArticleTopic, Person, Quote  # noqa: E402

PAGE = 20


def _page(queryset, fields):
    return JsonResponse({"count": queryset.count(), "results": list(queryset.values(*fields)[:PAGE])})


ARTICLE_FIELDS = ("id", "headline", "slug", "source__name", "published", "url", "language", "created_at")
QUOTE_FIELDS = ("id", "text", "kind", "cue", "speaker__name", "speaker_label", "article_id", "article__headline")


def bare_articles(request):
    queryset = Article.objects.order_by("-published", "-created_at", "-id")
    if request.GET.get("q"):
        queryset = search.search(queryset, search.ARTICLES, request.GET["q"])
    return _page(queryset, ARTICLE_FIELDS)


def bare_quotes(request):
    queryset = Quote.objects.order_by("-published", "-article_id", "start_offset")
    if request.GET.get("speaker"):
        queryset = queryset.filter(speaker__slug=request.GET["speaker"])
    return _page(queryset, QUOTE_FIELDS)


def bare_person_quotes(request, pk):
    queryset = Quote.objects.filter(speaker_id=pk).order_by("-published", "-article_id", "start_offset")
    return _page(queryset, QUOTE_FIELDS)


def bare_stats(request):
    return JsonResponse(selectors.corpus_stats(), safe=False, json_dumps_params={"default": str})


urlpatterns = [
    path("bare/articles/", bare_articles),
    path("bare/quotes/", bare_quotes),
    path("bare/people/<int:pk>/quotes/", bare_person_quotes),
    path("bare/stats/", bare_stats),
    path("", include("newsapi.urls")),
]


def timed(client, url):
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return elapsed


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--filters", action="store_true",
        help="also time filters with the rarest and commonest values (no bare view): a filter that "
        "matches almost nothing is where a query plan walks the whole corpus",
    )
    args = parser.parse_args()

    articles = Article.objects.count()
    if articles == 0:
        sys.exit("The database is empty: load the corpus first (see the usage above).")
    # The newest speaker (often quoted once) and the most quoted one: small and large result sets.
    rare = Person.objects.filter(quotes__isnull=False).order_by("-id").first()
    frequent = Person.objects.annotate(total=Count("quotes")).order_by("-total", "id").first()
    word = "government"
    cases = [
        ("/articles/", "/api/v1/articles/", "/bare/articles/"),
        (f"/articles/?q={word}", f"/api/v1/articles/?q={word}", f"/bare/articles/?q={word}"),
    ]
    for speaker in (rare, frequent):
        cases += [
            (f"/quotes/?speaker={speaker.slug}", f"/api/v1/quotes/?speaker={speaker.slug}", f"/bare/quotes/?speaker={speaker.slug}"),
            (f"/people/{speaker.id}/quotes/", f"/api/v1/people/{speaker.id}/quotes/", f"/bare/people/{speaker.id}/quotes/"),
        ]
    cases.append(("/stats/", "/api/v1/stats/", "/bare/stats/"))
    client = Client()
    print(f"database: {connection.vendor}, {articles} articles, {Quote.objects.count()} quotes, "
          f"{Person.objects.count()} people; {args.requests} requests per endpoint")
    print(f"{'endpoint':40} {'api median':>10} {'api p95':>9} {'bare median':>11} {'bare p95':>9} {'ratio':>6} {'queries':>7}")
    with override_settings(ROOT_URLCONF=__name__):
        for name, api_url, bare_url in cases:
            for _ in range(5):  # warm caches
                timed(client, api_url), timed(client, bare_url)
            api, bare = [], []
            for _ in range(args.requests):
                api.append(timed(client, api_url))
                bare.append(timed(client, bare_url))
            with CaptureQueriesContext(connection) as queries:
                client.get(api_url)
            ratio = statistics.median(api) / statistics.median(bare)
            print(f"{name:40} {statistics.median(api) * 1000:8.1f}ms {p95(api) * 1000:7.1f}ms "
                  f"{statistics.median(bare) * 1000:9.1f}ms {p95(bare) * 1000:7.1f}ms {ratio:6.2f} {len(queries):7d}")
        if args.filters:
            time_filters(client, max(10, args.requests // 5))


def rarest_and_commonest(queryset, key):
    counted = queryset.values(key).annotate(total=Count("*")).exclude(**{f"{key}__isnull": True})
    return [row[key] for row in (counted.order_by("total", key).first(), counted.order_by("-total", key).first()) if row]


def time_filters(client, requests):
    urls = []
    for slug in rarest_and_commonest(ArticleTopic.objects, "topic__slug"):
        urls += [f"/api/v1/articles/?topic={slug}", f"/api/v1/quotes/?topic={slug}", f"/api/v1/people/?topic={slug}"]
    for slug in rarest_and_commonest(ArticlePerson.objects, "person__slug"):
        urls.append(f"/api/v1/articles/?person={slug}")
    for slug in rarest_and_commonest(Article.authors.through.objects, "person__slug"):
        urls.append(f"/api/v1/articles/?author={slug}")
    for cue in rarest_and_commonest(Quote.objects.exclude(cue=""), "cue"):
        urls.append(f"/api/v1/quotes/?cue={quote(cue)}")
    for slug in rarest_and_commonest(Article.objects, "source__slug"):
        urls += [f"/api/v1/articles/?source={slug}", f"/api/v1/quotes/?source={slug}"]
    urls += ["/api/v1/people/", "/api/v1/people/?ordering=-quote_count", "/api/v1/topics/?ordering=-article_count"]
    print(f"\n{'filter (API only)':62} {'median':>8} {'p95':>8} {'count':>7}")
    for url in urls:
        timed(client, url)
        times = [timed(client, url) for _ in range(requests)]
        count = client.get(url).json().get("count")
        print(f"{url:62} {statistics.median(times) * 1000:6.1f}ms {p95(times) * 1000:6.1f}ms {count:7d}")


if __name__ == "__main__":
    main()
