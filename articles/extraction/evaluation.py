"""Scores extraction output against gold annotations (see /work/shared/gold/FORMAT.md).

Pure Python: no spaCy, no Django. ``predicted`` is the JSON shape printed by the extract command
(``{"file", "headline", "source", "authors", "body", "paragraphs", "boilerplate", "people",
"quotes", "topics", ...}``); ``gold`` is one gold file as loaded by :func:`load_gold`.

Rules:
- A predicted quote matches a gold quote when the Dice overlap of their lower-cased word multisets
  is >= 0.5; matching is one to one, greedy by best Dice.
- Speaker accuracy is measured on matched quotes; who-said-what recall is the share of all gold
  quotes that are matched with the right speaker. A gold speaker may be a list (several people
  speaking at once): naming any of them is right. Person names compare case- and
  accent-insensitively, a surname alone matches the full name ("Lopez" ~ "Maria Lopez"), and the
  gold person's aliases count too. Non-person labels compare case-insensitively ignoring a leading
  "the". Both speakers None counts as correct.
- A predicted person matches a gold person under the same name rules (via names and aliases of
  both), one to one.
- Headline and source compare after normalising whitespace, quote glyphs and case; authors as a
  set of case-/accent-insensitive names. Boilerplate: gold boilerplate lines still present in the
  predicted body paragraphs are counted as leaked.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .document import QUOTE_KINDS
from .names import TITLES
from .text import strip_accents

DICE_THRESHOLD = 0.5


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def load_gold(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


# ---------------------------------------------------------------------------------------------
# Normalisation and matching helpers
# ---------------------------------------------------------------------------------------------

_QUOTE_GLYPHS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"',
                               "„": '"', "″": '"', "\u00a0": " "})


def normalise_text(text: str | None) -> str:
    """Case-folded text with unified quote glyphs and collapsed whitespace ('' for None)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_GLYPHS)
    return re.sub(r"\s+", " ", text).strip().casefold()


def words(text: str | None) -> list[str]:
    """Lower-cased, accent-free word tokens."""
    return re.findall(r"[^\W_]+", strip_accents(normalise_text(text)))


def dice(a: str | None, b: str | None) -> float:
    """Dice overlap of the lower-cased word multisets of two texts."""
    ca, cb = Counter(words(a)), Counter(words(b))
    total = sum(ca.values()) + sum(cb.values())
    if not total:
        return 0.0
    return 2 * sum((ca & cb).values()) / total


def name_tokens(name: str | None) -> tuple[str, ...]:
    """Words of a person name without honorifics and titles of address (the people stage's and the
    database's, ``names.TITLES``): "Mr Jean-Noël Dupré" -> ("jean", "noel", "dupre")."""
    tokens = words(name)
    while len(tokens) > 1 and tokens[0] in TITLES:
        tokens = tokens[1:]
    return tuple(tokens)


def name_strength(a: str | None, b: str | None) -> int:
    """2 when two person names are the same, 1 when one is the other's surname alone, else 0."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return 0
    if ta == tb:
        return 2
    if (len(ta) == 1 and ta[0] == tb[-1]) or (len(tb) == 1 and tb[0] == ta[-1]):
        return 1
    return 0


def names_match(a: str | None, b: str | None) -> bool:
    return name_strength(a, b) > 0


def normalise_label(label: str | None) -> str:
    """A non-person speaker label: case-folded, without a leading "the" and punctuation."""
    tokens = words(label)
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


def _person_forms(person: dict) -> list[str]:
    forms = [person.get("name")] + list(person.get("aliases") or [])
    return [form for form in forms if form]


def _best_strength(forms_a: list[str], forms_b: list[str]) -> int:
    return max((name_strength(a, b) for a in forms_a for b in forms_b), default=0)


def _greedy_one_to_one(candidates: list[tuple[float, int, int]]) -> list[tuple[int, int, float]]:
    """Best-first one-to-one assignment from (score, predicted index, gold index) triples."""
    used_pred, used_gold, matches = set(), set(), []
    for value, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in used_pred or j in used_gold:
            continue
        used_pred.add(i)
        used_gold.add(j)
        matches.append((i, j, value))
    return sorted(matches, key=lambda m: m[1])


# ---------------------------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------------------------


@dataclass
class PRF:
    """Counts for precision / recall / F1 (micro-averaged when added up)."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.matched + other.matched,
            self.predicted + other.predicted,
            self.gold + other.gold,
        )


