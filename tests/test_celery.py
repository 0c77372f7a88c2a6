"""The distributed import: `import_articles --queue` and the Celery task, up to real workers on Redis.

The end-to-end test starts two real `celery worker` processes on the local Redis (a dedicated
database number and a queue name unique to the run, so parallel runs do not meet) against the
test's own database, queues the same three articles twice, and checks that each is stored once.
Without a reachable Redis it is skipped, except under CI=true (or REQUIRE_CELERY_TESTS=1), where a
skip would hide a broken setup and so fails instead.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count

from articles import tasks
from articles.extraction.document import SourceText
from articles.models import Article, Person

BROKER_URL = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")
WORKERS = 2
WAIT_SECONDS = 60

ARTICLES = [
    {
        "headline": "Harbour to reopen in spring",
        "source": "Test Gazette",
        "published": "2025-03-04",
        "body": "Jane Doe, the mayor of Harbourtown, said on Monday that the old harbour would reopen next spring.\n\n"
        '"We have waited long enough for this," Jane Doe told reporters at the town hall.',
    },
    {
        "headline": "Council approves ferry budget",
        "source": "Test Gazette",
        "published": "2025-03-05",
        "body": "The council approved the new ferry budget after a long debate on Tuesday evening.\n\n"
        '"The ferry is the lifeline of this town," said Jane Doe, who chaired the meeting.',
    },
    {
        "headline": "Fishermen welcome harbour plan",
        "source": "Test Gazette",
        "published": "2025-03-06",
        "body": "Local fishermen welcomed the harbour plan announced by the mayor earlier this week.\n\n"
        "Tom Baker, who has fished here for thirty years, said the plan was overdue.",
    },
]


def write_inputs(folder: Path) -> Path:
    """Two articles in a JSONL feed, one as a page-text file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "feed.jsonl").write_text("".join(json.dumps(record) + "\n" for record in ARTICLES[:2]), encoding="utf-8")
    last = ARTICLES[2]
    (folder / "page.txt").write_text(f"{last['headline']}\n\nBy Sam Writer\n\n{last['body']}\n", encoding="utf-8")
    return folder


# --- the payload and the task, in this process ----------------------------------------------------


def test_a_source_survives_the_trip_through_json():
    source = SourceText(
        text="Body text.",
        origin="feed.jsonl:3",
        format="jsonl",
        is_page_text=False,
        headline="A headline",
        source="Test Gazette",
        authors=["Sam Writer", "Ann Other"],
        published=dt.date(2025, 3, 4),
        url="https://example.org/a",
        original='{"body": "Body text."}',
    )
    payload = json.loads(json.dumps(tasks.source_to_payload(source)))
    assert payload["published"] == "2025-03-04"
    assert tasks.source_from_payload(payload) == source
    assert tasks.source_from_payload(tasks.source_to_payload(SourceText(text="x", origin="a.txt"))).published is None


@pytest.mark.django_db
def test_the_task_stores_an_article_once_however_often_it_runs(nlp):
    source = SourceText(text=ARTICLES[0]["body"], origin="a.txt", is_page_text=False, headline="Harbour")
    payload = tasks.source_to_payload(source)
    assert tasks.import_article(payload) == "imported"
    assert tasks.import_article(payload) == "unchanged"
    assert Article.objects.count() == 1
    assert tasks.import_article(payload, force=True) == "replaced"
    assert Article.objects.count() == 1


# --- import_articles --queue, with the broker replaced by a list -----------------------------------


@pytest.fixture
def sent(monkeypatch):
    """Messages the command would send; the NLP model must not be needed to send them."""
    messages = []

    def apply_async(args=(), kwargs=None, **options):
        messages.append(json.loads(json.dumps({"args": args, "kwargs": kwargs})))  # JSON-serialisable

    def no_model(*args, **kwargs):
        raise AssertionError("the spaCy model was loaded by the queueing process")

    monkeypatch.setattr(tasks, "broker_check", lambda: "redis://broker.test/0")
    monkeypatch.setattr(tasks.import_article, "apply_async", apply_async)
    monkeypatch.setattr("articles.extraction.pipeline.load_nlp", no_model)
    return messages


