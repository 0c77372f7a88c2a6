"""Measure the hand-written date reader and language guess against installed libraries.

Usage:  python benchmarks/dates_and_language.py

Dates: for every gold article whose gold file states a ``published`` date, the date the structure
stage reads (hand-written patterns over the header lines), the same stage with ``dateparser``
reading each line instead (``search_dates``, day, month and year required), and ``htmldate`` on
the page (each line a paragraph, ``extensive_search``). Counts right / wrong / none and the time per
article; dateparser's import and first call are timed apart (they come once per process).

Language: the stopword-share guess of the structure stage against the same method with jusText's
stoplists (the only language data among the installed packages; no language-identification
package is installed), on the bodies of the 45 gold articles (English) and of the 91 boilerplate
pages (labels below: English unless listed).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from articles.extraction import structure  # noqa: E402
from articles.extraction.readers import read_path  # noqa: E402

GOLD = REPO_ROOT / "tests" / "gold"
BOILERPLATE = REPO_ROOT.parent / "shared/benchmarks/boilerplate/dev.jsonl"
# The boilerplate pages that are not in English, by a reading of their bodies.
NOT_ENGLISH = {
    "autoracing.com.br": "pt", "comoeducarseusfilhos.com.br": "pt", "kabarislamia.com": "id",
    "blog.comwrap.com": "de", "gto-normativy.ru": "ru", "note100yen.com": "ja",
}
JUSTEXT_CODES = {
    "English": "en", "German": "de", "French": "fr", "Spanish": "es", "Italian": "it", "Portuguese": "pt",
    "Dutch": "nl", "Indonesian": "id", "Malay": "ms", "Russian": "ru", "Japanese": "ja",
}


def gold_articles():
    for path in sorted(GOLD.glob("*.json")) + sorted(GOLD.glob("*/*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = (REPO_ROOT / "seeds" if path.parent == GOLD else path.parent) / gold["raw_file"]
        (source,) = [item for item in read_path(raw)]
        yield gold, source


def _dateparser_reader():
    started = time.perf_counter()
    from dateparser.search import search_dates

    imported = time.perf_counter() - started
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}

    def date_in(text: str) -> dt.date | None:
        found = search_dates(text, languages=["en"], settings=settings) or []
        years = [moment.date() for _, moment in found if 1990 <= moment.year <= 2100]
        return years[0] if years else None

    started = time.perf_counter()
    date_in("Published 12 March 2025, 10:02 IST")
    return date_in, imported, time.perf_counter() - started


def _htmldate_reader():
    from htmldate import find_date

    def date_of(text: str) -> dt.date | None:
        page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
        found = find_date(page + "</body></html>", extensive_search=True, original_date=True)
        return dt.date.fromisoformat(found) if found else None

    return date_of


def _clear_caches() -> None:
    """The structure stage caches its line readers; a run must not reuse another run's answers."""
    for value in vars(structure).values():
        if hasattr(value, "cache_clear"):
            value.cache_clear()


def _score(name, read, articles):
    _clear_caches()
    right = wrong = none = 0
    started = time.perf_counter()
    for gold, source in articles:
        found = read(source)
        expected = dt.date.fromisoformat(gold["published"])
        right += found == expected
        none += found is None
        wrong += found is not None and found != expected
    per_article = (time.perf_counter() - started) / len(articles) * 1000
    print(f"  {name:<34} right {right:2d}, wrong {wrong:2d}, none {none:2d}   {per_article:8.1f} ms per article")


def measure_dates() -> None:
    articles = [(gold, source) for gold, source in gold_articles() if gold.get("published")]
    print(f"dates: {len(articles)} gold articles state one")
    _score("structure stage (hand-written)", lambda source: structure.build_document(source).published, articles)
    date_in, imported, first = _dateparser_reader()
    print(f"  dateparser import {imported * 1000:.0f} ms, first call {first * 1000:.0f} ms")
    original = structure._date_in
    structure._date_in = date_in
    try:
        _score("structure stage, dateparser lines", lambda source: structure.build_document(source).published, articles)
    finally:
        structure._date_in = original
        _clear_caches()
    htmldate_of = _htmldate_reader()
    _score("htmldate on the page", lambda source: htmldate_of(source.text), articles)


def _justext_guess():
    import justext

    stoplists = {name: justext.get_stoplist(name) for name in justext.get_stoplists()}
    word = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

    def guess(text: str) -> str:
        words = [w.lower() for w in word.findall(text[:20000])]
        if not words:
            return "und"
        best = max(stoplists, key=lambda name: sum(w in stoplists[name] for w in words))
        return JUSTEXT_CODES.get(best, "und")

    return guess


def _texts():
    for gold, source in gold_articles():
        yield "en", source.text
    with BOILERPLATE.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            host = re.sub(r"^www\.", "", record["url"].split("/")[2])
            yield NOT_ENGLISH.get(host, "en"), record["article_body"]


def measure_language() -> None:
    texts = list(_texts())
    print(f"language: {len(texts)} texts, {sum(label != 'en' for label, _ in texts)} not in English")
    for name, guess in (("stopword profile (hand-written)", structure.guess_language), ("jusText stoplists", _justext_guess())):
        started = time.perf_counter()
        guesses = [(label, guess(text)) for label, text in texts]
        per_text = (time.perf_counter() - started) / len(texts) * 1000
        english = sum((label == "en") == (found == "en") for label, found in guesses)
        exact = sum(label == found or (label not in _knows(name) and found == "und") for label, found in guesses)
        misses = sorted({f"{label}->{found}" for label, found in guesses if (label == "en") != (found == "en")})
        print(f"  {name:<34} English or not right {english}/{len(texts)}, language right {exact}/{len(texts)}"
              f"   {per_text:6.2f} ms per text   wrong: {', '.join(misses) or '-'}")


def _knows(name: str) -> set[str]:
    return set(JUSTEXT_CODES.values()) if name.startswith("jusText") else set(structure._STOPWORDS)


if __name__ == "__main__":
    measure_dates()
    measure_language()
