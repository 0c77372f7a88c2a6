"""Writes: the one import flow (skip what is stored, extract, store) and the rows an extraction
becomes, one transaction per article, idempotently."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from urllib.parse import urlparse

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from articles import duplicates, tallies
from articles.extraction import document as extracted
from articles.extraction.names import is_surname_of, name_key
from articles.extraction.pipeline import extract_articles
from articles.extraction.readers import source_from_original
from articles.models import (
    Article,
    ArticlePerson,
    ArticleTopic,
    DataVersion,
    Image,
    Person,
    PersonAlias,
    PersonRole,
    Quote,
    Source,
    Topic,
)


def content_hash(text: str) -> str:
    """The identity of an imported text: the same text imported twice is one article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class NoArticleBody(ValueError):
    """The input has no article text: no paragraph survived (a list of links, a page of navigation)."""


class ExtractionFailed(Exception):
    """The extraction of one article raised (in a worker process); the message names the error."""


@dataclass
class StoreResult:
    article: Article
    status: str  # "imported", "replaced" or "unchanged"


@dataclass
class ImportOutcome:
    """What became of one source text: ``stored`` (its status says imported, replaced or unchanged),
    or the ``error`` that stopped it; with the extraction's notes."""

    source: extracted.SourceText
    stored: StoreResult | None = None
    error: Exception | None = None
    notes: list[str] = field(default_factory=list)


# Extracts chunks of source texts, yielding one list of results (an ExtractedArticle, or an error
# message) per chunk, in order; the import command's extractor runs chunks in worker processes.
Extractor = Callable[[Iterator[list[extracted.SourceText]]], Iterator[list]]

IMPORT_CHUNK = 8  # source texts hashed, looked up and extracted together


def articles_import(
    sources: Iterable[extracted.SourceText],
    *,
    force: bool = False,
    extract: Extractor | None = None,
    chunk_size: int = IMPORT_CHUNK,
    write_batch: int = 1,
    stop: Callable[[], bool] = lambda: False,
) -> Iterator[ImportOutcome]:
    """The import flow of every entry point: ``import_articles``, the Celery task, the API's create
    and re-extract. Each caller reads its input into source texts; here each text is hashed once,
    a text already stored is skipped (unless ``force``) without running the NLP, the others are
    extracted a chunk at a time (by ``extract``: in this process unless the caller brings workers)
    and stored ``write_batch`` to a transaction, each in its own savepoint. The extraction runs
    outside any transaction, and ``stop()`` is asked before each article is stored.

    Yields one outcome per source text, in order. Errors are outcomes, so that one bad article
    does not stop the others; ``article_import`` raises them for a single article.
    """
    results = _extracted(iter(sources), force=force, extract=extract or _extract_here, chunk_size=chunk_size)
    while batch := list(islice(results, write_batch)):
        outcomes = []
        with transaction.atomic(), tallies.deferred():  # the batch's statistics in one update
            for source, digest, stored_id, result in batch:
                if stop():
                    break  # what is stored so far commits
                if stored_id is not None and not force:
                    outcomes.append(ImportOutcome(source, stored=StoreResult(Article(pk=stored_id), "unchanged")))
                else:
                    outcomes.append(_outcome(source, result, digest=digest, force=force))
        yield from outcomes
        if stop():
            return


def article_import(*, source: extracted.SourceText, force: bool = False) -> StoreResult:
    """Import one article through ``articles_import``; what stops it is raised (``NoArticleBody``
    when no paragraph of prose is left)."""
    (outcome,) = articles_import([source], force=force)
    if outcome.error is not None:
        raise outcome.error
    return outcome.stored


def article_reextract(*, article: Article) -> Article:
    """Run the current extraction again on a stored article's original text, replacing derived rows."""
    source = source_from_original(
        article.original_text, format=article.source_format, origin=article.source_file or f"article {article.pk}"
    )
    return article_import(source=source, force=True).article


def data_changed() -> None:
    """Move the data version on: every write that API readers can see calls it, inside its transaction,
    as late as it can (on PostgreSQL the row stays locked until the transaction ends)."""
    now = timezone.now()
    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now):
        try:
            with transaction.atomic():  # the row is gone (a flushed test database): start again
                DataVersion.objects.create(pk=1, number=1, changed_at=now)
        except IntegrityError:  # another writer created it first
            DataVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now)


# A quote's fields that decide which statement it is an occurrence of.
QUOTE_STATEMENT_FIELDS = {"text", "kind", "speaker", "speaker_label", "speaker_is_person", "article"}


def quotes_edited(*, changed=(), deleted_statements=()) -> None:
    """After an editor's changes: quotes added, or changed in what decides their statement, are put in
    statements again; the statements that lost a deleted quote are recounted."""
    with transaction.atomic():
        if changed:
            duplicates.statements_reassign(quote_ids=list(changed))
        duplicates.statements_refresh(set(deleted_statements))
        data_changed()


