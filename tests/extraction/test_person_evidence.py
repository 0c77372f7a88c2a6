"""The whole-article person classifier: a name is judged on everything the article says about it.

The names and places here are invented."""

import pytest

from articles.extraction.document import Document
from articles.extraction.person_evidence import Evidence, gather
from articles.extraction.pipeline import parse_documents


def parse(nlp, *paragraphs):
    (doc,) = parse_documents([Document(paragraphs=list(paragraphs))], nlp=nlp)
    return doc


def names(doc):
    return [person.name for person in doc._.people]


class _Span:
    def __init__(self, start, end, written_start=None):
        self.start, self.end = start, end
        self.written_start = start if written_start is None else written_start


def mention(doc, text, nth=0):
    """The token span of the ``nth`` occurrence of ``text`` in ``doc``."""
    found = []
    words = text.split()
    for i in range(len(doc) - len(words) + 1):
        if [t.text for t in doc[i : i + len(words)]] == words:
            found.append(_Span(i, i + len(words)))
    return found[nth]


# --- the decision ---------------------------------------------------------------------------------


def test_no_evidence_either_way_keeps_the_name():
    assert Evidence().is_person()
    assert Evidence(person_tags=3).is_person()


def test_the_tagger_alone_never_refuses_a_name():
    # "Lee's tweet", "the Lee campaign": the small model calls many people ORG or GPE.
    assert Evidence(person_tags=0, thing_tags=9).is_person()


def test_a_sign_of_a_thing_refuses_a_name_with_no_sign_of_a_person():
    assert not Evidence(thing_words=1, person_tags=2).is_person()
    assert not Evidence(classified=1).is_person()
    assert not Evidence(thing_refs=1).is_person()


def test_signs_of_a_person_outweigh_a_weak_sign_of_a_thing():
    assert Evidence(places=1, ages=1).is_person()
    assert Evidence(places=1, addressed=1).is_person()
    assert Evidence(classified=1, person_refs=1).is_person()


def test_a_title_counts_for_the_person_but_not_against_a_word_that_makes_a_thing():
    assert Evidence(places=1).is_person(titled=True)
    assert not Evidence(thing_words=1).is_person(titled=True)  # "General Election"


# --- the evidence ---------------------------------------------------------------------------------


def test_age_and_pronouns_are_counted(nlp):
    doc = parse(nlp, "Olwen Garvey, 74, said she had lived in Kilbride all her life.")
    evidence = gather(doc, [mention(doc, "Olwen Garvey")])
    assert evidence.ages == 1
    assert evidence.person_refs == 1
    assert evidence.thing_refs == 0


def test_its_taking_up_the_subject_is_a_thing_reference(nlp):
    doc = parse(nlp, "Halvorsen Brightwater said its profits fell by a third.")
    assert gather(doc, [mention(doc, "Halvorsen Brightwater")]).thing_refs == 1


def test_its_of_another_subject_is_not_taken_up(nlp):
    doc = parse(nlp, "Ann Lee said the council had already briefed its lawyers.")
    assert gather(doc, [mention(doc, "Ann Lee")]).thing_refs == 0


def test_a_plural_verb_is_counted_but_not_for_two_people(nlp):
    doc = parse(nlp, "Gardaí have appealed for witnesses after a crash in Tralee.")
    assert gather(doc, [mention(doc, "Gardaí")]).plural == 1
    doc = parse(nlp, "Ann Lee and Bo Chen have appealed for witnesses.")
    assert gather(doc, [mention(doc, "Bo Chen")]).plural == 0


def test_a_common_noun_for_a_thing_before_the_name(nlp):
    doc = parse(nlp, "The trawler Siobhan Kerr broke its moorings on Monday.")
    assert gather(doc, [mention(doc, "Siobhan Kerr")]).classified == 1
    doc = parse(nlp, "The retired teacher Siobhan Kerr broke her wrist on Monday.")
    assert gather(doc, [mention(doc, "Siobhan Kerr")]).classified == 0


def test_what_is_said_inside_quote_marks_is_not_counted(nlp):
    doc = parse(nlp, '"The trawler Siobhan Kerr broke her moorings," the harbour master said.')
    span = mention(doc, "Siobhan Kerr")
    quoted = frozenset(range(0, span.end + 6))
    assert gather(doc, [span], quoted=quoted).classified == 0