@pytest.mark.django_db
def test_queue_sends_one_message_per_article_and_imports_nothing_here(tmp_path, sent, capsys):
    call_command("import_articles", "--queue", str(write_inputs(tmp_path / "in")))
    out = capsys.readouterr().out
    assert "Enqueued 3 article(s)" in out
    assert "failed 0" in out
    folder = tmp_path / "in"
    origins = sorted(message["args"][0]["origin"] for message in sent)
    assert origins == sorted([f"{folder / 'feed.jsonl'}:1", f"{folder / 'feed.jsonl'}:2", str(folder / "page.txt")])
    assert all(message["kwargs"] == {"force": False} for message in sent)
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_queue_reports_unreadable_lines_like_the_import_and_still_sends_the_rest(tmp_path, sent, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(ARTICLES[0]) + "\n{not json\n" + json.dumps(ARTICLES[1]) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("import_articles", "--queue", "--force", str(feed))
    assert raised.value.returncode == 1
    captured = capsys.readouterr()
    assert "Enqueued 2 article(s)" in captured.out
    assert f"FAILED {feed}:2: malformed JSON" in captured.err
    assert [message["kwargs"] for message in sent] == [{"force": True}, {"force": True}]


def test_queue_without_a_broker_fails_before_reading(monkeypatch, tmp_path):
    from kombu.exceptions import OperationalError

    def unreachable():
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(tasks, "broker_check", unreachable)
    with pytest.raises(CommandError, match="Cannot reach the Celery broker"):
        call_command("import_articles", "--queue", str(write_inputs(tmp_path / "in")))


# --- real workers ---------------------------------------------------------------------------------


def require_redis():
    import redis

    try:
        redis.Redis.from_url(BROKER_URL, socket_connect_timeout=1).ping()
    except (redis.exceptions.RedisError, OSError) as error:
        reason = f"no Redis at {BROKER_URL} ({error}); start one with `redis-server` or set CELERY_TEST_BROKER_URL"
        required = os.environ.get("CI", "").lower() in {"1", "true"} or os.environ.get("REQUIRE_CELERY_TESTS")
        if required:
            pytest.fail(f"the Celery test is required here (CI) but {reason}", pytrace=False)
        pytest.skip(reason)


def worker_database_url(folder: Path) -> str:
    """A URL for the test's own database that another process can open.

    PostgreSQL: the test database itself. SQLite: the test database lives in this process's memory,
    so it is copied (migrated, empty) to a file the workers use, and copied back by ``take_back``.
    """
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(folder / "db.sqlite3")) as target:
            connection.connection.backup(target)
        return f"sqlite:///{folder / 'db.sqlite3'}"
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def take_back(folder: Path) -> None:
    """SQLite: copy what the workers stored back into the test database (see worker_database_url)."""
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(folder / "db.sqlite3")) as source:
            source.backup(connection.connection)


def read_logs(logs: list[Path]) -> str:
    return "\n".join(log.read_text(errors="replace") for log in logs if log.exists())


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # warm shutdown: the current article is finished
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def clean_broker(queue: str) -> None:
    import redis

    try:
        client = redis.Redis.from_url(BROKER_URL, socket_connect_timeout=1)
        client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    except redis.exceptions.RedisError:
        pass  # leftovers of a unique queue name harm no other run


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_real_workers_store_each_article_once_when_the_batch_is_queued_twice(tmp_path):
    require_redis()
    queue = f"newsapi-test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DATABASE_URL": worker_database_url(tmp_path),
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_QUEUE": queue,
        "PYTHONUNBUFFERED": "1",
    }
    inputs = write_inputs(tmp_path / "in")
    base = Path(settings.BASE_DIR)
    logs = [tmp_path / f"worker{n}.log" for n in range(WORKERS)]
    workers = []
    try:
        for n, log in enumerate(logs):
            with log.open("wb") as handle:
                workers.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "celery", "-A", "newsapi", "worker", "--pool=solo", "--concurrency=1",
                         "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
                         "-n", f"{queue}-{n}@%h"],
                        cwd=base, env=env, stdout=handle, stderr=subprocess.STDOUT,
                    )
                )
        # The same batch, twice and at once: six messages for three articles.
        enqueuers = [
            subprocess.Popen(
                [sys.executable, "manage.py", "import_articles", "--queue", str(inputs)],
                cwd=base, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )
            for _ in range(2)
        ]
        for enqueuer, (out, err) in [(e, e.communicate(timeout=60)) for e in enqueuers]:
            assert enqueuer.returncode == 0, err
            assert "Enqueued 3 article(s)" in out

        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            text = read_logs(logs)
            if text.count("succeeded in") >= 6:
                break
            problem = "raised unexpected" in text or any(worker.poll() is not None for worker in workers)
            if problem or time.monotonic() > deadline:
                pytest.fail(f"the workers did not handle 6 messages in {WAIT_SECONDS} s:\n{text[-6000:]}")
            time.sleep(0.2)
    finally:
        for worker in workers:
            stop(worker)
        clean_broker(queue)

    text = read_logs(logs)
    assert text.count("succeeded in") == 6, text[-6000:]
    assert text.count(": 'imported'") == 3 and text.count(": 'unchanged'") == 3, text[-6000:]
    assert "Traceback" not in text, text[-6000:]

    take_back(tmp_path)
    assert Article.objects.count() == 3
    assert sorted(Article.objects.values_list("headline", flat=True)) == sorted(a["headline"] for a in ARTICLES)
    duplicated = Person.objects.values("name").annotate(n=Count("id")).filter(n__gt=1)
    assert list(duplicated) == []
    jane = Person.objects.get(aliases__key="jane doe")
    assert jane.mentions.count() == 2  # one person across the two articles that name her
