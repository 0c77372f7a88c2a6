"""Scoring extraction output against gold annotations (pure Python)."""

from pathlib import Path

import pytest

from articles.extraction.evaluation import (
    dice,
    format_report,
    load_gold,
    names_match,
    score_article,
    score_corpus,
)

GOLD_PATH = Path(__file__).resolve().parents[1] / "gold" / "000_794f915c9ce4b57f.json"


def _quote(text, speaker=None, kind="direct", is_person=True, cue="said"):
    return {"text": text, "speaker": speaker, "speaker_is_person": is_person, "kind": kind, "cue": cue}


def _gold(quotes=(), people=(), **extra):
    gold = {
        "headline": "A headline",
        "source": "LBC",
        "authors": [],
        "boilerplate": [],
        "people": list(people),
        "quotes": list(quotes),
        "subjects": [],
    }
    gold.update(extra)
    return gold


def _predicted(quotes=(), people=(), **extra):
    predicted = {
        "file": "x.txt",
        "headline": "A headline",
        "source": "LBC",
        "authors": [],
        "paragraphs": [],
        "people": list(people),
        "quotes": list(quotes),
        "topics": [],
    }
    predicted.update(extra)
    return predicted


def _person(name, aliases=()):
    return {"name": name, "aliases": list(aliases)}


def test_dice_of_identical_and_disjoint_texts():
    assert dice("We will walk away", "we will WALK away") == 1.0
    assert dice("one two", "three four") == 0.0


def test_dice_counts_word_multisets():
    # {a, a, b} vs {a, b}: overlap 2, sizes 3 + 2
    assert dice("a a b", "a b") == pytest.approx(0.8)


def test_quote_with_half_overlap_matches():
    gold = _gold([_quote("the talks lasted more than four hours")])
    predicted = _predicted([_quote("talks lasted four hours, officials said")])
    assert score_article(predicted, gold).quotes.matched == 1


def test_quote_with_low_overlap_does_not_match():
    gold = _gold([_quote("the talks lasted more than four hours")])
    predicted = _predicted([_quote("the minister arrived late on Friday evening")])
    score = score_article(predicted, gold)
    assert score.quotes.matched == 0
    assert score.quotes.precision == 0.0 and score.quotes.recall == 0.0


def test_quote_matching_is_one_to_one():
    gold = _gold([_quote("I am not a big fan of him")])
    predicted = _predicted([_quote("I am not a big fan of him"), _quote("not a big fan of him")])
    score = score_article(predicted, gold)
    assert score.quotes.matched == 1
    assert score.quotes.precision == 0.5
    assert score.quotes.recall == 1.0
    assert score.quote_matches[0].predicted == 0  # the better match wins


def test_greedy_matching_prefers_best_dice_pairs():
    gold = _gold([_quote("we will move on from the talks"), _quote("we will move on soon")])
    predicted = _predicted([_quote("we will move on soon"), _quote("we will move on from the talks")])
    matches = {(m.predicted, m.gold) for m in score_article(predicted, gold).quote_matches}
    assert matches == {(0, 1), (1, 0)}


def test_surname_alone_matches_full_name_as_speaker_both_ways():
    gold = _gold([_quote("not a big fan", "Trump"), _quote("move on now", "Marco Rubio")])
    predicted = _predicted([_quote("not a big fan", "Donald Trump"), _quote("move on now", "Rubio")])
    assert score_article(predicted, gold).speakers.value == 1.0


def test_speaker_matches_through_gold_aliases():
    people = [_person("Zelenskyy", ["Volodymyr Zelensky"])]
    gold = _gold([_quote("spreading Russian narratives", "Zelenskyy")], people)
    predicted = _predicted([_quote("spreading Russian narratives", "Volodymyr Zelensky")])
    assert score_article(predicted, gold).speakers.value == 1.0


def test_wrong_speaker_is_counted():
    gold = _gold([_quote("not a big fan", "Trump")])
    predicted = _predicted([_quote("not a big fan", "Marco Rubio")])
    score = score_article(predicted, gold)
    assert score.speakers.correct == 0 and score.speakers.total == 1
    assert "wrong speaker" in format_report(score)


