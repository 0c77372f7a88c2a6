"""Description resolution: a speaker described ("the judge", "the 24-year-old") is the person the
article names elsewhere whom the description fits."""

from articles.extraction.descriptions import offices
from articles.extraction.document import Document, Image
from articles.extraction.pipeline import parse_documents


def speakers(nlp, *paragraphs):
    (doc,) = parse_documents([Document(paragraphs=list(paragraphs))], nlp=nlp)
    return [(q.speaker, q.speaker_text) for q in doc._.quotes]


def test_a_run_of_role_words_names_its_last_office():
    assert offices("the studio's chief executive".split()) == ["chief executive"]
    assert offices("Ann Lee, the CEO".split()) == ["chief executive"]
    assert offices("the general manager".split()) == ["manager"]
    assert offices("lawyer and activist".split()) == ["attorney", "activist"]


def test_the_judge_is_the_justice_named_before(nlp):
    found = speakers(
        nlp,
        "Justice Ruth Kellerman of the Superior Court sentenced Tom Vance to six years on Friday.",
        'Vance had been drinking all day, the prosecutor told the court. "He chose to drive," the judge said.',
    )
    assert ("Ruth Kellerman", "judge") in found


def test_an_age_finds_the_person_whose_age_the_article_gives(nlp):
    found = speakers(
        nlp,
        "Maya Oduya, 24, and her neighbour Frank Bell watched the water rise from the roof.",
        '"We lost everything in an hour," the 24-year-old said.',
    )
    assert found == [("Maya Oduya", "24-year-old")]


def test_chief_executive_and_ceo_are_one_office(nlp):
    found = speakers(
        nlp,
        "Paul Hartigan, the company's chief executive, met the union on Monday.",
        "The CEO said every worker would receive 16 weeks' pay.",
    )
    assert found == [("Paul Hartigan", "CEO")]


def test_of_two_people_the_description_fits_the_one_with_that_office(nlp):
    found = speakers(
        nlp,
        "Councillor Dana Whitfield and the developer, Omar Haddad, spoke after the vote.",
        'Haddad left early. "The sale was rushed," the councillor said.',
    )
    assert found == [("Dana Whitfield", "councillor")]


def test_a_description_nobody_fits_keeps_its_label(nlp):
    found = speakers(
        nlp,
        "Justice Ruth Kellerman sentenced Tom Vance to six years on Friday.",
        '"He chose to drive," the nurse said.',
    )
    assert found == [("nurse", None)]


def test_an_indefinite_description_is_someone_new(nlp):
    found = speakers(
        nlp,
        "Justice Ruth Kellerman sentenced Tom Vance to six years on Friday.",
        '"It was a fair sentence," a retired judge said.',
    )
    assert found[0][0] != "Ruth Kellerman"


def test_a_spokeswoman_is_not_a_man_named_spokesman(nlp):
    found = speakers(
        nlp,
        "Mr Alan Pryce, a spokesman for the airline, spoke first.",
        '"Flights will resume," the spokeswoman said.',
    )
    assert found[0][0] != "Alan Pryce"


def test_a_party_that_disagrees_rules_the_person_out(nlp):
    found = speakers(
        nlp,
        "Democratic front-runner Hillary Clinton spoke in Iowa on Monday.",
        '"We will win," the GOP front-runner said.',
    )
    assert found[0][0] != "Hillary Clinton"


def test_a_description_whose_head_is_no_office_is_not_resolved(nlp):
    found = speakers(
        nlp,
        "Senator Marco Rubio toured the plant on Monday.",
        "Officials said the plant would close. The senator's campaign said the visit was planned.",
    )
    assert all(speaker != "Marco Rubio" for speaker, _ in found)


def test_a_caption_gives_the_title_the_body_leaves_out(nlp):
    document = Document(
        paragraphs=[
            "Colm Brennan met the unions on Tuesday.",
            "Mary Cole, the opposition leader, told the assembly on Wednesday that the plan would fail.",
            '"There will be no freeze," the Taoiseach said.',
        ],
        images=[Image(caption="Taoiseach Colm Brennan during questions on Wednesday. Photograph: Pool")],
    )
    (doc,) = parse_documents([document], nlp=nlp)
    assert [q.speaker for q in doc._.quotes if q.kind == "direct"] == ["Colm Brennan"]
