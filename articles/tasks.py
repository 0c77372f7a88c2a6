"""Celery tasks: the distributed import (`import_articles --queue`, docs/operations.md).

A message carries one article as plain JSON (the fields of ``SourceText``), not a file path, so a
worker needs no disk shared with the machine that queued it. The worker extracts and stores the
article with ``services.article_import``, which is idempotent: the SHA-256 of the original text is
the article's identity, so a message delivered twice (the same batch queued again, or a redelivery
after a worker was lost mid-article) stores the article once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from celery import shared_task
from django.db import InterfaceError, OperationalError

from articles.extraction.document import SourceText

logger = logging.getLogger(__name__)

TASK_NAME = "articles.import_article"
_SOURCE_FIELDS = tuple(field.name for field in dataclasses.fields(SourceText))


def source_to_payload(source: SourceText) -> dict:
    """A ``SourceText`` as a JSON-serialisable dict (the date as an ISO string)."""
    payload = {name: getattr(source, name) for name in _SOURCE_FIELDS}
    payload["authors"] = list(source.authors)
    payload["published"] = source.published.isoformat() if source.published else None
    return payload


def source_from_payload(payload: dict) -> SourceText:
    """The inverse of ``source_to_payload``; an unknown field is an error, not silently dropped."""
    values = dict(payload)
    if values.get("published"):
        values["published"] = dt.date.fromisoformat(values["published"])
    return SourceText(**values)


@shared_task(
    name=TASK_NAME,
    acks_late=True,  # acknowledged after the article is stored ...
    reject_on_worker_lost=True,  # ... and delivered again if the worker dies on the way
    ignore_result=True,
    # A database that is briefly unreachable or locked: try again later rather than drop the article.
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=5,
)
def import_article(payload: dict, force: bool = False) -> str:
    """Extract and store one article; returns "imported", "replaced" or "unchanged"."""
    # Imported here: the pipeline (and, on first use, the spaCy model) loads in the worker only.
    from articles import services

    source = source_from_payload(payload)
    stored = services.article_import(source=source, force=force)
    logger.info("%s: %s (article %s)", source.origin, stored.status, stored.article.pk)
    return stored.status


def broker_check() -> str:
    """Connect to the broker once; returns its URL (password masked), raises kombu's OperationalError."""
    from newsapi.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1)
        return connection.as_uri()


@contextmanager
def article_publisher(*, force: bool = False) -> Iterator[Callable[[SourceText], None]]:
    """A function that queues one article, all of them sent through one broker connection."""
    from newsapi.celery import app

    with app.producer_or_acquire() as producer:

        def send(source: SourceText) -> None:
            import_article.apply_async(args=[source_to_payload(source)], kwargs={"force": force}, producer=producer)

        yield send


def queue_name() -> str:
    from newsapi.celery import app

    return app.conf.task_default_queue
