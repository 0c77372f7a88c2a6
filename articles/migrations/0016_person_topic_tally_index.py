# Built concurrently on PostgreSQL: articles_persontopictally holds a row per (person, topic) pair.

from django.db import migrations, models

from articles.db_operations import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ('articles', '0015_quote_cue_covering_index'),
    ]

    operations = [
        AddIndexConcurrently(
            model_name='persontopictally',
            index=models.Index(condition=models.Q(('quote_count__gt', 0)), fields=['person', '-quote_count', 'topic'],
                               name='person_tally_topics'),
        ),
    ]
