"""The project's spaCy components: their order in the pipeline, each one run alone on a small Doc,
and the pipeline with some of them disabled."""

from articles.extraction.components import PIPELINE
from articles.extraction.document import SourceText
from articles.extraction.pipeline import extract_article

TEXT = 'Mr Okafor said the bridge would reopen in May.\n\n"We are nearly there," he added.'


def test_project_components_follow_the_models_own(nlp):
    names = nlp.pipe_names
    assert tuple(names[-len(PIPELINE) :]) == PIPELINE
    assert {"tagger", "parser", "ner"} <= set(names[: -len(PIPELINE)])


def test_quote_marks_alone_needs_no_parse(nlp):
    doc = nlp.get_pipe("quote_marks")(nlp.make_doc(TEXT))
    (span,) = doc._.quote_spans
    assert span.text(doc.text) == "We are nearly there,"
    assert doc[span.tokens.start].text == '"'


def test_speech_verbs_alone_marks_said_and_added(nlp):
    doc = nlp.get_pipe("speech_verbs")(nlp(TEXT, disable=PIPELINE))
    assert sorted(doc[i].text for i in doc._.speech_verbs) == ["added", "said"]


def test_people_alone_finds_the_titled_name(nlp):
    doc = nlp.get_pipe("people")(nlp(TEXT, disable=PIPELINE))
    assert [(p.name, p.aliases) for p in doc._.people] == [("Okafor", ["Mr Okafor"])]


def test_quotes_alone_reads_what_earlier_components_wrote(nlp):
    doc = nlp(TEXT, disable=["quotes", "topics"])
    assert doc._.quotes is None
    doc = nlp.get_pipe("quotes")(doc)
    assert [(q.kind, q.speaker) for q in doc._.quotes] == [("indirect", "Okafor"), ("direct", "Okafor")]


def test_topics_alone_finds_subjects_without_people(nlp):
    doc = nlp.get_pipe("topics")(nlp("Flooding forced the evacuation of homes as rescuers used boats.", disable=PIPELINE))
    assert "disaster, accident and emergency incident" in [t.name for t in doc._.topics if t.kind == "subject"]


def test_whole_pipeline_on_a_plain_text_doc(nlp):
    doc = nlp(TEXT)
    assert [p.name for p in doc._.people] == ["Okafor"]
    assert len(doc._.quotes) == 2 and doc._.topics is not None


def test_disabled_components_leave_their_results_empty(nlp):
    with nlp.select_pipes(disable=["quotes", "topics"]):
        doc = nlp(TEXT)
        result = extract_article(SourceText(text=TEXT, origin="t.txt", is_page_text=False), nlp=nlp)
    assert doc._.people and doc._.quotes is None and doc._.topics is None
    assert result.people and result.quotes == [] and result.topics == []


def test_without_quote_marks_the_quotes_stage_finds_no_direct_quote(nlp):
    with nlp.select_pipes(disable=["quote_marks"]):
        doc = nlp(TEXT)
    assert doc._.quote_spans is None
    assert doc._.quotes and "direct" not in {q.kind for q in doc._.quotes}
