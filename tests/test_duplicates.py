"""Stories and statements kept right on every change: import, re-extraction, delete, person merge and rename."""

import datetime as dt

import pytest

from articles import duplicates, services
from articles.extraction.document import SourceText
from articles.models import Article, Quote, Statement, StatementSource, Story
from tests.factories import ArticleFactory, PersonFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db

BODY = "\n\n".join(
    [
        "The regional council voted on Tuesday to close the old harbour bridge to heavy traffic from next month.",
        "Engineers found corrosion in three of the bridge's supports during an inspection in the spring.",
        "Drivers of lorries will have to use the ring road, which adds about twenty minutes to the journey.",
        "The council said repairs would begin in the autumn and could take up to two years to complete.",
    ]
)
OTHER_BODY = "\n\n".join(
    [
        "A new exhibition of early photographs opened at the city museum on Saturday morning with crowds queueing.",
        "The collection includes portraits taken by travelling photographers in the nineteenth century.",
        "Curators spent two years restoring the glass plates, many of which had cracked in storage.",
    ]
)
FULL = "We will build the new bridge before the end of the year and nobody in this town will pay more for it."
FRAGMENT = "build the new bridge before the end of the year"


def stored(body=BODY, published=None, source=None, quotes=()):
    """An article stored as the import stores it: the rows, then its story and statements."""
    article = ArticleFactory(body=body, published=published, source=source or SourceFactory())
    made = [QuoteFactory(article=article, **quote) for quote in quotes]
    duplicates.copies_assign(article=article, quotes=made)
    article.refresh_from_db()
    return article


def assert_statement_sources_kept():
    """The kept (statement, publisher) pairs are what the stored quotes say, and agree with source_count."""
    kept = set(StatementSource.objects.values_list("statement_id", "source_id"))
    quoted = set(Quote.objects.exclude(statement=None).exclude(article__source=None)
                 .values_list("statement_id", "article__source_id"))
    assert kept == quoted
    for statement in Statement.objects.all():
        assert statement.source_count == sum(1 for sid, _ in kept if sid == statement.pk)


# --- stories --------------------------------------------------------------------------------------


def test_copies_share_a_story_whose_original_is_the_earliest_published():
    later = stored(published=dt.date(2025, 5, 2))
    earlier = stored(body=BODY.replace("Tuesday", "Monday"), published=dt.date(2025, 5, 1))
    unrelated = stored(body=OTHER_BODY, published=dt.date(2025, 4, 1))
    assert later.story_id == earlier.story_id != unrelated.story_id
    story = Story.objects.get(pk=later.story_id)
    assert (story.original_id, story.article_count) == (earlier.pk, 2)


def test_without_dates_the_first_imported_copy_is_the_original():
    first, second = stored(), stored(body=BODY + "\n\nUpdated with more detail later in the day.")
    assert Story.objects.get(pk=first.story_id).original_id == first.pk == Story.objects.get(pk=second.story_id).original_id


def test_deleting_the_original_hands_the_story_to_the_next_copy_and_the_last_delete_removes_it():
    first, second = stored(published=dt.date(2025, 1, 1)), stored(published=dt.date(2025, 1, 2))
    services.article_delete(article=first)
    story = Story.objects.get(pk=second.story_id)
    assert (story.original_id, story.article_count) == (second.pk, 1)
    services.article_delete(article=Article.objects.get(pk=second.pk))
    assert not Story.objects.exists()


def test_an_article_bridging_two_stories_joins_them():
    head, tail = BODY.split("\n\n")[:2], BODY.split("\n\n")[2:]
    # Each half alone is too short a part of the other to be its copy; the whole holds both.
    first = stored(body="\n\n".join(head + ["The first version ends here with a note for readers."]))
    second = stored(body="\n\n".join(tail + ["The second version ends here with another note."]))
    whole = stored(body=BODY)
    assert first.story_id != second.story_id
    stories = set(Article.objects.filter(pk__in=[first.pk, second.pk, whole.pk]).values_list("story_id", flat=True))
    assert len(stories) == 1 and Story.objects.get().article_count == 3


# --- statements -----------------------------------------------------------------------------------


