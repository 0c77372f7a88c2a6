# The case-free cue index, with the cue included so that PostgreSQL counts a cue's quotes from the
# index alone; the plain cue index goes (nothing filters on the cue as written, and the planner walked
# it from its start to count a common cue). Built and dropped concurrently: a row per quote.

from django.db import migrations, models
from django.db.models.functions import Lower

from articles.db_operations import AddIndexConcurrently, RemoveIndexConcurrently


class Migration(migrations.Migration):
    atomic = False  # CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ('articles', '0014_article_tally_quoteless_index'),
    ]

    operations = [
        AddIndexConcurrently(
            model_name='quote',
            index=models.Index(Lower('cue'), include=('cue',), name='quote_cue_lower_with_cue'),
        ),
        RemoveIndexConcurrently(model_name='quote', name='quote_cue_lower'),
        RemoveIndexConcurrently(model_name='quote', name='articles_qu_cue_61b0c2_idx'),
    ]
