"""An import killed at any point leaves no half-written article, and running it again finishes the job.

The import runs as its own process on a SQLite file; it is killed (SIGKILL, no chance to clean up)
once some articles are stored, and the database is checked for articles missing their derived rows.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STORY = (
    "The council approved the new harbour plan on {day} after a long debate about costs.\n\n"
    '"This plan will protect jobs for a generation," said council leader Maria Lopez number {n}.\n\n'
    "Opponents said the plan would raise local taxes and cut funding for schools in the area."
)


def manage(database, *args, **kwargs):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "newsapi.settings"}
    return subprocess.Popen([sys.executable, str(ROOT / "manage.py"), *args], env=env, **kwargs)


def write_feed(folder: Path, count: int = 120) -> Path:
    feed = folder / "feed.jsonl"
    feed.write_text(
        "".join(json.dumps({"title": f"Harbour plan {n}", "body": STORY.format(day=f"day {n}", n=n)}) + "\n"
                for n in range(count))
    )
    return feed


def counts(database):
    with sqlite3.connect(database) as db:
        articles = db.execute("SELECT count(*) FROM articles_article").fetchone()[0]
        without_quotes = db.execute(
            "SELECT count(*) FROM articles_article a WHERE NOT EXISTS "
            "(SELECT 1 FROM articles_quote q WHERE q.article_id = a.id)"
        ).fetchone()[0]
    return articles, without_quotes


@pytest.mark.slow
def test_killed_import_leaves_no_half_article_and_a_rerun_finishes(tmp_path):
    feed = write_feed(tmp_path)
    database = tmp_path / "db.sqlite3"
    assert manage(database, "migrate", "-v0").wait() == 0

    importer = manage(database, "import_articles", "--workers", "1", str(feed),
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and counts(database)[0] < 40:
        time.sleep(0.2)
    importer.send_signal(signal.SIGKILL)
    importer.wait()

    stored, half_written = counts(database)
    assert 0 < stored < 120, "the kill must land mid-import"
    assert half_written == 0

    assert manage(database, "import_articles", "--workers", "1", str(feed), stdout=subprocess.DEVNULL).wait() == 0
    assert counts(database) == (120, 0)


@pytest.mark.slow
def test_sigterm_stops_the_import_cleanly_after_the_current_article(tmp_path):
    feed = write_feed(tmp_path)
    database = tmp_path / "db.sqlite3"
    assert manage(database, "migrate", "-v0").wait() == 0
    importer = manage(database, "import_articles", "--workers", "2", str(feed),
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and counts(database)[0] < 20:
        time.sleep(0.2)
    importer.send_signal(signal.SIGTERM)
    out, err = importer.communicate(timeout=60)
    assert importer.returncode == 1
    assert "Interrupted: stopped after the last stored article" in err
    stored, half_written = counts(database)
    assert 0 < stored < 120 and half_written == 0
    assert manage(database, "import_articles", "--workers", "2", str(feed), stdout=subprocess.DEVNULL).wait() == 0
    assert counts(database) == (120, 0)
