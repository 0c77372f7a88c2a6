"""Data migrations: what they do to rows stored before them."""

import importlib

import pytest
from django.apps import apps

from articles.models import PersonAlias
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_alias_keys_are_recomputed_with_titles_dropped_and_back():
    migration = importlib.import_module("articles.migrations.0008_recompute_alias_keys")
    alias = PersonAlias.objects.create(person=PersonFactory(name="Joan Okafor"), name="Cllr O'Neill", key="cllr o neill")
    migration.forwards(apps, None)
    alias.refresh_from_db()
    assert alias.key == "o'neill"
    migration.backwards(apps, None)
    alias.refresh_from_db()
    assert alias.key == "cllr o neill"  # the old rule knew no "Cllr"
