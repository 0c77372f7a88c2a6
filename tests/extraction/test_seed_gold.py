"""The whole pipeline on the seed meets the issue's targets against the hand-checked gold."""

from pathlib import Path

import pytest

from articles.extraction.evaluation import load_gold, score_article
from articles.extraction.pipeline import extract_article
from articles.extraction.readers import read_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def score(nlp):
    gold = load_gold(ROOT / "tests" / "gold" / "000_794f915c9ce4b57f.json")
    (source,) = read_path(ROOT / "seeds" / gold["raw_file"])
    return score_article(extract_article(source, nlp=nlp).as_dict(), gold)


def test_seed_metadata_is_exact(score):
    assert score.headline_correct and score.source_correct and score.authors_correct


def test_seed_body_keeps_no_boilerplate_line(score):
    assert score.boilerplate_leaked == []


def test_seed_quote_f1_at_least_095(score):
    assert score.quotes.f1 >= 0.95, (score.missed_quotes, score.spurious_quotes)


def test_seed_every_matched_quote_has_its_real_speaker(score):
    assert score.speakers.value == 1.0


def test_seed_people_f1_at_least_095(score):
    assert score.people.f1 >= 0.95, (score.missed_people, score.spurious_people)
