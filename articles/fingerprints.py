"""Text fingerprints for finding copies: MinHash bands of an article body, winnowed keys of a quote.

Pure Python (no Django), so that the import, the backfill and the benchmarks compute the same keys.

- **Articles.** A body becomes the set of its word 5-grams (shingles) within each paragraph, so that
  reordered paragraphs keep them. One-permutation MinHash with
  64 bins summarises it; 21 bands of 3 bins give the LSH keys stored in the database: two bodies
  share a band key with a probability that rises steeply with their Jaccard similarity (0.02 at
  J = 0.1, 0.94 at J = 0.5, 0.9999 at J = 0.8), so a lookup touches only near copies, however
  large the corpus.
  The verdict compares the two signatures: the share of equal bins estimates Jaccard, and with the
  shingle counts it gives the containment of the shorter body in the longer one, which stays high
  for a copy with its tail trimmed or extended.
- **Statements.** A quote becomes its folded word tokens. Its keys are the winnowed word 3-grams
  (the smallest hash of every 4 consecutive 3-grams; 3-grams of function words only are left out),
  prefixed by the speaker: any run of 6 or more words that two quotes of one speaker share gives
  them a common key. The verdict: the same tokens,
  near-identical 3-gram sets, or one quote a contiguous part of the other.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from articles.extraction import lexicons
from articles.extraction.text import strip_accents

SHINGLE_WORDS = 5
MINHASH_BINS = 64
BAND_ROWS = 3  # 21 bands (the 64th bin is left out)
# A copy: its shingles contained at least this much in the other body (see benchmarks/dedup_gold.py).
COPY_CONTAINMENT = 0.7
MIN_SHINGLES = 12  # shorter bodies are copies only when their shingles are identical

STATEMENT_GRAM = 3
WINNOW_WINDOW = 4
# A fragment joins a longer statement only from this many words: shorter common runs are stock
# phrases ("thank you very much", "we will see") that different statements share.
MIN_FRAGMENT_WORDS = STATEMENT_GRAM + WINNOW_WINDOW - 1
NEAR_IDENTICAL = 0.7  # Jaccard of the 3-gram sets of two quotes saying the same thing
# A partial quote joins the statement it is a piece of from this many words ("close" alone could be
# a piece of anything the speaker said); within one article from any length.
MIN_PARTIAL_WORDS = 3
STOCK_PHRASES = lexicons.words("stock_phrases")
FUNCTION_WORDS = frozenset(lexicons.table("language_stopwords")["en"])

_WORD = re.compile(r"[^\W_]+")
_EMPTY = (1 << 58) - 1  # above every bin value: marks a bin no shingle fell into


def words(text: str) -> list[str]:
    """Folded word tokens: lower case, accents dropped, punctuation and quote marks ignored."""
    return _WORD.findall((text if text.isascii() else strip_accents(text)).lower())


def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (Python's own hash() is salted per process)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def signed(value: int) -> int:
    """A 64-bit hash as a signed integer, as database BIGINT columns store them."""
    return value - (1 << 64) if value >= 1 << 63 else value


# --- articles -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyFingerprint:
    signature: tuple[int, ...]  # MINHASH_BINS values
    shingle_count: int

    @property
    def band_keys(self) -> list[int]:
        """One key per band: the hash of its bin values and its position."""
        keys = []
        for start in range(0, MINHASH_BINS - BAND_ROWS + 1, BAND_ROWS):
            band = ",".join(map(str, self.signature[start:start + BAND_ROWS]))
            keys.append(signed(stable_hash(f"{start}:{band}")))
        return keys

    def to_bytes(self) -> bytes:
        return b"".join(value.to_bytes(8, "big") for value in self.signature)

    @classmethod
    def from_bytes(cls, data: bytes, shingle_count: int) -> BodyFingerprint:
        values = tuple(int.from_bytes(data[i:i + 8], "big") for i in range(0, len(data), 8))
        return cls(values, shingle_count)


def body_shingles(body: str) -> set[str]:
    """The word 5-grams of each paragraph (a paragraph of fewer words is one shingle): shingles do not
    cross paragraphs, so a copy with its paragraphs in another order has the same ones."""
    shingles = set()
    for paragraph in body.splitlines():
        tokens = words(paragraph)
        if tokens:
            shingles.update(" ".join(tokens[i:i + SHINGLE_WORDS]) for i in range(max(len(tokens) - SHINGLE_WORDS + 1, 1)))
    return shingles


def body_fingerprint(body: str) -> BodyFingerprint:
    shingles = body_shingles(body)
    bins = [_EMPTY] * MINHASH_BINS
    for shingle in shingles:
        value = stable_hash(shingle)
        index, rest = value % MINHASH_BINS, value >> 6
        if rest < bins[index]:
            bins[index] = rest
    return BodyFingerprint(tuple(_densified(bins)), len(shingles))


def _densified(bins: list[int]) -> list[int]:
    """Fill empty bins from the next full one (rotation), so that short bodies still have whole bands;
    two bodies with the same shingles fill theirs alike."""
    if all(value == _EMPTY for value in bins):
        return bins
    filled = list(bins)
    for index, value in enumerate(bins):
        offset = 1
        while value == _EMPTY:
            value = bins[(index + offset) % MINHASH_BINS]
            offset += 1
        filled[index] = value if offset == 1 else stable_hash(f"{value}:{offset}") >> 6
    return filled


def body_containment(a: BodyFingerprint, b: BodyFingerprint) -> float:
    """How much of the shorter body's shingles the longer one holds (estimated from the signatures)."""
    if not a.shingle_count or not b.shingle_count:
        return 0.0
    jaccard = sum(x == y for x, y in zip(a.signature, b.signature)) / MINHASH_BINS
    shared = jaccard * (a.shingle_count + b.shingle_count) / (1 + jaccard)
    return min(shared / min(a.shingle_count, b.shingle_count), 1.0)


