# Each article's quote count beside its share of the tallies, filled from the share already stored
# (the sum of its quotes by speaker), in one statement per database.

from django.db import migrations, models

FILL = {
    "postgresql": """
        UPDATE articles_articletally SET quote_count = COALESCE(
            (SELECT SUM((speaker ->> 1)::integer) FROM jsonb_array_elements(contribution -> 'quotes') AS speaker), 0)
    """,
    "sqlite": """
        UPDATE articles_articletally SET quote_count = COALESCE(
            (SELECT SUM(json_extract(speaker.value, '$[1]')) FROM json_each(contribution, '$.quotes') AS speaker), 0)
    """,
}


def fill(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FILL[schema_editor.connection.vendor])


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0012_statement_speaker_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='articletally',
            name='quote_count',
            field=models.IntegerField(default=0),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
