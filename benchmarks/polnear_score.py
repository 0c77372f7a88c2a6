"""Score the project's quote extraction against the PolNeAR attribution corpus.

PolNeAR (Newell, Margolin and Ruths 2018; github.com/networkdynamics/PolNeAR) is 1,008 US political
news articles annotated with attribution relations: a Source (who), a Cue ("said", "according to")
and a Content (what), as brat standoff files. The corpus has no licence: it stays outside this
repository, and this script only reads it.

Usage:
  python benchmarks/polnear_score.py PATH [--split dev|train] [--limit N] [-v] [--json]
                                     [--save-preds FILE | --preds FILE] [--clean-text]

PATH is any of:
  * the git directory of a PolNeAR snapshot (a bare mirror, or a clone's .git): read with
    ``git ls-tree`` / ``git cat-file`` at HEAD, no checkout needed;
  * a checkout of the repository (a folder holding data/<split>/text/ and data/<split>/attributions/);
  * the cache written by ``polnear.py prepare`` (a folder holding <split>/raw/*.txt and
    <split>/gold/*.json).
Only ``train`` and ``dev`` can be read: ``test`` is reserved for independent measurement.

An article is data/<split>/text/<name>.txt with its annotation data/<split>/attributions/
<name>_<annotator>.ann. Two dozen articles have several annotators; none is marked final, so the
first .ann by file name is taken (as ``polnear.py prepare`` does).

The extraction runs in this process (``articles.extraction.pipeline.extract_articles``) on
``SourceText(text, is_page_text=True)``: exactly what ``manage.py extract FILE.txt`` (and so the
reference scorer) does with a .txt file. ``--clean-text`` uses ``is_page_text=False`` instead (the
texts are clean bodies, but then the structure stage differs from ``manage.py extract``).
``--save-preds FILE`` writes the extraction (one JSON record an article, as ``manage.py extract``
prints it, plus "name"); ``--preds FILE`` scores such a file instead of extracting (records keyed
by "name", or by the basename of "file", so the reference scorer's saved predictions work too).

Definitions (the same as the reference scorer's, so the numbers agree):
  words: tokens() -- accents stripped, lower case, a possessive 's dropped, runs of [a-z0-9];
    Dice is over word multisets, and a discontinuous span's fragments count together.
  speech attribution: a gold relation whose cue holds an inflected form of a verb in SPEECH_LEMMAS
    or the phrase "according to", or whose content is mostly quoted (at least half of its letters
    and digits lie inside quotation marks, see quoted_mask()).
  recall: our quotes matched one to one to the speech attributions' contents, greedily, best Dice
    first (ties: the later quote, then the later relation), Dice >= 0.5; matched / attributions.
  precision: our quotes whose Dice with ANY relation's content (speech or not) is >= 0.5.
    precision_frag also accepts Dice >= 0.5 with one fragment of a discontinuous content.
  F1: harmonic mean of precision and recall.
  source accuracy, over matched speech attributions that have a Source (no-source ones are counted
    apart): correct when the name words (words minus pronouns, determiners, titles and other
    STOP words) of our speaker and speaker_text share one with the gold Source ("strict"); or when
    the gold Source is only pronouns/determiners and our speaker_text has the same words; or when one
    side has an all-capitals word made of the initials of the other (IMF ~ International Monetary
    Fund); or, for a gold Source that is a pronoun or a description (no capitalised word that the
    article never writes in lower case), when our speaker's surname occurs in the Source or in the
    400 characters before the content and the pronouns agree (he/she/I need a person, it/they/we an
    organisation).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

SPLITS = ("train", "dev")  # never "test": it is reserved for independent measurement
THRESHOLD = 0.5

# --------------------------------------------------------------------------------------------------
# Scoring vocabulary (definitions of the score, not of the extraction)
# --------------------------------------------------------------------------------------------------

# The extraction's own verb list is Python code (people.SPEECH_VERBS), not a data file, and it is what
# is being measured: the corpus side uses this fixed list.
SPEECH_LEMMAS = frozenset(
    """say tell add ask claim state argue warn insist note explain announce write reply respond accuse
    deny admit suggest declare report describe call urge predict promise vow acknowledge confirm
    complain recall testify tweet""".split()
)
IRREGULAR_FORMS = {"say": {"said"}, "tell": {"told"}, "write": {"wrote", "written"}, "admit": {"admitted", "admitting"}}

PRONOUNS = frozenset(
    """i me my mine myself we us our ours ourselves you your yours yourself he him his himself she her hers
    herself it its itself they them their theirs themselves who whom whose which that this these those one
    someone somebody anyone everyone some many others other both each all most few several""".split()
)
PERSON_PRONOUNS = frozenset("i me my he him his she her hers".split())
GROUP_PRONOUNS = frozenset("we us our they them their it its".split())
TITLES = frozenset(
    "mr mrs ms miss dr sir dame prof professor lord lady rev hon sen rep gov gen president senator jr sr ii iii iv".split()
)
FUNCTION_WORDS = frozenset(
    "the a an of for and or to in on at by with from as s t also then said says told according but not no".split()
)
STOP_WORDS = PRONOUNS | TITLES | FUNCTION_WORDS
ACRONYM_SKIP = frozenset("the of for and to on in a".split())

OPENING_DOUBLE = {"“": "”", "„": "“", "«": "»", '"': '"'}
OPENING_SINGLE = {"‘": "’", "'": "'"}


def inflections(lemma: str) -> set[str]:
    """The forms of a regular English verb ("deny" -> denies, denied, denying) plus known irregular ones."""
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms = {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith("e"):
        forms = {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    else:
        forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    return forms | IRREGULAR_FORMS.get(lemma, set())


SPEECH_FORMS = frozenset(form for lemma in SPEECH_LEMMAS for form in inflections(lemma))

# --------------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------------


@dataclass
class Relation:
    """One gold attribution. Spans are (start, end) character offsets into the article text."""

    id: str
    content_spans: list[tuple[int, int]]
    source_spans: list[tuple[int, int]] = field(default_factory=list)
    cue_spans: list[tuple[int, int]] = field(default_factory=list)
    content: str = ""
    source: str = ""  # "" for an Attribution-no-source relation
    cue: str = ""

    @property
    def content_start(self) -> int:
        return self.content_spans[0][0]


@dataclass
class Article:
    name: str
    text: str
    relations: list[Relation]


def parse_spans(offsets: str) -> list[tuple[int, int]]:
    """brat offsets "12 20;25 31" -> [(12, 20), (25, 31)]."""
    return [tuple(int(n) for n in fragment.split()) for fragment in offsets.split(";")]


def parse_brat(ann: str, text: str) -> list[Relation]:
    """The attribution relations of one .ann file, ordered by content position.

    Text-bound lines "T<n><TAB><Type> <offsets><TAB><text>" define spans; event lines
    "E<n><TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1" (or Attribution-no-source, and Content2 for
    a second content element) tie them into a relation. Roles are read without their number, so
    Content and Content2 form one discontinuous content. Relations without a content are dropped.
    Element strings are the element's fragments of ``text`` joined by one space, as brat writes them.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[tuple[str, list[str]]] = []
    for line in ann.split("\n"):
        if re.match(r"T\d+\t", line):
            tid, type_and_offsets = line.split("\t")[:2]
            spans[tid] = parse_spans(type_and_offsets.partition(" ")[2])
        elif re.match(r"E\d+\t", line):
            eid, arguments = line.split("\t")[:2]
            events.append((eid, arguments.split()))
    relations = []
    for eid, arguments in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for argument in arguments:
            role, _, tid = argument.partition(":")
            if tid in spans:
                roles.setdefault(role.rstrip("0123456789"), []).extend(spans[tid])
        if not roles.get("Content"):
            continue
        element = {role: sorted(roles.get(role, [])) for role in ("Content", "Source", "Cue")}
        relations.append(Relation(
            id=eid,
            content_spans=element["Content"], source_spans=element["Source"], cue_spans=element["Cue"],
            content=span_text(text, element["Content"]), source=span_text(text, element["Source"]),
            cue=span_text(text, element["Cue"]),
        ))
    relations.sort(key=lambda r: (r.content_start, max(end for _, end in r.content_spans)))
    return relations


