"""Alias keys drop every honorific and title of address the people stage knows (``names.name_key``),
not only "Mr"/"Dr"-style ones, and keep apostrophes inside a word; stored keys are recomputed so that
"Cllr Okafor" stored before is found as "okafor" now."""

import re

from django.db import migrations

# Forwards uses the current rule on purpose: the keys must be what ``person_resolve`` looks up now.
from articles.extraction.names import name_key
from articles.extraction.text import strip_accents

_OLD_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "professor"}


def _old_key(name: str) -> str:
    """The rule before this migration (services.name_key), to go back."""
    tokens = re.findall(r"[\w-]+", re.sub(r"['’]s$", "", strip_accents(name).lower().strip()))
    while tokens and tokens[0].rstrip(".") in _OLD_HONORIFICS:
        tokens = tokens[1:]
    return " ".join(tokens)


def _recompute(apps, key_of) -> None:
    PersonAlias = apps.get_model("articles", "PersonAlias")
    changed = []
    for alias in PersonAlias.objects.only("id", "name", "key").iterator(chunk_size=2000):
        key = key_of(alias.name)[:200]
        if key != alias.key:
            alias.key = key
            changed.append(alias)
    PersonAlias.objects.bulk_update(changed, ["key"], batch_size=1000)


def forwards(apps, schema_editor):
    _recompute(apps, name_key)


def backwards(apps, schema_editor):
    _recompute(apps, _old_key)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_data_version")]

    operations = [migrations.RunPython(forwards, backwards)]
