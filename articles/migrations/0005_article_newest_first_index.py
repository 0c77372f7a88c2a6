"""An index for the articles' default order (newest first, undated last), so that a page is read off it.

PostgreSQL needs NULLS LAST in the index to match the order; SQLite refuses NULLS LAST in an index but
already sorts NULLs last when descending.
"""

from django.db import migrations

COLUMNS = {
    "postgresql": "published DESC NULLS LAST, created_at DESC, id DESC",
    "sqlite": "published DESC, created_at DESC, id DESC",
}


def create(apps, schema_editor):
    columns = COLUMNS.get(schema_editor.connection.vendor)
    if columns:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS article_newest_first ON articles_article ({columns})")


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS article_newest_first")


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_search")]

    operations = [migrations.RunPython(create, drop)]