def span_text(text: str, spans: list[tuple[int, int]]) -> str:
    return " ".join(text[start:end] for start, end in spans)


def pick_annotations(ann_names: list[str]) -> dict[str, str]:
    """Article name -> its .ann file name (the first by name when several annotators did it)."""
    chosen: dict[str, str] = {}
    for ann_name in sorted(ann_names):
        match = re.fullmatch(r"(.*)_[0-9a-f]{4}\.ann", ann_name)
        if match:
            chosen.setdefault(match.group(1), ann_name)
    return chosen


def corpus_kind(path: Path, split: str) -> str:
    """"cache", "checkout" or "git" for a PATH argument, or exit with what was expected."""
    if (path / split / "gold").is_dir():
        return "cache"
    if (path / "data" / split / "text").is_dir():
        return "checkout"
    probe = subprocess.run(["git", "--git-dir", str(path), "rev-parse", "--verify", "-q", "HEAD"],
                           capture_output=True, check=False)
    if probe.returncode == 0:
        return "git"
    raise SystemExit(f"{path}: not a PolNeAR git directory, checkout (data/{split}/text/) or prepared "
                     f"cache ({split}/gold/)")


def load_corpus(path: str | Path, split: str) -> list[Article]:
    """The articles of one split, ordered by name, from any of the three PATH forms."""
    if split not in SPLITS:
        raise SystemExit(f"split {split!r} refused: only {', '.join(SPLITS)} may be read")
    path = Path(path)
    loader = {"cache": load_cache, "checkout": load_checkout, "git": load_git}[corpus_kind(path, split)]
    return sorted(loader(path, split), key=lambda article: article.name)


