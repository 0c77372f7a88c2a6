"""Load N synthetic articles straight into PostgreSQL (COPY, no NLP), shaped like a real corpus.

Usage:
    createdb -h 127.0.0.1 -U postgres scale_100k
    python benchmarks/synthetic_corpus.py --articles 100000 \\
        --database-url postgres://postgres@127.0.0.1:5432/scale_100k [--seed 1]

For growth benchmarks (benchmarks/api_growth.py) at sizes the NLP import would take days to reach.
The database must be empty; the script runs ``manage.py migrate`` first, then writes every table
the API and the admin read, with what the import would have derived:

* **Text.** Sentences of real pages (the reference bodies of
  ``../shared/benchmarks/boilerplate/dev.jsonl`` and the records of ``benchmarks/out/corpus.jsonl``,
  made by ``build_corpus.py``), so full-text search meets real words at real frequencies. A body is
  5-9 paragraphs of 2-4 sentences plus its 6-8 quotes, each quote inside its paragraph with the
  speaker and cue verb around it (``"...," Ada Smith said.``), its offsets pointing at it.
  A quote's words are half of one corpus sentence and half of another, so that what a speaker says
  is new unless they repeat themselves (7% of quotes repeat one of the speaker's recent statements).
* **Who and what.** People (first name + surname, aliases "Ada Smith", "Smith", "Ms Smith" with
  their name keys, one role title each), authors (other people), sources and topics (the 17 IPTC
  subjects, key phrases, places, organisations) are each drawn Zipf-distributed: a few speakers,
  publishers and topics take most of the corpus. Their numbers grow sublinearly with N (people
  ~2 N^0.7, topics ~20 N^0.5, sources ~20 + N^0.5).
* **Time.** Ten years of publication dates (2016-2025), more articles in later years; articles are
  stored in date order (ids and created_at follow publication); 0.5% undated.
* **Copies.** 12% of articles are syndicated copies of a recent article (same body and quotes,
  another publisher, often a new headline): stories as ``articles/duplicates.py`` would make them,
  with each body's real MinHash fingerprint and LSH band keys (``articles/fingerprints.py``).
* **Statements.** Quotes of one speaker key with the same words are one statement (copies, repeats);
  counters, first occurrence, source count and lookup keys as ``duplicates.statements_refresh``
  computes them. What the generator never makes, the near-identical and contained quotes the
  import would also join, is left out rather than approximated.
* **Derived.** ``search_vector`` is the stored generated column (computed by PostgreSQL on COPY);
  ``Story.article_count``/``original`` (copy_count), ``Statement.occurrence_count``/``source_count``,
  ``DataVersion``; sequences set past the ids written. Secondary indexes are dropped during COPY
  and rebuilt after (as a bulk load should), then VACUUM ANALYZE.

The same seed and N give the same rows (timestamps included). Prints the time of each phase.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import datetime as dt
import hashlib
import itertools
import json
import math
import os
import random
import re
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from articles.extraction.names import fold, name_key
from articles.fingerprints import (
    _EMPTY,
    MINHASH_BINS,
    SHINGLE_WORDS,
    BodyFingerprint,
    _densified,
    statement_keys,
    words,
)

DEV = REPO.parent / "shared/benchmarks/boilerplate/dev.jsonl"
CORPUS = REPO / "benchmarks/out/corpus.jsonl"
FIRST_DAY = dt.date(2016, 1, 1)
DAYS = 3653  # ten years: 2016-01-01 .. 2025-12-31
LOAD_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # DataVersion.changed_at: reproducible

COPY_SHARE = 0.12  # articles that are syndicated copies of a recent one
COPY_WINDOW = 300  # ... chosen among the last this many articles
REPEAT_SHARE = 0.07  # quotes that repeat one of the speaker's recent statements
UNDATED_SHARE = 0.005

FIRST_NAMES_F = ["Ada", "Amara", "Anna", "Beatriz", "Chiara", "Claire", "Daniela", "Elena", "Emma", "Fatima", "Grace", "Hana", "Ines", "Irene", "Jana", "Joan", "Julia", "Karin", "Laila", "Lena", "Lucia", "Maria", "Maya", "Mei", "Nadia", "Nora", "Olga", "Priya", "Rosa", "Sara", "Sofia", "Tanya", "Yuki", "Zara", "Aisha", "Brigitte", "Carmen", "Dana", "Eva"]
FIRST_NAMES_M = ["Adam", "Ahmed", "Ali", "Andre", "Ben", "Carlos", "Chen", "David", "Diego", "Erik", "Felix", "Hassan", "Ivan", "James", "Jean", "Jonas", "Kofi", "Liam", "Lucas", "Marco", "Mateo", "Mohammed", "Noah", "Omar", "Pablo", "Paul", "Pedro", "Rahul", "Ravi", "Samuel", "Sergei", "Tariq", "Thomas", "Tomas", "Viktor", "Yusuf", "Kenji", "Oleksandr", "Nikolai"]
SURNAMES = ["Abbott", "Adeyemi", "Alvarez", "Andersen", "Bakker", "Barros", "Becker", "Bianchi", "Brennan", "Castillo", "Chowdhury", "Costa", "Dahl", "Dubois", "Eriksson", "Ferreira", "Fischer", "Fontaine", "Garcia", "Gomez", "Gupta", "Haddad", "Hansen", "Hoffmann", "Ivanova", "Jensen", "Kaminski", "Kapoor", "Keller", "Kim", "Kowalczyk", "Kruger", "Larsen", "Laurent", "Lindgren", "Lopez", "Mahlangu", "Marino", "Meyer", "Moreau", "Morgan", "Mwangi", "Nakamura", "Nguyen", "Novak", "Nowak", "Obi", "Okafor", "Olsen", "Ortiz", "Park", "Pereira", "Petrov", "Popescu", "Quinn", "Rahman", "Reyes", "Ricci", "Rossi", "Santos", "Schmidt", "Schneider", "Silva", "Singh", "Sorensen", "Suzuki", "Tanaka", "Torres", "Tran", "Varga", "Vasquez", "Volkov", "Wagner", "Walsh", "Weber", "Wong", "Yilmaz", "Yamamoto", "Zhang", "Ziegler", "Zielinski", "Murphy", "Kelly", "Byrne", "Hughes", "Evans", "Davies", "Roberts", "Edwards", "Lewis", "Harris", "Clarke", "Wright", "Turner", "Hill", "Carter", "Mitchell", "Osei", "Mensah", "Boateng", "Owusu", "Nkosi", "Dlamini", "Kariuki", "Otieno", "Banda", "Phiri", "Moyo", "Chukwu", "Eze", "Nwosu", "Bello"]
ROLE_TITLES = ["Prime Minister", "President", "Foreign Minister", "Finance Minister", "Health Secretary", "chief executive", "spokesperson", "mayor", "senator", "governor", "opposition leader", "central bank governor", "professor of economics", "union leader", "police chief", "chief economist", "party chair", "defence minister", "interior minister", "education secretary", "head coach", "chairman", "director", "ambassador", "judge", "general secretary", "climate envoy", "trade minister", "chief medical officer", "army chief"]
NON_PERSON_SPEAKERS = ["Downing Street", "the White House", "the Kremlin", "the ministry", "the company", "the police", "the UN", "the European Commission", "Russian state media", "the government", "the club", "the union", "the court", "the hospital", "the central bank", "the army", "the state broadcaster", "the regulator", "the council", "the foreign ministry", "the opposition", "the airline", "the agency", "the embassy"]
UNNAMED_SPEAKERS = ["a senior official", "a spokesperson", "a government source", "a witness", "one resident", "an aide", "a diplomat", "a spokeswoman", "a spokesman", "an analyst", "a local councillor", "a police officer"]
CUES = ["said", "says", "told", "added", "explained", "warned", "noted", "argued", "wrote", "stressed", "insisted", "claimed", "announced", "suggested", "admitted", "acknowledged", "declared", "urged", "confirmed", "replied", "continued", "recalled", "observed", "remarked", "conceded", "predicted", "cautioned", "tweeted", "posted", "quipped"]
CREDITS = ["Reuters", "AP", "AFP", "Getty Images", "EPA", "PA Media", "Bloomberg", "Xinhua", "Anadolu", "Shutterstock", "handout", "staff"]
PLACES = ["London", "Paris", "Berlin", "Madrid", "Rome", "Kyiv", "Moscow", "Beijing", "Tokyo", "Delhi", "Mumbai", "Lagos", "Nairobi", "Cairo", "Johannesburg", "Washington", "New_York", "California", "Texas", "Florida", "Brussels", "Warsaw", "Vienna", "Athens", "Istanbul", "Ankara", "Tehran", "Baghdad", "Jerusalem", "Gaza", "Beirut", "Damascus", "Riyadh", "Dubai", "Karachi", "Dhaka", "Jakarta", "Manila", "Seoul", "Sydney", "Melbourne", "Auckland", "Toronto", "Ottawa", "Mexico_City", "Sao_Paulo", "Buenos_Aires", "Lima", "Bogota", "Santiago", "Caracas", "Havana", "Dublin", "Edinburgh", "Cardiff", "Belfast", "Manchester", "Birmingham", "Glasgow", "Lisbon", "Stockholm", "Oslo", "Copenhagen", "Helsinki", "Prague", "Budapest", "Bucharest", "Sofia", "Belgrade", "Zagreb", "Kabul", "Islamabad", "Addis_Ababa", "Accra", "Kinshasa", "Khartoum", "Tripoli", "Tunis", "Algiers", "Rabat", "Kampala", "Kigali", "Harare", "Lusaka", "Singapore", "Bangkok", "Hanoi", "Taipei", "Hong_Kong", "Shanghai", "Ukraine", "Russia", "China", "India", "Pakistan", "Israel", "Iran", "Iraq", "Syria", "Germany", "France", "Italy", "Spain", "Poland", "Brazil", "Argentina", "Nigeria", "Kenya", "Ethiopia", "Egypt", "Turkey", "Japan", "Canada", "Australia", "Mexico", "Venezuela", "Colombia", "Chile", "Peru", "Scotland", "Wales"]
ORG_SUFFIXES = ["Group", "Party", "Foundation", "Institute", "Council", "Bank", "Holdings", "Alliance", "Trust", "Association", "Commission", "Agency"]


# --- pure helpers (tested in tests/test_synthetic_corpus.py) ---------------------------------------


class ZipfSampler:
    """Ranks 0..n-1 with P(k) proportional to 1 / (k + 1) ** exponent, drawn by bisecting the
    cumulative weights: rank 0 is the most frequent. Deterministic for a given random.Random."""

    def __init__(self, n: int, exponent: float = 1.0):
        if n < 1:
            raise ValueError("a Zipf sampler needs at least one rank")
        self.n = n
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) ** exponent for rank in range(n)))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random) -> int:
        return min(bisect.bisect_right(self.cumulative, rng.random() * self.total), self.n - 1)

    def share(self, rank: int) -> float:
        """The expected share of draws that give ``rank``."""
        previous = self.cumulative[rank - 1] if rank else 0.0
        return (self.cumulative[rank] - previous) / self.total


@dataclass(frozen=True)
class Shape:
    """How many of each thing a corpus of ``articles`` articles holds (sublinear, as vocabularies grow)."""

    articles: int

    @property
    def people(self) -> int:
        return max(50, int(2 * self.articles ** 0.7))

    @property
    def authors(self) -> int:
        return max(10, int(1.5 * self.articles ** 0.5))

    @property
    def sources(self) -> int:
        return 20 + int(self.articles ** 0.5)

    @property
    def topics(self) -> int:  # besides the 17 IPTC subjects
        return max(50, int(20 * self.articles ** 0.5))


def published_days(rng: random.Random, count: int) -> list[int | None]:
    """Days after FIRST_DAY, sorted, with density rising linearly over the ten years; some undated (None)
    placed among the dated at random (an import stores undated articles whenever they come)."""
    days = sorted(int(DAYS * math.sqrt(rng.random())) for _ in range(count))
    return [None if rng.random() < UNDATED_SHARE else day for day in days]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'(])")


def split_sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in _SENTENCE_END.split(text) if sentence.strip()]


def splice(first: str, second: str) -> list[str]:
    """Words of a new sentence: the first half of one sentence and the second half of another."""
    a, b = first.split(), second.split()
    return a[: max(3, len(a) // 2)] + b[len(b) // 2:]


class FingerprintCache:
    """``fingerprints.body_fingerprint`` of a body built from units (sentences), reusing the hashed
    shingles inside the corpus sentences it has seen: only the shingles across unit boundaries and
    those of new units (quotes) are hashed again. The result equals ``body_fingerprint(body)`` for
    ``body = "\\n\\n".join(" ".join(units) for units in paragraphs)`` (a test holds them equal)."""

    def __init__(self):
        self.units: dict[str, tuple[list[str], frozenset[int]]] = {}

    def unit(self, text: str, *, keep: bool) -> tuple[list[str], frozenset[int]]:
        found = self.units.get(text)
        if found is None:
            tokens = words(text)
            inner = frozenset(_shingle_hash(tokens[i:i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1))
            found = (tokens, inner)
            if keep:
                self.units[text] = found
        return found

    def fingerprint(self, paragraphs: list[list[tuple[str, bool]]]) -> BodyFingerprint:
        """``paragraphs``: each a list of (unit text, cacheable)."""
        values: set[int] = set()
        for paragraph in paragraphs:
            tokens: list[str] = []
            for text, keep in paragraph:
                unit_tokens, inner = self.unit(text, keep=keep)
                values.update(inner)
                start = len(tokens)
                tokens.extend(unit_tokens)
                # shingles that start in the previous units and end in this one
                for i in range(max(0, start - SHINGLE_WORDS + 1), start):
                    if i + SHINGLE_WORDS <= len(tokens):
                        values.add(_shingle_hash(tokens[i:i + SHINGLE_WORDS]))
            if 0 < len(tokens) < SHINGLE_WORDS:  # a short paragraph is one shingle
                values.add(_shingle_hash(tokens))
        bins = [_EMPTY] * MINHASH_BINS
        for value in values:
            index, rest = value % MINHASH_BINS, value >> 6
            bins[index] = min(bins[index], rest)
        return BodyFingerprint(tuple(_densified(bins)), len(values))


def _shingle_hash(tokens: list[str], _blake2b=hashlib.blake2b, _from_bytes=int.from_bytes) -> int:
    """``stable_hash(" ".join(tokens))``, inlined: it is most of the loader's time."""
    return _from_bytes(_blake2b(" ".join(tokens).encode("utf-8"), digest_size=8).digest(), "big")


