# Built concurrently on PostgreSQL: articles_articletally holds a row per article.

from django.db import migrations, models

from articles.db_operations import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ('articles', '0013_article_tally_quote_count'),
    ]

    operations = [
        AddIndexConcurrently(
            model_name='articletally',
            index=models.Index(condition=models.Q(('quote_count', 0)), fields=['article_id'], name='article_tally_quoteless'),
        ),
    ]