def load_checkout(root: Path, split: str) -> list[Article]:
    folder = root / "data" / split
    chosen = pick_annotations([p.name for p in (folder / "attributions").glob("*.ann")])
    articles = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        name = text_path.stem
        if name not in chosen:
            continue
        text = read_utf8(text_path)
        ann = read_utf8(folder / "attributions" / chosen[name])
        articles.append(Article(name, text, parse_brat(ann, text)))
    return articles


def load_git(gitdir: Path, split: str) -> list[Article]:
    listing = git_output(gitdir, "ls-tree", "-r", "HEAD", f"data/{split}/text/", f"data/{split}/attributions/")
    texts, anns = {}, {}
    for line in listing.decode("utf-8").splitlines():
        info, path = line.split("\t", 1)
        blob, name = info.split()[2], path.rsplit("/", 1)[-1]
        if "/text/" in path and name.endswith(".txt"):
            texts[name[:-4]] = blob
        elif "/attributions/" in path and name.endswith(".ann"):
            anns[name] = blob
    chosen = {name: ann for name, ann in pick_annotations(list(anns)).items() if name in texts}
    blobs = git_blobs(gitdir, [texts[n] for n in chosen] + [anns[a] for a in chosen.values()])
    articles = []
    for name, ann_name in chosen.items():
        text = blobs[texts[name]].decode("utf-8")
        articles.append(Article(name, text, parse_brat(blobs[anns[ann_name]].decode("utf-8"), text)))
    return articles


def load_cache(root: Path, split: str) -> list[Article]:
    """The JSON written by ``polnear.py prepare``: gold/<name>.json names its text in ../raw/."""
    folder = root / split
    articles = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(read_utf8(gold_path))
        text = read_utf8(folder / "raw" / gold["text_file"])
        relations = [
            Relation(
                id=r["id"],
                content_spans=[tuple(s) for s in r["content_spans"]],
                source_spans=[tuple(s) for s in r.get("source_spans") or []],
                cue_spans=[tuple(r["cue_span"])] if r.get("cue_span") else [],
                content=r["content"], source=r.get("source") or "", cue=r.get("cue") or "",
            )
            for r in gold["relations"]
        ]
        articles.append(Article(gold_path.stem, text, relations))
    return articles