def corpus_sentences(paths: list[Path]) -> list[str]:
    """Distinct sentences of 6-45 words from the bodies of JSONL records (``body`` or ``article_body``),
    in a fixed order."""
    paragraphs = set()  # corpus.jsonl recombines the same paragraphs many times: split each once
    for path in paths:
        with path.open() as lines:
            for line in lines:
                record = json.loads(line)
                paragraphs.update((record.get("body") or record.get("article_body") or "").split("\n"))
    found = set()
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            if 6 <= len(sentence.split()) <= 45 and words(sentence):
                found.add(sentence)
    return sorted(found)


# --- the generator ---------------------------------------------------------------------------------


def slugify(text: str) -> str:
    from django.utils.text import slugify as django_slugify

    return django_slugify(text)


class Slugs:
    """Unique slugs per table, as ``services._unique_slug`` would give (a suffix on a clash)."""

    def __init__(self):
        self.taken: set[str] = set()

    def __call__(self, text: str, fallback: str, limit: int = 200) -> str:
        base = slugify(text)[:limit].strip("-") or fallback
        slug, number = base, 2
        while slug in self.taken:
            slug, number = f"{base}-{number}", number + 1
        self.taken.add(slug)
        return slug


@dataclass
class PersonRow:
    id: int
    name: str
    slug: str
    aliases: list[str]
    role: str


