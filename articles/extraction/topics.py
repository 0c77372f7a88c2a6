"""Topics of an article: IPTC subjects, recurring key phrases, places and organisations.

Pure Python + spaCy (no Django). ``find_topics(doc, document, people)`` is called by the pipeline
with the spaCy ``Doc`` of ``document.body`` (or ``None`` for non-English text, in which case only
subjects are found, from regex word tokens).

Topic names are meant to be shared across articles (the persistence layer keeps one row per
(kind, name)), so every name is normalised: subjects use the exact IPTC names, phrases are
lower case with a lemmatised head noun, places and organisations are canonicalised
("U.S." -> "United States", "Britain" -> "United Kingdom", no leading "the").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from . import lexicons
from .document import Document, Person, Topic
from .names import TITLES
from .text import strip_accents

# ---------------------------------------------------------------------------------------------
# (a) Subjects: the 17 top-level IPTC Media Topics, each with a hand-written weighted lexicon
# (lexicons/iptc_subjects.json; its order is the order of IPTC_SUBJECTS, which breaks ties).
# Cues are lemmas ("troop" also matches "troops") or multiword cues ("peace talk", "secretary of
# state"); each word of a cue matches a token's lemma, its lower-case form or a naive singular.
# Weights: 3 = unambiguous for the subject, 2 = typical, 1 or less = weak / ambiguous.
# ---------------------------------------------------------------------------------------------

SUBJECT_LEXICON: dict[str, dict[str, float]] = lexicons.table("iptc_subjects")

IPTC_SUBJECTS = tuple(SUBJECT_LEXICON)

HEADLINE_WEIGHT = 2.0  # a cue in the headline counts this many times
MIN_SUBJECT_EVIDENCE = 3.0  # raw weight a subject needs (beyond the best one) to be kept
RELATIVE_SUBJECT_THRESHOLD = 0.3  # ... and this share of the best subject's weight
MIN_DISTINCT_CUES = 2  # ... and this many different cue words: one ambiguous word ("forecast") is not a subject
SUBJECT_SATURATION = 6.0  # density (weight per 100 tokens) at which the score reaches ~0.63


def _naive_singular(word: str) -> str:
    """A rough English lemma for plural nouns, used without a parse and as a fallback."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_WORD_RE = re.compile(r"[^\W_]+(?:&[^\W_]+)?")


def _regex_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(text or "")]


def _forms(lower: str, lemma: str | None = None) -> frozenset[str]:
    forms = {lower, _naive_singular(lower)}
    if lemma:
        forms.add(lemma.lower())
    return frozenset(forms)


def _build_cue_index() -> dict[str, list[tuple[str, tuple[str, ...], float]]]:
    index: dict[str, list[tuple[str, tuple[str, ...], float]]] = defaultdict(list)
    for subject, cues in SUBJECT_LEXICON.items():
        for cue, weight in cues.items():
            words = tuple(_regex_words(cue.replace("-", " ")))
            if words:
                index[words[0]].append((subject, words, float(weight)))
    return index


_CUE_INDEX = _build_cue_index()


def _person_name_words(people: Iterable[Person]) -> set[str]:
    words: set[str] = set()
    for person in people or ():
        for name in [person.name, *person.aliases]:
            for word in _regex_words(strip_accents(name or "")):
                if word not in _TITLE_WORDS and len(word) > 1:
                    words.add(word)
    return words


# Words inside names that do not name the person: honorifics and titles, and the joining words of
# names like "Ann of Cleves" or "St John" (which also occur in subject cues: "secretary of state").
_TITLE_WORDS = TITLES | {"st", "saint", "the", "of"}


