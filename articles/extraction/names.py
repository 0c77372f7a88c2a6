"""Person names: folding, honorifics and titles, the key a name is matched by, and the surname rule.

Every place that decides whether two name forms belong to one person uses these functions: the
people stage inside an article, ``services.person_resolve`` across articles, the backup restore and
the stored ``PersonAlias.key``; the evaluator and the topics stage use the same honorifics and titles.
"""

from __future__ import annotations

import functools
import re

from . import lexicons
from .text import strip_accents

# "Mr", "Dr", "Cllr", "Alhaji": written before a name and kept in its aliases.
HONORIFICS = lexicons.words("honorifics")
# "Eng.": an honorific only with its full stop.
DOTTED_HONORIFICS = lexicons.words("dotted_honorifics")
# "Sen.", "Justice", "Sheikh", "Chief": titles of office or rank used as a form of address.
ADDRESS_TITLES = lexicons.words("address_titles")
# Everything a name key drops from the front of a name.
TITLES = HONORIFICS | ADDRESS_TITLES
# "van", "bin", "de la": lower-case words inside names.
NAME_PARTICLES = lexicons.words("name_particles")

_POSSESSIVE_END = re.compile(r"'s$")
# Marks that surround a word of a name without being part of it: quote marks around a nickname,
# brackets, commas, an apostrophe after a plural possessive ("Jones'").
_AROUND_WORD = "\"'“”‘’«»()[]{},;"


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparing words and names (cached: the stages fold the
    same token texts many times over)."""
    return strip_accents(text).replace("’", "'").lower().strip()


def is_honorific(word: str) -> bool:
    """"Mr", "Dr.", "Cllr": the word as written, with or without its full stop."""
    return fold(word).rstrip(".") in HONORIFICS


def is_title(word: str) -> bool:
    """An honorific or a title of address ("Sen.", "Justice"): what a name key drops."""
    return fold(word).rstrip(".") in TITLES


def name_words(name: str) -> list[str]:
    """The folded words a name is matched by: "Cllr Joan O'Neill-Okafor's" -> ["joan", "o'neill-okafor"].

    Accents, case, full stops, a possessive ending and the marks around a word go, and so do
    honorifics and titles at the front, as long as a word is left ("Chief" alone stays: it may be
    the name). Other marks stay in their word: "Lee:" (a name running into a title) is not "Lee".
    """
    words = [word.strip(_AROUND_WORD) for word in _POSSESSIVE_END.sub("", fold(name)).replace(".", " ").split()]
    words = [word for word in words if word]
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return words


def name_key(name: str) -> str:
    """The key a person's name form is stored and looked up by ("Dr. Amara Nwosu" -> "amara nwosu")."""
    return " ".join(name_words(name))


def is_short_form(short: list[str], full: list[str]) -> bool:
    """Whether the name words ``short`` are the start or the end of the longer ``full`` ("Lee" or
    "Ann" for "Ann Lee"): within one article such a form is that person's when no other fits better."""
    n = len(short)
    if not n or n >= len(full):
        return False
    return full[-n:] == short or full[:n] == short


def is_surname_of(short: list[str], full: list[str]) -> bool:
    """Whether ``short`` is the surname alone of the full name ``full`` ("Okafor", "Joan Okafor"): the
    one short form that also links people across articles."""
    return len(short) == 1 and is_short_form(short, full) and full[-1] == short[0]
