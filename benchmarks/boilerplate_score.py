"""Score the structure stage's boilerplate removal on real pages.

Usage:  python benchmarks/boilerplate_score.py [path/to/dev.jsonl] [--worst N] [--by-source]

Each JSONL record has ``page_text`` (the whole visible page) and ``article_body`` (the hand-made
reference body).  We run ``build_document(SourceText(text=page_text, origin=id))`` and compare the kept
body (``Document.body``, i.e. the paragraphs; the headline is NOT included because the reference
``article_body`` excludes the headline on these pages) against ``article_body``.

Tokens are lower-cased word tokens; precision/recall/F1 use multiset (bag-of-tokens) overlap and are
averaged over pages.  The baseline keeps the whole page text.  With ``--by-source`` the pages are also
scored per source (the part of the ``id`` before the first ``:``, e.g. ``l3s-gn1:...``) and the macro
average over sources is printed, so a set dominated by one source does not hide the others.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from articles.extraction.document import SourceText  # noqa: E402
from articles.extraction.structure import build_document  # noqa: E402

DEFAULT_PATH = "../shared/benchmarks/boilerplate/dev.jsonl"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def prf(predicted: str, reference: str) -> tuple[float, float, float]:
    pred, ref = tokens(predicted), tokens(reference)
    overlap = sum((pred & ref).values())
    if not pred and not ref:
        return 1.0, 1.0, 1.0
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(ref.values()) if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def resolve(path_arg: str | None) -> Path:
    candidates = []
    if path_arg:
        candidates += [Path(path_arg), REPO_ROOT / path_arg]
    else:
        candidates += [(REPO_ROOT / DEFAULT_PATH).resolve(), Path("/work/shared/benchmarks/boilerplate/dev.jsonl")]
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise SystemExit(f"benchmark file not found: {path_arg or DEFAULT_PATH}")


def main(argv: list[str] | None = None) -> float:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=None)
    parser.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    parser.add_argument("--by-source", action="store_true",
                        help="also score each source (id prefix) and their macro average")
    args = parser.parse_args(argv)
    path = resolve(args.path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    ours, base, rows, sources = [], [], [], []
    elapsed = 0.0
    for record in records:
        started = time.perf_counter()
        document = build_document(SourceText(text=record["page_text"], origin=record["id"]))
        elapsed += time.perf_counter() - started
        scores = prf(document.body, record["article_body"])
        ours.append(scores)
        base.append(prf(record["page_text"], record["article_body"]))
        rows.append((scores[2], scores[0], scores[1], record.get("url", record["id"])))
        sources.append(record["id"].split(":", 1)[0] if ":" in record["id"] else "-")

    def mean(values, k):
        return sum(v[k] for v in values) / len(values)

    print(f"pages: {len(records)}  ({path})")
    print(f"structure stage: P={mean(ours, 0):.3f} R={mean(ours, 1):.3f} F1={mean(ours, 2):.3f}")
    print(f"whole page     : P={mean(base, 0):.3f} R={mean(base, 1):.3f} F1={mean(base, 2):.3f}")
    print(f"time: {1000 * elapsed / len(records):.1f} ms/page")
    if args.by_source:
        print_by_source(sources, ours, base)
    if args.worst:
        for f1, p, r, url in sorted(rows)[: args.worst]:
            print(f"  F1={f1:.3f} P={p:.3f} R={r:.3f}  {url}")
    return mean(ours, 2)


def print_by_source(sources: list[str], ours: list[tuple], base: list[tuple]) -> None:
    """Per-source P/R/F1 (and whole-page F1), then the unweighted mean of the sources' F1."""
    f1s = []
    for name in sorted(set(sources)):
        mine = [s for s, src in zip(ours, sources) if src == name]
        whole = [s for s, src in zip(base, sources) if src == name]
        p, r, f = (sum(s[k] for s in mine) / len(mine) for k in range(3))
        f1s.append(f)
        print(f"  {name:<20} pages={len(mine):>4}  P={p:.3f} R={r:.3f} F1={f:.3f}  "
              f"(whole page F1={sum(s[2] for s in whole) / len(whole):.3f})")
    print(f"  macro F1 over {len(f1s)} sources: {sum(f1s) / len(f1s):.3f}")


if __name__ == "__main__":
    main()
