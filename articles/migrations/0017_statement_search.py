# Statements searched by their own text: a GIN index on the text's search vector, built concurrently
# on PostgreSQL (no stored column, so no rewrite of a table of millions of rows under a lock); on
# SQLite an FTS5 table kept by triggers, like the articles' and quotes'.

from django.db import migrations


def create_statement_search(apps, schema_editor):
    from articles.search import STATEMENTS, ensure_search_objects

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(STATEMENTS.create_pg_index(concurrently=True))
    else:
        ensure_search_objects(connection, (STATEMENTS,))


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ('articles', '0016_person_topic_tally_index'),
    ]

    operations = [migrations.RunPython(create_statement_search, migrations.RunPython.noop)]
