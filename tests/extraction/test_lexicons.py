"""The lexicon files: each one read, described, free of duplicates, and used by some module."""

from pathlib import Path

import pytest

from articles.extraction import lexicons

FOLDER = Path(lexicons.__file__).parent
# Lexicons serve the extraction stages and also the de-duplication (articles/fingerprints.py).
PACKAGE = FOLDER.parent.parent
WORD_LISTS = sorted(path.stem for path in FOLDER.glob("*.txt"))
TABLES = sorted(path.stem for path in FOLDER.glob("*.json"))


@pytest.mark.parametrize("name", WORD_LISTS)
def test_word_list_says_what_it_is_and_lists_each_entry_once(name):
    text = (FOLDER / f"{name}.txt").read_text(encoding="utf-8")
    assert text.startswith("# "), "the file opens with what the list is for"
    entries = lexicons.entries(name)
    assert entries and len(entries) == len(set(entries))


@pytest.mark.parametrize("name", TABLES)
def test_table_is_not_empty(name):
    assert lexicons.table(name)


@pytest.mark.parametrize("name", WORD_LISTS + TABLES)
def test_every_lexicon_is_read_by_some_module(name):
    sources = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py"))
    assert f'"{name}"' in sources


def test_alternation_tries_longer_names_first():
    import re

    pattern = re.compile(r"^(?:" + lexicons.alternation("wire_agencies") + r")")
    assert pattern.match("Associated Press of Pakistan").group(0) == "Associated Press of Pakistan"
