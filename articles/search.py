"""Full-text search over articles (headline and body) and quotes (text), on PostgreSQL and SQLite.

Both back ends read the same query syntax, the one web search engines use: words (all must match),
"a phrase" in double quotes, `OR` between alternatives, and `-word` to exclude.

* PostgreSQL: a stored generated ``tsvector`` column (English stemming; headline weighted above body)
  with a GIN index, queried with ``websearch_to_tsquery`` and ranked with ``ts_rank``. A table added
  to search once it held millions of rows (statements) gets a GIN index on the same expression
  instead: built concurrently, it needs no rewrite of the table under a lock.
* SQLite: an FTS5 table (porter stemmer) over the same columns, kept in sync by triggers, queried
  with MATCH and ranked with bm25.

The search objects live outside Django's model state, so ``ensure_search_objects`` creates any that
are missing after every ``migrate`` (a later migration that rebuilds a table on SQLite drops triggers).
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, connections, transaction
from django.db.models import BooleanField, FloatField, Q, QuerySet
from django.db.models.expressions import Expression, RawSQL


@dataclass(frozen=True)
class SearchIndex:
    table: str  # the model's table
    columns: tuple[str, ...]  # text columns, most important first
    weights: tuple[str, ...]  # PostgreSQL weights for the columns
    stored: bool = True  # PostgreSQL: a stored search_vector column; else an index on the expression

    @property
    def fts_table(self) -> str:
        return f"{self.table}_fts"

    @property
    def pg_index(self) -> str:
        return f"{self.table}_search_idx"

    def vector_expression(self, alias: str | None = None) -> str:
        """The tsvector of a row, ``alias``'s columns; an expression index matches it whatever the alias."""
        prefix = f"{alias}." if alias else ""
        return " || ".join(
            f"setweight(to_tsvector('english', coalesce({prefix}{column}, '')), '{weight}')"
            for column, weight in zip(self.columns, self.weights)
        )

    def vector(self, alias: str) -> str:
        return f"{alias}.search_vector" if self.stored else f"({self.vector_expression(alias)})"

    def create_pg_index(self, *, concurrently: bool = False) -> str:
        indexed = "search_vector" if self.stored else f"({self.vector_expression()})"
        how = "CONCURRENTLY " if concurrently else ""
        return f"CREATE INDEX {how}IF NOT EXISTS {self.pg_index} ON {self.table} USING GIN ({indexed})"


ARTICLES = SearchIndex("articles_article", ("headline", "body"), ("A", "B"))
QUOTES = SearchIndex("articles_quote", ("text",), ("A",))
# Statements are searched by their own text (the fullest form quoted), through an index on the
# expression: searching their quotes' words read every matching quote (0.6-0.7 s at 1M articles).
STATEMENTS = SearchIndex("articles_statement", ("text",), ("A",), stored=False)
INDEXES = (ARTICLES, QUOTES, STATEMENTS)


# --- query syntax ----------------------------------------------------------------------------------

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


@dataclass
class ParsedQuery:
    groups: list[list[str]]  # AND of (OR of terms); a term is a word or a phrase
    excluded: list[str]


def parse_query(text: str) -> ParsedQuery:
    """Parse web-search syntax into required OR-groups and excluded terms."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    join_next = False
    for match in _TOKEN.finditer(text):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None and word.upper() == "OR":
            join_next = bool(groups)
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            negated, word = "-", word[1:]
        term = _clean_term(phrase if phrase is not None else word)
        if not term:
            continue
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return ParsedQuery(groups, excluded)


def _clean_term(term: str) -> str:
    # Keep letters and digits only: user input never reaches either engine's own syntax.
    return " ".join(re.findall(r"\w+", term))


def fts5_match(terms: list[list[str]]) -> str:
    """An FTS5 MATCH expression: every term quoted, so it is always read as text."""
    return " AND ".join("(" + " OR ".join(f'"{term}"' for term in group) + ")" for group in terms)


def websearch(parsed: ParsedQuery) -> str:
    """The same query rebuilt for PostgreSQL's websearch_to_tsquery from cleaned terms."""
    parts = [" or ".join(f'"{term}"' if " " in term else term for term in group) for group in parsed.groups]
    parts += [f'-"{term}"' if " " in term else f"-{term}" for term in parsed.excluded]
    return " ".join(parts)


