"""Data migrations: what they do to rows stored before them."""

import importlib

import pytest
from django.apps import apps

from articles.models import PersonAlias
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_alias_keys_are_recomputed_with_titles_dropped_and_back():
    migration = importlib.import_module("articles.migrations.0008_recompute_alias_keys")
    alias = PersonAlias.objects.create(person=PersonFactory(name="Joan Okafor"), name="Cllr O'Neill", key="cllr o neill")
    migration.forwards(apps, None)
    alias.refresh_from_db()
    assert alias.key == "o'neill"
    migration.backwards(apps, None)
    alias.refresh_from_db()
    assert alias.key == "cllr o neill"  # the old rule knew no "Cllr"


# Tables that grow with the corpus: an index added to one after the first release is built concurrently.
BIG_TABLES = {"article", "quote", "statement", "statementkey", "articleband", "articletopic", "articleperson",
              "personrole", "image", "articletally", "persontopictally", "cospeakertally"}
FIRST_CONCURRENT = 12  # migrations before this one were applied to small databases only


def test_indexes_added_to_big_tables_are_built_concurrently():
    from django.db import migrations
    from django.db.migrations.loader import MigrationLoader

    from articles.db_operations import AddIndexConcurrently

    loader = MigrationLoader(None, ignore_no_migrations=True)
    checked = 0
    for (app, name), migration in loader.disk_migrations.items():
        if app != "articles" or int(name[:4]) < FIRST_CONCURRENT:
            continue
        for operation in migration.operations:
            if isinstance(operation, migrations.AddIndex) and operation.model_name in BIG_TABLES:
                checked += 1
                assert isinstance(operation, AddIndexConcurrently), f"{name}: index on {operation.model_name} not concurrent"
                assert migration.atomic is False, f"{name}: a concurrent build needs atomic = False"
    assert checked >= 1


@pytest.mark.django_db(transaction=True)  # sqlmigrate needs no open transaction (concurrent builds refuse one)
def test_the_concurrent_build_is_concurrent_on_postgresql_only():
    import io

    from django.core.management import call_command
    from django.db import connection

    out = io.StringIO()
    call_command("sqlmigrate", "articles", "0012", stdout=out)
    assert ("CREATE INDEX CONCURRENTLY" in out.getvalue()) == (connection.vendor == "postgresql")
    assert "statement_speaker_most_quoted" in out.getvalue()


def test_article_quote_counts_are_filled_from_the_stored_shares():
    from types import SimpleNamespace

    from django.db import connection

    from articles.models import ArticleTally
    from tests.factories import ArticleFactory, QuoteFactory

    migration = importlib.import_module("articles.migrations.0013_article_tally_quote_count")
    quoted, silent = ArticleFactory(), ArticleFactory()
    QuoteFactory.create_batch(2, article=quoted, speaker=PersonFactory())
    QuoteFactory(article=quoted, speaker=None, speaker_label="the ministry", speaker_is_person=False)
    ArticleTally.objects.update(quote_count=-1)
    migration.fill(apps, SimpleNamespace(connection=connection))
    assert dict(ArticleTally.objects.values_list("article_id", "quote_count")) == {quoted.pk: 3, silent.pk: 0}


@pytest.mark.django_db(transaction=True)
def test_a_database_stored_before_the_tallies_migrates_and_is_counted():
    """Articles stored at 0010 (no tallies yet): migrating to the latest counts them once."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from articles.models import CorpusTally, SourceTally

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("articles")
    executor.migrate([("articles", "0010_running_tallies")])
    old = executor.loader.project_state([("articles", "0010_running_tallies")]).apps
    source = old.get_model("articles", "Source").objects.create(name="Daily Paper", slug="daily-paper")
    old.get_model("articles", "Article").objects.create(
        headline="Bridge to open", body="Text.", original_text="Text.", source=source, content_hash="h1", slug="bridge-to-open")
    old.get_model("articles", "ArticleTally").objects.all().delete()
    try:
        MigrationExecutor(connection).migrate(latest)
        assert dict(CorpusTally.objects.values_list("name", "value")) == {"articles": 1}
        assert list(SourceTally.objects.values_list("source__slug", "article_count")) == [("daily-paper", 1)]
    finally:
        call_command("flush", verbosity=0, interactive=False)


def test_quotes_take_their_article_date_in_batches():
    import datetime as dt
    from types import SimpleNamespace

    from django.db import connection

    from articles.models import Quote
    from tests.factories import ArticleFactory, QuoteFactory

    migration = importlib.import_module("articles.migrations.0019_quote_published")
    dated, undated = ArticleFactory(published=dt.date(2024, 5, 6)), ArticleFactory(published=None)
    later = ArticleFactory(published=dt.date(2025, 1, 2))
    for article in (dated, undated, later):
        QuoteFactory.create_batch(2, article=article)
    Quote.objects.update(published=None)  # as stored before the column existed
    migration.ARTICLES_PER_BATCH, batch = 1, migration.ARTICLES_PER_BATCH
    try:
        migration.copy_article_dates(apps, SimpleNamespace(connection=connection))
    finally:
        migration.ARTICLES_PER_BATCH = batch
    assert dict(Quote.objects.values_list("article_id", "published").distinct()) == {
        dated.pk: dt.date(2024, 5, 6), undated.pk: None, later.pk: dt.date(2025, 1, 2)}


def test_statement_sources_are_filled_from_the_stored_quotes():
    from types import SimpleNamespace

    from django.db import connection

    from articles.models import StatementSource
    from tests.factories import ArticleFactory, QuoteFactory, SourceFactory

    migration = importlib.import_module("articles.migrations.0020_statement_source")
    herald, post = SourceFactory(), SourceFactory()
    statement = QuoteFactory(article=ArticleFactory(source=herald)).statement
    if statement is None:  # factories store quotes without statements: make one
        from articles.models import Statement

        statement = Statement.objects.create(speaker_key="", text="We will not give up.")
    for source in (herald, herald, post, None):
        QuoteFactory(article=ArticleFactory(source=source), statement=statement)
    StatementSource.objects.all().delete()
    migration.fill(apps, SimpleNamespace(connection=connection))
    assert set(StatementSource.objects.values_list("statement_id", "source_id")) == {
        (statement.pk, herald.pk), (statement.pk, post.pk)}