@dataclass
class Ratio:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.correct + other.correct, self.total + other.total)


@dataclass
class QuoteMatch:
    predicted: int  # index into predicted["quotes"]
    gold: int  # index into gold["quotes"]
    dice: float
    speaker_correct: bool
    kind_correct: bool
    predicted_speaker: str | None
    gold_speaker: str | list[str] | None


@dataclass
class ArticleScore:
    file: str | None
    headline_correct: bool
    source_correct: bool
    authors_correct: bool
    boilerplate_gold: int
    boilerplate_leaked: list[str]
    quotes: PRF
    speakers: Ratio  # over matched quotes
    who_said_what: Ratio  # gold quotes matched with the right speaker, over all gold quotes
    quote_kinds: Ratio  # kind agreement over matched quotes
    recall_by_kind: dict[str, Ratio]
    people: PRF
    subjects: PRF
    quote_matches: list[QuoteMatch] = field(default_factory=list)
    missed_quotes: list[str] = field(default_factory=list)  # gold quote texts with no match
    spurious_quotes: list[str] = field(default_factory=list)  # predicted quote texts, no match
    missed_people: list[str] = field(default_factory=list)
    spurious_people: list[str] = field(default_factory=list)
    headline: tuple[str | None, str | None] = (None, None)  # (predicted, gold)
    source: tuple[str | None, str | None] = (None, None)
    authors: tuple[list[str], list[str]] = ((), ())


@dataclass
class CorpusScore:
    articles: list[ArticleScore]
    headline: Ratio
    source: Ratio
    authors: Ratio
    boilerplate_gold: int
    boilerplate_leaked: int
    quotes: PRF
    speakers: Ratio
    who_said_what: Ratio
    quote_kinds: Ratio
    recall_by_kind: dict[str, Ratio]
    people: PRF
    subjects: PRF


def _quote_speaker_correct(pred_quote: dict, gold_quote: dict, gold_people: list[dict]) -> bool:
    written = gold_quote.get("speaker")
    if isinstance(written, str) and pred_quote.get("speaker") and normalise_label(pred_quote["speaker"]) == normalise_label(written):
        return True
    expected = _joint_speakers(written, gold_people)
    if isinstance(expected, list):  # several people speaking at once: any of them is right, or all
        def right(predicted: dict) -> bool:
            return any(_quote_speaker_correct(predicted, {**gold_quote, "speaker": one}, gold_people) for one in expected)

        parts = (pred_quote.get("speaker") or "").split(" and ")
        return right(pred_quote) or (len(parts) > 1 and all(right({**pred_quote, "speaker": part}) for part in parts))
    predicted = pred_quote.get("speaker")
    if not predicted and not expected:
        return True
    if not predicted or not expected:
        return False
    if normalise_label(predicted) == normalise_label(expected):
        return True
    gold_is_person = gold_quote.get("speaker_is_person", True)
    if gold_is_person:
        forms = [expected]
        for person in gold_people:
            person_forms = _person_forms(person)
            if any(name_strength(expected, form) == 2 for form in person_forms):
                forms.extend(person_forms)
        return any(names_match(predicted, form) for form in forms)
    return False