# --- filtering -------------------------------------------------------------------------------------


def search(queryset: QuerySet, index: SearchIndex, text: str) -> QuerySet:
    """Rows that match ``text``, annotated with ``search_rank`` (higher is better)."""
    parsed = parse_query(text)
    if not parsed.groups and not parsed.excluded:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _search_postgres(queryset, index, parsed)
    if connection.vendor == "sqlite":
        return _search_sqlite(queryset, index, parsed)
    return _search_portable(queryset, index, parsed)


class _SearchVectorMatches(Expression):
    """``<row>.search_vector @@ websearch_to_tsquery(...)`` on the query's own row, whatever alias the
    table has (a subquery's is U0): a condition on the row itself. ``id IN (SELECT id ... WHERE
    search_vector @@ ...)`` joined the table with itself, and counting a common word's matches
    walked the primary key reading every row (0.45 s for 10,001 at 100k articles)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, index: SearchIndex, query: str):
        super().__init__()
        self.index, self.query = index, query

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{self.index.vector(alias)} @@ websearch_to_tsquery('english', %s)", [self.query]


def _search_postgres(queryset, index, parsed):
    value = websearch(parsed)
    rank = RawSQL(f"ts_rank({index.vector(index.table)}, websearch_to_tsquery('english', %s))", [value],
                  output_field=FloatField())
    return queryset.filter(_SearchVectorMatches(index, value)).annotate(search_rank=rank)


@contextmanager
def planned_for_the_search_index(queryset: QuerySet):
    """Inside the block, PostgreSQL reads a search's matches through the search index, not the table.

    For a LIMITed count of a common word the planner prefers reading the table in order and testing
    each row, because testing a row looks cheap to it; it is not: each row's search vector must be
    decompressed first (the first 10,001 of 70,000 matches at 300,000 articles: 1.1-1.9 s, against
    ~0.1 s through the index's bitmap). The block only reads."""
    if connections[queryset.db].vendor != "postgresql" or not is_searched(queryset):
        yield
        return
    settings = ["enable_seqscan = off"]
    if len(queryset.query.where.children) > 1:
        # A search and another filter (a topic, a person). A hash join read every match of the word
        # before counting one row (a common word's 230,000 articles: 0.9 s at 1M), and walking the
        # primary key tested each row's search vector (decompressed) until the cap. A nested loop
        # driven by a bitmap (the search index's, or the other filter's) stops at the cap.
        settings += ["enable_hashjoin = off", "enable_mergejoin = off", "enable_indexscan = off"]
    with _planner_settings(queryset.db, *settings):
        yield


@contextmanager
def _planner_settings(alias: str, *settings: str):
    """PostgreSQL planner settings for the reads inside the block only: they are made in a transaction
    (a savepoint, inside another one) that is rolled back at the end, which takes them back too."""
    with transaction.atomic(using=alias):
        with connections[alias].cursor() as cursor:
            for setting in settings:
                cursor.execute(f"SET LOCAL {setting}")
        yield
        transaction.set_rollback(True, using=alias)


# Reading a search's newest matches: walking the table newest first and testing each row costs per row
# walked (its search vector decompressed), reading every match through the index costs per match.
# Walking reads limit x rows / matches rows; it is chosen when that is cheaper by this factor.
WALK_COST_FACTOR = 5


def newest_matches(queryset: QuerySet, limit: int) -> list[int]:
    """The keys of the ``limit`` most recently added rows a search matches (``queryset`` is searched).

    PostgreSQL's planner walks the primary key backwards whenever the matches look dense enough to it,
    not knowing what testing a row costs: 0.7 s for a word in 0.7% of 2.1 million quotes. Its own
    estimate of the matches decides here instead: a walk for a word in most rows (a few thousand rows
    walked), the index for the rest (its matches read, then sorted)."""
    keys = queryset.order_by("-pk").values_list("pk", flat=True)[:limit]
    if connections[queryset.db].vendor != "postgresql":
        return list(keys)
    matches = _estimated_rows(queryset)
    rows = queryset.model.objects.using(queryset.db).order_by().values_list("pk")
    walk = matches * matches > WALK_COST_FACTOR * limit * max(_estimated_rows(rows), 1)
    with _planner_settings(queryset.db, f"enable_indexscan = {'on' if walk else 'off'}"):
        return list(keys)


def is_searched(queryset: QuerySet) -> bool:
    return "search_rank" in queryset.query.annotations


def among(queryset: QuerySet, keys: list) -> QuerySet:
    """The rows of a list with these keys. When ``keys`` are all of a search's matches, the search
    condition is dropped from the query: testing it again made PostgreSQL walk the list's order testing
    each row (a statement's search vector is computed from its text: 2.9 s for 3,292 of 5.7 million)."""
    rows = queryset.filter(pk__in=keys)
    if is_searched(queryset):
        where = rows.query.where
        # filter() wraps a condition as `<condition> = true` (an Exact lookup)
        where.children = [child for child in where.children
                          if not isinstance(getattr(child, "lhs", child), _SearchVectorMatches)]
    return rows


def _estimated_rows(queryset: QuerySet) -> float:
    """The planner's estimate of the rows a queryset returns (EXPLAIN, no execution)."""
    plan = queryset.order_by().values("pk").explain(format="json")
    return float(json.loads(plan)[0]["Plan"]["Plan Rows"])


def _search_sqlite(queryset, index, parsed):
    fts = index.fts_table
    if parsed.groups:
        expression = fts5_match(parsed.groups)
        matches = RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [expression])
        rank = RawSQL(
            f"(SELECT -bm25({fts}) FROM {fts} WHERE {fts} MATCH %s AND rowid = {index.table}.id)",
            [expression],
            output_field=FloatField(),
        )
        queryset = queryset.filter(pk__in=matches).annotate(search_rank=rank)
    else:
        queryset = queryset.annotate(search_rank=RawSQL("0.0", [], output_field=FloatField()))
    for term in parsed.excluded:
        queryset = queryset.exclude(pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [f'"{term}"']))
    return queryset