def _body_token_forms(doc, document: Document, people) -> list[frozenset[str]]:
    """Word forms of the body, skipping punctuation and words that belong to person names."""
    name_words = _person_name_words(people)
    if doc is None:
        return [
            _forms(word) for word in _regex_words(strip_accents(document.body))
            if word not in name_words
        ]
    in_mentions = {offset for p in people or () for m in p.mentions for offset in range(m.start, m.end)}
    forms = []
    for token in doc:
        if token.is_punct or token.is_space or not any(ch.isalnum() for ch in token.text):
            continue
        if token.ent_type_ == "PERSON":
            continue
        if token.idx in in_mentions:
            continue
        lower = strip_accents(token.lower_)
        if lower in name_words:
            continue
        if lower in {"'s", "’s", "s"}:
            continue
        forms.append(_forms(lower, strip_accents(token.lemma_)))
    return forms


def _cue_weights(token_forms: list[frozenset[str]], cues_seen: dict | None = None) -> Counter:
    """Lexicon weight per subject; ``cues_seen`` collects which distinct cues each subject matched."""
    weights: Counter = Counter()
    n = len(token_forms)
    for i, forms in enumerate(token_forms):
        candidates = set()
        for form in forms:
            candidates.update(_CUE_INDEX.get(form, ()))
        for subject, words, weight in candidates:
            if i + len(words) > n:
                continue
            if all(words[k] in token_forms[i + k] for k in range(1, len(words))):
                weights[subject] += weight
                if cues_seen is not None:
                    cues_seen.setdefault(subject, set()).add(words)
    return weights


def subject_weights(doc, document: Document, people=(), cues_seen: dict | None = None) -> tuple[Counter, int]:
    """Raw lexicon weight per subject (headline counted ``HEADLINE_WEIGHT`` times) and token count."""
    body_forms = _body_token_forms(doc, document, people)
    weights = _cue_weights(body_forms, cues_seen)
    if document.headline:
        name_words = _person_name_words(people)
        headline_forms = [
            _forms(w) for w in _regex_words(strip_accents(document.headline))
            if w not in name_words
        ]
        for subject, weight in _cue_weights(headline_forms, cues_seen).items():
            weights[subject] += HEADLINE_WEIGHT * weight
    return weights, len(body_forms)


def find_subjects(doc, document: Document, people=()) -> list[Topic]:
    cues_seen: dict = {}
    weights, n_tokens = subject_weights(doc, document, people, cues_seen)
    if not weights:
        return []
    length = max(n_tokens, 150) / 100.0  # short texts are not rewarded with huge densities
    ranked = sorted(weights.items(), key=lambda item: (-item[1], IPTC_SUBJECTS.index(item[0])))
    best = ranked[0][1]
    topics = []
    for rank, (subject, weight) in enumerate(ranked):
        if rank > 0 and (
            weight < MIN_SUBJECT_EVIDENCE
            or weight < RELATIVE_SUBJECT_THRESHOLD * best
            or len(cues_seen.get(subject, ())) < MIN_DISTINCT_CUES
        ):
            continue
        density = weight / length
        score = 1.0 - math.exp(-density / SUBJECT_SATURATION)
        topics.append(Topic(subject, "subject", round(max(score, 0.001), 3)))
    return topics


# ---------------------------------------------------------------------------------------------
# (b) Key phrases: recurring adjective/noun + noun bigrams and trigrams from noun chunks.
# ---------------------------------------------------------------------------------------------

MAX_PHRASES = 8
try:
    from spacy.lang.en.stop_words import STOP_WORDS as _STOP_WORDS
except ImportError:  # pragma: no cover - spaCy is installed wherever parses exist
    _STOP_WORDS = frozenset()
_PHRASE_ENT_TYPES = {
    "PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL",
    "MONEY", "PERCENT", "QUANTITY", "EVENT",
}
_VAGUE_ADJECTIVES = lexicons.words("vague_adjectives")
# Heads that describe people or time, not what the article is about.
_EXCLUDED_HEADS = lexicons.words("phrase_excluded_heads")


def _phrase_token_ok(token, name_words: set[str]) -> bool:
    if token.pos_ not in ("NOUN", "ADJ"):
        return False
    if token.is_stop or not token.is_alpha or len(token.text) < 2:
        return False
    if token.ent_type_ in _PHRASE_ENT_TYPES:
        return False
    lower = strip_accents(token.lower_)
    if lower in _VAGUE_ADJECTIVES or lower in name_words:
        return False
    return True