def test_a_fragment_in_another_article_is_an_occurrence_of_the_full_quote():
    mayor = PersonFactory(name="Ada Stone")
    first = stored(published=dt.date(2025, 3, 1), quotes=[{"speaker": mayor, "text": FULL}])
    second = stored(body=OTHER_BODY, published=dt.date(2025, 3, 4), source=SourceFactory(name="Valley Post"),
                    quotes=[{"speaker": mayor, "text": FRAGMENT, "kind": "partial"}])
    (statement,) = Statement.objects.all()
    assert statement.text == FULL and statement.speaker == mayor
    assert (statement.occurrence_count, statement.source_count) == (2, 2)
    assert (statement.first_article_id, statement.first_seen) == (first.pk, dt.date(2025, 3, 1))
    assert set(Quote.objects.values_list("statement_id", flat=True)) == {statement.pk}
    assert second.quotes.get().statement_id == statement.pk


def test_the_fullest_form_becomes_the_text_when_it_comes_later():
    mayor = PersonFactory(name="Ada Stone")
    stored(quotes=[{"speaker": mayor, "text": FRAGMENT, "kind": "partial"}])
    stored(body=OTHER_BODY, quotes=[{"speaker": mayor, "text": FULL}])
    (statement,) = Statement.objects.all()
    assert statement.text == FULL and statement.occurrence_count == 2


STATEMENT_FIELDS = duplicates.STATEMENT_COLUMNS


def test_statements_kept_from_new_occurrences_alone_equal_a_recount_of_all_of_them():
    """A statement that only gains occurrences is updated from them (its cost must not grow with how
    often it was quoted before); the result is what a full recount gives, dates and sources included."""
    mayor = PersonFactory(name="Ada Stone")
    valley, coast = SourceFactory(name="Valley Post"), SourceFactory(name="Coast Times")
    plan = [  # (published, source, text): later imports may be earlier stories, sources repeat
        (dt.date(2025, 3, 4), valley, FRAGMENT),
        (None, coast, FRAGMENT),
        (dt.date(2025, 3, 1), coast, FULL),
        (dt.date(2025, 3, 1), valley, FULL),
        (dt.date(2025, 2, 27), None, FRAGMENT),
        (None, valley, FULL + " We promise."),
    ]
    for number, (published, source, text) in enumerate(plan):
        body = f"{OTHER_BODY}\n\nStory {number} of a series about the bridge, with its own closing paragraph here."
        kind = "partial" if text == FRAGMENT else "direct"
        stored(body=body, published=published, source=source, quotes=[{"speaker": mayor, "text": text, "kind": kind}])
    (statement,) = Statement.objects.all()
    assert_statement_sources_kept()
    kept = Statement.objects.values(*STATEMENT_FIELDS).get()
    duplicates.statements_refresh({statement.pk})
    assert_statement_sources_kept()
    assert Statement.objects.values(*STATEMENT_FIELDS).get() == kept
    assert (kept["occurrence_count"], kept["source_count"], kept["first_seen"]) == (6, 3, dt.date(2025, 2, 27))
    assert kept["text"] == FULL + " We promise."


def test_the_same_words_by_different_speakers_are_different_statements():
    stored(quotes=[{"speaker": PersonFactory(name="Ada Stone"), "text": FULL}])
    stored(body=OTHER_BODY, quotes=[{"speaker": PersonFactory(name="Ben Okafor"), "text": FULL}])
    assert Statement.objects.count() == 2


def test_quotes_sharing_only_a_stock_phrase_are_different_statements():
    speaker = PersonFactory(name="Ada Stone")
    stored(quotes=[{"speaker": speaker, "text": "Thank you very much, we will see what the voters decide in May."}])
    stored(body=OTHER_BODY, quotes=[{"speaker": speaker, "text": "Thank you very much for coming out tonight in the rain."}])
    assert Statement.objects.count() == 2