def _search_portable(queryset, index, parsed):
    """Any other database: case-insensitive containment, no stemming, no ranking."""

    def contains(term):
        condition = Q()
        for column in index.columns:
            condition |= Q(**{f"{column}__icontains": term})
        return condition

    return filter_terms(queryset, parsed, contains).annotate(search_rank=RawSQL("0.0", [], output_field=FloatField()))


def filter_terms(queryset: QuerySet, parsed: ParsedQuery, matches) -> QuerySet:
    """Apply a parsed query with ``matches(term) -> Q``: every group must match, no excluded term may."""
    for group in parsed.groups:
        alternatives = Q()
        for term in group:
            alternatives |= matches(term)
        queryset = queryset.filter(alternatives)
    for term in parsed.excluded:
        queryset = queryset.exclude(matches(term))
    return queryset


# --- schema objects ---------------------------------------------------------------------------------


def ensure_search_objects(conn=connection, indexes: tuple[SearchIndex, ...] = INDEXES) -> None:
    """Create the search column/index (PostgreSQL) or FTS table and triggers (SQLite) if missing, for
    each of ``indexes`` whose table exists (an early migration runs before later tables are made)."""
    with conn.cursor() as cursor:
        tables = set(conn.introspection.table_names(cursor))
        for index in indexes:
            if index.table not in tables:
                continue
            if conn.vendor == "postgresql":
                if index.stored:
                    cursor.execute(
                        f"ALTER TABLE {index.table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
                        f"GENERATED ALWAYS AS ({index.vector_expression()}) STORED"
                    )
                cursor.execute(index.create_pg_index())
            elif conn.vendor == "sqlite":
                _ensure_fts5(cursor, index)


def _ensure_fts5(cursor, index: SearchIndex) -> None:
    fts, table = index.fts_table, index.table
    columns = ", ".join(index.columns)
    new_values = ", ".join(f"new.{column}" for column in index.columns)
    old_values = ", ".join(f"old.{column}" for column in index.columns)
    cursor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({columns}, content='{table}', "
        f"content_rowid='id', tokenize='porter unicode61')"
    )
    cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
    had_triggers = cursor.fetchone()[0] >= 3
    insert = f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.id, {new_values});"
    delete = f"INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', old.id, {old_values});"
    cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END")
    cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END")
    cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END")
    if not had_triggers:  # rows written while the triggers were missing are indexed now
        cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