@dataclass
class QuotePlan:
    text: str
    kind: str
    cue: str
    speaker: int | None  # person id
    label: str
    is_person: bool
    paragraph: int = 0
    start: int = 0
    key: str = ""  # speaker key


@dataclass
class ArticlePlan:
    headline: str
    body: str
    fingerprint: BodyFingerprint
    quotes: list[QuotePlan]
    mentions: dict[int, int]
    roles: list[tuple[int, str]]
    topics: list[tuple[int, float]]
    story: int


@dataclass
class StatementState:
    id: int
    speaker: int | None
    label: str
    key: str
    text: str
    first: tuple  # (undated, day, created_at, quote id)
    first_quote: int
    first_article: int
    first_seen: dt.date | None
    count: int = 0
    sources: set = field(default_factory=set)


class Corpus:
    """Everything a corpus of ``shape.articles`` articles holds, generated in article order from one seed."""

    def __init__(self, shape: Shape, seed: int, sentences: list[str]):
        self.shape, self.rng, self.sentences = shape, random.Random(seed), sentences
        self.fingerprints = FingerprintCache()
        self.sources = self._sources()
        self.people = self._people(shape.people, start=1)
        self.authors = self._people(shape.authors, start=len(self.people) + 1, roles=False)
        self.subjects, self.others = self._topics()
        self.speaker_of = ZipfSampler(len(self.people), 1.0)
        self.mentioned = ZipfSampler(len(self.people), 0.9)
        self.author_of = ZipfSampler(len(self.authors), 0.8)
        self.source_of = ZipfSampler(len(self.sources), 1.1)
        self.subject_of = ZipfSampler(len(self.subjects), 1.0)
        self.topic_of = ZipfSampler(len(self.others), 1.0)
        self.cue_of = ZipfSampler(len(CUES), 1.6)
        self.org_of = ZipfSampler(len(NON_PERSON_SPEAKERS), 1.0)
        self.credit_of = ZipfSampler(len(CREDITS), 1.0)
        self.recent: deque[tuple[int, ArticlePlan]] = deque(maxlen=COPY_WINDOW)
        self.said: dict[str, deque] = {}  # speaker key -> recent (text, kind)
        self.statements: dict[tuple[str, str], StatementState] = {}
        self.stories: dict[int, list] = {}  # story id -> [article_count, (undated, day, created, id) of the original]
        self.next_quote = 1

    # people, sources, topics --------------------------------------------------------------------

    def _people(self, count: int, *, start: int, roles: bool = True) -> list[PersonRow]:
        rng, slugs = self.rng, getattr(self, "_person_slugs", None) or Slugs()
        self._person_slugs = slugs
        names, seen = [], getattr(self, "_names", set())
        self._names = seen
        while len(names) < count:
            female = rng.random() < 0.45
            first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
            surname = rng.choice(SURNAMES)
            middle = f" {rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.3 else ""
            name = f"{first}{middle} {surname}"
            if len(seen) > 0.6 * len(FIRST_NAMES_F + FIRST_NAMES_M) * len(SURNAMES):
                name = f"{first} {rng.choice(SURNAMES)}-{surname}"
            if name in seen:
                continue
            seen.add(name)
            aliases = [name, surname, f"{'Ms' if female else 'Mr'} {surname}"]
            names.append(PersonRow(start + len(names), name, slugs(name, "person", 180), aliases,
                                   rng.choice(ROLE_TITLES) if roles else ""))
        return names

    def _sources(self) -> list[tuple[int, str, str, str]]:
        rng, slugs, result = self.rng, Slugs(), []
        vocabulary = [w for w in {word.strip(".,;:'\"()").capitalize() for s in self.sentences[:3000] for word in s.split()}
                      if w.isalpha() and 4 <= len(w) <= 10]
        vocabulary.sort()
        kinds = ["Times", "Post", "Herald", "News", "Daily", "Tribune", "Observer", "Gazette", "Wire", "Review",
                 "Journal", "Chronicle", "Courier", "Express", "Standard", "Monitor", "Radio", "TV"]
        names = set()
        while len(result) < self.shape.sources:
            name = f"The {rng.choice(vocabulary)} {rng.choice(kinds)}"
            if name in names:
                continue
            names.add(name)
            slug = slugs(name, "source")
            result.append((len(result) + 1, name, slug, f"www.{slug.replace('-', '')}.example"))
        return result

    def _topics(self):
        from articles.extraction import lexicons

        rng = self.rng
        subjects = list(lexicons.table("iptc_subjects"))
        stop = set(lexicons.table("language_stopwords")["en"])
        phrases, orgs = set(), set()
        for sentence in self.sentences:
            tokens = [t for t in words(sentence) if t.isalpha()]
            for a, b in itertools.pairwise(tokens):
                if a not in stop and b not in stop and len(a) > 3 and len(b) > 3:
                    phrases.add(f"{a} {b}")
            for word in sentence.split():
                word = word.strip(".,;:'\"()")
                if word.istitle() and word.isalpha() and len(word) > 4 and word.lower() not in stop:
                    orgs.add(word)
        phrases, orgs = sorted(phrases), sorted(orgs)
        others: list[tuple[str, str]] = [(place.replace("_", " "), "place") for place in PLACES]
        names = set(others)
        while len(others) < self.shape.topics:
            pair = (rng.choice(phrases), "phrase") if rng.random() < 0.6 else \
                (f"{rng.choice(orgs)} {rng.choice(ORG_SUFFIXES)}", "organisation")
            if pair not in names:
                names.add(pair)
                others.append(pair)
        rng.shuffle(others)  # places are not all the commonest
        slugs, rows = Slugs(), []
        for name, kind in [(s, "subject") for s in subjects] + others:
            slug = slugify(name)[:200] or "topic"
            if slug in slugs.taken:
                slug = slugs(f"{slug}-{kind}", "topic")
            slugs.taken.add(slug)
            rows.append((len(rows) + 1, name, slug, kind))
        return rows[: len(subjects)], rows[len(subjects):]

    # articles -----------------------------------------------------------------------------------

    def articles(self):
        """Yield (id, day or None, created_at, source id, author ids, ArticlePlan, copy) in id order."""
        rng = self.rng
        days = published_days(rng, self.shape.articles)
        for article_id, day in enumerate(days, start=1):
            base = FIRST_DAY + dt.timedelta(days=day if day is not None else rng.randrange(DAYS))
            created = dt.datetime(base.year, base.month, base.day, tzinfo=dt.UTC) + dt.timedelta(
                seconds=rng.randrange(6 * 3600, 30 * 3600))
            source = self.sources[self.source_of(rng)][0]
            authors = sorted({self.authors[self.author_of(rng)].id for _ in range(rng.choice((0, 1, 1, 1, 1, 2)))})
            copy = bool(self.recent) and rng.random() < COPY_SHARE
            if copy:
                _, original = rng.choice(self.recent)
                plan = ArticlePlan(**original.__dict__)
                if rng.random() < 0.6:
                    plan.headline = f"{original.headline} | {self.sources[source - 1][1]}"[:500]
            else:
                plan = self._new_article(story=article_id)
            self.recent.append((article_id, plan))
            first = (day is None, day or 0, created, article_id)
            story = self.stories.setdefault(plan.story, [0, first])
            story[0] += 1
            story[1] = min(story[1], first)
            yield article_id, day, created, source, authors, plan, copy

    def _new_article(self, *, story: int) -> ArticlePlan:
        rng, sentences = self.rng, self.sentences
        paragraphs: list[list[tuple[str, bool]]] = [
            [(sentences[rng.randrange(len(sentences))], True) for _ in range(rng.randint(2, 4))]
            for _ in range(rng.randint(5, 9))
        ]
        quotes = []
        for _ in range(rng.randint(6, 8)):
            quote = self._new_quote()
            where = rng.randrange(len(paragraphs))
            unit, offset = self._quote_unit(quote)
            paragraphs[where].insert(rng.randint(0, len(paragraphs[where])), (unit, False))
            quotes.append((quote, where, unit, offset))
        body_parts, cursor = [], 0
        for where, paragraph in enumerate(paragraphs):
            position = cursor
            for unit, keep in paragraph:
                for quote, place, quoted, offset in quotes:
                    if place == where and quoted is unit and not quote.start:
                        quote.paragraph, quote.start = where, position + offset
                position += len(unit) + 1
            text = " ".join(unit for unit, _ in paragraph)
            body_parts.append(text)
            cursor += len(text) + 2
        body = "\n\n".join(body_parts)
        for quote, *_ in quotes:
            assert body[quote.start:quote.start + len(quote.text)] == quote.text, quote
        quotes = sorted((q for q, *_ in quotes), key=lambda q: q.start)
        mentions: dict[int, int] = {}
        for quote in quotes:
            if quote.speaker:
                mentions[quote.speaker] = mentions.get(quote.speaker, 0) + 1
        for person in mentions:
            mentions[person] += rng.randint(0, 3)
        for _ in range(rng.randint(0, 3)):
            person = self.people[self.mentioned(rng)].id
            mentions.setdefault(person, rng.randint(1, 2))
        roles = sorted({(p, self.people[p - 1].role) for p in mentions if rng.random() < 0.4})
        chosen = {self.subjects[self.subject_of(rng)][0] for _ in range(rng.randint(1, 3))}
        chosen |= {self.others[self.topic_of(rng)][0] for _ in range(rng.randint(2, 6))}
        topics = [(topic, round(rng.uniform(0.2, 3.0), 3)) for topic in sorted(chosen)]
        first_words = body_parts[0].split()[: rng.randint(6, 11)]
        return ArticlePlan(
            headline=" ".join(first_words).rstrip(".,;:")[:500], body=body,
            fingerprint=self.fingerprints.fingerprint(paragraphs), quotes=quotes, mentions=mentions,
            roles=roles, topics=topics, story=story,
        )

    def _new_quote(self) -> QuotePlan:
        rng = self.rng
        roll = rng.random()
        if roll < 0.88:
            person = self.people[self.speaker_of(rng)]
            label = person.aliases[0] if rng.random() < 0.6 else rng.choice(person.aliases[1:])
            speaker, is_person, key = person.id, True, f"p{person.id}"
        elif roll < 0.96:
            label, speaker, is_person = NON_PERSON_SPEAKERS[self.org_of(rng)], None, False
            key = f"l:{fold(label)}"
        else:
            label, speaker, is_person = rng.choice(UNNAMED_SPEAKERS), None, True
            key = f"l:{fold(label)}"
        cue = CUES[self.cue_of(rng)]
        said = self.said.setdefault(key, deque(maxlen=8))
        if said and rng.random() < REPEAT_SHARE:
            text, kind = rng.choice(said)
        else:
            spliced = splice(rng.choice(self.sentences), rng.choice(self.sentences))
            kind = rng.choices(("direct", "indirect", "partial"), (0.5, 0.35, 0.15))[0]
            if kind == "partial":
                length = rng.randint(3, 8)
                begin = rng.randrange(max(1, len(spliced) - length))
                spliced = spliced[begin:begin + length]
            text = " ".join(spliced).strip(" \"“”'‘’")
            if kind == "indirect":
                text = text.rstrip(".!?")
                text = text[:1].lower() + text[1:]
            said.append((text, kind))
        return QuotePlan(text=text, kind=kind, cue=cue, speaker=speaker, label=label, is_person=is_person, key=key)

    @staticmethod
    def _quote_unit(quote: QuotePlan) -> tuple[str, int]:
        """The sentence that carries the quote in the body, and the quote's offset in it."""
        label = quote.label[:1].upper() + quote.label[1:]
        if quote.kind == "direct":
            return f'"{quote.text}" {quote.label} {quote.cue}.', 1
        if quote.kind == "indirect":
            prefix = f"{label} {quote.cue} that "
            return f"{prefix}{quote.text}.", len(prefix)
        prefix = f'{label} {quote.cue} it was "'
        return f'{prefix}{quote.text}".', len(prefix)

    def statement_of(self, quote: QuotePlan, quote_id: int, article_id: int, day, created, source: int) -> int:
        """The statement a quote is an occurrence of (made on its first occurrence), its state updated."""
        same = (quote.key, " ".join(words(quote.text)))  # the same words: one statement
        state = self.statements.get(same)
        first = (day is None, day or 0, created, quote_id)
        seen = FIRST_DAY + dt.timedelta(days=day) if day is not None else None
        if state is None:
            state = StatementState(len(self.statements) + 1, quote.speaker, quote.label[:300], quote.key, quote.text,
                                   first, quote_id, article_id, seen)
            self.statements[same] = state
        elif first < state.first:
            state.first, state.first_quote, state.first_article, state.first_seen = first, quote_id, article_id, seen
            state.speaker, state.label = quote.speaker, quote.label[:300]
        state.count += 1
        state.sources.add(source)
        return state.id


