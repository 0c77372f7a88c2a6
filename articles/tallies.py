"""Running tallies: the statistics (/stats/, a person's stats, a topic's speakers), kept as rows change.

Each article's share of the tallies (its quotes by speaker, its topics, mentions, source and date)
is stored with it in ``ArticleTally`` as last applied. ``articles_changed`` takes the stored share
away and adds the share computed from the rows as they are now, in the caller's transaction, so a
write costs in proportion to the articles it touched, never to the corpus; whatever the write was
(import, re-extraction, delete, merge, an edit in the admin), the caller only names the articles.
Statement counts are not an article's share (a statement spans articles): the de-duplication
step reports what it creates, deletes and re-attributes through ``statements_counted``.

``tallies_rebuild`` computes everything from the rows (after a bulk load, or to check the running
tallies: tests/test_tallies.py compares the two after every kind of write).
"""

import datetime as dt
import json
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count

from articles.models import (
    Article,
    ArticlePerson,
    ArticleTally,
    ArticleTopic,
    CorpusTally,
    CoSpeakerTally,
    DayTally,
    Person,
    PersonMonthTally,
    PersonRole,
    PersonSourceTally,
    PersonTally,
    PersonTopicTally,
    Quote,
    RoleTally,
    Source,
    SourceTally,
    Statement,
    Topic,
    TopicTally,
)

BATCH = 500  # articles per read: an IN list of ids, and a bounded amount of rows in memory


@dataclass(frozen=True)
class _Table:
    model: type
    keys: tuple[str, ...]
    values: tuple[str, ...]
    keep_empty: bool = False  # rows kept at zero: they carry other counts, or are few

    @property
    def name(self) -> str:
        return self.model._meta.db_table


TABLES = {
    "corpus": _Table(CorpusTally, ("name",), ("value",), keep_empty=True),
    "day": _Table(DayTally, ("day",), ("quote_count",)),
    "person": _Table(PersonTally, ("person_id",), ("quote_count", "article_count", "statement_count"), keep_empty=True),
    "topic": _Table(TopicTally, ("topic_id",), ("article_count",)),
    "source": _Table(SourceTally, ("source_id",), ("article_count",)),
    "role": _Table(RoleTally, ("person_id", "title"), ("article_count",)),
    "person_topic": _Table(PersonTopicTally, ("person_id", "topic_id"), ("quote_count", "article_count")),
    "person_source": _Table(PersonSourceTally, ("person_id", "source_id"), ("quote_count",)),
    "person_month": _Table(PersonMonthTally, ("person_id", "month"), ("quote_count",)),
    "co_speaker": _Table(CoSpeakerTally, ("person_id", "other_id"), ("shared_articles",)),
}


class Deltas:
    """Changes to the tallies, added up per row before anything is written."""

    def __init__(self):
        self.rows = {name: defaultdict(lambda width=len(table.values): [0] * width) for name, table in TABLES.items()}

    def add(self, table: str, key: tuple, values: Iterable[int], sign: int = 1) -> None:
        row = self.rows[table][key]
        for index, value in enumerate(values):
            row[index] += sign * value

    def add_share(self, share: dict, sign: int) -> None:
        for table, key, values in _rows_of(share):
            self.add(table, key, values, sign)

    def add_statements(self, speakers: Counter) -> None:
        """Statements per speaker id (None: said by no person), counted in the corpus and by person."""
        for speaker, change in speakers.items():
            if change:
                self.add("corpus", ("statements",), (change,))
                if speaker is not None:
                    self.add("person", (speaker,), (0, 0, change))


