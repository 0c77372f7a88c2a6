# Each quote keeps its article's publication date, so that a list of quotes filtered by their own
# fields (cue, kind) is read newest first from one index. Built for big tables: the column is added
# empty (no rewrite), filled in batches of articles, each batch its own transaction (a failed run
# resumes where it stopped), and the indexes are built concurrently on PostgreSQL afterwards.

import articles.models
import django.db.models.functions.text
from django.db import migrations, models, transaction

from articles.db_operations import AddIndexConcurrently, RemoveIndexConcurrently

ARTICLES_PER_BATCH = 20_000


def copy_article_dates(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM articles_article WHERE published IS NOT NULL")
        low, high = cursor.fetchone()
        if low is None:
            return
        for start in range(low, high + 1, ARTICLES_PER_BATCH):
            with transaction.atomic(using=connection.alias):
                cursor.execute(
                    "UPDATE articles_quote SET published = articles_article.published FROM articles_article "
                    "WHERE articles_quote.article_id = articles_article.id AND articles_article.id >= %s "
                    "AND articles_article.id < %s AND articles_article.published IS NOT NULL "
                    "AND articles_quote.published IS NULL",
                    [start, start + ARTICLES_PER_BATCH],
                )


NEWEST_FIRST = (
    models.OrderBy(models.F('published'), descending=True, nulls_last=True),
    models.OrderBy(models.F('article_id'), descending=True),
    models.F('start_offset'),
    models.OrderBy(models.F('id'), descending=True),
)


class Migration(migrations.Migration):
    atomic = False  # batches commit one by one; CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ('articles', '0018_source_tally'),
    ]

    operations = [
        migrations.AddField(
            model_name='quote',
            name='published',
            field=models.DateField(blank=True, editable=False, help_text="Its article's publication date, kept here so that a list of quotes filtered by their own fields is read newest first from one index.", null=True),
        ),
        migrations.RunPython(copy_article_dates, migrations.RunPython.noop),
        AddIndexConcurrently(
            model_name='quote',
            index=articles.models.NullsLastIndex(*NEWEST_FIRST, name='quote_newest_first'),
        ),
        AddIndexConcurrently(
            model_name='quote',
            index=articles.models.NullsLastIndex(django.db.models.functions.text.Lower('cue'), *NEWEST_FIRST, name='quote_cue_newest_first'),
        ),
        AddIndexConcurrently(
            model_name='quote',
            index=articles.models.NullsLastIndex(models.F('kind'), *NEWEST_FIRST, name='quote_kind_newest_first'),
        ),
        # Its place is taken by quote_kind_newest_first, which counts a kind as well.
        RemoveIndexConcurrently(
            model_name='quote',
            name='articles_qu_kind_6eb7d5_idx',
        ),
    ]
