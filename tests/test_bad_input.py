"""The bad-input matrix: each case names the file (and line), exits non-zero when anything failed,
stores nothing half-written, and the other files still import."""

import json
import os
import pathlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article

pytestmark = pytest.mark.django_db

GOOD = 'Council approves new bridge\n\nThe council approved a new bridge on Tuesday after a long debate.\n\n"It will change the city," said council leader Maria Lopez.\n'
TEXT = 'Harbour reopens after repairs\n\nThe harbour reopened on Monday after three weeks of repairs by the port authority.\n\n"We are back in business," said harbour master Ellen Brooks.\n'
LATIN = "Caf\u00e9 owners protest new rules\n\nCaf\u00e9 owners in the town centre protested on Monday against the new licensing rules, which they say are unfair.\n"


def run(folder, *extra):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", "--workers", "1", *extra, str(folder), stdout=out, stderr=err)
        failed = False
    except CommandError:
        failed = True
    return failed, out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    return tmp_path


@pytest.mark.parametrize(
    "name, content, named",
    [
        ("empty.txt", b"", "empty.txt: empty file"),
        ("blank.txt", b"  \n\t\n  ", "blank.txt: empty file"),
        ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "photo.txt: binary file"),
        ("broken.json", b'{"body": "unterminated', "broken.json: malformed JSON"),
        ("record.json", json.dumps({"title": "No body here"}).encode(), "record.json: record has no 'body'"),
        ("page.html", b"<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>", "page.html"),
        ("links.txt", b"Home\nNews\nSport\nWeather\nContact us\nPrivacy policy\n", "links.txt: no article text found"),
    ],
)
def test_bad_file_is_named_and_the_rest_imports(folder, name, content, named):
    (folder / name).write_bytes(content)
    failed, _, err = run(folder)
    assert failed
    assert named in err, err
    assert Article.objects.count() == 1  # good.txt, and nothing of the bad file


def test_file_over_the_size_limit(folder):
    (folder / "huge.txt").write_text(TEXT + "More text. " * 500)
    failed, _, err = run(folder, "--max-bytes", "2000")
    assert failed and "huge.txt: file too large" in err
    assert Article.objects.count() == 1


def test_jsonl_bad_line_is_reported_with_its_number(folder):
    lines = [json.dumps({"title": "A", "body": TEXT}), "{not json", json.dumps({"body": 42}), json.dumps({"body": GOOD + " again"})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    failed, _, err = run(folder)
    assert failed
    assert "feed.jsonl:2: malformed JSON" in err and "feed.jsonl:3: field 'body' must be a string" in err
    assert Article.objects.count() == 3


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_files_with_a_byte_order_mark_are_decoded(tmp_path, encoding):
    (tmp_path / "bom.txt").write_bytes(TEXT.encode(encoding))
    failed, _, _ = run(tmp_path)
    assert not failed
    assert Article.objects.get().headline == "Harbour reopens after repairs"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_detected_and_decoded(tmp_path, encoding):
    (tmp_path / "legacy.txt").write_bytes(LATIN.encode(encoding))
    failed, _, err = run(tmp_path)
    assert not failed, err
    assert Article.objects.get().headline == "Caf\u00e9 owners protest new rules"


def test_symlink_loop_in_a_folder_is_walked_once(folder):
    (folder / "sub").mkdir()
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    failed, out, _ = run(folder)
    assert not failed
    assert "Imported 1" in out


def test_file_without_read_permission(folder, monkeypatch):
    locked = folder / "locked.txt"
    locked.write_text(TEXT)
    if os.geteuid() == 0:  # root reads any file: make the read fail as it would for another user
        real = pathlib.Path.read_bytes

        def read_bytes(self):
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    else:
        locked.chmod(0)
    failed, _, err = run(folder)
    assert failed and "locked.txt: cannot read file: Permission denied" in err
    assert Article.objects.count() == 1


def test_duplicate_under_another_name_is_unchanged_not_twice(folder):
    (folder / "copy.txt").write_text(GOOD)
    failed, out, _ = run(folder)
    assert not failed and "Imported 1" in out and "unchanged 1" in out
    assert Article.objects.count() == 1


def test_nul_characters_in_a_json_record_and_an_overlong_url_are_stored_safely(tmp_path):
    record = {"title": "Harbour", "body": TEXT.replace("repairs", "rep\u0000airs"), "url": "https://example.org/" + "a" * 3000}
    (tmp_path / "record.json").write_text(json.dumps(record))
    failed, _, err = run(tmp_path)
    assert not failed, err
    article = Article.objects.get()
    assert "\x00" not in article.body and len(article.url) <= 2000