def _rows_of(share: dict):
    """The tally rows one article's share adds to: (table, key, values)."""
    quotes = {speaker: count for speaker, count in share["quotes"]}
    total = sum(quotes.values())
    day = dt.date.fromisoformat(share["day"]) if share["day"] else None
    source, topics = share["source"], share["topics"]
    yield "corpus", ("articles",), (1,)
    if total:
        yield "corpus", ("quotes",), (total,)
        if day is None:
            yield "corpus", ("undated_quotes",), (total,)
        else:
            yield "day", (day,), (total,)
    month = day.replace(day=1) if day else None
    speakers = sorted(speaker for speaker in quotes if speaker is not None)
    for speaker in speakers:
        count = quotes[speaker]
        yield "person", (speaker,), (count, 0, 0)
        for topic in topics:
            yield "person_topic", (speaker, topic), (count, 0)
        if source is not None:
            yield "person_source", (speaker, source), (count,)
        if month:
            yield "person_month", (speaker, month), (count,)
        for other in speakers:
            if other != speaker:
                yield "co_speaker", (speaker, other), (1,)
    for person in share["mentions"]:
        yield "person", (person,), (0, 1, 0)
        for topic in topics:
            yield "person_topic", (person, topic), (0, 1)
    for topic in topics:
        yield "topic", (topic,), (1,)
    if source is not None:
        yield "source", (source,), (1,)
    for person, title in share["roles"]:
        yield "role", (person, title), (1,)


def quote_count(share: dict) -> int:
    """The article's quotes, from its share."""
    return sum(count for _, count in share["quotes"])


def article_shares(article_ids: Iterable[int]) -> dict[int, dict]:
    """Each stored article's share, read from its rows (four queries a batch); gone articles have none."""
    shares = {}
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        quotes, topics, mentions, roles = defaultdict(Counter), defaultdict(list), defaultdict(list), defaultdict(list)
        for article_id, speaker_id in Quote.objects.filter(article_id__in=batch).values_list("article_id", "speaker_id"):
            quotes[article_id][speaker_id] += 1
        for article_id, topic_id in ArticleTopic.objects.filter(article_id__in=batch).values_list("article_id", "topic_id"):
            topics[article_id].append(topic_id)
        for article_id, person_id in ArticlePerson.objects.filter(article_id__in=batch).values_list("article_id", "person_id"):
            mentions[article_id].append(person_id)
        for article_id, person_id, title in PersonRole.objects.filter(article_id__in=batch).values_list("article_id", "person_id", "title"):
            roles[article_id].append([person_id, title])
        for article_id, published, source_id in Article.objects.filter(pk__in=batch).values_list("pk", "published", "source_id"):
            shares[article_id] = {
                "day": published.isoformat() if published else None,
                "source": source_id,
                "quotes": sorted(quotes[article_id].items(), key=lambda item: (item[0] is None, item[0] or 0)),
                "topics": sorted(topics[article_id]),
                "mentions": sorted(mentions[article_id]),
                "roles": sorted(roles[article_id]),
            }
    return shares


_deferral = threading.local()


@contextmanager
def deferred():
    """Inside the block, ``articles_changed`` only notes the articles; they are brought up to date
    together when the block ends (the import's batch of 32 articles to a transaction: one set of
    reads and one write per tally table instead of one per article). Use it inside the transaction.
    An article whose savepoint was rolled back meanwhile is brought up to date all the same: its rows
    are as they were, so nothing changes for it."""
    if getattr(_deferral, "articles", None) is not None:  # nested: the outer block applies
        yield
        return
    _deferral.articles = set()
    try:
        yield
        noted = _deferral.articles
    finally:
        _deferral.articles = None
    articles_changed(noted)


def articles_changed(article_ids: Iterable[int]) -> None:
    """Bring the tallies up to date with these articles' rows (stored, changed or deleted since)."""
    if getattr(_deferral, "articles", None) is not None:
        _deferral.articles.update(article_id for article_id in article_ids if article_id)
        return
    ids = sorted({article_id for article_id in article_ids if article_id})
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        old = dict(ArticleTally.objects.filter(article_id__in=batch).values_list("article_id", "contribution"))
        new = article_shares(batch)
        deltas = Deltas()
        for share in old.values():
            deltas.add_share(share, -1)
        for share in new.values():
            deltas.add_share(share, +1)
        _apply(deltas)
        changed = [article_id for article_id, share in new.items() if old.get(article_id) != share]
        ArticleTally.objects.filter(article_id__in=(set(old) - set(new)) | set(changed)).delete()
        ArticleTally.objects.bulk_create(
            ArticleTally(article_id=article_id, contribution=new[article_id], quote_count=quote_count(new[article_id]))
            for article_id in changed
        )


