"""Full-text search objects that Django's model state does not describe (see articles/search.py)."""

from django.db import migrations


def create_search_objects(apps, schema_editor):
    from articles.search import ensure_search_objects

    ensure_search_objects(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_article_source_format")]

    operations = [migrations.RunPython(create_search_objects, migrations.RunPython.noop)]
