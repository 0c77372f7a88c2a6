"""The statistics' running tallies stay equal to a recount from the rows after every kind of write,
and /stats/, person stats and topic people are right as soon as an import returns."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from articles import backup, services, tallies
from articles.extraction.document import Document, ExtractedArticle, Mention, Person, Quote, Topic
from articles.models import Article, ArticleTopic, Person as StoredPerson, Quote as StoredQuote, Statement, Topic as StoredTopic

pytestmark = pytest.mark.django_db

SAYINGS = [
    "We will build the new bridge before the end of the year and nobody will pay more for it.",
    "The hospital needs two hundred more nurses before the winter comes or wards will close.",
    "Our schools have never had better results and the teachers deserve the credit for that.",
    "There is no plan for the harbour and the council has known about the cracks for years.",
]


def extracted(n, *, speakers, published=None, source="Daily Paper", topics=("health",), unattributed=False):
    """An extraction result for article ``n``: each speaker says one of SAYINGS (so that copies repeat statements)."""
    quotes = [
        Quote(SAYINGS[(n + index) % len(SAYINGS)], "direct", "said", name, True, index, 0, 10)
        for index, name in enumerate(speakers)
    ]
    if unattributed:
        quotes.append(Quote("prices will rise again next year", "indirect", "said", "the ministry", False, 0, 0, 5))
    return ExtractedArticle(
        origin=f"{n}.txt", original_text=f"Article number {n}.",
        document=Document(
            headline=f"Headline {n}", source=source, published=published,
            paragraphs=[f"The first paragraph of story {n}, long enough to read as prose.", "A second paragraph of it."],
        ),
        people=[Person(name=name, aliases=[], roles=[], mentions=[Mention(0, 3, name)]) for name in speakers],
        quotes=quotes,
        topics=[Topic(topic, "subject", 0.5) for topic in topics],
    )


def store(n, **options):
    return services.article_store(result=extracted(n, **options)).article


def assert_running_equals_recount():
    running = tallies.tallies_snapshot()
    with transaction.atomic():
        tallies.tallies_rebuild()
        recount = tallies.tallies_snapshot()
        transaction.set_rollback(True)  # keep the running tallies for the next write
    assert running == recount
    assert any(recount.values())


@pytest.fixture
def corpus():
    return [
        store(1, speakers=["Ada Lovelace", "Bob Smith"], published=dt.date(2025, 3, 4)),
        store(2, speakers=["Ada Lovelace"], published=dt.date(2025, 3, 20), source="Evening Post", topics=("health", "bridges")),
        store(3, speakers=["Bob Smith", "Cleo Jones"], topics=("bridges",), unattributed=True),
        store(4, speakers=["Ada Lovelace", "Cleo Jones"], published=dt.date(2025, 4, 1), source="Evening Post"),
    ]


def test_imports(corpus):
    assert_running_equals_recount()
    assert Statement.objects.exists()  # repeated sayings made statements with several occurrences


def test_reextraction_replacing_quotes_topics_and_date(corpus):
    services.article_store(
        result=extracted(1, speakers=["Cleo Jones"], published=dt.date(2024, 12, 1), topics=("schools",)), force=True
    )
    assert_running_equals_recount()


def test_delete(corpus):
    services.article_delete(article=corpus[0])
    assert_running_equals_recount()
    services.article_delete(article=corpus[2])
    assert_running_equals_recount()


def test_person_merge(corpus):
    ada, bob = StoredPerson.objects.get(name="Ada Lovelace"), StoredPerson.objects.get(name="Bob Smith")
    services.person_merge(target=ada, others=[bob])
    assert_running_equals_recount()


def test_rename_changes_no_count_but_the_name_shown(corpus, api):
    ada = StoredPerson.objects.get(name="Ada Lovelace")
    services.person_rename(person=ada, name="Augusta Ada King")
    assert_running_equals_recount()
    assert api.get("/api/v1/stats/").json()["top_speakers"][0]["name"] == "Augusta Ada King"


def test_backup_restore_counts_what_it_restores(corpus):
    records = list(backup.backup_records())
    Article.objects.all().delete()
    tallies.articles_changed([article.pk for article in corpus])
    assert tallies.tallies_snapshot()["person_topic"] == set()
    for record in records:
        backup.restore_record(record)
    assert_running_equals_recount()


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password"))
    return client


def test_admin_edits_and_deletes(corpus, staff_client):
    quote = StoredQuote.objects.filter(speaker__name="Bob Smith").first()
    cleo = StoredPerson.objects.get(name="Cleo Jones")
    page = reverse("admin:articles_quote_change", args=[quote.pk])
    fields = {"text": quote.text, "kind": quote.kind, "cue": quote.cue, "speaker": cleo.pk, "speaker_label": "Cleo Jones",
              "speaker_is_person": "on", "article": quote.article_id, "paragraph_index": 0, "start_offset": 0, "end_offset": 10}
    assert staff_client.post(page, fields).status_code == 302
    assert StoredQuote.objects.get(pk=quote.pk).speaker == cleo
    assert_running_equals_recount()
    for model, obj in [
        ("topic", StoredTopic.objects.get(name="bridges")),
        ("person", StoredPerson.objects.get(name="Ada Lovelace")),
        ("articletopic", ArticleTopic.objects.first()),
    ]:
        response = staff_client.post(reverse(f"admin:articles_{model}_delete", args=[obj.pk]), {"post": "yes"})
        assert response.status_code == 302
        assert_running_equals_recount()


def test_stats_are_right_as_soon_as_an_import_returns(corpus, api):
    before = api.get("/api/v1/stats/").json()
    store(5, speakers=["Dan Brown"], published=dt.date(2025, 3, 4), topics=("bridges",))
    after = api.get("/api/v1/stats/").json()
    assert after["counts"]["articles"] == before["counts"]["articles"] + 1 == Article.objects.count()
    assert after["counts"]["quotes"] == before["counts"]["quotes"] + 1 == StoredQuote.objects.count()
    assert after["counts"]["statements"] == Statement.objects.count()
    assert {"day": "2025-03-04", "quote_count": 3} in after["quotes_per_day"]
    dan = StoredPerson.objects.get(name="Dan Brown")
    assert api.get(f"/api/v1/people/{dan.pk}/stats/").json()["quotes_per_topic"][0]["slug"] == "bridges"
    speakers = api.get("/api/v1/topics/bridges/people/").json()["results"]
    assert {"id": dan.pk, "quote_count": 1} in [{"id": row["id"], "quote_count": row["quote_count"]} for row in speakers]


def test_counts_match_the_rows_they_stand_for(corpus, api):
    body = api.get("/api/v1/stats/").json()
    assert body["counts"] == {
        "articles": Article.objects.count(), "people": StoredPerson.objects.count(), "quotes": StoredQuote.objects.count(),
        "statements": Statement.objects.count(), "topics": StoredTopic.objects.count(),
        "sources": 2,
    }
    assert body["undated_quotes"] == StoredQuote.objects.filter(article__published__isnull=True).count() == 3
    ada = StoredPerson.objects.get(name="Ada Lovelace")
    stats = api.get(f"/api/v1/people/{ada.pk}/stats/").json()
    assert stats["quote_count"] == 3
    assert stats["statement_count"] == Statement.objects.filter(speaker=ada).count()
    assert stats["quotes_per_source"] == [
        {"slug": "evening-post", "name": "Evening Post", "quote_count": 2}, {"slug": "daily-paper", "name": "Daily Paper", "quote_count": 1}
    ]
    assert [row["name"] for row in stats["quoted_with"]] == ["Bob Smith", "Cleo Jones"]


def test_rebuild_command_restores_lost_tallies(corpus):
    running = tallies.tallies_snapshot()
    for table in tallies.TABLES.values():
        table.model.objects.all().delete()
    call_command("tallies_rebuild", verbosity=0)
    assert tallies.tallies_snapshot() == running


def test_a_deferred_batch_counts_what_committed_and_not_what_a_savepoint_undid(corpus):
    before = tallies.tallies_snapshot()["person_topic"]
    with transaction.atomic(), tallies.deferred():
        store(10, speakers=["Eve Adams"], published=dt.date(2025, 5, 1))
        try:
            with transaction.atomic():
                store(11, speakers=["Eve Adams", "Ada Lovelace"], topics=("bridges",))
                raise RuntimeError("this article's savepoint rolls back")
        except RuntimeError:
            pass
        services.article_store(result=extracted(2, speakers=["Bob Smith"], topics=("schools",)), force=True)
        assert tallies.tallies_snapshot()["person_topic"] == before  # applied when the block ends
    assert_running_equals_recount()
    assert not Article.objects.filter(headline="Headline 11").exists()


def test_an_import_batch_is_counted_at_its_end(corpus, api):
    from articles.extraction.document import SourceText

    texts = [SourceText(text=f"Harbour news {n}\n\n" + "The council met on Monday to talk about the harbour and its bridges. " * 3
                        + f'"We will repair the bridge number {n} this year," said Ada Lovelace, the harbour master.',
                        origin=f"batch-{n}.txt") for n in range(3)]
    outcomes = list(services.articles_import(texts, write_batch=3))
    assert all(outcome.error is None for outcome in outcomes)
    assert_running_equals_recount()
    assert api.get("/api/v1/stats/").json()["counts"]["articles"] == Article.objects.count()


def test_the_sql_rebuild_writes_what_adding_up_the_shares_writes(corpus):
    """PostgreSQL rebuilds in SQL; every table, and each article's stored share, must be the same rows.
    Roles whose order differs by case, accent and collation check the shares' list order."""
    from django.db import connection

    from articles.models import ArticleTally

    if connection.vendor != "postgresql":
        pytest.skip("the SQL rebuild is PostgreSQL's")
    result = extracted(5, speakers=["Ada Lovelace", "Bob Smith"], published=None, topics=("health", "schools"))
    result.people[0].roles = ["minister", "Zoologist", "Ärztin", "Minister", "deputy Minister"]
    services.article_store(result=result)

    def rebuilt(rebuild):
        with transaction.atomic():
            written = rebuild()
            rows = tallies.tallies_snapshot(), dict(ArticleTally.objects.values_list("article_id", "contribution"))
            counts = dict(ArticleTally.objects.values_list("article_id", "quote_count"))
            transaction.set_rollback(True)
        return written, rows, counts

    in_sql, from_shares = rebuilt(tallies._rebuild_in_sql), rebuilt(tallies._rebuild_from_shares)
    assert in_sql == from_shares
    assert len(in_sql[1][1]) == 5 and all(in_sql[1][0].values())