def _joint_speakers(expected, gold_people: list[dict]):
    """Several people speaking at once, as a list (["Ann Lee", "Bo Chen"]), also when the gold
    writes them as one label ("Ann Lee and Bo Chen", the older sets' convention) and each part is
    one of its people: both conventions mean the same speakers and are scored alike."""
    if not isinstance(expected, str) or " and " not in expected:
        return expected
    parts = expected.split(" and ")
    forms = [form for person in gold_people for form in _person_forms(person)]
    if all(any(name_strength(part, form) == 2 for form in forms) for part in parts):
        return parts
    return expected


def _match_quotes(predicted_quotes: list[dict], gold_quotes: list[dict]):
    candidates = []
    for i, pq in enumerate(predicted_quotes):
        for j, gq in enumerate(gold_quotes):
            value = dice(pq.get("text"), gq.get("text"))
            if value >= DICE_THRESHOLD:
                candidates.append((value, i, j))
    return _greedy_one_to_one(candidates)


def _match_people(predicted_people: list[dict], gold_people: list[dict]):
    candidates = []
    for i, pp in enumerate(predicted_people):
        for j, gp in enumerate(gold_people):
            # Full-name agreement of the canonical names beats agreement through aliases.
            strength = _best_strength(_person_forms(pp), _person_forms(gp))
            if strength:
                bonus = 0.5 if name_strength(pp.get("name"), gp.get("name")) == 2 else 0.0
                candidates.append((strength + bonus, i, j))
    return _greedy_one_to_one(candidates)


def _predicted_paragraphs(predicted: dict) -> list[str]:
    paragraphs = predicted.get("paragraphs")
    if paragraphs is None:
        paragraphs = (predicted.get("body") or "").split("\n\n")
    return [normalise_text(p) for p in paragraphs if p and p.strip()]


def _leaked_boilerplate(predicted: dict, gold: dict) -> list[str]:
    paragraphs = _predicted_paragraphs(predicted)
    leaked = []
    for line in gold.get("boilerplate") or []:
        needle = normalise_text(line)
        if needle and any(needle in paragraph for paragraph in paragraphs):
            leaked.append(line)
    return leaked


def _same_text(a: str | None, b: str | None) -> bool:
    return normalise_text(a) == normalise_text(b)


def _same_authors(a: list[str] | None, b: list[str] | None) -> bool:
    return {" ".join(name_tokens(x)) for x in a or []} == {" ".join(name_tokens(x)) for x in b or []}


def _predicted_subjects(predicted: dict) -> list[str]:
    return [
        t.get("name") for t in predicted.get("topics") or [] if t.get("kind") == "subject"
    ]


