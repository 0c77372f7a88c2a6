"""Concurrent imports of the same inputs create no duplicate articles, people, topics or sources."""

import threading

import pytest
from django.db import connection, connections

from articles.extraction.document import Document, ExtractedArticle, Mention, Person, Topic
from articles import services
from articles.models import Article, Person as StoredPerson, Source, Topic as StoredTopic


def extracted(text):
    return ExtractedArticle(
        origin=f"{text}.txt",
        original_text=text,
        document=Document(paragraphs=[text], source=f"Paper {len(text)}"),
        people=[Person(name="Jane Doe", aliases=["Doe"], mentions=[Mention(0, 4, "Jane")])],
        topics=[Topic("harbour repairs", "phrase", 1.0), Topic("politics", "subject", 0.5)],
    )


def run_in_threads(target, count):
    errors, barrier = [], threading.Barrier(count)

    def run(index):
        try:
            barrier.wait()
            target(index)
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a server database: threads share no in-memory SQLite")
@pytest.mark.django_db(transaction=True)
def test_same_articles_stored_by_four_writers_at_once_are_stored_once():
    texts = [f"Harbour story number {n} about the repairs." for n in range(12)]

    def store_all(index):
        for text in texts[index * 3:] + texts[: index * 3]:  # each writer starts elsewhere
            services.article_store(result=extracted(text))

    run_in_threads(store_all, 4)
    assert Article.objects.count() == 12
    assert StoredPerson.objects.count() == 1
    assert StoredTopic.objects.count() == 2
    assert Source.objects.count() == 2


@pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a server database: threads share no in-memory SQLite")
@pytest.mark.django_db(transaction=True)
def test_a_person_resolved_by_several_writers_at_once_is_one_row():
    import time

    from django.db import transaction

    def resolve(index):
        with transaction.atomic():
            services.person_resolve(name="Jane Doe", aliases=["Doe"])
            time.sleep(0.2)  # hold the transaction open, as an article import does

    run_in_threads(resolve, 6)
    assert StoredPerson.objects.count() == 1


def copy_of_story(index):
    """The same wire story under another outlet's furniture: its own text (a new article), the same body
    and the same unattributed quote (no person: the person lock would serialise the writers anyway)."""
    from articles.extraction.document import Quote

    body = [
        "The regional council voted on Tuesday to close the old harbour bridge to heavy traffic from next month.",
        "Engineers found corrosion in three of the bridge's supports during an inspection in the spring.",
        "Drivers of lorries will have to use the ring road, which adds about twenty minutes to the journey.",
    ]
    quote = "We will build the new bridge before the end of the year and nobody will pay more for it."
    return ExtractedArticle(
        origin=f"copy{index}.txt",
        original_text=f"Outlet {index} edition\n\n" + "\n\n".join(body),
        document=Document(paragraphs=[*body, quote], source=f"Outlet {index}"),
        quotes=[Quote(text=quote, kind="direct", cue="said", speaker=None, speaker_is_person=True, paragraph=3, start=0, end=len(quote))],
    )


@pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a server database: threads share no in-memory SQLite")
@pytest.mark.django_db(transaction=True)
def test_copies_stored_by_several_writers_at_once_make_one_story_and_one_statement():
    from articles.models import Statement, Story

    def store(index):  # one copy a writer: a later copy would mend a race by joining the stories it finds
        services.article_store(result=copy_of_story(index))

    run_in_threads(store, 8)
    assert Article.objects.count() == 8
    (story,) = Story.objects.all()
    assert story.article_count == 8 and set(Article.objects.values_list("story_id", flat=True)) == {story.pk}
    (statement,) = Statement.objects.all()
    assert statement.occurrence_count == 8 and statement.source_count == 8