# Plural-looking nouns whose lemma would be misleading ("media" -> "medium").
_KEEP_AS_IS = lexicons.words("uncountable_plurals")


def _head_lemma(token) -> str:
    lower = strip_accents(token.lower_)
    if lower in _KEEP_AS_IS:
        return lower
    return strip_accents(token.lemma_.lower())


def _headline_bigrams(doc, document: Document, people) -> dict[str, str]:
    """Noun(+noun) bigrams of the headline whose words the body uses as nouns/adjectives.

    Headlines are often mis-parsed ("trade deal edges closer" makes "deal" a verb), so pairs
    of headline words are checked against how the body tags them instead.
    Returns phrase key -> surface form.
    """
    if not document.headline:
        return {}
    name_words = _person_name_words(people)
    body_nouns: set[str] = set()
    body_modifiers: set[str] = set()
    entity_words: set[str] = set()
    for token in doc:
        lower = strip_accents(token.lower_)
        if token.ent_type_:
            entity_words.add(lower)
            continue
        if token.pos_ == "NOUN":
            body_nouns.update({lower, _head_lemma(token)})
            body_modifiers.update({lower, _head_lemma(token)})
        elif token.pos_ == "ADJ":
            body_modifiers.add(lower)
    words = _regex_words(strip_accents(document.headline))
    result = {}
    for a, b in zip(words, words[1:]):
        if any(
            w in name_words or w in entity_words or w in _VAGUE_ADJECTIVES or len(w) < 3
            or not w.isalpha() or w in _STOP_WORDS
            for w in (a, b)
        ):
            continue
        head = b if b in _KEEP_AS_IS else _naive_singular(b)
        if head in _EXCLUDED_HEADS or b in _EXCLUDED_HEADS:
            continue
        if head in body_nouns and (a in body_modifiers or _naive_singular(a) in body_modifiers):
            result[f"{a} {head}"] = f"{a} {b}"
    return result


def _phrase_candidates(doc, people) -> tuple[Counter, dict[str, set[str]]]:
    """Count normalised phrase keys; also remember the surface forms of each key."""
    name_words = _person_name_words(people)
    counts: Counter = Counter()
    surfaces: dict[str, set[str]] = defaultdict(set)
    for chunk in doc.noun_chunks:
        runs, run = [], []
        for token in chunk:
            if _phrase_token_ok(token, name_words):
                run.append(token)
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        seen_in_chunk = set()
        for run in runs:
            for end in range(len(run)):
                head = run[end]
                if head.pos_ != "NOUN":
                    continue
                head_lemma = _head_lemma(head)
                if head_lemma in _EXCLUDED_HEADS or head.lower_ in _EXCLUDED_HEADS:
                    continue
                for size in (2, 3):
                    start = end - size + 1
                    if start < 0:
                        continue
                    words = [strip_accents(t.lower_) for t in run[start:end]] + [head_lemma]
                    if len(set(words)) < len(words):
                        continue
                    key = " ".join(words)
                    if key in seen_in_chunk:
                        continue
                    seen_in_chunk.add(key)
                    counts[key] += 1
                    surfaces[key].add(" ".join(t.lower_ for t in run[start : end + 1]))
    return counts, surfaces


def _in_text(surface: str, text_lower: str) -> bool:
    # The substring test first: building the word-boundary regex is the costly part, and most fail.
    return surface in text_lower and re.search(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text_lower) is not None