def test_speaker_names_are_accent_and_case_insensitive():
    gold = _gold([_quote("we meet again", "Jean-Noël Barrot")])
    predicted = _predicted([_quote("we meet again", "jean-noel barrot")])
    assert score_article(predicted, gold).speakers.value == 1.0


def test_non_person_labels_ignore_case_and_leading_the():
    gold = _gold([_quote("repayment", "The Trump administration", "partial", is_person=False)])
    predicted = _predicted([_quote("repayment", "trump administration", "partial", is_person=False)])
    assert score_article(predicted, gold).speakers.value == 1.0


def test_different_non_person_labels_do_not_match():
    gold = _gold([_quote("walk away", "United States", "partial", is_person=False)])
    predicted = _predicted([_quote("walk away", "Russian state media", "partial", is_person=False)])
    assert score_article(predicted, gold).speakers.value == 0.0


def test_both_speakers_none_is_correct_one_none_is_wrong():
    gold = _gold([_quote("okay then we go", None), _quote("this is fine", "Trump")])
    predicted = _predicted([_quote("okay then we go", None), _quote("this is fine", None)])
    score = score_article(predicted, gold)
    assert (score.speakers.correct, score.speakers.total) == (1, 2)


def test_a_joint_speaker_list_accepts_any_of_its_people():
    gold = _gold([_quote("the talks will resume", ["Ada Stone", "Kai Tane"], "indirect")])
    for speaker, right in (("Kai Tane", True), ("Stone", True), ("Ben Oduya", False)):
        predicted = _predicted([_quote("the talks will resume", speaker, "indirect")])
        assert score_article(predicted, gold).speakers.value == (1.0 if right else 0.0), speaker


def test_a_joint_speaker_written_as_one_label_is_scored_as_a_list():
    gold = _gold([_quote("the talks will resume", "Ada Stone and Kai Tane", "indirect")])
    gold["people"] = [{"name": "Ada Stone", "aliases": []}, {"name": "Kai Tane", "aliases": []}]
    for speaker, right in (("Ada Stone and Kai Tane", True), ("Kai Tane", True), ("Ben Oduya", False)):
        predicted = _predicted([_quote("the talks will resume", speaker, "indirect")])
        assert score_article(predicted, gold).speakers.value == (1.0 if right else 0.0), speaker


def test_a_label_with_and_that_names_no_people_stays_one_label():
    gold = _gold([_quote("the talks will resume", "Smith and Sons", "indirect")])
    predicted = _predicted([_quote("the talks will resume", "Smith", "indirect")])
    assert score_article(predicted, gold).speakers.value == 0.0


def test_who_said_what_recall_counts_every_gold_quote():
    gold = _gold([_quote("first words here", "Ada Stone"), _quote("second words here", "Ada Stone"),
                  _quote("third words here", "Kai Tane")])
    predicted = _predicted([_quote("first words here", "Ada Stone"), _quote("second words here", "Kai Tane")])
    score = score_article(predicted, gold)
    assert (score.who_said_what.correct, score.who_said_what.total) == (1, 3)
    assert "who said what" in format_report(score_corpus([score]))


def test_recall_by_kind():
    gold = _gold(
        [
            _quote("walk away", kind="partial"),
            _quote("the talks lasted more than four hours", kind="indirect"),
            _quote("I think we have done enough here", kind="direct"),
        ]
    )
    predicted = _predicted([_quote("walk away", kind="partial")])
    by_kind = score_article(predicted, gold).recall_by_kind
    assert by_kind["partial"].value == 1.0
    assert by_kind["indirect"].value == 0.0
    assert by_kind["direct"].value == 0.0