# --- the people stage -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraphs, thing",
    [
        (["Storm Branwen brought gusts of 120km/h to the coast on Sunday.",
          "Storm Branwen is the fourth named storm of the season, forecasters said."], "Storm Branwen"),
        (["The trawler Siobhan Kerr broke its moorings on Monday.",
          "Siobhan Kerr was towed off the rocks by Tuesday evening, the harbour master said."], "Siobhan Kerr"),
        (["Gardaí have appealed for witnesses after a crash in Tralee.", "Gardaí said the car did not stop."], "Gardaí"),
        (["Halvorsen Brightwater said its profits fell by a third.",
          "Halvorsen Brightwater said it would close two plants."], "Halvorsen Brightwater"),
        (["She vowed to make housing the only issue at the next General Election.",
          "Deputy Ann Lee said it was a disgrace."], "Election"),
    ],
)
def test_names_the_article_treats_as_things_are_not_people(nlp, paragraphs, thing):
    doc = parse(nlp, *paragraphs)
    assert thing not in names(doc)


def test_a_thing_that_speaks_stays_a_speaker_label_that_is_not_a_person(nlp):
    doc = parse(nlp, "Halvorsen Brightwater said its profits fell by a third.")
    assert [(q.speaker, q.speaker_is_person) for q in doc._.quotes] == [("Halvorsen Brightwater", False)]


def test_a_person_with_an_age_and_a_pronoun_stays_a_person(nlp):
    doc = parse(
        nlp,
        "Olwen Garvey, 74, said she had lived in Kilbride all her life.",
        "Garvey said the river had never risen so fast.",
    )
    assert names(doc) == ["Olwen Garvey"]
    assert all(q.speaker_is_person for q in doc._.quotes)


def test_a_name_restating_the_subject_between_commas_takes_its_noun_and_pronoun(nlp):
    doc = parse(
        nlp,
        "The engineering firm that prepared the cost estimate, Tonbridge Whitcombe, said in its report that the site floods.",
    )
    evidence = gather(doc, [mention(doc, "Tonbridge Whitcombe")])
    assert evidence.classified == 1
    assert evidence.thing_refs == 1
    assert "Tonbridge Whitcombe" not in names(doc)


def test_an_apposition_that_names_an_organisation(nlp):
    doc = parse(nlp, "Pennock Vale, a school unusually diverse for the region, lost the final on Friday.")
    assert gather(doc, [mention(doc, "Pennock Vale")]).classified == 1


def test_a_noun_before_a_name_that_does_not_classify_it(nlp):
    doc = parse(nlp, "He read out on his radio program Ann Lee had sent him a private email.")
    assert gather(doc, [mention(doc, "Ann Lee")]).classified == 0


def test_members_or_employees_of_a_name_are_an_organisation_s(nlp):
    doc = parse(nlp, "Ngati Harakeke has more than 8,000 members, about a third of whom live in the district.")
    assert gather(doc, [mention(doc, "Ngati Harakeke")]).corporate == 1
    doc = parse(nlp, "Olwen Garvey has two daughters.")
    assert gather(doc, [mention(doc, "Olwen Garvey")]).corporate == 0


def test_a_place_preposition_but_not_before_a_verb(nlp):
    doc = parse(nlp, "The staff were moved to the offices in Kilbride Cross last year.")
    assert gather(doc, [mention(doc, "Kilbride Cross")]).places == 1
    doc = parse(nlp, "He hopes the effort results in Ann Lee claiming the nomination.")
    assert gather(doc, [mention(doc, "Ann Lee")]).places == 0


def test_a_name_of_several_words_unknown_to_the_tagger_needs_a_sign_of_a_person():
    assert not Evidence(name_words=3).is_person()
    assert Evidence(name_words=3).is_person(titled=True)
    assert Evidence(name_words=3, person_refs=1).is_person()
    assert Evidence(name_words=2, thing_tags=1).is_person()  # the tagger took it for a name
    assert Evidence(name_words=1).is_person()


def test_a_body_that_speaks_under_a_name_the_tagger_does_not_know_is_a_label(nlp):
    doc = parse(nlp, "Transport Infrastructure Cymru said in a statement that a safety review of the route was under way.")
    assert names(doc) == []
    assert [(q.speaker, q.speaker_is_person) for q in doc._.quotes] == [("Transport Infrastructure Cymru", False)]


def test_a_title_inside_the_name_is_an_address(nlp):
    doc = parse(nlp, "Gov. R.J. Mallory said the state would appeal.")
    assert gather(doc, [mention(doc, "Gov. R.J. Mallory")]).addressed == 1


def test_a_name_before_another_persons_title_is_the_place_whose_office_it_is(nlp):
    doc = parse(
        nlp,
        "Kisii Governor Ann Wekesa said the county would hire 300 nurses.",
        "Wekesa said Kisii had lost millions to graft.",
    )
    assert names(doc) == ["Ann Wekesa"]
