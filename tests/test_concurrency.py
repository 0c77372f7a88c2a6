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
