"""Reads go to a configured read replica, except inside a transaction on the primary; writes never do."""

from types import SimpleNamespace

import pytest
from django.db import transaction

from articles.models import Article
from newsapi.routers import ReplicaRouter


@pytest.fixture
def with_replica(monkeypatch):
    # The router reads only which aliases exist; Django's own connections stay as they are.
    monkeypatch.setattr("newsapi.routers.settings", SimpleNamespace(DATABASES={"default": {}, "replica": {}}))


def test_without_a_replica_everything_uses_the_primary(monkeypatch):
    monkeypatch.setattr("newsapi.routers.settings", SimpleNamespace(DATABASES={"default": {}}))
    router = ReplicaRouter()
    assert router.db_for_read(Article) == router.db_for_write(Article) == "default"


@pytest.mark.django_db(transaction=True)  # no test transaction around it: a request outside any atomic block
def test_reads_go_to_the_replica_and_a_writes_own_reads_to_the_primary(with_replica):
    router = ReplicaRouter()
    assert router.db_for_read(Article) == "replica"
    with transaction.atomic():
        assert router.db_for_read(Article) == "default"
    assert router.db_for_write(Article) == "default"
    assert router.allow_migrate("replica", "articles") is False and router.allow_migrate("default", "articles")