def article_statements_refresh(*, article: Article) -> None:
    """Recount the statements the article's quotes are occurrences of: after an edit that changes what
    they hold beyond the quotes themselves (its publisher: their source counts and publisher rows)."""
    with transaction.atomic():
        duplicates.statements_refresh(set(article.quotes.values_list("statement_id", flat=True)))
        data_changed()


def article_delete(*, article: Article) -> None:
    with transaction.atomic():
        statements = set(article.quotes.values_list("statement_id", flat=True))
        story, article_id = article.story_id, article.pk
        article.delete()
        duplicates.statements_refresh(statements)
        duplicates.stories_refresh([story])
        tallies.articles_changed([article_id])
        data_changed()


def _extracted(sources: Iterator[extracted.SourceText], *, force: bool, extract: Extractor, chunk_size: int):
    """(source, content hash, id of the article already holding the text, extraction result) for each
    source, in order; the result is None for a text that is skipped."""
    received: deque[list[tuple[extracted.SourceText, str, int | None]]] = deque()

    def to_extract() -> Iterator[list[extracted.SourceText]]:
        while chunk := list(islice(sources, chunk_size)):
            items = _received(chunk)
            received.append(items)
            yield [source for source, _, stored_id in items if force or stored_id is None]

    for results in extract(to_extract()):
        results = iter(results)
        for source, digest, stored_id in received.popleft():
            skipped = stored_id is not None and not force
            yield source, digest, stored_id, None if skipped else next(results)


def _received(chunk: list[extracted.SourceText]) -> list[tuple[extracted.SourceText, str, int | None]]:
    """(source, content hash, id of the article already holding that text or None) for a chunk: the
    hash is computed here and nowhere else in the flow, and one query looks the chunk up."""
    digests = [content_hash(source.original_text) for source in chunk]
    stored = dict(Article.objects.filter(content_hash__in=set(digests)).values_list("content_hash", "id"))
    return [(source, digest, stored.get(digest)) for source, digest in zip(chunk, digests)]


def _extract_here(chunks: Iterator[list[extracted.SourceText]]) -> Iterator[list]:
    """Extract in this process; an exception is the caller's (a single import raises it as it was)."""
    for chunk in chunks:
        yield list(extract_articles(chunk, batch_size=len(chunk))) if chunk else []


def _outcome(source: extracted.SourceText, result, *, digest: str, force: bool) -> ImportOutcome:
    if isinstance(result, str):
        return ImportOutcome(source, error=ExtractionFailed(result))
    try:
        with transaction.atomic():  # a savepoint: one bad article does not undo its batch
            stored = article_store(
                result=result, digest=digest, source_file=source.origin, source_format=source.format, force=force
            )
    except Exception as error:  # one broken article must not stop the others; article_import re-raises
        return ImportOutcome(source, error=error, notes=list(result.notes))
    return ImportOutcome(source, stored=stored, notes=list(result.notes))