# --- writing ---------------------------------------------------------------------------------------

COLUMNS = {
    "articles_source": ("id", "name", "slug", "domain"),
    "articles_person": ("id", "name", "slug", "created_at", "updated_at"),
    "articles_personalias": ("id", "person_id", "name", "key"),
    "articles_topic": ("id", "name", "slug", "kind"),
    "articles_article": ("id", "headline", "slug", "source_id", "published", "url", "language", "body", "original_text",
                         "content_hash", "source_file", "source_format", "dropped_lines", "story_id", "created_at",
                         "updated_at"),
    "articles_article_authors": ("id", "article_id", "person_id"),
    "articles_image": ("id", "article_id", "caption", "credit", "order"),
    "articles_articleperson": ("id", "article_id", "person_id", "mention_count"),
    "articles_personrole": ("id", "person_id", "article_id", "title"),
    "articles_quote": ("id", "article_id", "text", "kind", "cue", "speaker_id", "speaker_label", "speaker_is_person",
                       "statement_id", "paragraph_index", "start_offset", "end_offset", "published"),
    "articles_articletopic": ("id", "article_id", "topic_id", "score"),
    "articles_articlefingerprint": ("article_id", "signature", "shingle_count"),
    "articles_articleband": ("id", "article_id", "key"),
    "articles_story": ("id", "original_id", "article_count"),
    "articles_statement": ("id", "speaker_id", "speaker_label", "speaker_key", "text", "first_quote_id",
                           "first_article_id", "first_seen", "occurrence_count", "source_count"),
    "articles_statementkey": ("id", "statement_id", "key"),
    "articles_statementsource": ("id", "statement_id", "source_id"),
}
PER_ARTICLE = ("articles_article", "articles_article_authors", "articles_image", "articles_articleperson",
               "articles_personrole", "articles_quote", "articles_articletopic", "articles_articlefingerprint",
               "articles_articleband")