def read_utf8(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:  # keep \r\n: offsets count it
        return handle.read()


def git_output(gitdir: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", "--git-dir", str(gitdir), *args], input=stdin, capture_output=True,
                          check=True).stdout


def git_blobs(gitdir: Path, shas: list[str]) -> dict[str, bytes]:
    """sha -> content, all through one ``git cat-file --batch``."""
    data = git_output(gitdir, "cat-file", "--batch", stdin="".join(sha + "\n" for sha in shas).encode())
    blobs, position = {}, 0
    for sha in shas:
        header_end = data.index(b"\n", position)
        header = data[position:header_end].split()
        if len(header) != 3 or header[1] != b"blob":
            raise SystemExit(f"git cat-file: cannot read {sha}")
        size = int(header[2])
        blobs[sha] = data[header_end + 1:header_end + 1 + size]
        position = header_end + 1 + size + 1
    return blobs


# --------------------------------------------------------------------------------------------------
# Words, overlap and quotation marks
# --------------------------------------------------------------------------------------------------


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def tokens(text: str | None) -> list[str]:
    """Lower-case words without accents or a possessive 's: "Mr. O’Rourke’s plan" -> mr, o, rourke, plan."""
    text = re.sub(r"[’‘`]", "'", strip_accents(text or "").lower())
    return re.findall(r"[a-z0-9]+", re.sub(r"'s\b", "", text))


def dice(a: list[str], b: list[str]) -> float:
    """Dice coefficient of two word multisets."""
    if not a or not b:
        return 0.0
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))


def mostly_inside(small: list[str], big: list[str], share: float = 0.8) -> bool:
    """At least ``share`` of small's words (as a multiset) occur in big."""
    return bool(small) and sum((Counter(small) & Counter(big)).values()) >= share * len(small)


