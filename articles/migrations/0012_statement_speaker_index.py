# Built concurrently on PostgreSQL: articles_statement holds millions of rows in a large archive, and a
# plain CREATE INDEX would stop every import for as long as the build takes.

from django.db import migrations, models

from articles.db_operations import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ('articles', '0011_role_tallies'),
    ]

    operations = [
        AddIndexConcurrently(
            model_name='statement',
            index=models.Index(fields=['speaker', '-occurrence_count', 'id'], name='statement_speaker_most_quoted'),
        ),
    ]
