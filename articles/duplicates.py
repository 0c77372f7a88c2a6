"""Copies across the corpus: stories (near-identical articles) and statements (quotes that repeat).

Writes, called inside the transaction that changes the rows they depend on: ``story_assign`` once an
article's body is stored, ``statements_assign`` once its quotes are, and the two ``*_refresh``
functions after rows leave (a delete, a re-extraction, a person merge). The candidate lookup is in
the database (band and key tables with indexes), so every import process, Celery worker and API
write sees the same state, and its cost depends on the number of near copies, not on the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef

from articles import tallies
from articles.extraction.names import fold
from articles.fingerprints import (
    MIN_FRAGMENT_WORDS,
    MIN_PARTIAL_WORDS,
    BodyFingerprint,
    are_copies,
    body_fingerprint,
    same_statement,
    statement_keys,
    words,
)
from articles.models import (
    Article,
    ArticleBand,
    ArticleFingerprint,
    Quote,
    Statement,
    StatementKey,
    StatementSource,
    Story,
)

# Band keys shared with many articles come from stock passages; the closest candidates are enough.
MAX_CANDIDATES = 50
MAX_STATEMENT_CANDIDATES = 20  # a quote's statements compared word by word
# pg_advisory_xact_lock key: copies imported at the same moment must not make two stories or two
# statements. SQLite needs nothing: its writers take the database lock when they begin.
DEDUP_LOCK = 0x6E657773  # "news"


def copies_assign(*, article: Article, quotes: list[Quote], new: bool = False) -> None:
    """An article just stored (imported, re-extracted or restored): its story and its quotes' statements.

    ``NEWSAPI_DEDUPLICATE=0`` leaves both for ``manage.py dedup_backfill`` (a bulk load of an archive,
    de-duplicated afterwards)."""
    if not settings.NEWSAPI_DEDUPLICATE:
        return
    story_assign(article=article, new=new)
    statements_assign(quotes=quotes)


def _serialise() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [DEDUP_LOCK])


# --- stories --------------------------------------------------------------------------------------


def story_assign(*, article: Article, new: bool = False) -> int:
    """Put ``article`` in the story of its copies (a new story when it has none), joining stories it
    bridges, and store its fingerprint for the articles to come (``new``: it has none to replace).
    Returns the story's id (not the row: fetching it would cost the import a query per article)."""
    _serialise()
    fingerprint = body_fingerprint(article.body)
    if not new:
        ArticleFingerprint.objects.filter(article=article).delete()
        ArticleBand.objects.filter(article=article).delete()
    ArticleFingerprint.objects.create(
        article=article, signature=fingerprint.to_bytes(), shingle_count=fingerprint.shingle_count
    )
    keys = fingerprint.band_keys
    _insert_rows(ArticleBand, ["article_id", "key"], [(article.pk, key) for key in keys])
    copies = _copies_of(article, fingerprint, keys)
    previous = article.story_id
    stories = set(Article.objects.filter(pk__in=copies).values_list("story_id", flat=True)) - {None} if copies else set()
    if stories:
        story_id = min(stories)
        Article.objects.filter(story_id__in=stories - {story_id}).update(story_id=story_id)
    else:  # a story of its own: no other copy to choose the original from
        story_id = Story.objects.create(original=article, article_count=1).pk
    if previous != story_id:
        article.story_id = story_id
        Article.objects.filter(pk=article.pk).update(story_id=story_id)
    stories_refresh(stories | {previous} if stories else {previous})
    return story_id