def article_store(
    *,
    result: extracted.ExtractedArticle,
    digest: str | None = None,
    source_file: str = "",
    source_format: str = "txt",
    force: bool = False,
) -> StoreResult:
    """Store one extracted article with everything derived from it, in one transaction.

    ``digest`` is the content hash of ``result.original_text`` when the caller has it (the import
    flow does). An article whose text is already stored is left as it is unless ``force`` is set,
    in which case its derived rows (people, quotes, images, topics) are replaced by the new extraction.
    """
    digest = digest or content_hash(result.original_text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing and not force:
        return StoreResult(existing, "unchanged")
    if not result.document.has_prose:
        raise NoArticleBody("no article text found: no line of it reads as a paragraph of prose")
    try:
        with transaction.atomic():
            article = _write_article(
                result, digest=digest, source_file=source_file, source_format=source_format, existing=existing
            )
            data_changed()
    except IntegrityError:
        # Another import stored the same text between our check and our insert.
        article = Article.objects.filter(content_hash=digest).first()
        if article is None:
            raise
        return StoreResult(article, "unchanged")
    return StoreResult(article, "replaced" if existing else "imported")


def _write_article(result, *, digest, source_file, source_format, existing):
    doc = result.document
    fields = dict(
        headline=(doc.headline or "")[:500],
        slug=_article_slug(doc.headline, digest),
        source=source_get_or_create(name=doc.source, url=doc.url) if doc.source else None,
        published=doc.published,
        url=(doc.url or "")[:2000] or None,
        language=doc.language,
        body=doc.body,
        original_text=result.original_text,
        source_file=source_file[:1000],
        source_format=source_format,
        dropped_lines=[{"text": line.text, "reason": line.reason} for line in doc.boilerplate],
    )
    replaced_statements = set()
    if existing:
        article = existing
        for name, value in fields.items():
            setattr(article, name, value)
        article.save()
        replaced_statements = set(article.quotes.values_list("statement_id", flat=True))
        _delete_derived_rows(article)
    else:
        article = Article.objects.create(content_hash=digest, **fields)

    Image.objects.bulk_create(
        Image(article=article, caption=image.caption, credit=image.credit or "", order=index)
        for index, image in enumerate(doc.images)
    )
    article.authors.set([person_resolve(name=author) for author in doc.authors if author.strip()])

    # Several extracted names can resolve to one stored person: add up their mentions.
    people_by_name, mention_counts, roles = {}, {}, {}
    for found in result.people:
        person = person_resolve(name=found.name, aliases=found.aliases)
        people_by_name[found.name] = person
        mention_counts[person.pk] = mention_counts.get(person.pk, 0) + max(len(found.mentions), 1)
        for role in found.roles:
            roles[(person.pk, role[:300])] = None
    ArticlePerson.objects.bulk_create(
        ArticlePerson(article=article, person_id=person_id, mention_count=count)
        for person_id, count in mention_counts.items()
    )
    PersonRole.objects.bulk_create(
        PersonRole(article=article, person_id=person_id, title=title) for person_id, title in roles
    )

    quotes = Quote.objects.bulk_create(
        Quote(
            article=article,
            text=quote.text,
            kind=quote.kind,
            cue=(quote.cue or "")[:50],
            speaker=people_by_name.get(quote.speaker) if quote.speaker_is_person else None,
            speaker_label=(quote.speaker_text or quote.speaker or "")[:300],
            speaker_is_person=quote.speaker_is_person,
            paragraph_index=quote.paragraph,
            start_offset=quote.start,
            end_offset=quote.end,
        )
        for quote in result.quotes
    )

    scores = {}
    for topic, stored in zip(result.topics, topics_get_or_create([(t.name, t.kind) for t in result.topics])):
        scores[stored.pk] = max(scores.get(stored.pk, 0.0), topic.score)
    ArticleTopic.objects.bulk_create(
        ArticleTopic(article=article, topic_id=topic_id, score=score) for topic_id, score in scores.items()
    )
    duplicates.copies_assign(article=article, quotes=quotes, new=existing is None)
    duplicates.statements_refresh(replaced_statements)  # what the replaced quotes were occurrences of
    tallies.articles_changed([article.pk])
    return article


def _delete_derived_rows(article: Article) -> None:
    article.images.all().delete()
    article.quotes.all().delete()
    article.mentions.all().delete()
    article.person_roles.all().delete()
    article.article_topics.all().delete()
    article.authors.clear()


def _article_slug(headline: str | None, digest: str) -> str:
    base = slugify(headline or "")[:200].strip("-")
    return base or f"article-{digest[:12]}"


def source_get_or_create(*, name: str, url: str | None = None) -> Source:
    name = name.strip()[:200]
    slug = slugify(name)[:200] or "source"
    domain = urlparse(url).hostname or "" if url else ""
    source = Source.objects.filter(slug=slug).first()
    if source is None:
        try:
            with transaction.atomic():
                source = Source.objects.create(name=name, slug=slug, domain=domain)
        except IntegrityError:
            source = Source.objects.get(slug=slug)
    elif domain and not source.domain:
        source.domain = domain
        source.save(update_fields=["domain"])
    return source


def topics_get_or_create(pairs: list[tuple[str, str]]) -> list[Topic]:
    """The stored topics for (name, kind) pairs, in order, creating the missing ones (one query when none is new)."""
    keys = [(name.strip()[:200], kind) for name, kind in pairs]
    found = {
        (topic.name, topic.kind): topic
        for topic in Topic.objects.filter(name__in={name for name, _ in keys})
    }
    for name, kind in keys:
        if (name, kind) not in found:  # also when a pair comes twice
            found[name, kind] = _topic_create(name=name, kind=kind)
    return [found[key] for key in keys]


def _topic_create(*, name: str, kind: str) -> Topic:
    """A new topic (or the one another import created a moment ago); `name` is already trimmed."""
    slug = slugify(name)[:200] or "topic"
    if Topic.objects.filter(slug=slug).exists():  # the same name as another kind: "Georgia" place and org
        slug = _unique_slug(Topic, f"{slug}-{kind}")
    try:
        with transaction.atomic():
            return Topic.objects.create(name=name, kind=kind, slug=slug)
    except IntegrityError:
        return Topic.objects.get(kind=kind, name=name)


def person_resolve(*, name: str, aliases: list[str] | tuple[str, ...] = ()) -> Person:
    """Find the stored person an extracted name refers to, or create one.

    Names compare by their key (``names.name_key``: accents, case, honorifics and titles of address
    dropped), the key the people stage merges name forms by within an article. The same key is the
    same person. A surname alone joins the one stored person with that surname, and a full name
    absorbs a stored surname-only person (``names.is_surname_of``), but only when exactly one
    candidate exists: two stored "Smith"s stay apart from a new "Smith".
    """
    name = " ".join(name.split())[:200]
    key = name_key(name)
    _lock_name(key)
    person = _person_by_key(key)
    if person is None and key:
        surname = key.split()[-1]
        if " " in key:
            # "Donald Trump" after an article that only said "Trump".
            surname_only = list(Person.objects.filter(aliases__key=surname).distinct()[:2])
            if len(surname_only) == 1 and not _has_other_full_name(surname_only[0], key):
                person = surname_only[0]
                person.name = name
                person.save(update_fields=["name", "updated_at"])
        else:
            # "Trump" after an article that said "Donald Trump".
            candidates = _people_with_surname(surname)
            if len(candidates) == 1:
                person = candidates[0]
    if person is None:
        person = Person.objects.create(name=name, slug=_unique_slug(Person, slugify(name)[:180] or "person"))
    person_aliases_add(person=person, names=[name, *aliases])
    return person


def _lock_name(key: str) -> None:
    """Serialise the resolution of one surname across concurrent imports (until the transaction ends).

    Without it two workers could both find no "Jane Doe" and both create one. SQLite needs nothing:
    its transactions take the database write lock when they begin (settings: transaction_mode).
    """
    if key and connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"person:{key.split()[-1]}"])


