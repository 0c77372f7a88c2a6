"""Topics: IPTC subjects, key phrases, places and organisations (no Django needed)."""

import pytest

from articles.extraction.components import PIPELINE
from articles.extraction.document import Document, Mention, Person
from articles.extraction.topics import IPTC_SUBJECTS, canonical_entity, find_topics

SPORT = """Arsenal beat Chelsea 3-1 in a thrilling Premier League match at the Emirates Stadium on Saturday.

The striker scored twice in the first half before the goalkeeper was beaten again from the penalty spot.

The manager praised his players and said the team would push for the league title this season. Fans celebrated the victory long after the final whistle, and the referee was praised for a calm game."""

HEALTH = """Hospitals across England are under pressure as flu cases rise sharply, NHS leaders have warned.

Doctors and nurses say patients with severe symptoms are waiting hours for treatment in A&E.

Health officials urged older people to get the vaccine, saying vaccination remains the best protection against serious illness and the infection spreading in care homes."""

COURT = """A man has been jailed for 12 years after a jury found him guilty of fraud and money laundering at Southwark Crown Court.

The judge told the defendant his crimes had ruined the lives of his victims. Prosecutors said he stole more than two million pounds from pensioners.

Police arrested him in 2022 after a long investigation. His lawyer said he would appeal against the sentence."""

FLOOD = """Hundreds of homes were evacuated after the river burst its banks and flooding swept through the town overnight.

Firefighters and rescue teams used boats to reach stranded residents, and emergency services said two people were missing.

The flood caused widespread damage, and officials declared a major incident as more heavy rain was forecast."""


def _document(body, headline=None):
    return Document(headline=headline, paragraphs=[p for p in body.split("\n\n") if p.strip()])


def _topics(nlp, body, headline=None, people=None):
    """The topics stage alone on the model's parse, with the people given."""
    document = _document(body, headline)
    headline_doc = nlp(headline, disable=PIPELINE) if headline else None
    return find_topics(nlp(document.body, disable=PIPELINE), document, people or [], headline_doc=headline_doc)


def _of_kind(topics, kind):
    return [t.name for t in topics if t.kind == kind]


@pytest.mark.parametrize(
    "body, subject",
    [
        (SPORT, "sport"),
        (HEALTH, "health"),
        (COURT, "crime, law and justice"),
        (FLOOD, "disaster, accident and emergency incident"),
    ],
)
def test_best_subject_fits_the_domain(nlp, body, subject):
    assert _of_kind(_topics(nlp, body), "subject")[0] == subject


def test_subjects_use_exact_iptc_names_and_scores_in_unit_interval(nlp):
    topics = _topics(nlp, SPORT + "\n\n" + HEALTH)
    subjects = [t for t in topics if t.kind == "subject"]
    assert subjects
    for topic in subjects:
        assert topic.name in IPTC_SUBJECTS
        assert 0 < topic.score <= 1


def test_all_scores_are_in_unit_interval(nlp):
    for topic in _topics(nlp, COURT + "\n\n" + FLOOD, headline="Fraudster jailed as floods hit"):
        assert 0 < topic.score <= 1, topic


def test_subjects_work_without_a_parse():
    document = _document(FLOOD)
    subjects = _of_kind(find_topics(None, document, []), "subject")
    assert subjects[0] == "disaster, accident and emergency incident"


def test_without_a_parse_only_subjects_are_found():
    document = _document(SPORT)
    assert {t.kind for t in find_topics(None, document, [])} == {"subject"}


def test_headline_cues_count_extra():
    body = "Officials met on Monday. The meeting lasted two hours and the minister spoke briefly."
    document = _document(body, headline="Ceasefire talks collapse as troops advance")
    subjects = _of_kind(find_topics(None, document, []), "subject")
    assert subjects[0] == "conflict, war and peace"


def test_empty_text_gives_no_topics(nlp):
    assert _topics(nlp, "") == []


def test_person_names_do_not_count_as_subject_cues(nlp):
    body = "Mark Bishop visited the town. Bishop said the town was lovely. Bishop left on Friday."
    people = [Person(name="Mark Bishop", aliases=["Bishop"])]
    assert "religion" not in _of_kind(_topics(nlp, body, people=people), "subject")