def are_copies(a: BodyFingerprint, b: BodyFingerprint) -> bool:
    if min(a.shingle_count, b.shingle_count) < MIN_SHINGLES:
        return a == b
    return body_containment(a, b) >= COPY_CONTAINMENT


# --- statements -----------------------------------------------------------------------------------


def _grams(tokens: list[str]) -> list[str]:
    return [" ".join(tokens[i:i + STATEMENT_GRAM]) for i in range(len(tokens) - STATEMENT_GRAM + 1)]


def _key_grams(tokens: list[str]) -> list[str]:
    """The 3-grams worth a key: "one of the" or "it is a" occur in most of what a speaker says, and
    their keys would make every lookup read all of a prolific speaker's statements."""
    return [
        " ".join(tokens[i:i + STATEMENT_GRAM]) for i in range(len(tokens) - STATEMENT_GRAM + 1)
        if not FUNCTION_WORDS.issuperset(tokens[i:i + STATEMENT_GRAM])
    ]


def statement_keys(speaker_key: str, tokens: list[str], *, every_gram: bool = False) -> set[int]:
    """Lookup keys of a quote by one speaker: its whole text, and its winnowed 3-grams (every 3-gram
    with ``every_gram``, for the side that looks up); 3-grams of function words only are left out."""
    keys = {signed(stable_hash(f"{speaker_key}|={' '.join(tokens)}"))}
    hashes = [stable_hash(f"{speaker_key}|{gram}") for gram in _key_grams(tokens)]
    if every_gram or len(hashes) <= WINNOW_WINDOW:
        chosen = hashes
    else:
        chosen = [min(hashes[i:i + WINNOW_WINDOW]) for i in range(len(hashes) - WINNOW_WINDOW + 1)]
    return keys | {signed(value) for value in chosen}


def _contains(longer: list[str], shorter: list[str]) -> bool:
    return f" {' '.join(shorter)} " in f" {' '.join(longer)} "


def same_statement(a: list[str], b: list[str], *, min_fragment: int = MIN_FRAGMENT_WORDS) -> bool:
    """Whether two quotes of one speaker say the same thing: the same words, near-identical wording,
    or one a contiguous part (of ``min_fragment`` words or more, and no stock phrase) of the other.

    A shorter ``min_fragment`` suits a partial quote, which is by nature a piece of what was said:
    "not a big fan" inside "I'm not a big fan of the plan"."""
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= min_fragment and " ".join(shorter) not in STOCK_PHRASES and _contains(longer, shorter):
        return True
    if len(shorter) < MIN_FRAGMENT_WORDS:
        return False
    grams_a, grams_b = set(_grams(a)), set(_grams(b))
    return len(grams_a & grams_b) / len(grams_a | grams_b) >= NEAR_IDENTICAL