def articles_counted_with(obj, *, deleting: bool = False) -> set[int]:
    """The articles whose share of the statistics (articles/tallies.py) an edit of ``obj`` can change.

    Editing a person, topic or source changes no count (names are read when shown); deleting one
    takes it out of every article that quotes, mentions or covers it."""
    if isinstance(obj, Article):
        return {obj.pk}
    if isinstance(obj, (Quote, ArticleTopic, ArticlePerson, PersonRole)):
        return {obj.article_id}
    if not deleting:
        return set()
    if isinstance(obj, Person):
        return {
            article_id for rows in (Quote.objects.filter(speaker=obj), ArticlePerson.objects.filter(person=obj),
                                    PersonRole.objects.filter(person=obj))
            for article_id in rows.values_list("article_id", flat=True)
        }
    if isinstance(obj, Topic):
        return set(ArticleTopic.objects.filter(topic=obj).values_list("article_id", flat=True))
    if isinstance(obj, Source):
        return set(Article.objects.filter(source=obj).values_list("pk", flat=True))
    return set()


def statements_counted(speakers: Counter) -> None:
    """Statements created (+1) or removed (-1) per speaker id (None: said by no person)."""
    deltas = Deltas()
    deltas.add_statements(speakers)
    _apply(deltas)


def _apply(deltas: Deltas) -> None:
    for name, table in TABLES.items():
        rows = sorted(  # one order for every writer: two transactions never wait on each other's rows in turn
            ((key, values) for key, values in deltas.rows[name].items() if any(values)),
            key=lambda row: tuple(str(part) for part in row[0]),
        )
        if rows:
            _write(table, rows)


def _write(table: _Table, rows: list[tuple[tuple, list[int]]]) -> None:
    """Add each row's values: INSERT ... ON CONFLICT DO UPDATE where something is added (the row may be
    new), UPDATE where only something is taken away (the row may be gone with its person or topic);
    then drop rows left at zero."""
    quote = connection.ops.quote_name
    keys, values = ", ".join(quote(k) for k in table.keys), [quote(v) for v in table.values]
    adding = [(*key, *change) for key, change in rows if any(v > 0 for v in change)]
    taking = [(*change, *key) for key, change in rows if not any(v > 0 for v in change)]
    with connection.cursor() as cursor:
        if adding:
            marks = ", ".join(["%s"] * (len(table.keys) + len(values)))
            updates = ", ".join(f"{v} = {quote(table.name)}.{v} + excluded.{v}" for v in values)
            cursor.executemany(
                f"INSERT INTO {quote(table.name)} ({keys}, {', '.join(values)}) VALUES ({marks}) "
                f"ON CONFLICT ({keys}) DO UPDATE SET {updates}",
                adding,
            )
        where = " AND ".join(f"{quote(k)} = %s" for k in table.keys)
        if taking:
            sets = ", ".join(f"{v} = {v} + %s" for v in values)
            cursor.executemany(f"UPDATE {quote(table.name)} SET {sets} WHERE {where}", taking)
        if not table.keep_empty:
            emptied = [key for key, change in rows if any(v < 0 for v in change)]
            if emptied:
                nothing_left = " AND ".join(f"{v} <= 0" for v in values)
                cursor.executemany(f"DELETE FROM {quote(table.name)} WHERE {where} AND {nothing_left}", emptied)


def tallies_rebuild() -> dict[str, int]:
    """Compute every tally from the rows, replacing what is stored; returns the rows written per table.

    On PostgreSQL the database does it in SQL, each table one grouped INSERT ... SELECT: adding up every
    article's share in Python took 68 minutes at 1M articles (tests/test_tallies.py checks that the two
    give the same rows)."""
    if connection.vendor == "postgresql":
        return _rebuild_in_sql()
    return _rebuild_from_shares()