def test_recurring_phrase_is_kept_with_lemmatised_head(nlp):
    body = (
        "The peace talks resumed in Geneva. Delegates said the peace talks were difficult.\n\n"
        "A further peace talk is planned for next month."
    )
    phrases = _of_kind(_topics(nlp, body), "phrase")
    assert "peace talk" in phrases
    assert "peace talks" not in phrases


def test_phrase_mentioned_once_is_dropped_unless_in_headline(nlp):
    body = "The committee discussed the housing crisis. Members then voted on the annual budget."
    assert "housing crisis" not in _of_kind(_topics(nlp, body), "phrase")
    with_headline = _topics(nlp, body, headline="Committee tackles housing crisis")
    assert "housing crisis" in _of_kind(with_headline, "phrase")


def test_phrases_have_no_determiners_numbers_or_names(nlp):
    body = (
        "Three big tech companies announced the new chip factory. The chip factory will open soon. "
        "John Smith said the chip factory mattered. Smith praised the chip factory again."
    )
    people = [Person(name="John Smith", aliases=["Smith"])]
    for phrase in _of_kind(_topics(nlp, body, people=people), "phrase"):
        words = phrase.split()
        assert words[0] not in {"the", "a", "three", "new"}
        assert "smith" not in words and "john" not in words
    assert "chip factory" in _of_kind(_topics(nlp, body, people=people), "phrase")


def test_media_is_not_lemmatised_to_medium(nlp):
    body = "State media reported the visit. Later, state media showed the crowds."
    phrases = _of_kind(_topics(nlp, body), "phrase")
    assert "state medium" not in phrases


def test_country_variants_are_canonicalised(nlp):
    body = (
        "The US and the United States Congress disagreed. Officials in the U.S. said Britain and "
        "the UK government would respond. The United Kingdom has not commented."
    )
    places = _of_kind(_topics(nlp, body), "place")
    assert "United States" in places
    assert "United Kingdom" in places
    assert not {"US", "U.S.", "UK", "Britain"} & set(places)


@pytest.mark.parametrize(
    "surface, canonical",
    [
        ("the United States", "United States"),
        ("U.S.", "United States"),
        ("Britain", "United Kingdom"),
        ("the White House", "White House"),
        ("Ukraine's", "Ukraine"),
        ("the Hague", "The Hague"),
    ],
)
def test_canonical_entity(surface, canonical):
    assert canonical_entity(surface) == canonical


def test_secretary_of_state_does_not_give_state_organisation(nlp):
    body = (
        "US Secretary of State Marco Rubio met officials in Paris. The Secretary of State said "
        "talks with Paris would continue."
    )
    people = [Person(name="Marco Rubio", aliases=["Rubio"])]
    names = _of_kind(_topics(nlp, body, people=people), "organisation")
    assert "State" not in names


def test_person_names_are_not_organisations_or_places(nlp):
    body = (
        "Zelenskyy met officials in Kyiv. Zelenskyy said Kyiv needed air defence. "
        "Later Zelenskyy spoke to Nato leaders, and Nato promised help."
    )
    people = [
        Person(name="Zelenskyy", aliases=["Volodymyr Zelenskyy"], mentions=[Mention(0, 9, "Zelenskyy")])
    ]
    topics = _topics(nlp, body, people=people)
    names = _of_kind(topics, "organisation") + _of_kind(topics, "place")
    assert "Zelenskyy" not in names
    assert "Kyiv" in _of_kind(topics, "place")


def test_white_house_is_an_organisation(nlp):
    body = "The White House said on Monday it would act. A White House spokesman confirmed the plan."
    topics = _topics(nlp, body)
    assert "White House" in _of_kind(topics, "organisation")
    assert "White House" not in _of_kind(topics, "place")


def test_most_mentioned_place_scores_one(nlp):
    body = "Paris was busy. Paris hosted the summit. Paris again. Berlin sent a delegate. Berlin agreed."
    places = [t for t in _topics(nlp, body) if t.kind == "place"]
    assert places[0].name == "Paris" and places[0].score == 1.0
    assert all(t.score < 1.0 for t in places[1:])


def test_one_ambiguous_cue_word_does_not_add_a_second_subject(nlp):
    body = (
        "Shares in the retailer fell 6% after quarterly profits missed analysts' forecasts. "
        "The company said sales in its stores and online had slowed, and investors sold the stock."
    )
    subjects = _of_kind(_topics(nlp, body, headline="Retailer shares slide as profits miss forecasts"), "subject")
    assert subjects == ["economy, business and finance"]
