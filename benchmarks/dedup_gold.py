"""De-duplication quality against a gold this script builds: B-cubed precision and recall of stories
(over articles) and of statements (over quotes).

Usage:  python benchmarks/dedup_gold.py [--seed 7] [--variants 3] [--limit N] [--keep DIR]

The corpus is made from the repo's hand-annotated articles (tests/gold: page texts with their gold
quotes and speakers). Each one is a distinct story; the script adds syndicated copies of it, each
with some of: a new headline and outlet furniture (masthead, byline, share lines, related links), the
tail trimmed or extended, two paragraphs swapped, a few words edited. It also plants

- a fragment of one article's direct quote in another article, in a paraphrase by the same
  speaker (an occurrence of the first article's statement);
- the same boilerplate paragraph, and quotes that share only a stock phrase ("Thank you very
  much", "We will see"), in unrelated articles (neither a copy nor one statement).

It records the true groups, imports everything through the normal flow (real extraction) into a
fresh SQLite database, and scores the stories and statements the import made. Gold statements
follow the definition: quotes by the same gold speaker whose words are the same or one a
contiguous part of the other. An extracted quote is scored when it matches a gold quote of its
article (Dice >= 0.5 on words, as the evaluator matches); the rest are counted apart.

It also sweeps the copy threshold over every pair of articles (from their stored fingerprints) to
show where the chosen one (fingerprints.COPY_CONTAINMENT) stands.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

OUTLETS = ["Harbour Gazette", "Valley Post", "The Morning Ledger", "Coastline News", "Metro Daily", "The Northern Echo Wire"]
BOILERPLATE = (
    "Our journalism depends on readers like you, and every subscription helps us keep reporting on the "
    "stories that matter in your community every single day."
)
STOCK = ["Thank you very much", "We will see", "It is what it is"]
CONTINUATIONS = [
    "the council will make its decision when the report is published in June",
    "the vote on the new budget is still expected to go ahead on Friday",
    "our teams will be back on the roads as soon as the weather allows",
    "the families affected deserve a full answer and they will get one",
]


# --- building the corpus --------------------------------------------------------------------------


def gold_articles() -> list[dict]:
    """Every hand-annotated article: its page text and its gold annotation."""
    found = []
    for gold_path in sorted((REPO / "tests/gold").rglob("*.json")):
        gold = json.loads(gold_path.read_text())
        raw = gold_path.with_name(gold.get("raw_file") or "")
        if not raw.is_file():
            raw = REPO / "seeds" / (gold.get("raw_file") or "")
        if raw.is_file():
            found.append({"id": gold_path.stem, "text": raw.read_text(encoding="utf-8"), "gold": gold})
    return found


def body_lines(article: dict) -> tuple[list[str], list[int]]:
    """The page's lines, and the indices of those that are body paragraphs (long, not boilerplate)."""
    lines = article["text"].splitlines()
    boilerplate = {line.strip() for line in article["gold"].get("boilerplate", [])}
    body = [i for i, line in enumerate(lines) if len(line.split()) >= 12 and line.strip() not in boilerplate]
    return lines, body


def syndicated_copy(article: dict, rng: random.Random, number: int) -> str:
    """A copy under another outlet: new headline and furniture, and some edits of the body."""
    lines, body = body_lines(article)
    if len(body) < 3:
        return ""
    paragraphs = [lines[i] for i in body]
    edits = rng.sample(["trim", "extend", "swap", "words"], k=rng.randint(1, 3))
    if "trim" in edits:
        paragraphs = paragraphs[: max(3, round(len(paragraphs) * rng.uniform(0.65, 0.85)))]
    if "extend" in edits:
        paragraphs.append(f"This story was updated at {rng.randint(1, 11)}pm with further details from the {OUTLETS[number % len(OUTLETS)]} newsroom.")
    # Editors move and touch up the narration; they leave quotes, and what attributes them, alone.
    narration = [i for i, p in enumerate(paragraphs) if i and not _SPEECH.search(p)]
    if "swap" in edits and len(narration) >= 2:
        i, j = rng.sample(narration, 2)
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    if "words" in edits:
        paragraphs = [_edit_words(p, rng) if i in narration and rng.random() < 0.5 else p for i, p in enumerate(paragraphs)]
    outlet = OUTLETS[number % len(OUTLETS)]
    headline = (article["gold"].get("headline") or "News").rstrip(".")
    return "\n".join([
        outlet.upper(), "Home | News | Sport | Business | Contact", f"{headline}: what we know",
        f"By {outlet} staff", "Share on Facebook", *paragraphs, "Related: More stories from our newsroom",
        f"© 2025 {outlet}. All rights reserved.",
    ])


