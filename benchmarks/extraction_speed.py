"""Time the whole extraction against the bare spaCy pipeline on the same ~800-word articles.

Usage:  python benchmarks/extraction_speed.py [path/to/dev.jsonl] [--articles N] [--repeats R] [--long]

Texts: the reference bodies of the boilerplate dev set (real articles), cut to about 800 words at a
paragraph boundary, plus the seed. For each text, in the same run and interleaved so that machine noise
hits both alike, we time ``nlp(text, disable=PIPELINE)`` (the bare model: all of its own components,
none of the project's) and ``extract_article(SourceText(text))`` (structure, one parse through the
model and the project's components: quote marks, speech verbs, people, quotes, topics), take the
median of R repeats, and report the median per-article times and the median ratio.

``--long`` times long articles instead: whole reference bodies joined, paragraph by paragraph, into
texts of at least 2,000 words (as many people, pronouns and quotes as a long feature), since costs
that grow faster than the text (pronoun chains, mentions scanned per quote) show only there.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from articles.extraction.components import PIPELINE  # noqa: E402
from articles.extraction.document import SourceText  # noqa: E402
from articles.extraction.nlp import load_nlp  # noqa: E402
from articles.extraction.pipeline import extract_article  # noqa: E402

DEFAULT_PATH = REPO_ROOT.parent / "shared/benchmarks/boilerplate/dev.jsonl"


def about_800_words(text: str) -> str:
    kept, words = [], 0
    for paragraph in (p.strip() for p in text.split("\n") if p.strip()):
        kept.append(paragraph)
        words += len(paragraph.split())
        if words >= 800:
            break
    return "\n\n".join(kept)


def long_texts(path: Path, limit: int, words_per_text: int = 2000) -> list[str]:
    texts, kept, words = [], [], 0
    with path.open() as lines:
        for line in lines:
            paragraphs = [p.strip() for p in json.loads(line)["article_body"].split("\n") if p.strip()]
            kept.extend(paragraphs)
            words += sum(len(p.split()) for p in paragraphs)
            if words >= words_per_text:
                texts.append("\n\n".join(kept))
                kept, words = [], 0
            if len(texts) >= limit:
                break
    return texts


def load_texts(path: Path, limit: int) -> list[str]:
    texts = [(REPO_ROOT / "seeds/000_794f915c9ce4b57f.txt").read_text()]
    with path.open() as lines:
        for line in lines:
            body = about_800_words(json.loads(line)["article_body"])
            if len(body.split()) >= 600:
                texts.append(body)
            if len(texts) >= limit:
                break
    return texts


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--long", action="store_true", help="texts of 2,000+ words instead of ~800")
    args = parser.parse_args()

    nlp = load_nlp()
    texts = (long_texts if args.long else load_texts)(Path(args.path), args.articles)
    for text in texts[:3]:  # warm up caches and lazy loads on both paths
        nlp(text, disable=PIPELINE)
        extract_article(SourceText(text=text, origin="warm-up"), nlp=nlp)

    bare_times, full_times, ratios = [], [], []
    for i, text in enumerate(texts):
        source = SourceText(text=text, origin=f"text-{i}")
        bare, full = [], []
        for _ in range(args.repeats):
            bare.append(timed(lambda: nlp(text, disable=PIPELINE)))
            full.append(timed(lambda: extract_article(source, nlp=nlp)))
        bare_times.append(statistics.median(bare))
        full_times.append(statistics.median(full))
        ratios.append(full_times[-1] / bare_times[-1])

    words = statistics.median(len(t.split()) for t in texts)
    print(f"articles: {len(texts)} (median {words:.0f} words), repeats: {args.repeats}")
    print(f"bare spaCy model:       median {statistics.median(bare_times) * 1000:7.1f} ms per article")
    print(f"extract_article(text):  median {statistics.median(full_times) * 1000:7.1f} ms per article")
    print(f"ratio extraction / bare: median {statistics.median(ratios):.2f}, max {max(ratios):.2f} (target <= 1.3)")


if __name__ == "__main__":
    main()