def _rebuild_from_shares() -> dict[str, int]:
    for table in TABLES.values():
        table.model.objects.all().delete()
    ArticleTally.objects.all().delete()
    deltas = Deltas()
    last = 0
    while ids := list(Article.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH * 4]):
        shares = article_shares(ids)
        for share in shares.values():
            deltas.add_share(share, +1)
        _insert_plain(ArticleTally._meta.db_table, ["article_id", "contribution", "quote_count"],
                      ((article_id, json.dumps(share), quote_count(share)) for article_id, share in shares.items()))
        last = ids[-1]
    deltas.add_statements(Counter(dict(Statement.objects.order_by().values_list("speaker_id").annotate(n=Count("*")))))
    for name, table in TABLES.items():  # the tables are empty: plain inserts, no upserts
        _insert_plain(table.name, [*table.keys, *table.values],
                      ((*key, *values) for key, values in deltas.rows[name].items() if any(values)))
    return {name: sum(1 for values in deltas.rows[name].values() if any(values)) for name in TABLES}


# Each tally table's rows from the stored rows, as ``_rows_of`` adds them up article by article.
# Written in the order of each table's unique key: its index then grows at its end (unordered rows
# made the index writes a third of the rebuild).
_REBUILD_SQL = {
    "article": """
        WITH quotes AS (
            SELECT article_id, speaker_id, count(*) AS n FROM articles_quote GROUP BY article_id, speaker_id),
        quoted AS (
            SELECT article_id, sum(n) AS total,
                   jsonb_agg(jsonb_build_array(speaker_id, n) ORDER BY speaker_id NULLS LAST) AS quotes
            FROM quotes GROUP BY article_id),
        topics AS (
            SELECT article_id, jsonb_agg(topic_id ORDER BY topic_id) AS topics
            FROM articles_articletopic GROUP BY article_id),
        mentions AS (
            SELECT article_id, jsonb_agg(person_id ORDER BY person_id) AS mentions
            FROM articles_articleperson GROUP BY article_id),
        roles AS (  -- ordered as Python orders [person, title]: by code point ("C")
            SELECT article_id, jsonb_agg(jsonb_build_array(person_id, title) ORDER BY person_id, title COLLATE "C")
                   AS roles
            FROM articles_personrole GROUP BY article_id)
        INSERT INTO articles_articletally (article_id, contribution, quote_count)
        SELECT a.id,
               jsonb_build_object(
                   'day', to_char(a.published, 'YYYY-MM-DD'), 'source', a.source_id,
                   'quotes', coalesce(q.quotes, '[]'), 'topics', coalesce(t.topics, '[]'),
                   'mentions', coalesce(m.mentions, '[]'), 'roles', coalesce(r.roles, '[]')),
               coalesce(q.total, 0)
        FROM articles_article a
        LEFT JOIN quoted q ON q.article_id = a.id LEFT JOIN topics t ON t.article_id = a.id
        LEFT JOIN mentions m ON m.article_id = a.id LEFT JOIN roles r ON r.article_id = a.id
        ORDER BY a.id""",
    "corpus": """
        INSERT INTO articles_corpustally (name, value)
        SELECT name, value FROM (
            SELECT 'articles' AS name, (SELECT count(*) FROM articles_article) AS value
            UNION ALL SELECT 'quotes', (SELECT count(*) FROM articles_quote)
            UNION ALL SELECT 'undated_quotes', (SELECT count(*) FROM articles_quote q
                                                JOIN articles_article a ON a.id = q.article_id
                                                WHERE a.published IS NULL)
            UNION ALL SELECT 'statements', (SELECT count(*) FROM articles_statement)) counts
        WHERE value <> 0""",
    "day": """
        INSERT INTO articles_daytally (day, quote_count)
        SELECT a.published, count(*) FROM articles_quote q JOIN articles_article a ON a.id = q.article_id
        WHERE a.published IS NOT NULL GROUP BY a.published""",
    "person": """
        INSERT INTO articles_persontally (person_id, quote_count, article_count, statement_count)
        SELECT person_id, sum(quotes), sum(articles), sum(statements) FROM (
            SELECT speaker_id AS person_id, count(*) AS quotes, 0 AS articles, 0 AS statements
            FROM articles_quote WHERE speaker_id IS NOT NULL GROUP BY speaker_id
            UNION ALL SELECT person_id, 0, count(*), 0 FROM articles_articleperson GROUP BY person_id
            UNION ALL SELECT speaker_id, 0, 0, count(*) FROM articles_statement
            WHERE speaker_id IS NOT NULL GROUP BY speaker_id) parts
        GROUP BY person_id""",
    "topic": """
        INSERT INTO articles_topictally (topic_id, article_count)
        SELECT topic_id, count(*) FROM articles_articletopic GROUP BY topic_id""",
    "source": """
        INSERT INTO articles_sourcetally (source_id, article_count)
        SELECT source_id, count(*) FROM articles_article WHERE source_id IS NOT NULL GROUP BY 1 ORDER BY 1""",
    "role": """
        INSERT INTO articles_roletally (person_id, title, article_count)
        SELECT person_id, title, count(*) FROM articles_personrole GROUP BY 1, 2 ORDER BY 1, 2""",
    "person_topic": """
        INSERT INTO articles_persontopictally (person_id, topic_id, quote_count, article_count)
        SELECT person_id, topic_id, sum(quotes), sum(articles) FROM (
            SELECT q.speaker_id AS person_id, t.topic_id, count(*) AS quotes, 0 AS articles
            FROM articles_quote q JOIN articles_articletopic t ON t.article_id = q.article_id
            WHERE q.speaker_id IS NOT NULL GROUP BY q.speaker_id, t.topic_id
            UNION ALL SELECT m.person_id, t.topic_id, 0, count(*)
            FROM articles_articleperson m JOIN articles_articletopic t ON t.article_id = m.article_id
            GROUP BY m.person_id, t.topic_id) parts
        GROUP BY person_id, topic_id ORDER BY person_id, topic_id""",
    "person_source": """
        INSERT INTO articles_personsourcetally (person_id, source_id, quote_count)
        SELECT q.speaker_id, a.source_id, count(*) FROM articles_quote q JOIN articles_article a ON a.id = q.article_id
        WHERE q.speaker_id IS NOT NULL AND a.source_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2""",
    "person_month": """
        INSERT INTO articles_personmonthtally (person_id, month, quote_count)
        SELECT q.speaker_id, date_trunc('month', a.published)::date, count(*)
        FROM articles_quote q JOIN articles_article a ON a.id = q.article_id
        WHERE q.speaker_id IS NOT NULL AND a.published IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2""",
    "co_speaker": """
        WITH speakers AS (
            SELECT DISTINCT article_id, speaker_id FROM articles_quote WHERE speaker_id IS NOT NULL)
        INSERT INTO articles_cospeakertally (person_id, other_id, shared_articles)
        SELECT one.speaker_id, other.speaker_id, count(*)
        FROM speakers one JOIN speakers other ON other.article_id = one.article_id AND other.speaker_id <> one.speaker_id
        GROUP BY 1, 2 ORDER BY 1, 2""",
}