class Copies:
    """One COPY stream per table, each on its own connection, so that one pass over the articles feeds
    them all; ids are counted here."""

    def __init__(self, url: str, tables):
        import psycopg

        self.stack = contextlib.ExitStack()
        self.copies, self.ids, self.rows = {}, {}, {}
        for table in tables:
            conn = self.stack.enter_context(psycopg.connect(url))
            conn.execute("SET session_replication_role = replica")  # rows arrive in any table order
            cursor = self.stack.enter_context(conn.cursor())
            columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
            self.copies[table] = self.stack.enter_context(cursor.copy(f"COPY {table} ({columns}) FROM STDIN"))
            self.ids[table], self.rows[table] = 0, 0

    def write(self, table: str, *values) -> int:
        """Write a row whose id is the next one (given first); returns that id."""
        self.ids[table] += 1
        self.rows[table] += 1
        self.copies[table].write_row((self.ids[table], *values))
        return self.ids[table]

    def write_row(self, table: str, row) -> None:
        self.rows[table] += 1
        self.copies[table].write_row(row)

    def close(self) -> None:
        self.stack.close()


def load(url: str, articles: int, seed: int, *, log=print) -> dict:
    """Generate and COPY the corpus; returns the row counts and the phase times."""
    import psycopg

    times, started = {}, time.perf_counter()
    paths = [path for path in (DEV, CORPUS) if path.exists()]
    if not paths:
        sys.exit(f"no text: neither {DEV} nor {CORPUS} exists (python benchmarks/build_corpus.py)")
    sentences = corpus_sentences(paths)
    corpus = Corpus(Shape(articles), seed, sentences)
    times["prepare"] = time.perf_counter() - started
    log(f"{len(sentences)} sentences from {', '.join(p.name for p in paths)}; {len(corpus.people)} people, "
        f"{len(corpus.authors)} authors, {len(corpus.sources)} sources, "
        f"{len(corpus.subjects) + len(corpus.others)} topics")

    with psycopg.connect(url, autocommit=True) as conn:
        dropped = drop_secondary_indexes(conn)
    mark = time.perf_counter()
    small = Copies(url, ["articles_source", "articles_person", "articles_personalias", "articles_topic"])
    for row in corpus.sources:
        small.write_row("articles_source", row)
    for person in corpus.people + corpus.authors:
        small.write_row("articles_person", (person.id, person.name, person.slug, LOAD_TIME, LOAD_TIME))
        for alias in person.aliases[: 1 if not person.role else None]:
            small.write("articles_personalias", person.id, alias, name_key(alias))
    for row in corpus.subjects + corpus.others:
        small.write_row("articles_topic", row)
    small.close()

    out = Copies(url, PER_ARTICLE)
    for number, (article_id, day, created, source, authors, plan, copy) in enumerate(corpus.articles(), start=1):
        published = FIRST_DAY + dt.timedelta(days=day) if day is not None else None
        source_slug = corpus.sources[source - 1][2]
        url_path = f"https://{corpus.sources[source - 1][3]}/{created:%Y/%m}/{article_id}"
        original = f"{plan.headline}\n{source_slug}\n{url_path}\n\n{plan.body}"
        digest = hashlib.sha256(original.encode()).hexdigest()
        slug = slugify(plan.headline)[:200].strip("-") or f"article-{digest[:12]}"
        out.write_row("articles_article", (
            article_id, plan.headline, slug, source, published, url_path, "en", plan.body, original, digest,
            f"synthetic/{article_id}.txt", "txt", "[]", plan.story, created, created))
        for author in authors:
            out.write("articles_article_authors", article_id, author)
        for order in range(corpus.rng.choice((0, 1, 1, 2))):
            caption = corpus.sentences[corpus.rng.randrange(len(corpus.sentences))]
            out.write("articles_image", article_id, caption, CREDITS[corpus.credit_of(corpus.rng)], order)
        for person, count in plan.mentions.items():
            out.write("articles_articleperson", article_id, person, count)
        for person, title in plan.roles:
            out.write("articles_personrole", person, article_id, title)
        for quote in plan.quotes:
            quote_id = corpus.next_quote
            corpus.next_quote += 1
            statement = corpus.statement_of(quote, quote_id, article_id, day, created, source)
            out.write_row("articles_quote", (
                quote_id, article_id, quote.text, quote.kind, quote.cue, quote.speaker, quote.label[:300],
                quote.is_person, statement, quote.paragraph, quote.start, quote.start + len(quote.text), published))
        for topic, score in plan.topics:
            out.write("articles_articletopic", article_id, topic, score)
        out.write_row("articles_articlefingerprint", (article_id, plan.fingerprint.to_bytes(),
                                                      plan.fingerprint.shingle_count))
        for key in plan.fingerprint.band_keys:
            out.write("articles_articleband", article_id, key)
        if number % 10000 == 0:
            log(f"  {number:,} articles, {time.perf_counter() - mark:.0f} s")
    out.close()
    times["articles"] = time.perf_counter() - mark

    mark = time.perf_counter()
    last = Copies(url, ["articles_story", "articles_statement", "articles_statementkey", "articles_statementsource"])
    for story_id, (count, first) in sorted(corpus.stories.items()):
        last.write_row("articles_story", (story_id, first[3], count))
    for state in corpus.statements.values():
        last.write_row("articles_statement", (
            state.id, state.speaker, state.label, state.key, state.text, state.first_quote, state.first_article,
            state.first_seen, state.count, len(state.sources)))
        for key in sorted(statement_keys(state.key, words(state.text))):
            last.write("articles_statementkey", state.id, key)
        for source in sorted(state.sources - {None}):
            last.write("articles_statementsource", state.id, source)
    last.close()
    times["stories and statements"] = time.perf_counter() - mark
    rows = {**small.rows, **out.rows, **last.rows}

    mark = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        # The migrations made the one DataVersion row; the API's validators read it.
        conn.execute("INSERT INTO articles_dataversion (id, number, changed_at) VALUES (1, %s, %s) "
                     "ON CONFLICT (id) DO UPDATE SET number = EXCLUDED.number, changed_at = EXCLUDED.changed_at",
                     [articles, LOAD_TIME])
        # The tally tables' own indexes are built after the tallies are counted into them (written
        # row by row, unordered, they cost a third of the rebuild); the rest first, with statistics
        # for the rebuild's plans.
        tally_indexes = [(name, definition) for name, definition in dropped if "tally " in definition]
        for name, definition in dropped:
            if (name, definition) not in tally_indexes:
                conn.execute(definition)
        conn.execute("ANALYZE")
        times["indexes"] = time.perf_counter() - mark
        mark = time.perf_counter()
        count_tallies()
        for name, definition in tally_indexes:
            conn.execute(definition)
        times["tallies"] = time.perf_counter() - mark
    with psycopg.connect(url, autocommit=True) as conn:
        mark = time.perf_counter()
        for table in COLUMNS:
            if table != "articles_articlefingerprint":  # keyed by its article: no sequence
                conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)")
        conn.execute("VACUUM ANALYZE")
        times["vacuum analyze"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - started
    return {"rows": rows, "times": times, "dropped_indexes": len(dropped)}


def count_tallies() -> None:
    """The statistics' running tallies (articles/tallies.py), computed from the rows just loaded, as
    ``manage.py tallies_rebuild`` does (Django is set up by ``migrate``)."""
    from django.db import transaction

    from articles.tallies import tallies_rebuild

    with transaction.atomic():
        tallies_rebuild()


def drop_secondary_indexes(conn) -> list[tuple[str, str]]:
    """Drop the indexes of the app's tables that back no constraint (btree, GIN): a bulk load builds
    them once at the end instead of row by row. Returns (name, CREATE statement) to restore them."""
    found = conn.execute("""
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname LIKE 'articles\\_%' AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY 1""").fetchall()
    for name, _ in found:
        conn.execute(f"DROP INDEX {name}")
    return found


def migrate(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT (SELECT count(*) FROM articles_article) + (SELECT count(*) FROM articles_person)")
        if cursor.fetchone()[0]:
            sys.exit("the database already holds articles or people: load into an empty one")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--database-url", required=True, help="postgres://user@host:port/name (an empty database)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the counts and times to this file")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("PostgreSQL only (COPY)")
    started = time.perf_counter()
    migrate(args.database_url)
    migrated = time.perf_counter() - started
    result = load(args.database_url, args.articles, args.seed)
    result["times"] = {"migrate": migrated, **result["times"]}
    result["times"]["total"] += migrated
    result.update(articles=args.articles, seed=args.seed)
    for table, count in sorted(result["rows"].items()):
        print(f"{table:32} {count:12,d} rows")
    for phase, seconds in result["times"].items():
        print(f"{phase:32} {seconds:10.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
