"""The pure parts of benchmarks/synthetic_corpus.py: the Zipf sampler, the shapes and the fingerprint
shortcut (the database load itself is exercised by running the script on PostgreSQL)."""

import importlib.util
import random
import sys
from collections import Counter
from pathlib import Path

import pytest

from articles.fingerprints import body_fingerprint

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def synthetic():
    spec = importlib.util.spec_from_file_location("synthetic_corpus", REPO_ROOT / "benchmarks" / "synthetic_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_zipf_sampler_is_reproducible_and_skewed(synthetic):
    sampler = synthetic.ZipfSampler(100, 1.0)
    rng, other = random.Random(7), random.Random(7)
    first = [sampler(rng) for _ in range(2000)]
    assert first == [sampler(other) for _ in range(2000)]
    counts = Counter(first)
    assert set(counts) <= set(range(100))
    assert counts[0] == max(counts.values())  # rank 0 is the commonest
    assert counts[0] / 2000 == pytest.approx(sampler.share(0), abs=0.03)  # 1 / H(100) ~ 0.19
    assert sum(sampler.share(rank) for rank in range(100)) == pytest.approx(1.0)
    assert synthetic.ZipfSampler(1)(random.Random(1)) == 0
    with pytest.raises(ValueError):
        synthetic.ZipfSampler(0)


def test_shapes_grow_sublinearly_and_dates_are_sorted(synthetic):
    small, large = synthetic.Shape(10_000), synthetic.Shape(100_000)
    for attribute in ("people", "authors", "sources", "topics"):
        assert getattr(small, attribute) < getattr(large, attribute) < 10 * getattr(small, attribute)
    days = synthetic.published_days(random.Random(3), 500)
    assert days == synthetic.published_days(random.Random(3), 500)
    dated = [day for day in days if day is not None]
    assert dated == sorted(dated) and 0 <= dated[0] and dated[-1] < synthetic.DAYS


def test_cached_fingerprint_equals_the_import_fingerprint(synthetic):
    """The loader hashes each corpus sentence's shingles once; the result must be what the import stores."""
    cache = synthetic.FingerprintCache()
    paragraphs = [
        [("The council approved the new budget on Tuesday evening.", True),
         ('"We will not raise taxes this year," Ada Smith said.', False),
         ("Residents were not convinced.", True)],
        [("Short one.", True)],  # fewer than five words: one shingle
        [("Zoë Müller's café reopened after the floods last spring.", True),
         ("The council approved the new budget on Tuesday evening.", True)],
    ]
    body = "\n\n".join(" ".join(text for text, _ in paragraph) for paragraph in paragraphs)
    assert cache.fingerprint(paragraphs) == body_fingerprint(body)
    assert cache.fingerprint(paragraphs) == body_fingerprint(body)  # from the cache the second time
    assert synthetic.splice("one two three four five six", "a b c d e f") == ["one", "two", "three", "d", "e", "f"]