def _rebuild_in_sql() -> dict[str, int]:
    tables = [ArticleTally._meta.db_table, *(table.name for table in TABLES.values())]
    written = {}
    with connection.cursor() as cursor:
        # Memory for the grouping of millions of quotes, for this rebuild only (the default spills to disk).
        cursor.execute("SELECT current_setting('work_mem')")
        (work_mem,) = cursor.fetchone()
        cursor.execute("SET work_mem = '256MB'")
        for table in tables:  # not TRUNCATE: readers keep seeing the old rows until the caller commits
            cursor.execute(f"DELETE FROM {table}")
        for name, sql in _REBUILD_SQL.items():
            cursor.execute(sql)
            written[name] = cursor.rowcount
        cursor.execute("SELECT set_config('work_mem', %s, false)", [work_mem])
    del written["article"]
    return written


def _insert_plain(table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    """Write rows into a table as they are: COPY on PostgreSQL (a model instance per row cost more than
    the rest of a rebuild), one executemany elsewhere."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", list(rows))


def tallies_snapshot() -> dict[str, set]:
    """Every stored tally row, comparable with another snapshot (tests: running tallies == a rebuild)."""
    snapshot = {}
    for name, table in TABLES.items():
        fields = [*table.keys, *table.values]
        snapshot[name] = {
            row for row in table.model.objects.values_list(*fields)
            if table.keep_empty is False or any(row[len(table.keys):])
        }
    return snapshot