def find_phrases(
    doc, document: Document, people=(), limit: int = MAX_PHRASES, headline_doc=None
) -> list[Topic]:
    if doc is None:
        return []
    counts, surfaces = _phrase_candidates(doc, people)
    headline_keys: set[str] = set()
    if headline_doc is not None:
        headline_counts, headline_surfaces = _phrase_candidates(headline_doc, people)
        headline_keys = set(headline_counts)
        for key, forms in headline_surfaces.items():
            surfaces[key] |= forms
    for key, surface in _headline_bigrams(doc, document, people).items():
        headline_keys.add(key)
        surfaces[key].add(surface)
    headline = strip_accents((document.headline or "").lower())
    values = {}
    for key in set(counts) | headline_keys:
        count = counts.get(key, 0)
        in_headline = key in headline_keys or (
            bool(headline) and any(_in_text(s, headline) for s in surfaces[key] | {key})
        )
        if count >= 2 or in_headline:
            values[key] = count + (2 if in_headline else 0)
    ranked = sorted(values.items(), key=lambda item: (-item[1], len(item[0].split()), item[0]))
    chosen: list[tuple[str, float]] = []
    for key, value in ranked:
        words = key.split()
        if any(_overlaps(words, other.split()) for other, _ in chosen):
            continue
        chosen.append((key, value))
        if len(chosen) >= limit:
            break
    if not chosen:
        return []
    top = chosen[0][1]
    return [Topic(key, "phrase", round(value / top, 3)) for key, value in chosen]


def _overlaps(a: list[str], b: list[str]) -> bool:
    """True when one phrase is a contiguous part of the other ("peace talk" / "peace talk plan")."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))


# ---------------------------------------------------------------------------------------------
# (c) Places and organisations from named entities, canonicalised.
# ---------------------------------------------------------------------------------------------

MAX_ENTITIES = 8

CANONICAL_NAMES: dict[str, str] = lexicons.table("canonical_entities")  # lower-cased mention -> name
# Canonical names that are organisations even when spaCy labels them as places or facilities.
_ORGANISATION_NAMES = lexicons.words("organisation_names")
# Fragments of titles and other furniture that spaCy picks up as ORG/GPE.
_ENTITY_STOPLIST = lexicons.words("entity_stoplist")
_TITLE_HEADS = {"secretary", "minister", "commissioner", "ministers", "secretaries"}
_PLACE_LABELS = {"GPE", "LOC"}
_ORG_LABELS = {"ORG"}


def _clean_entity_text(text: str) -> str:
    text = text.replace("’", "'").replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"('s|')$", "", text).strip()
    text = text.strip(" .,;:!?\"()[]-–—")
    if text.lower().startswith("the "):
        text = text[4:].strip()
    return text


def canonical_entity(text: str) -> str:
    """Canonical human-readable name of a place or organisation mention."""
    cleaned = _clean_entity_text(text)
    return CANONICAL_NAMES.get(cleaned.lower().rstrip("."), CANONICAL_NAMES.get(cleaned.lower(), cleaned))


def _in_title(ent) -> bool:
    """True for "State" in "Secretary of State" and "Europe" in "Minister for Europe and ..."."""
    doc = ent.doc
    i = ent.start - 1
    steps = 0
    while i >= 0 and steps < 6:
        token = doc[i]
        lower = token.lower_
        if lower in _TITLE_HEADS:
            return steps > 0 and doc[ent.start - 1].lower_ in ("of", "for", "and")
        if lower in ("of", "for", "and") or (token.is_title and token.pos_ == "PROPN"):
            i -= 1
            steps += 1
            continue
        break
    return False


def _person_names(people, doc) -> tuple[set[str], set[str]]:
    """Lower-cased full person names/aliases and the words of those names."""
    names: set[str] = set()
    for person in people or ():
        for name in [person.name, *person.aliases]:
            if name:
                names.add(strip_accents(_clean_entity_text(name)).lower())
    if doc is not None:
        # Names spaCy labels PERSON more often than anything else (it mislabels some
        # persons as ORG/GPE, and some places as PERSON, so a single label is not trusted).
        labels: dict[str, Counter] = defaultdict(Counter)
        for ent in doc.ents:
            key = strip_accents(_clean_entity_text(ent.text)).lower()
            labels[key]["PERSON" if ent.label_ == "PERSON" else "other"] += 1
        for key, counter in labels.items():
            if counter["PERSON"] > counter["other"]:
                names.add(key)
    words = set()
    for name in names:
        words.update(w for w in _regex_words(name) if w not in _TITLE_WORDS and len(w) > 1)
    return names, words


def _entity_mentions(doc, person_names: set[str], person_words: set[str]):
    """(kind, canonical name, surface text) for each place/organisation entity of ``doc``."""
    for ent in doc.ents:
        if ent.label_ in _PLACE_LABELS:
            kind = "place"
        elif ent.label_ in _ORG_LABELS or ent.label_ == "FAC":
            kind = "organisation"
        else:
            continue
        if len(ent) == 1 and ent[0].pos_ == "ADJ":  # "Ukrainian" tagged as GPE
            continue
        name = canonical_entity(ent.text)
        if ent.label_ == "FAC" and name not in _ORGANISATION_NAMES:
            continue
        if name in _ORGANISATION_NAMES:
            kind = "organisation"
        lower = strip_accents(name).lower()
        if len(name) < 2 or not any(ch.isalpha() for ch in name) or name == name.lower():
            continue
        if lower in _ENTITY_STOPLIST or _in_title(ent):
            continue
        words = [w for w in _regex_words(lower)]
        if lower in person_names or (words and all(w in person_words for w in words)):
            continue
        yield kind, name, _clean_entity_text(ent.text)


def _count_surfaces(text: str, surfaces: dict) -> Counter:
    """Occurrences of each key's surface forms in ``text``, longest forms first, no overlaps."""
    pairs = sorted(
        ((surface, key) for key, forms in surfaces.items() for surface in forms),
        key=lambda pair: -len(pair[0]),
    )
    claimed: list[tuple[int, int]] = []
    counts: Counter = Counter()
    for surface, key in pairs:
        for match in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            start, end = match.span()
            if any(start < e and s < end for s, e in claimed):
                continue
            claimed.append((start, end))
            counts[key] += 1
    return counts