def test_unattributed_quotes_meet_only_unattributed_ones():
    stored(quotes=[{"speaker": None, "speaker_label": "", "text": FULL}])
    stored(body=OTHER_BODY, quotes=[{"speaker": None, "speaker_label": "", "text": FULL}])
    stored(body=BODY + "\n\nMore.", quotes=[{"speaker": None, "speaker_label": "Police", "speaker_is_person": False, "text": FULL}])
    assert sorted(Statement.objects.values_list("occurrence_count", flat=True)) == [1, 2]


def test_a_quote_holding_two_fragments_joins_their_statements():
    speaker = PersonFactory(name="Ada Stone")
    stored(quotes=[{"speaker": speaker, "text": "We will build the new bridge before the end of the year", "kind": "partial"}])
    stored(body=OTHER_BODY, quotes=[{"speaker": speaker, "text": "nobody in this town will pay more for it", "kind": "partial"}])
    assert Statement.objects.count() == 2
    stored(body=BODY + "\n\nA third report.", quotes=[{"speaker": speaker, "text": FULL}])
    (statement,) = Statement.objects.all()
    assert statement.text == FULL and statement.occurrence_count == 3
    assert_statement_sources_kept()  # the joined statements' publishers, on the one left


def test_deleting_an_article_updates_its_statements():
    speaker = PersonFactory(name="Ada Stone")
    first = stored(quotes=[{"speaker": speaker, "text": FULL}])
    stored(body=OTHER_BODY, quotes=[{"speaker": speaker, "text": FULL}])
    services.article_delete(article=first)
    assert Statement.objects.get().occurrence_count == 1
    assert_statement_sources_kept()
    services.article_delete(article=Article.objects.get())
    assert not Statement.objects.exists() and not StatementSource.objects.exists()


def test_merging_people_joins_their_statements_and_a_rename_keeps_them():
    ada, a_stone = PersonFactory(name="Ada Stone"), PersonFactory(name="A. Stone")
    stored(quotes=[{"speaker": ada, "text": FULL}])
    stored(body=OTHER_BODY, quotes=[{"speaker": a_stone, "text": FULL}])
    assert Statement.objects.count() == 2
    services.person_merge(target=ada, others=[a_stone])
    (statement,) = Statement.objects.all()
    assert (statement.speaker, statement.occurrence_count) == (ada, 2)
    assert_statement_sources_kept()
    services.person_rename(person=ada, name="Ada M. Stone")
    assert Statement.objects.get().speaker.name == "Ada M. Stone"


TEXT = """Harbour bridge to close for repairs

The regional council voted on Tuesday to close the old harbour bridge to heavy traffic from next month.

"We will build the new bridge before the end of the year and nobody in this town will pay more for it," said council leader Ada Stone.
"""


def test_import_and_re_extraction_keep_stories_and_statements():
    first = services.article_import(source=SourceText(text=TEXT, origin="a.txt")).article
    copy = services.article_import(source=SourceText(text=TEXT.replace("Tuesday", "Monday"), origin="b.txt")).article
    first.refresh_from_db(), copy.refresh_from_db()
    assert first.story_id == copy.story_id
    (statement,) = Statement.objects.all()
    assert statement.occurrence_count == 2
    services.article_reextract(article=first)
    statement.refresh_from_db()
    assert statement.occurrence_count == 2 and Statement.objects.count() == 1
    assert_statement_sources_kept()
    assert Story.objects.get().article_count == 2


def test_backfill_de_duplicates_what_a_bulk_load_left_and_a_second_run_finds_nothing(settings, capsys):
    from django.core.management import call_command

    settings.NEWSAPI_DEDUPLICATE = False
    speaker = PersonFactory(name="Ada Stone")
    for body in (BODY, BODY + "\n\nUpdated later.", OTHER_BODY):
        stored(body=body, quotes=[{"speaker": speaker, "text": FULL}])
    assert not Story.objects.exists() and not Statement.objects.exists()
    call_command("dedup_backfill", "--batch-size", "2")
    assert "De-duplicated 3 article(s)" in capsys.readouterr().out
    assert sorted(Story.objects.values_list("article_count", flat=True)) == [1, 2]
    assert Statement.objects.get().occurrence_count == 3
    call_command("dedup_backfill")
    assert "De-duplicated 0 article(s)" in capsys.readouterr().out