def greedy_match(preds: list[list[str]], golds: list[list[str]], threshold: float = THRESHOLD) -> dict[int, int]:
    """One-to-one matching, best Dice first (ties: higher pred index, then higher gold index): gold -> pred."""
    pairs = sorted(((dice(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)), reverse=True)
    matched: dict[int, int] = {}
    used_preds: set[int] = set()
    for score, i, j in pairs:
        if score < threshold:
            break
        if i not in used_preds and j not in matched:
            matched[j] = i
            used_preds.add(i)
    return matched


def quoted_mask(text: str) -> list[bool]:
    """Per character of ``text``: is it inside a quotation (marks included)?

    Lines are paragraphs and no quotation crosses one. Pairs: “…”, „…“, «…», straight "…", the NYT's
    ''…'' (a doubled apostrophe is a double mark), and single ‘…’ / '…' when the opening mark starts a
    word and the closing mark ends one (so apostrophes inside words do not count). A double quotation
    still open at the end of a paragraph runs to its end (a quote continued in the next paragraph).
    """
    mask = [False] * len(text)
    line_start = 0
    for line in text.split("\n"):
        line = line.replace("''", '"\x00')  # same length, so offsets hold; \x00 marks the second '
        opened_at, closer = None, None
        for k, char in enumerate(line):
            before = line[k - 1] if k else " "
            after = line[k + 1] if k + 1 < len(line) else " "
            if opened_at is None:
                if char in OPENING_DOUBLE:
                    opened_at, closer = k, OPENING_DOUBLE[char]
                elif char in OPENING_SINGLE and not before.isalnum() and after.isalpha():
                    opened_at, closer = k, OPENING_SINGLE[char]
            elif char == closer and (closer not in "’'" or not after.isalnum()):
                end = k + 2 if after == "\x00" else k + 1
                mask[line_start + opened_at:line_start + end] = [True] * (end - opened_at)
                opened_at = None
        if opened_at is not None and closer not in "’'":
            mask[line_start + opened_at:line_start + len(line)] = [True] * (len(line) - opened_at)
        line_start += len(line) + 1
    return mask


def is_quoted(relation: Relation, text: str, mask: list[bool]) -> bool:
    """At least half of the content's letters and digits lie inside quotation marks."""
    inside = total = 0
    for start, end in relation.content_spans:
        for position in range(start, end):
            if text[position].isalnum():
                total += 1
                inside += mask[position]
    return total > 0 and 2 * inside >= total


def speech_reason(relation: Relation, text: str, mask: list[bool]) -> str | None:
    """"cue" (a speech verb or "according to"), "quoted" (mostly quoted content) or None."""
    if SPEECH_FORMS.intersection(tokens(relation.cue)) or re.search(r"\baccording\s+to\b", relation.cue, re.I):
        return "cue"
    if is_quoted(relation, text, mask):
        return "quoted"
    return None


# --------------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------------


def name_words(text: str | None) -> set[str]:
    return {t for t in tokens(text) if t not in STOP_WORDS and not t.isdigit()}


def surname(name: str) -> str:
    words = [t for t in tokens(name) if t not in TITLES and t != "the"]
    return words[-1] if words else ""


def lower_case_words(text: str) -> set[str]:
    """The words an article writes in lower case (so "Police" at a sentence start is not a name)."""
    return set(re.findall(r"\b[a-z][a-z’'\-]*\b", text))


def is_description(source: str, article_lower_words: set[str]) -> bool:
    """A Source without a name: each capitalised word is a STOP word or a word the article writes in lower case."""
    for word in re.findall(r"[^\W\d_][\w’'\-]*", source):
        word = re.sub(r"(’s|'s)$", "", word)
        if word[:1].isupper() and word.lower() not in STOP_WORDS and word.lower() not in article_lower_words:
            return False
    return True


def is_acronym_of(short: str, long: str) -> bool:
    """'IMF' ~ 'the International Monetary Fund': an all-capitals word of short spells long's initials."""
    words = [w for w in re.findall(r"[^\W\d_]+", strip_accents(long or "")) if w.lower() not in ACRONYM_SKIP]
    initials = "".join(w[0] for w in words).upper()
    return len(initials) >= 2 and initials in re.findall(r"\b[A-Z]{2,}\b", short or "")


def judge_source(quote: dict, relation: Relation, text: str, article_lower_words: set[str]) -> tuple[bool, bool]:
    """(strict, lenient) correctness of our speaker for a matched relation with a gold Source."""
    gold = relation.source
    name = quote.get("speaker") or ""
    said_as = quote.get("speaker_text") or ""
    gold_words = name_words(gold)
    strict = bool(gold_words & (name_words(name) | name_words(said_as)))
    if not strict and not gold_words and said_as and tokens(said_as) == tokens(gold):
        strict = True  # both say "he", or "they"
    lenient = strict or is_acronym_of(gold, name) or is_acronym_of(name, gold)
    if lenient or not name or not pronouns_agree(gold, quote.get("speaker_is_person")):
        return strict, lenient
    if is_description(gold, article_lower_words):
        family = surname(name)
        before = text[max(0, relation.content_start - 400):relation.content_start]
        lenient = bool(family) and family in tokens(gold + " " + before)
    return strict, lenient


def pronouns_agree(gold_source: str, speaker_is_person: bool | None) -> bool:
    """he/she/I need a person speaker, it/they/we an organisation (unknown: agree)."""
    if speaker_is_person is None:
        return True
    words = set(tokens(gold_source))
    return not ((words & PERSON_PRONOUNS and not speaker_is_person) or (words & GROUP_PRONOUNS and speaker_is_person))


# --------------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------------


@dataclass
class ArticleScore:
    """The counts of one article and the cases behind them (for -v and error analysis)."""

    name: str
    counts: Counter = field(default_factory=Counter)
    missed: list[tuple[Relation, dict | None, float]] = field(default_factory=list)  # relation, nearest quote, Dice
    unmatched: list[tuple[dict, float, bool]] = field(default_factory=list)  # quote, best Dice, inside a content
    wrong_source: list[tuple[Relation, dict]] = field(default_factory=list)
    matched: list[tuple[Relation, dict, bool]] = field(default_factory=list)  # relation, quote, source correct


def score_article(article: Article, quotes: list[dict], threshold: float = THRESHOLD) -> ArticleScore:
    """Compare one article's quotes (dicts as ``manage.py extract`` prints them) with its relations."""
    result = ArticleScore(article.name)
    counts, text = result.counts, article.text
    mask = quoted_mask(text)
    contents = [tokens(r.content) for r in article.relations]
    reasons = [speech_reason(r, text, mask) for r in article.relations]
    speech = [(r, words) for r, words, reason in zip(article.relations, contents, reasons) if reason]
    quote_words = [tokens(q.get("text")) for q in quotes]
    counts.update(relations=len(article.relations), speech=len(speech), quotes=len(quotes),
                  speech_cue=reasons.count("cue"), speech_quoted_only=reasons.count("quoted"))

    for quote, words in zip(quotes, quote_words):
        best = max((dice(words, content) for content in contents), default=0.0)
        fragment_ok = best >= threshold or any(
            dice(words, tokens(text[start:end])) >= threshold
            for r in article.relations if len(r.content_spans) > 1 for start, end in r.content_spans)
        counts.update(quotes_correct=best >= threshold, quotes_correct_frag=fragment_ok)
        counts[f"quotes_{quote.get('kind') or '?'}"] += 1
        counts[f"quotes_correct_{quote.get('kind') or '?'}"] += best >= threshold
        if best < threshold:
            result.unmatched.append((quote, best, any(mostly_inside(words, c) for c in contents)))

    matches = greedy_match(quote_words, [words for _, words in speech], threshold)
    lower_words = lower_case_words(text)
    for j, (relation, words) in enumerate(speech):
        if j not in matches:
            nearest = max(((dice(qw, words), q) for q, qw in zip(quotes, quote_words)),
                          key=lambda pair: pair[0], default=(0.0, None))
            result.missed.append((relation, nearest[1], nearest[0]))
            continue
        counts["matched"] += 1
        quote = quotes[matches[j]]
        if not relation.source:
            counts["matched_no_source"] += 1
            continue
        strict, lenient = judge_source(quote, relation, text, lower_words)
        counts.update(source_judged=1, source_strict=strict, source_correct=lenient)
        result.matched.append((relation, quote, lenient))
        if not lenient:
            result.wrong_source.append((relation, quote))
    return result


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def summarise(split: str, scores: list[ArticleScore], seconds_per_article: float | None) -> dict:
    """The corpus-level numbers, as printed by --json."""
    total = sum((s.counts for s in scores), Counter())
    precision = ratio(total["quotes_correct"], total["quotes"])
    recall = ratio(total["matched"], total["speech"])
    return {
        "split": split,
        "articles": len(scores),
        "relations": total["relations"],
        "attributions": total["speech"],
        "attributions_by_cue": total["speech_cue"],
        "attributions_by_quotes_only": total["speech_quoted_only"],
        "quotes": total["quotes"],
        "quotes_correct": total["quotes_correct"],
        "matched": total["matched"],
        "precision": round(precision, 3),
        "precision_frag": round(ratio(total["quotes_correct_frag"], total["quotes"]), 3),
        "recall": round(recall, 3),
        "f1": round(ratio(2 * precision * recall, precision + recall), 3),
        "source_judged": total["source_judged"],
        "source_correct": total["source_correct"],
        "source_accuracy": round(ratio(total["source_correct"], total["source_judged"]), 3),
        "source_accuracy_strict": round(ratio(total["source_strict"], total["source_judged"]), 3),
        "matched_without_source": total["matched_no_source"],
        "precision_by_kind": {
            key[len("quotes_"):]: round(ratio(total["quotes_correct_" + key[len("quotes_"):]], total[key]), 3)
            for key in sorted(total) if key.startswith("quotes_") and not key.startswith("quotes_correct")
        },
        "seconds_per_article": None if seconds_per_article is None else round(seconds_per_article, 3),
    }


# --------------------------------------------------------------------------------------------------
# The extraction
# --------------------------------------------------------------------------------------------------


def extract(articles: list[Article], clean_text: bool = False) -> dict[str, dict]:
    """Article name -> the extraction record (``ExtractedArticle.as_dict()`` plus "name"), in this process."""
    from articles.extraction.document import SourceText
    from articles.extraction.pipeline import extract_articles

    sources = (SourceText(text=a.text, origin=a.name, format="txt", is_page_text=not clean_text) for a in articles)
    records = {}
    for count, (article, result) in enumerate(zip(articles, extract_articles(sources)), start=1):
        records[article.name] = {"name": article.name, **result.as_dict()}
        if count % 50 == 0:
            print(f"  extracted {count}/{len(articles)}", file=sys.stderr)
    return records


def load_preds(path: str) -> dict[str, dict]:
    """Saved records by article name ("name", else the basename of "file" without .txt)."""
    records = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                name = record.get("name") or Path(record["file"]).name.removesuffix(".txt")
                records[name] = record
    return records


def save_preds(path: str, records: dict[str, dict]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for record in records.values():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------


def summary_lines(summary: dict, missing: int) -> list[str]:
    s = summary
    speed = f"; {s['seconds_per_article']:.3f} s/article extracting" if s["seconds_per_article"] is not None else ""
    return [
        f"PolNeAR {s['split']}: {s['articles']} articles, {s['relations']} relations, {s['attributions']} speech "
        f"attributions ({s['attributions_by_cue']} by cue, {s['attributions_by_quotes_only']} by quote marks only)"
        + (f"; {missing} articles without extraction output" if missing else "") + speed,
        f"  quotes      {s['quotes']} ours, {s['quotes_correct']} match a content; by kind (precision): "
        + ", ".join(f"{kind} {p:.3f}" for kind, p in s["precision_by_kind"].items()),
        f"  precision   {s['precision']:.3f}   (fragment-aware {s['precision_frag']:.3f})",
        f"  recall      {s['recall']:.3f}   ({s['matched']}/{s['attributions']} attributions matched)",
        f"  F1          {s['f1']:.3f}",
        (f"  source      {s['source_accuracy']:.3f}   ({s['source_correct']}/{s['source_judged']} matched with a Source;"
         f" strict {s['source_accuracy_strict']:.3f}; {s['matched_without_source']} matched have no Source)"),
    ]


def clip(text: str | None, width: int = 90) -> str:
    text = re.sub(r"\s+", " ", text or "")
    return text if len(text) <= width else text[:width - 3] + "..."


def detail_lines(score: ArticleScore) -> list[str]:
    """Per-article counts and cases, for -v."""
    c = score.counts
    lines = [(f"== {score.name}: {c['speech']} attributions, {c['quotes']} quotes, {c['matched']} matched, "
              f"{c['quotes_correct']} quotes correct, source {c['source_correct']}/{c['source_judged']}")]
    for relation, quote, best in score.missed:
        nearest = f" | nearest quote (Dice {best:.2f}): {clip(quote.get('text'), 50)!r}" if quote else ""
        lines.append(f"  missed    [{relation.cue!r} / {clip(relation.source, 30)!r}] {clip(relation.content)!r}{nearest}")
    for quote, best, inside in score.unmatched:
        where = ", inside a content" if inside else ""
        lines.append(f"  unmatched [{quote.get('kind')}, Dice {best:.2f}{where}] {clip(quote.get('text'))!r}")
    for relation, quote in score.wrong_source:
        lines.append(f"  source    gold {clip(relation.source, 40)!r} vs ours {quote.get('speaker')!r} / "
                     f"{quote.get('speaker_text')!r}: {clip(relation.content, 50)!r}")
    return lines


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", help="PolNeAR git directory, checkout, or prepared cache folder")
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (by name)")
    parser.add_argument("--json", action="store_true", help="print only the summary, as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="per-article counts and cases")
    parser.add_argument("--save-preds", metavar="FILE", help="write the extraction output (JSON lines)")
    parser.add_argument("--preds", metavar="FILE", help="score saved extraction output instead of extracting")
    parser.add_argument("--clean-text", action="store_true",
                        help="extract with is_page_text=False (unlike manage.py extract on a .txt)")
    args = parser.parse_args(argv)

    articles = load_corpus(args.path, args.split)
    if args.limit:
        articles = articles[:args.limit]
    seconds_per_article = None
    if args.preds:
        records = load_preds(args.preds)
    else:
        started = time.perf_counter()
        records = extract(articles, clean_text=args.clean_text)
        seconds_per_article = (time.perf_counter() - started) / max(len(articles), 1)
    if args.save_preds:
        save_preds(args.save_preds, {a.name: records[a.name] for a in articles if a.name in records})

    missing = sum(a.name not in records for a in articles)
    scores = [score_article(a, records.get(a.name, {}).get("quotes") or []) for a in articles]
    summary = summarise(args.split, scores, seconds_per_article)
    summary["missing_outputs"] = missing
    if args.json:
        print(json.dumps(summary))
        return summary
    if args.verbose:
        for score in scores:
            print("\n".join(detail_lines(score)))
        print()
    print("\n".join(summary_lines(summary, missing)))
    return summary


if __name__ == "__main__":
    main()
