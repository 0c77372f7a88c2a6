# The publishers that quoted each statement, one row per pair, filled from the stored quotes: a new
# table, so filling it locks nothing that reads or imports use.

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO articles_statementsource (statement_id, source_id) "
            "SELECT DISTINCT q.statement_id, a.source_id FROM articles_quote q "
            "JOIN articles_article a ON a.id = q.article_id "
            "WHERE q.statement_id IS NOT NULL AND a.source_id IS NOT NULL"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0019_quote_published'),
    ]

    operations = [
        migrations.CreateModel(
            name='StatementSource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.source')),
                ('statement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='source_links', to='articles.statement')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('source', 'statement'), name='unique_statement_source')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