_SPEECH = re.compile(r"[\"“”‘’']|\b(said|says|told|added|according|asked|warned|stated|explained)\b", re.I)
_SYNONYMS = {"said": "stated", "big": "large", "new": "fresh", "also": "too", "very": "really", "many": "numerous",
             "people": "residents", "began": "started", "because": "as", "about": "around", "after": "following"}


def _edit_words(paragraph: str, rng: random.Random) -> str:
    """An editor's touch on narration: a word swapped for a synonym, or an adverb dropped."""
    words = paragraph.split(" ")
    swappable = [i for i, word in enumerate(words) if word.lower() in _SYNONYMS]
    for index in rng.sample(swappable, min(2, len(swappable))):
        words[index] = _SYNONYMS[words[index].lower()]
    droppable = [i for i, word in enumerate(words) if word.endswith("ly") and word.isalpha()]
    if droppable:
        words[rng.choice(droppable)] = ""
    return " ".join(word for word in words if word)


def fragment_paragraph(quote: dict, speaker: str, rng: random.Random) -> str | None:
    """A paraphrase quoting 6-12 words of ``quote`` by its speaker, for another article."""
    words = quote["text"].strip(" ,.").split()
    if len(words) < 10:
        return None
    size = rng.randint(6, min(12, len(words) - 2))
    start = rng.randint(0, len(words) - size)
    fragment = " ".join(words[start:start + size]).strip(",.;:")
    return f"{speaker} has previously described the situation as “{fragment}”, according to earlier reports."


def build(articles: list[dict], *, seed: int, variants: int) -> tuple[list[dict], dict]:
    """The records to import (page texts) and what is true of them."""
    rng = random.Random(seed)
    records, story_of = [], {}
    fragments = defaultdict(list)  # target article id -> (paragraph, source article id, gold quote index)
    donors = [(a, i, q) for a in articles for i, q in enumerate(a["gold"]["quotes"])
              if q.get("kind") == "direct" and q.get("speaker_is_person") and isinstance(q.get("speaker"), str)]
    for article, index, quote in rng.sample(donors, min(15, len(donors))):
        target = rng.choice([a for a in articles if a["id"] != article["id"]])
        paragraph = fragment_paragraph(quote, quote["speaker"], rng)
        if paragraph:
            fragments[target["id"]].append((paragraph, article["id"], index, quote["speaker"]))
    shared = set(rng.sample([a["id"] for a in articles], min(10, len(articles))))
    stock = defaultdict(list)  # article id -> quotes that share only a stock phrase with others
    for number, article in enumerate(articles):
        extra = [paragraph for paragraph, *_ in fragments[article["id"]]]
        if article["id"] in shared:
            extra.append(BOILERPLATE)
            quote = f"{STOCK[number % len(STOCK)]}, {CONTINUATIONS[number % len(CONTINUATIONS)]}"
            stock[article["id"]].append(quote)
            extra.append(f"“{quote},” a spokesperson said.")
        original = _with_extra(article["text"], extra, article)
        records.append({"id": f"{article['id']}/original", "text": original, "base": article["id"]})
        for copy in range(rng.randint(0, variants)):
            text = syndicated_copy({**article, "text": original}, rng, number + copy + 1)
            if text:
                records.append({"id": f"{article['id']}/copy{copy}", "text": text, "base": article["id"]})
    for record in records:
        story_of[record["id"]] = record["base"]
    truth = {"story_of": story_of, "fragments": dict(fragments), "stock": dict(stock)}
    return records, truth


def _with_extra(text: str, extra: list[str], article: dict) -> str:
    """The page with paragraphs inserted after its first body paragraph."""
    if not extra:
        return text
    lines, body = body_lines(article)
    at = body[0] + 1 if body else len(lines)
    return "\n".join(lines[:at] + extra + lines[at:])


# --- scoring --------------------------------------------------------------------------------------