def test_people_match_by_surname_accents_and_aliases_one_to_one():
    gold_people = [
        _person("Trump", ["Donald Trump"]),
        _person("Jean-Noël Barrot", ["Barrot"]),
        _person("Zelenskyy", ["Zelensky"]),
    ]
    predicted_people = [
        _person("Donald Trump"),
        _person("Jean-Noel Barrot"),
        _person("Volodymyr Zelensky", ["Zelensky"]),
        _person("Melania Trump"),  # surname also matches gold "Trump", but that one is taken
    ]
    score = score_article(_predicted(people=predicted_people), _gold(people=gold_people))
    assert score.people.matched == 3
    assert score.people.precision == 0.75
    assert score.people.recall == 1.0
    assert score.spurious_people == ["Melania Trump"]


def test_names_match_rules():
    assert names_match("Trump", "Donald Trump")
    assert names_match("Mr Rubio", "Marco Rubio")
    assert names_match("ZELENSKYY", "Zelenskyy")
    assert not names_match("Donald Trump", "Melania Trump")
    assert not names_match("Rubio", "Marco Polo")


def test_headline_source_and_authors_exact_match():
    gold = _gold(headline="US warns it will ‘move on’", source="LBC", authors=["Henry Moore"])
    good = _predicted(headline="US warns it will 'move on'", source="lbc", authors=["henry  moore"])
    bad = _predicted(headline="US warns", source="The Hindu", authors=[])
    assert score_article(good, gold).headline_correct
    assert score_article(good, gold).source_correct
    assert score_article(good, gold).authors_correct
    score = score_article(bad, gold)
    assert not (score.headline_correct or score.source_correct or score.authors_correct)


def test_authors_compare_as_accent_insensitive_sets():
    gold = _gold(authors=["José Álvarez", "Henry Moore"])
    predicted = _predicted(authors=["Henry Moore", "Jose Alvarez"])
    assert score_article(predicted, gold).authors_correct


def test_leaked_boilerplate_is_counted():
    gold = _gold(boilerplate=["Listen to this article", "Loading audio..."])
    predicted = _predicted(paragraphs=["The US has warned.", "Listen to this article"])
    score = score_article(predicted, gold)
    assert score.boilerplate_leaked == ["Listen to this article"]
    assert score.boilerplate_gold == 2


def test_corpus_scores_are_micro_averaged():
    first = (_predicted([_quote("walk away now please")]), _gold([_quote("walk away now please")]))
    second = (
        _predicted([_quote("nothing alike here"), _quote("entirely different words")]),
        _gold([_quote("we will go on"), _quote("they said no"), _quote("it is done")]),
    )
    corpus = score_corpus([first, second])
    assert (corpus.quotes.matched, corpus.quotes.predicted, corpus.quotes.gold) == (1, 3, 4)
    assert corpus.quotes.precision == pytest.approx(1 / 3)
    assert corpus.quotes.recall == pytest.approx(1 / 4)
    assert corpus.headline.value == 1.0
    report = format_report(corpus)
    assert "quotes" in report and "people" in report and "Articles: 2" in report


def _gold_as_prediction(gold):
    return {
        "file": gold["raw_file"],
        "headline": gold["headline"],
        "source": gold["source"],
        "authors": gold["authors"],
        "paragraphs": [],
        "people": [
            {"name": p["name"], "aliases": p.get("aliases", []), "roles": [], "mentions": []}
            for p in gold["people"]
        ],
        "quotes": [dict(q) for q in gold["quotes"]],
        "topics": [{"name": s, "kind": "subject", "score": 1.0} for s in gold["subjects"]],
    }


def test_gold_scored_against_itself_is_perfect():
    gold = load_gold(GOLD_PATH)
    score = score_article(_gold_as_prediction(gold), gold)
    assert score.quotes.f1 == 1.0
    assert score.speakers.value == 1.0
    assert score.quote_kinds.value == 1.0
    assert score.people.f1 == 1.0
    assert score.subjects.f1 == 1.0
    assert score.headline_correct and score.source_correct and score.authors_correct
    assert all(ratio.value == 1.0 for ratio in score.recall_by_kind.values())
    assert score.boilerplate_leaked == []
    assert "Article:" in format_report(score)
