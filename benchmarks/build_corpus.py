"""Build the benchmark corpus: 10,000 article-sized JSONL records recombined from real text.

Usage:  python benchmarks/build_corpus.py [--count 10000] [--seed 20261128] [--out benchmarks/out/corpus.jsonl]

Paragraphs come from the reference bodies of ../shared/benchmarks/boilerplate/dev.jsonl (real news
and blog pages from many publishers) and from the seed articles; each record takes a run of paragraphs
from one page (so quotes keep their attributions) plus a few from others, to about 450-650 words.
The same seed gives the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared/benchmarks/boilerplate/dev.jsonl"
PUBLISHERS = [f"Benchmark Publisher {n}" for n in range(1, 21)]
AUTHORS = ["Alex Morgan", "Sam Patel", "Jo Okafor", "Chris Lindqvist", "Priya Raman", "Tom Mwangi", "Lena Kowalski"]


def load_pages() -> list[list[str]]:
    pages = []
    with DEV.open() as lines:
        for line in lines:
            paragraphs = [p.strip() for p in json.loads(line)["article_body"].split("\n") if len(p.split()) >= 12]
            if len(paragraphs) >= 3:
                pages.append(paragraphs)
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        pages.append([p.strip() for p in seed.read_text().split("\n") if len(p.split()) >= 12])
    return pages


def make_record(rng: random.Random, pages: list[list[str]], number: int) -> dict:
    page = rng.choice(pages)
    start = rng.randrange(len(page))
    paragraphs = page[start:start + rng.randint(4, 9)]
    while sum(len(p.split()) for p in paragraphs) < rng.randint(450, 650):
        paragraphs.append(rng.choice(rng.choice(pages)))
    first_words = paragraphs[0].split()[: rng.randint(6, 11)]
    return {
        "title": " ".join(first_words).rstrip(".,;:") + f" ({number})",
        "body": "\n\n".join(paragraphs),
        "source": rng.choice(PUBLISHERS),
        "author": rng.choice(AUTHORS),
        "published": (dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))).isoformat(),
        "url": f"https://benchmark.example/articles/{number}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--out", default=str(REPO / "benchmarks/out/corpus.jsonl"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pages = load_pages()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w") as handle:
        for number in range(1, args.count + 1):
            handle.write(json.dumps(make_record(rng, pages, number), ensure_ascii=False) + "\n")
    print(f"wrote {args.count} records from {len(pages)} pages to {out}")


if __name__ == "__main__":
    main()