def bcubed(clusters: dict, gold: dict) -> tuple[float, float]:
    """B-cubed precision and recall of item -> cluster against item -> gold group (same items)."""
    by_cluster, by_gold = defaultdict(set), defaultdict(set)
    for item, cluster in clusters.items():
        by_cluster[cluster].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in clusters:
        same = by_cluster[clusters[item]] & by_gold[gold[item]]
        precision += len(same) / len(by_cluster[clusters[item]])
        recall += len(same) / len(by_gold[gold[item]])
    return precision / len(clusters), recall / len(clusters)


def gold_statement_ids(articles: list[dict], truth: dict) -> dict:
    """(article id, gold quote index) -> statement id, by the definition (same speaker; same words or
    one a contiguous part of the other), across all articles."""
    from articles.fingerprints import words

    quotes = [(a["id"], i, q) for a in articles for i, q in enumerate(a["gold"]["quotes"])]
    for target, planted in truth["fragments"].items():
        for paragraph, source, index, speaker in planted:
            fragment = re.search("“(.+)”", paragraph).group(1)
            quotes.append((target, f"fragment:{source}:{index}", {"text": fragment, "speaker": speaker}))
    for target, planted in truth["stock"].items():
        for number, text in enumerate(planted):
            quotes.append((target, f"stock:{number}", {"text": text, "speaker": "a spokesperson"}))
    parent = {(a, i): (a, i) for a, i, _ in quotes}

    def root(item):
        while parent[item] != item:
            item = parent[item]
        return item

    by_speaker = defaultdict(list)
    for article, index, quote in quotes:
        speaker = quote.get("speaker")
        speaker = " ".join(speaker) if isinstance(speaker, list) else (speaker or "")
        by_speaker[speaker.lower()].append(((article, index), words(quote["text"])))
    for items in by_speaker.values():
        for (a, ta), (b, tb) in combinations(items, 2):
            short, long = sorted((ta, tb), key=len)
            if short and f" {' '.join(short)} " in f" {' '.join(long)} ":
                parent[root(a)] = root(b)
    return {item: root(item) for item in parent}


def planted_quotes(truth: dict, base: str) -> list[tuple[str, dict]]:
    """The quotes planted in a base article's records: (gold item index, quote)."""
    found = []
    for paragraph, source, index, speaker in truth["fragments"].get(base, []):
        found.append((f"fragment:{source}:{index}", {"text": re.search("“(.+)”", paragraph).group(1), "speaker": speaker}))
    for number, text in enumerate(truth["stock"].get(base, [])):
        found.append((f"stock:{number}", {"text": text, "speaker": "a spokesperson"}))
    return found


def show_errors(clusters: dict, gold: dict, quote_model) -> None:
    """Print each gold statement split over several statements, and each statement joining gold ones."""
    rows = {row[0]: row[1:] for row in quote_model.objects.filter(pk__in=clusters).values_list("pk", "text", "speaker__name", "speaker_label")}
    for title, key, other in (("SPLIT", gold, clusters), ("JOINED", clusters, gold)):
        groups = defaultdict(set)
        for item, group in key.items():
            groups[group].add(item)
        for items in groups.values():
            if len({other[item] for item in items}) > 1:
                print(title)
                for item in sorted(items, key=lambda i: other[i]):
                    text, name, label = rows[item]
                    print(f"   [{other[item]}] {name or label!r}: {text[:110]}")


