"""import_articles end to end: seed import, idempotency, --force, and bad files reported by name."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Person, Quote

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SHORT_ARTICLE = """Council approves new bridge for river crossing

By Sam Reporter

The city council approved a new bridge on Tuesday after a long debate.

"This bridge will change how people move around the city," said Maria Lopez, the council leader.

Lopez added that construction would start next spring.
"""


def run_import(*args):
    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_seed_import_gives_structured_article():
    out, _ = run_import(SEEDS)
    assert "Imported 1" in out
    article = Article.objects.get()
    assert article.headline.startswith("US warns it will 'move on' from Ukraine peace talks")
    assert article.source.name == "LBC"
    assert [a.name for a in article.authors.all()] == ["Henry Moore"]
    speakers = set(Quote.objects.filter(kind="direct").values_list("speaker__name", flat=True))
    long_quote = max(Quote.objects.filter(kind="direct"), key=lambda q: len(q.text))
    assert long_quote.speaker.name == "Marco Rubio"
    assert long_quote.text.count(". ") >= 8  # the quote runs over several paragraphs
    assert "Marco Rubio" in speakers


def test_reimport_of_unchanged_file_changes_nothing():
    run_import(SEEDS)
    before = (Article.objects.get().updated_at, Person.objects.count(), Quote.objects.count())
    out, _ = run_import(SEEDS)
    assert "Imported 0" in out and "unchanged 1" in out
    assert (Article.objects.get().updated_at, Person.objects.count(), Quote.objects.count()) == before


def test_force_reextracts_without_duplicating(tmp_path):
    run_import(SEEDS)
    counts = (Person.objects.count(), Quote.objects.count())
    out, _ = run_import("--force", SEEDS)
    assert "replaced 1" in out
    assert (Article.objects.count(), Person.objects.count(), Quote.objects.count()) == (1, *counts)


def test_bad_files_are_named_and_the_rest_imports(tmp_path):
    (tmp_path / "good.txt").write_text(SHORT_ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "broken.json").write_text('{"body": "unterminated')
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"title": "Line one", "body": SHORT_ARTICLE.replace("bridge", "tunnel")}) + "\n{not json}\n"
    )
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_articles", str(tmp_path), stdout=StringIO(), stderr=err)
    assert raised.value.returncode == 1
    report = err.getvalue()
    for name in ("empty.txt", "picture.txt", "broken.json", "feed.jsonl:2"):
        assert name in report, report
    assert Article.objects.count() == 2  # good.txt and the good JSONL line


def test_missing_path_is_an_error():
    with pytest.raises(CommandError, match="No such file"):
        run_import("/no/such/folder")


def test_one_and_two_workers_store_the_same_articles(tmp_path):
    for n in range(5):
        (tmp_path / f"story{n}.txt").write_text(SHORT_ARTICLE.replace("bridge", f"bridge number {n}"))
    run_import("--workers", "2", tmp_path)
    two = sorted(Quote.objects.values_list("text", "speaker__name"))
    Article.objects.all().delete()
    run_import("--workers", "1", tmp_path)
    assert sorted(Quote.objects.values_list("text", "speaker__name")) == two
    assert Article.objects.count() == 5


def test_non_english_text_is_stored_without_people_or_quotes_and_reported(tmp_path):
    (tmp_path / "de.txt").write_text(
        "Regierung beschließt neues Gesetz\n\n"
        "Die Regierung hat am Dienstag ein neues Gesetz beschlossen, das die Mieten begrenzen soll. "
        "\"Das ist ein guter Tag für alle Mieter\", sagte die Ministerin Anna Schmidt in Berlin.\n"
    )
    out, _ = run_import(tmp_path)
    article = Article.objects.get()
    assert article.language == "de"
    assert not article.quotes.exists() and not article.mentions.exists()
    assert "NOTE" in out and "de.txt" in out


def test_same_text_under_another_name_is_unchanged(tmp_path):
    (tmp_path / "a.txt").write_text(SHORT_ARTICLE)
    (tmp_path / "copy of a.txt").write_text(SHORT_ARTICLE)
    out, _ = run_import(tmp_path)
    assert "Imported 1" in out and "unchanged 1" in out