def _copies_of(article: Article, fingerprint: BodyFingerprint, keys: list[int]) -> list[int]:
    candidates = list(
        ArticleBand.objects.filter(key__in=keys)
        .exclude(article_id=article.pk)
        .values("article_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "article_id")
        .values_list("article_id", flat=True)[:MAX_CANDIDATES]
    )
    stored = ArticleFingerprint.objects.filter(article_id__in=candidates)
    return [
        other.article_id for other in stored
        if are_copies(fingerprint, BodyFingerprint.from_bytes(bytes(other.signature), other.shingle_count))
    ]


def stories_refresh(story_ids) -> None:
    """Recount stories and choose their originals (the earliest published copy, else the first
    imported); a story left without articles is deleted."""
    for story_id in {story_id for story_id in story_ids if story_id}:
        members = Article.objects.filter(story_id=story_id)
        first = (
            members.order_by(F("published").asc(nulls_last=True), "created_at", "id").values_list("pk", flat=True).first()
        )
        if first is None:
            Story.objects.filter(pk=story_id).delete()
        else:
            Story.objects.filter(pk=story_id).update(original_id=first, article_count=members.count())


# --- statements -----------------------------------------------------------------------------------


def speaker_key(quote: Quote) -> str:
    """Who a statement belongs to: the person, else the label a non-person speaker goes by, else nobody."""
    if quote.speaker_id:
        return f"p{quote.speaker_id}"
    return f"l:{fold(quote.speaker_label)}" if quote.speaker_label.strip() else ""


@dataclass
class _Candidate:
    ident: int  # the statement's id; negative for one made in this call and not yet stored
    statement: Statement
    tokens: list[str]

    @property
    def rank(self):  # the statement most often quoted, then the oldest, keeps its id when statements join
        return (-self.statement.occurrence_count, self.ident < 0, abs(self.ident))


def statements_assign(*, quotes: list[Quote]) -> None:
    """Give each quote its statement: one of the speaker's that says the same thing (the same words,
    near-identical, or one contained in the other), else a new one. A quote that holds several of
    the speaker's statements (fragments of what it says in full) joins them into one."""
    quotes = [quote for quote in quotes if words(quote.text)]
    if not quotes:
        return
    _serialise()
    tokens = {quote.pk: words(quote.text) for quote in quotes}
    lookups = {quote.pk: statement_keys(speaker_key(quote), tokens[quote.pk], every_gram=True) for quote in quotes}
    found = defaultdict(set)
    for key, statement_id in StatementKey.objects.filter(
        key__in={key for keys in lookups.values() for key in keys}
    ).values_list("key", "statement_id"):
        found[key].add(statement_id)
    candidates = {
        statement.pk: _Candidate(statement.pk, statement, words(statement.text))
        for statement in Statement.objects.filter(pk__in=_likeliest(lookups, found))
    }
    redirect, chosen = {}, {}  # redirect: statement joined into another -> that one; chosen: quote -> statement
    # Longest first: a partial quote then finds the quote of the same article it is a piece of.
    for quote in sorted(quotes, key=lambda quote: (-len(tokens[quote.pk]), quote.pk)):
        key = speaker_key(quote)
        here = set(chosen.values())  # statements of this article's quotes
        ids = {sid for k in lookups[quote.pk] for sid in found.get(k, ())} & candidates.keys()
        if quote.kind == Quote.Kind.PARTIAL:
            ids |= here  # too short for keys ("very moved"): compared with the article's own quotes directly
        ids -= set(redirect)
        matches = [
            candidates[sid] for sid in sorted(ids)
            if candidates[sid].statement.speaker_key == key
            and same_statement(tokens[quote.pk], candidates[sid].tokens, min_fragment=_min_fragment(quote, sid in here))
        ]
        target = _statement_for(quote, tokens[quote.pk], key, matches, redirect, new_ident=-1 - len(candidates))
        candidates.setdefault(target.ident, target)
        for k in lookups[quote.pk]:
            found[k].add(target.ident)
        chosen[quote.pk] = target.ident
    def resolved(ident):
        while ident in redirect:
            ident = redirect[ident]
        return ident

    occurrences = defaultdict(list)
    for quote in quotes:
        occurrences[resolved(chosen[quote.pk])].append(quote)
    stored, complete = _store_new_statements(candidates, redirect, occurrences)
    for old, new in redirect.items():
        if old > 0:  # quotes of a stored statement that joined another
            Quote.objects.filter(statement_id=old).update(statement_id=stored.get(resolved(new), resolved(new)))
    _update_rows(Quote, ["statement_id"], [
        (stored.get(ident, ident), quote.pk) for ident, group in occurrences.items() for quote in group
    ])
    # A stored statement that only gained occurrences is updated from them; one that joined others
    # (or a new one that joined stored ones) is recomputed from all its occurrences.
    replaced = {old for old in redirect if old > 0}
    joined = replaced | {resolved(redirect[old]) for old in replaced}
    extended = {ident: group for ident, group in occurrences.items() if ident > 0 and ident not in joined}
    stale = _statements_extend(extended)
    refreshed = {stored.get(ident, ident) for ident in occurrences} - complete - (set(extended) - stale)
    statements_refresh(refreshed | replaced)


def _first_key(published, created_at, quote_id) -> tuple:
    """The order of occurrences: the earliest published first (undated last), then the first imported."""
    return (published is None, published or dt.date.min, created_at, quote_id)


def _statements_extend(added: dict[int, list[Quote]]) -> set[int]:
    """Stored statements that gained the quotes in ``added`` (none of them counted yet): counts, first
    occurrence and fullest text updated from the new quotes alone, so that the cost of a quote does not
    grow with how often its statement was quoted before. Gives what ``statements_refresh`` gives.

    Returns the statements left for a full recount: those whose first occurrence was deleted (a
    re-extraction replaces an article's quotes, then recounts what they were occurrences of)."""
    if not added:
        return set()
    quotes = [quote for group in added.values() for quote in group]
    articles = {
        row["pk"]: row for row in Article.objects.filter(pk__in={quote.article_id for quote in quotes})
        .values("pk", "published", "created_at", "source_id")
    }
    order = {quote.pk: _first_key(articles[quote.article_id]["published"], articles[quote.article_id]["created_at"],
                                  quote.pk) for quote in quotes}
    # Whether each statement was already quoted by each new source, read with the statements from its
    # kept publisher rows (the new quotes are not among them yet): one index probe each.
    quoted_by = {
        f"quoted_by_{source}": Exists(StatementSource.objects.filter(statement_id=OuterRef("pk"), source_id=source))
        for source in {articles[quote.article_id]["source_id"] for quote in quotes} - {None}
    }
    statements = list(Statement.objects.filter(pk__in=added).select_related("first_article").annotate(**quoted_by))
    stale = {statement.pk for statement in statements if statement.first_quote_id is None or statement.first_article is None}
    statements = [statement for statement in statements if statement.pk not in stale]
    rekeyed, counted, new_sources = [], Counter(), []
    for statement in statements:
        group = added[statement.pk]
        fullest = max(group, key=lambda quote: (len(words(quote.text)), -quote.pk))
        if len(words(fullest.text)) > len(words(statement.text)):
            statement.text = fullest.text
            rekeyed.append(statement)
        first = min(group, key=lambda quote: order[quote.pk])
        if order[first.pk] < _first_key(statement.first_seen, statement.first_article.created_at, statement.first_quote_id):
            statement.first_quote_id, statement.first_article_id = first.pk, first.article_id
            statement.first_seen = articles[first.article_id]["published"]
            counted[statement.speaker_id] -= 1
            counted[first.speaker_id] += 1
            statement.speaker_id, statement.speaker_label = first.speaker_id, first.speaker_label[:300]
        statement.occurrence_count += len(group)
        gained = {articles[q.article_id]["source_id"] for q in group} - {None}
        fresh = [source for source in gained if not getattr(statement, f"quoted_by_{source}")]
        statement.source_count += len(fresh)
        new_sources += [(statement.pk, source) for source in fresh]
    _statements_store(statements, rekeyed)
    _insert_rows(StatementSource, ["statement_id", "source_id"], new_sources)
    tallies.statements_counted(counted)
    return stale


def _likeliest(lookups: dict, found: dict) -> set[int]:
    """For each quote, the statements sharing the most keys with it (MAX_STATEMENT_CANDIDATES): a
    prolific speaker's statements share a key or two with anything they say next; the one a quote
    repeats shares most of its keys."""
    chosen = set()
    for keys in lookups.values():
        shared = defaultdict(int)
        for key in keys:
            for statement_id in found.get(key, ()):
                shared[statement_id] += 1
        chosen.update(sorted(shared, key=lambda sid: (-shared[sid], sid))[:MAX_STATEMENT_CANDIDATES])
    return chosen


def _min_fragment(quote: Quote, same_article: bool) -> int:
    if quote.kind != Quote.Kind.PARTIAL:
        return MIN_FRAGMENT_WORDS
    return 1 if same_article else MIN_PARTIAL_WORDS


def _statement_for(quote, tokens, key, matches, redirect, *, new_ident) -> _Candidate:
    if not matches:
        statement = Statement(speaker_id=quote.speaker_id, speaker_label=quote.speaker_label[:300], speaker_key=key,
                              text=quote.text)
        return _Candidate(new_ident, statement, tokens)
    # Statements the quote holds in full are fragments of it and join; one the quote is only part of
    # stays itself (the fragment may be in several).
    matches.sort(key=lambda candidate: candidate.rank)
    target = matches[0]
    for other in matches[1:]:
        if len(other.tokens) <= len(tokens):
            redirect[other.ident] = target.ident
    if len(tokens) > len(target.tokens):
        target.statement.text, target.tokens = quote.text, tokens  # the fullest form; refresh stores it
    return target


def _store_new_statements(candidates: dict, redirect: dict, occurrences: dict) -> tuple[dict[int, int], set[int]]:
    """Insert the statements made in this call (one query): their temporary ident -> id, and the ids of
    those complete already. A new statement whose occurrences are all in this article (nothing stored
    joined it) is written whole here, keys included, rather than recomputed from the database."""
    new = [candidate for ident, candidate in candidates.items() if ident < 0 and ident not in redirect]
    joined = {resolve for old, resolve in redirect.items() if old > 0}
    complete = [candidate for candidate in new if candidate.ident not in joined]
    for candidate in complete:
        _fill_from(candidate.statement, occurrences[candidate.ident])
    Statement.objects.bulk_create(candidate.statement for candidate in new)
    tallies.statements_counted(Counter(candidate.statement.speaker_id for candidate in new))
    _insert_rows(StatementSource, ["statement_id", "source_id"], [
        (candidate.statement.pk, occurrences[candidate.ident][0].article.source_id) for candidate in complete
        if occurrences[candidate.ident][0].article.source_id
    ])
    _insert_rows(StatementKey, ["statement_id", "key"], [
        (candidate.statement.pk, key) for candidate in complete
        for key in statement_keys(candidate.statement.speaker_key, words(candidate.statement.text))
    ])
    return {candidate.ident: candidate.statement.pk for candidate in new}, {c.statement.pk for c in complete}


def _fill_from(statement: Statement, quotes: list[Quote]) -> None:
    """A new statement's fields from its occurrences, all quotes of one article."""
    article = quotes[0].article
    statement.text = max((quote.text for quote in quotes), key=lambda text: len(words(text)))
    statement.first_quote_id, statement.first_article_id = min(quote.pk for quote in quotes), article.pk
    statement.first_seen, statement.occurrence_count = article.published, len(quotes)
    statement.source_count = 1 if article.source_id else 0


def statements_refresh(statement_ids) -> None:
    """Recompute statements from their occurrences: the canonical (fullest) text and its keys, the
    first occurrence, the counts; a statement left without occurrences is deleted."""
    statement_ids = {sid for sid in statement_ids if sid}
    if not statement_ids:
        return
    occurrences = defaultdict(list)
    for row in (
        Quote.objects.filter(statement_id__in=statement_ids)
        .values_list("statement_id", "id", "text", "article_id", "article__published", "article__created_at",
                     "article__source_id", "speaker_id", "speaker_label")
    ):
        occurrences[row[0]].append(row)
    gone = Statement.objects.filter(pk__in=statement_ids - set(occurrences))
    counted = Counter()
    counted.subtract(gone.values_list("speaker_id", flat=True))
    gone.delete()
    statements = list(Statement.objects.filter(pk__in=occurrences))
    keyed = set(StatementKey.objects.filter(statement_id__in=occurrences).values_list("statement_id", flat=True))
    rekeyed, sources = [], {}
    for statement in statements:
        rows = occurrences[statement.pk]
        fullest = max(rows, key=lambda row: (len(words(row[2])), -row[1]))
        first = min(rows, key=lambda row: _first_key(row[4], row[5], row[1]))
        if fullest[2] != statement.text or statement.pk not in keyed:
            rekeyed.append(statement)
        statement.text = fullest[2]
        statement.first_quote_id, statement.first_article_id, statement.first_seen = first[1], first[3], first[4]
        statement.occurrence_count = len(rows)
        sources[statement.pk] = {row[6] for row in rows if row[6] is not None}
        statement.source_count = len(sources[statement.pk])
        counted[statement.speaker_id] -= 1
        counted[first[7]] += 1
        statement.speaker_id, statement.speaker_label = first[7], first[8][:300]
    _statements_store(statements, rekeyed)
    StatementSource.objects.filter(statement_id__in=sources).delete()
    _insert_rows(StatementSource, ["statement_id", "source_id"],
                 [(statement_id, source) for statement_id, found in sources.items() for source in sorted(found)])
    tallies.statements_counted(counted)


STATEMENT_COLUMNS = ["text", "first_quote_id", "first_article_id", "first_seen", "occurrence_count", "source_count",
                     "speaker_id", "speaker_label"]


def _statements_store(statements: list[Statement], rekeyed: list[Statement]) -> None:
    """Write the statements' kept fields, and new keys for those whose canonical text changed."""
    _update_rows(Statement, STATEMENT_COLUMNS, [(*(getattr(s, c) for c in STATEMENT_COLUMNS), s.pk) for s in statements])
    StatementKey.objects.filter(statement__in=rekeyed).delete()
    _insert_rows(StatementKey, ["statement_id", "key"], [
        (statement.pk, key) for statement in rekeyed for key in statement_keys(statement.speaker_key, words(statement.text))
    ])


def _insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """INSERT plain rows in one executemany (keys and bands: a model instance each would cost more than the row)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names, marks = ", ".join(quote(column) for column in columns), ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})", rows)


def _update_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """UPDATE each row's ``columns`` (values first, the primary key last) in one executemany: Django's
    bulk_update builds a CASE expression per value, which cost more than the rest of the import step."""
    if not rows:
        return
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s", rows)


def statements_reassign(*, quote_ids) -> None:
    """Take quotes out of their statements and assign them again (after their speaker changed)."""
    quotes = list(Quote.objects.filter(pk__in=quote_ids))
    old = {quote.statement_id for quote in quotes}
    Quote.objects.filter(pk__in=quote_ids).update(statement_id=None)
    statements_refresh(old)
    statements_assign(quotes=quotes)