def find_entities(
    doc, document: Document, people=(), limit: int = MAX_ENTITIES, headline_doc=None
) -> list[Topic]:
    if doc is None:
        return []
    person_names, person_words = _person_names(people, doc)
    counts: dict[str, Counter] = {"place": Counter(), "organisation": Counter()}
    surfaces: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, name, surface in _entity_mentions(doc, person_names, person_words):
        counts[kind][name] += 1
        surfaces[(kind, name)].add(surface)
    # spaCy labels the same string differently from sentence to sentence ("Kyiv" as GPE, then
    # as PERSON), so the mentions of each accepted name are recounted in the text itself.
    for key, count in _count_surfaces(doc.text, surfaces).items():
        kind, name = key
        counts[kind][name] = max(counts[kind][name], count)
    headline_names: set[tuple[str, str]] = set()
    if headline_doc is not None:
        for kind, name, _ in _entity_mentions(headline_doc, person_names, person_words):
            headline_names.add((kind, name))
            counts[kind][name] += 0  # headline-only entities are candidates too
    headline = strip_accents(document.headline or "")
    topics: list[Topic] = []
    for kind in ("place", "organisation"):
        values = {}
        for name, count in counts[kind].items():
            forms = surfaces[(kind, name)] | {name}
            in_headline = (kind, name) in headline_names or bool(headline) and any(
                _in_text(strip_accents(f), headline)
                for f in forms
            )
            values[name] = count + (2 if in_headline else 0)
        ranked = sorted(values.items(), key=lambda item: (-item[1], item[0]))
        kept = [(n, v) for n, v in ranked if v >= 2][:limit]
        if not kept:
            continue
        top = kept[0][1]
        topics.extend(Topic(n, kind, round(v / top, 3)) for n, v in kept)
    return topics


# ---------------------------------------------------------------------------------------------


def find_topics(
    doc, document: Document, people: list[Person] | None = None, headline_doc=None
) -> list[Topic]:
    """Subjects (most central first), then key phrases, places and organisations.

    ``headline_doc`` is the parse of the headline, when there is one: it lets a phrase or place
    that only the headline names count.
    """
    people = people or []
    topics = find_subjects(doc, document, people)
    topics += find_phrases(doc, document, people, headline_doc=headline_doc)
    topics += find_entities(doc, document, people, headline_doc=headline_doc)
    return topics