def score_article(predicted: dict, gold: dict) -> ArticleScore:
    """Scores one article's extraction output against its gold annotation."""
    predicted_quotes = list(predicted.get("quotes") or [])
    gold_quotes = list(gold.get("quotes") or [])
    predicted_people = list(predicted.get("people") or [])
    gold_people = list(gold.get("people") or [])

    quote_matches = []
    for i, j, value in _match_quotes(predicted_quotes, gold_quotes):
        pq, gq = predicted_quotes[i], gold_quotes[j]
        quote_matches.append(
            QuoteMatch(
                predicted=i,
                gold=j,
                dice=round(value, 3),
                speaker_correct=_quote_speaker_correct(pq, gq, gold_people),
                kind_correct=pq.get("kind") == gq.get("kind"),
                predicted_speaker=pq.get("speaker"),
                gold_speaker=gq.get("speaker"),
            )
        )
    matched_gold = {m.gold for m in quote_matches}
    matched_pred = {m.predicted for m in quote_matches}
    recall_by_kind = {}
    for kind in QUOTE_KINDS:
        indices = [j for j, q in enumerate(gold_quotes) if q.get("kind") == kind]
        recall_by_kind[kind] = Ratio(sum(1 for j in indices if j in matched_gold), len(indices))

    people_matches = _match_people(predicted_people, gold_people)
    matched_gold_people = {j for _, j, _ in people_matches}
    matched_pred_people = {i for i, _, _ in people_matches}

    gold_subjects = [normalise_text(s) for s in gold.get("subjects") or []]
    predicted_subjects = [normalise_text(s) for s in _predicted_subjects(predicted)]
    subjects = PRF(
        len(set(gold_subjects) & set(predicted_subjects)),
        len(set(predicted_subjects)),
        len(set(gold_subjects)),
    )

    return ArticleScore(
        file=predicted.get("file") or gold.get("raw_file"),
        headline_correct=_same_text(predicted.get("headline"), gold.get("headline")),
        source_correct=_same_text(predicted.get("source"), gold.get("source")),
        authors_correct=_same_authors(predicted.get("authors"), gold.get("authors")),
        boilerplate_gold=len(gold.get("boilerplate") or []),
        boilerplate_leaked=_leaked_boilerplate(predicted, gold),
        quotes=PRF(len(quote_matches), len(predicted_quotes), len(gold_quotes)),
        speakers=Ratio(sum(m.speaker_correct for m in quote_matches), len(quote_matches)),
        who_said_what=Ratio(sum(m.speaker_correct for m in quote_matches), len(gold_quotes)),
        quote_kinds=Ratio(sum(m.kind_correct for m in quote_matches), len(quote_matches)),
        recall_by_kind=recall_by_kind,
        people=PRF(len(people_matches), len(predicted_people), len(gold_people)),
        subjects=subjects,
        quote_matches=quote_matches,
        missed_quotes=[q.get("text") for j, q in enumerate(gold_quotes) if j not in matched_gold],
        spurious_quotes=[
            q.get("text") for i, q in enumerate(predicted_quotes) if i not in matched_pred
        ],
        missed_people=[
            p.get("name") for j, p in enumerate(gold_people) if j not in matched_gold_people
        ],
        spurious_people=[
            p.get("name") for i, p in enumerate(predicted_people) if i not in matched_pred_people
        ],
        headline=(predicted.get("headline"), gold.get("headline")),
        source=(predicted.get("source"), gold.get("source")),
        authors=(list(predicted.get("authors") or []), list(gold.get("authors") or [])),
    )


def score_corpus(pairs: Iterable[tuple[dict, dict]]) -> CorpusScore:
    """Scores (predicted, gold) pairs; quote and people counts are micro-averaged."""
    articles = [
        pair if isinstance(pair, ArticleScore) else score_article(*pair) for pair in pairs
    ]
    total = CorpusScore(
        articles=articles,
        headline=Ratio(),
        source=Ratio(),
        authors=Ratio(),
        boilerplate_gold=0,
        boilerplate_leaked=0,
        quotes=PRF(),
        speakers=Ratio(),
        who_said_what=Ratio(),
        quote_kinds=Ratio(),
        recall_by_kind={kind: Ratio() for kind in QUOTE_KINDS},
        people=PRF(),
        subjects=PRF(),
    )
    for article in articles:
        total.headline += Ratio(int(article.headline_correct), 1)
        total.source += Ratio(int(article.source_correct), 1)
        total.authors += Ratio(int(article.authors_correct), 1)
        total.boilerplate_gold += article.boilerplate_gold
        total.boilerplate_leaked += len(article.boilerplate_leaked)
        total.quotes += article.quotes
        total.speakers += article.speakers
        total.who_said_what += article.who_said_what
        total.quote_kinds += article.quote_kinds
        for kind in QUOTE_KINDS:
            total.recall_by_kind[kind] += article.recall_by_kind[kind]
        total.people += article.people
        total.subjects += article.subjects
    return total


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def _prf_line(label: str, prf: PRF) -> str:
    return (
        f"{label:<12} P {prf.precision:6.1%}  R {prf.recall:6.1%}  F1 {prf.f1:6.1%}"
        f"   ({prf.matched} matched / {prf.predicted} predicted / {prf.gold} gold)"
    )


def _ratio_line(label: str, ratio: Ratio) -> str:
    return f"{label:<12} {ratio.value:6.1%}  ({ratio.correct}/{ratio.total})"


