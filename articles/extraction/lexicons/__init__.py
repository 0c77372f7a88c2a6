"""Reads the word lists and tables beside this module (one file per lexicon), once per process.

A ``.txt`` lexicon holds one entry a line; blank lines and lines starting with ``#`` are skipped,
and the ``#`` lines at the top say what the list is for. A ``.json`` lexicon holds one table. The
files are versioned with the code and reviewed like it: changing a list changes the extraction, so
re-run the gold sets (docs/extraction.md).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``<name>.txt``, in file order."""
    lines = (_HERE / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of ``<name>.txt`` as a set."""
    return frozenset(entries(name))


@lru_cache(maxsize=None)
def table(name: str):
    """The table in ``<name>.json``; callers must not change it (it is shared)."""
    return json.loads((_HERE / f"{name}.json").read_text(encoding="utf-8"))


def alternation(name: str) -> str:
    """The entries of ``<name>.txt`` as a regex alternation, longest first, so that "Associated
    Press of Pakistan" is tried before "Associated Press" and "Getty Images" before "Getty"."""
    return "|".join(re.escape(entry) for entry in sorted(entries(name), key=len, reverse=True))
