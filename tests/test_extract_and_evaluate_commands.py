"""`extract` prints the extraction without a database; `evaluate` scores it against gold files."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_794f915c9ce4b57f.txt"

FIELDS = {"file", "headline", "source", "authors", "published", "url", "body", "paragraphs", "images",
          "boilerplate", "people", "quotes", "topics"}


def test_extract_prints_one_json_object_per_article(tmp_path):
    record = tmp_path / "record.json"
    record.write_text(json.dumps({"text": "Officials said the bridge would reopen on Monday.", "source": {"name": "Daily"}}))
    out = StringIO()
    call_command("extract", str(SEED), str(record), "--format", "json", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    seed, from_json = (json.loads(line) for line in lines)
    assert FIELDS <= seed.keys()
    assert seed["source"] == "LBC"
    quote = seed["quotes"][0]
    assert seed["body"][quote["start"]:quote["end"]]  # offsets point into the body
    assert from_json["headline"] is None and from_json["source"] == "Daily"


def test_extract_reports_unreadable_file_and_prints_the_others(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("extract", str(tmp_path / "empty.txt"), str(SEED), stdout=out, stderr=err)
    assert "empty.txt" in err.getvalue()
    assert len(out.getvalue().splitlines()) == 1


def test_extract_text_format_is_readable():
    out = StringIO()
    call_command("extract", str(SEED), "--format", "text", stdout=out)
    text = out.getvalue()
    assert "Headline:" in text and "Quotes:" in text and "Dropped lines:" in text


def test_evaluate_prints_scores_against_gold():
    out = StringIO()
    call_command("evaluate", str(ROOT / "tests" / "gold"), "--raw", str(ROOT / "seeds"), stdout=out)
    report = out.getvalue()
    assert "quotes" in report and "speakers" in report and "people" in report


def test_evaluate_refuses_a_folder_without_gold(tmp_path):
    with pytest.raises(CommandError, match="No gold"):
        call_command("evaluate", str(tmp_path))
