"""Backups: every article with its original text and its extracted and curated data, as JSONL.

``export_corpus FILE.jsonl`` writes one record a line; ``import_articles FILE.jsonl`` recognises
the records (the ``newsapi_backup`` key) and restores them as they were, without running the
extraction again, so that merged people, renamed topics and edited quotes survive the round trip.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from django.db import transaction

from articles.models import (
    Article,
    ArticlePerson,
    ArticleTopic,
    Image,
    Person,
    PersonRole,
    Quote,
    Source,
    Topic,
)
from articles import duplicates, services, tallies
from articles.services import person_aliases_add

BACKUP_KEY = "newsapi_backup"
BACKUP_VERSION = 1


def is_backup_file(path: Path) -> bool:
    """Whether a JSONL file starts with a backup record (cheap: reads the first line)."""
    if path.suffix.lower() != ".jsonl":
        return False
    try:
        with path.open("rb") as handle:
            first = handle.readline(1 << 20)
        return BACKUP_KEY.encode() in first and json.loads(first).get(BACKUP_KEY) == BACKUP_VERSION
    except (OSError, ValueError, AttributeError):
        return False


# --- export -------------------------------------------------------------------------------------------


def backup_records(chunk_size: int = 200) -> Iterator[dict]:
    """One record per article, in id order, streamed from the database."""
    articles = Article.objects.select_related("source").prefetch_related(
        "authors__aliases",
        "images",
        "mentions__person__aliases",
        "person_roles__person",
        "quotes__speaker__aliases",
        "article_topics__topic",
    ).order_by("id")
    for article in articles.iterator(chunk_size=chunk_size):
        yield _record(article)


def _person(person: Person) -> dict:
    return {"slug": person.slug, "name": person.name, "aliases": sorted(a.name for a in person.aliases.all())}


def _record(article: Article) -> dict:
    people = {}
    for person in article.authors.all():
        people[person.slug] = _person(person)
    for mention in article.mentions.all():
        people[mention.person.slug] = _person(mention.person)
    for quote in article.quotes.all():
        if quote.speaker:
            people[quote.speaker.slug] = _person(quote.speaker)
    for role in article.person_roles.all():
        people.setdefault(role.person.slug, {"slug": role.person.slug, "name": role.person.name, "aliases": []})
    source = article.source
    return {
        BACKUP_KEY: BACKUP_VERSION,
        "article": {
            "headline": article.headline,
            "slug": article.slug,
            "source": {"name": source.name, "slug": source.slug, "domain": source.domain} if source else None,
            "authors": [person.slug for person in article.authors.all()],
            "published": article.published.isoformat() if article.published else None,
            "url": article.url,
            "language": article.language,
            "body": article.body,
            "original_text": article.original_text,
            "content_hash": article.content_hash,
            "source_file": article.source_file,
            "source_format": article.source_format,
            "dropped_lines": article.dropped_lines,
            "created_at": article.created_at.isoformat(),
        },
        "people": sorted(people.values(), key=lambda p: p["slug"]),
        "images": [{"caption": i.caption, "credit": i.credit, "order": i.order} for i in article.images.all()],
        "mentions": [{"person": m.person.slug, "mention_count": m.mention_count} for m in article.mentions.all()],
        "roles": [{"person": r.person.slug, "title": r.title} for r in article.person_roles.all()],
        "quotes": [
            {
                "text": q.text, "kind": q.kind, "cue": q.cue, "speaker": q.speaker.slug if q.speaker else None,
                "speaker_label": q.speaker_label, "speaker_is_person": q.speaker_is_person,
                "paragraph_index": q.paragraph_index, "start_offset": q.start_offset, "end_offset": q.end_offset,
            }
            for q in article.quotes.all()
        ],
        "topics": [
            {"name": t.topic.name, "slug": t.topic.slug, "kind": t.topic.kind, "score": t.score}
            for t in article.article_topics.all()
        ],
    }


# --- restore ------------------------------------------------------------------------------------------


class BackupError(ValueError):
    pass


def restore_record(record: dict) -> str:
    """Store one backup record as it was; "imported", or "unchanged" when its text is already stored."""
    try:
        data = record["article"]
        if Article.objects.filter(content_hash=data["content_hash"]).exists():
            return "unchanged"
        with transaction.atomic():
            _restore(record, data)
            services.data_changed()
    except (KeyError, TypeError, ValueError) as error:
        raise BackupError(f"not a valid backup record: {type(error).__name__}: {error}") from error
    return "imported"


def _restore(record: dict, data: dict) -> None:
    people = {entry["slug"]: _person_get_or_create(entry) for entry in record.get("people", [])}
    source = None
    if data.get("source"):
        source, _ = Source.objects.get_or_create(
            slug=data["source"]["slug"],
            defaults={"name": data["source"]["name"], "domain": data["source"].get("domain", "")},
        )
    article = Article.objects.create(
        headline=data["headline"],
        slug=data["slug"],
        source=source,
        published=dt.date.fromisoformat(data["published"]) if data.get("published") else None,
        url=data.get("url"),
        language=data.get("language", "en"),
        body=data["body"],
        original_text=data["original_text"],
        content_hash=data["content_hash"],
        source_file=data.get("source_file", ""),
        source_format=data.get("source_format", "txt"),
        dropped_lines=data.get("dropped_lines", []),
    )
    if data.get("created_at"):  # keep the original import time (auto_now_add sets it on create)
        Article.objects.filter(pk=article.pk).update(created_at=dt.datetime.fromisoformat(data["created_at"]))
    article.authors.set([people[slug] for slug in data.get("authors", [])])
    Image.objects.bulk_create(Image(article=article, **image) for image in record.get("images", []))
    ArticlePerson.objects.bulk_create(
        ArticlePerson(article=article, person=people[m["person"]], mention_count=m["mention_count"])
        for m in record.get("mentions", [])
    )
    PersonRole.objects.bulk_create(
        PersonRole(article=article, person=people[r["person"]], title=r["title"]) for r in record.get("roles", [])
    )
    quotes = Quote.objects.bulk_create(
        Quote(article=article, **{**q, "speaker": people[q["speaker"]] if q.get("speaker") else None})
        for q in record.get("quotes", [])
    )
    duplicates.copies_assign(article=article, quotes=quotes, new=True)
    ArticleTopic.objects.bulk_create(
        ArticleTopic(article=article, topic=_topic_get_or_create(t), score=t["score"]) for t in record.get("topics", [])
    )
    tallies.articles_changed([article.pk])


def _person_get_or_create(entry: dict) -> Person:
    person, _ = Person.objects.get_or_create(slug=entry["slug"], defaults={"name": entry["name"]})
    # The same keys as an import would store, so that restored people are found by later imports.
    person_aliases_add(person=person, names=[entry["name"], *entry["aliases"]])
    return person


def _topic_get_or_create(entry: dict) -> Topic:
    topic, _ = Topic.objects.get_or_create(slug=entry["slug"], defaults={"name": entry["name"], "kind": entry["kind"]})
    return topic