def _short(text: str | None, width: int = 90) -> str:
    text = re.sub(r"\s+", " ", text or "")
    return text if len(text) <= width else text[: width - 1] + "…"


def _quote_and_people_lines(score: ArticleScore | CorpusScore) -> list[str]:
    lines = [_prf_line("quotes", score.quotes)]
    lines += [_ratio_line(f"  R {kind}", score.recall_by_kind[kind]) for kind in QUOTE_KINDS]
    lines.append(_ratio_line("speakers", score.speakers) + "  of matched quotes")
    lines.append(_ratio_line("who said what", score.who_said_what) + "  of gold quotes: matched, right speaker")
    lines.append(_ratio_line("quote kind", score.quote_kinds) + "  of matched quotes")
    lines.append(_prf_line("people", score.people))
    lines.append(_prf_line("subjects", score.subjects))
    return lines


def format_report(score: ArticleScore | CorpusScore, *, details: bool = True) -> str:
    """A readable multi-line report for one article or a whole corpus."""
    if isinstance(score, ArticleScore):
        return _format_article(score, details=details)
    lines = [f"Articles: {len(score.articles)}", ""]
    lines.append(_ratio_line("headline", score.headline))
    lines.append(_ratio_line("source", score.source))
    lines.append(_ratio_line("authors", score.authors))
    lines.append(
        f"{'boilerplate':<12} {score.boilerplate_leaked} of {score.boilerplate_gold} gold lines "
        "leaked into the body"
    )
    lines.append("")
    lines += _quote_and_people_lines(score)
    if details:
        lines.append("")
        lines.append("Per article:")
        for article in score.articles:
            lines.append(
                f"  {article.file}: quotes F1 {article.quotes.f1:.0%}, speakers "
                f"{article.speakers.value:.0%}, people F1 {article.people.f1:.0%}, "
                f"headline {'ok' if article.headline_correct else 'WRONG'}, "
                f"source {'ok' if article.source_correct else 'WRONG'}, "
                f"authors {'ok' if article.authors_correct else 'WRONG'}, "
                f"boilerplate leaked {len(article.boilerplate_leaked)}"
            )
    return "\n".join(lines)


def _format_article(article: ArticleScore, *, details: bool) -> str:
    def mark(ok):
        return "ok" if ok else "WRONG"

    lines = [f"Article: {article.file}"]
    lines.append(f"{'headline':<12} {mark(article.headline_correct)}")
    if not article.headline_correct:
        lines.append(f"    predicted {article.headline[0]!r}\n    gold      {article.headline[1]!r}")
    lines.append(f"{'source':<12} {mark(article.source_correct)}")
    if not article.source_correct:
        lines.append(f"    predicted {article.source[0]!r}, gold {article.source[1]!r}")
    lines.append(f"{'authors':<12} {mark(article.authors_correct)}")
    if not article.authors_correct:
        lines.append(f"    predicted {article.authors[0]!r}, gold {article.authors[1]!r}")
    lines.append(
        f"{'boilerplate':<12} {len(article.boilerplate_leaked)} of {article.boilerplate_gold} "
        "gold lines leaked into the body"
    )
    lines += _quote_and_people_lines(article)
    if details:
        for line in article.boilerplate_leaked:
            lines.append(f"  leaked boilerplate: {_short(line)}")
        for match in article.quote_matches:
            if not match.speaker_correct:
                lines.append(
                    f"  wrong speaker: gold #{match.gold} {match.gold_speaker!r}, "
                    f"predicted {match.predicted_speaker!r}"
                )
        for text in article.missed_quotes:
            lines.append(f"  missed quote: {_short(text)}")
        for text in article.spurious_quotes:
            lines.append(f"  spurious quote: {_short(text)}")
        for name in article.missed_people:
            lines.append(f"  missed person: {name}")
        for name in article.spurious_people:
            lines.append(f"  spurious person: {name}")
    return "\n".join(lines)