def _person_by_key(key: str) -> Person | None:
    return Person.objects.filter(aliases__key=key).order_by("id").first() if key else None


def _people_with_surname(surname: str) -> list[Person]:
    candidates = (
        Person.objects.filter(aliases__key__endswith=f" {surname}").distinct().prefetch_related("aliases")[:3]
    )
    return [
        person for person in candidates if any(is_surname_of([surname], alias.key.split()) for alias in person.aliases.all())
    ]


def _has_other_full_name(person: Person, key: str) -> bool:
    return any(" " in alias.key and alias.key != key for alias in person.aliases.all())


def person_aliases_add(*, person: Person, names: Iterable[str]) -> None:
    """Record name forms of the person with their keys; those already known are skipped by the unique
    constraint."""
    rows = {}
    for alias in names:
        alias = " ".join(alias.split())[:200]
        key = name_key(alias)
        if key:
            rows[alias] = PersonAlias(person=person, name=alias, key=key[:200])
    PersonAlias.objects.bulk_create(list(rows.values()), ignore_conflicts=True)


def _unique_slug(model, base: str) -> str:
    slug, counter = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[:190]}-{counter}"
        counter += 1
    return slug


def person_rename(*, person: Person, name: str) -> Person:
    """Give a person a new canonical name; the old one stays an alias so that nothing stops matching."""
    name = " ".join(name.split())[:200]
    if not name:
        raise ValueError("name must not be empty")
    with transaction.atomic():
        person_aliases_add(person=person, names=[person.name, name])
        person.name = name
        person.save(update_fields=["name", "updated_at"])
        data_changed()
    return person


def person_merge(*, target: Person, others: list[Person]) -> Person:
    """Fold other person records into ``target``: quotes, mentions, roles, authorships and aliases move.

    Used when the extraction split one real person in two ("J. Smith" and "Jane Smith").
    """
    others = [other for other in others if other.pk != target.pk]
    with transaction.atomic():
        moved_quotes, touched_articles = [], set()
        for other in Person.objects.select_for_update().filter(pk__in=[o.pk for o in others]).order_by("pk"):
            moved_quotes += Quote.objects.filter(speaker=other).values_list("pk", flat=True)
            touched_articles |= tallies.articles_counted_with(other, deleting=True)  # before its rows move
            Quote.objects.filter(speaker=other).update(speaker=target)
            for mention in ArticlePerson.objects.filter(person=other):
                kept, created = ArticlePerson.objects.get_or_create(
                    article_id=mention.article_id, person=target, defaults={"mention_count": mention.mention_count}
                )
                if not created:
                    kept.mention_count += mention.mention_count
                    kept.save(update_fields=["mention_count"])
            for role in PersonRole.objects.filter(person=other):
                PersonRole.objects.get_or_create(person=target, article_id=role.article_id, title=role.title)
            # Ids only: loading each article would read its body and original text.
            target.authored_articles.add(*other.authored_articles.values_list("pk", flat=True))
            person_aliases_add(person=target, names=[other.name, *other.aliases.values_list("name", flat=True)])
            other.delete()
        target.save(update_fields=["updated_at"])
        # Their statements were the other person's: the quotes join the target's (or make new ones).
        duplicates.statements_reassign(quote_ids=moved_quotes)
        tallies.articles_changed(touched_articles)
        data_changed()
    return target