def run(records, truth, articles, database_url, *, verbose=False) -> dict:
    import django

    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
    django.setup()
    from django.core.management import call_command

    from articles import services
    from articles.extraction.document import SourceText
    from articles.extraction.evaluation import dice
    from articles.fingerprints import BodyFingerprint, body_containment
    from articles.models import Article, ArticleFingerprint, Quote

    call_command("migrate", verbosity=0)
    sources = [SourceText(text=r["text"], origin=r["id"], format="txt", is_page_text=True) for r in records]
    article_of = {}
    for outcome in services.articles_import(sources):
        if outcome.stored is not None:
            article_of[outcome.source.origin] = outcome.stored.article.pk
    base_of = {r["id"]: r["base"] for r in records}
    story = dict(Article.objects.values_list("pk", "story_id"))
    stories = {record: story[pk] for record, pk in article_of.items()}
    article_p, article_r = bcubed(stories, {record: base_of[record] for record in stories})
    if verbose:
        for base in sorted(set(base_of.values())):
            split = {record: stories[record] for record in stories if base_of[record] == base}
            if len(set(split.values())) > 1:
                print("SPLIT STORY", split)

    gold_ids = gold_statement_ids(articles, truth)
    gold_quotes = {a["id"]: list(enumerate(a["gold"]["quotes"])) for a in articles}
    clusters, gold, unmatched = {}, {}, 0
    records_of = defaultdict(list)
    for record, pk in article_of.items():
        records_of[pk].append(record)
    for pk, records_here in records_of.items():
        base = base_of[records_here[0]]
        expected = gold_quotes[base] + planted_quotes(truth, base)
        found = list(Quote.objects.filter(article_id=pk).values_list("pk", "text", "statement_id"))
        pairs = sorted(
            ((dice(text, q["text"]), qpk, index) for qpk, text, _ in found for index, q in expected),
            key=lambda pair: (-pair[0], pair[1], str(pair[2])),
        )
        used_quote, used_gold = set(), set()
        for value, qpk, index in pairs:
            if value < 0.5 or qpk in used_quote or index in used_gold:
                continue
            used_quote.add(qpk), used_gold.add(index)
            clusters[qpk] = dict((f[0], f[2]) for f in found)[qpk]
            gold[qpk] = gold_ids[(base, index)]
        unmatched += len(found) - len(used_quote)
    quote_p, quote_r = bcubed(clusters, gold)
    if verbose:
        show_errors(clusters, gold, Quote)
    return {
        "records": len(records), "articles": len(article_of), "stories_true": len(set(base_of.values())),
        "stories_made": len(set(stories.values())),
        "articles_bcubed": {"precision": round(article_p, 4), "recall": round(article_r, 4)},
        "quotes_scored": len(clusters), "quotes_unmatched": unmatched,
        "statements_true": len(set(gold.values())), "statements_made": len(set(clusters.values())),
        "quotes_bcubed": {"precision": round(quote_p, 4), "recall": round(quote_r, 4)},
        "threshold_sweep": threshold_sweep(article_of, base_of, ArticleFingerprint, BodyFingerprint, body_containment),
    }


def threshold_sweep(article_of, base_of, fingerprint_model, fingerprint_class, containment) -> dict:
    """Pairwise precision and recall of "copies" at several containment thresholds, over all pairs."""
    fingerprints = {
        row.article_id: fingerprint_class.from_bytes(bytes(row.signature), row.shingle_count)
        for row in fingerprint_model.objects.all()
    }
    base = {pk: base_of[record] for record, pk in article_of.items()}
    pairs = [(containment(fingerprints[a], fingerprints[b]), base[a] == base[b]) for a, b in combinations(sorted(base), 2)]
    sweep = {}
    for threshold in (0.3, 0.5, 0.6, 0.7, 0.8, 0.9):
        said = [same for value, same in pairs if value >= threshold]
        true_pairs = sum(same for _, same in pairs)
        sweep[str(threshold)] = {
            "precision": round(sum(said) / len(said), 4) if said else 1.0,
            "recall": round(sum(said) / true_pairs, 4) if true_pairs else 1.0,
        }
    return sweep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--variants", type=int, default=3, help="At most this many copies of each article.")
    parser.add_argument("--limit", type=int, default=0, help="Use only this many gold articles.")
    parser.add_argument("--keep", help="Write the generated page texts and the truth into this folder.")
    parser.add_argument("-v", "--verbose", action="store_true", help="Print the split and joined statements.")
    args = parser.parse_args()
    articles = gold_articles()
    if args.limit:
        articles = articles[: args.limit]
    records, truth = build(articles, seed=args.seed, variants=args.variants)
    if args.keep:
        folder = Path(args.keep)
        folder.mkdir(parents=True, exist_ok=True)
        for record in records:
            (folder / (record["id"].replace("/", "__") + ".txt")).write_text(record["text"], encoding="utf-8")
        (folder / "truth.json").write_text(json.dumps(truth, indent=1))
    with tempfile.TemporaryDirectory() as tmp:
        result = run(records, truth, articles, f"sqlite:///{tmp}/dedup_gold.sqlite3", verbose=args.verbose)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
