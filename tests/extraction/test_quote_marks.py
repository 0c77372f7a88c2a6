"""Quote-mark pairing and the body-offset-to-token map that the people and quotes stages share."""

from articles.extraction.document import Document
from articles.extraction.quote_marks import pair_marks, quote_spans, token_range


def test_british_quote_continues_while_each_paragraph_reopens_it():
    document = Document(paragraphs=["He said: “We will act.", "“And we will act fast,” he added."])
    (span,) = pair_marks(document)
    assert span.text(document.body) == "We will act. And we will act fast,"


def test_apostrophes_are_not_quote_marks():
    document = Document(paragraphs=["The players' union said it wasn't 'good enough' for them."])
    assert [span.text(document.body) for span in pair_marks(document)] == ["good enough"]


def test_token_range_takes_tokens_that_overlap_the_characters(nlp):
    doc = nlp.make_doc("Ann Lee said hello.")
    assert list(token_range(doc, 0, 7)) == [0, 1]
    assert list(token_range(doc, 3, 4)) == []  # the space after "Ann" belongs to no token's text
    assert list(token_range(doc, 5, 6)) == [1]  # inside "Lee"
    assert list(token_range(doc, 4, 4)) == []


def test_quote_spans_carry_their_tokens_marks_included(nlp):
    document = Document(paragraphs=['She said "no way" and left.'])
    doc = nlp.make_doc(document.body)
    (span,) = quote_spans(doc, document)
    assert doc[span.tokens.start : span.tokens.stop].text == '"no way"'


def test_two_straight_apostrophes_are_one_double_mark():
    document = Document(paragraphs=["''We said 'no boots on the ground,' and we meant it,'' she said."])
    (span,) = pair_marks(document)
    assert span.text(document.body) == "We said 'no boots on the ground,' and we meant it,"
    assert len(span.marks) == 4  # both characters of each mark
