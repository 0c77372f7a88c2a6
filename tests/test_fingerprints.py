"""Fingerprints of copies (pure Python): syndicated bodies are copies, unrelated ones are not; quotes of
one speaker are one statement when they say the same thing, not when they share a stock phrase."""

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from articles.fingerprints import (
    MIN_FRAGMENT_WORDS,
    are_copies,
    body_containment,
    body_fingerprint,
    same_statement,
    statement_keys,
    words,
)

STORY = [
    "The regional council voted on Tuesday to close the old harbour bridge to heavy traffic from next month.",
    "Engineers found corrosion in three of the bridge's supports during an inspection in the spring.",
    "Drivers of lorries will have to use the ring road, which adds about twenty minutes to the journey.",
    "The council said repairs would begin in the autumn and could take up to two years to complete.",
    "Local businesses on the quay said they feared a drop in deliveries and customers during the works.",
    "A public meeting about the closure will be held at the town hall on Thursday evening at seven.",
]
OTHER = [
    "A new exhibition of early photographs opened at the city museum on Saturday morning.",
    "The collection includes portraits taken by travelling photographers in the nineteenth century.",
    "Curators spent two years restoring the glass plates, many of which had cracked in storage.",
    "Entry is free for children under twelve, and the exhibition runs until the end of March.",
    "The museum is also asking families to bring in old photographs that could be added to the archive.",
]
BOILERPLATE = "Sign up to our newsletter to get the day's headlines in your inbox every morning."


def body(paragraphs):
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize(
    "copy",
    [
        body(STORY),
        body(STORY[:4]),  # tail trimmed
        body(STORY + ["Updated at 5pm with comment from the transport department."]),  # tail extended
        body([STORY[i] for i in (2, 0, 1, 5, 3, 4)]),  # paragraphs reordered
        body(STORY).replace("Tuesday", "Wednesday").replace("twenty", "25"),  # word edits
    ],
)
def test_a_syndicated_copy_is_a_copy(copy):
    assert are_copies(body_fingerprint(body(STORY)), body_fingerprint(copy))


def test_unrelated_articles_sharing_boilerplate_are_not_copies():
    first, second = body(STORY + [BOILERPLATE]), body(OTHER + [BOILERPLATE])
    assert body_containment(body_fingerprint(first), body_fingerprint(second)) < 0.3
    assert not are_copies(body_fingerprint(first), body_fingerprint(second))


def test_fingerprints_are_the_same_in_every_process():
    """Python's own hash() is salted per process; keys computed by another worker must still match."""
    code = (
        "from articles.fingerprints import body_fingerprint, statement_keys\n"
        "print(body_fingerprint('One short paragraph of words for the test.').band_keys)\n"
        "print(sorted(statement_keys('p1', ['we', 'will', 'win', 'this'])))\n"
    )
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}, cwd=Path(__file__).resolve().parents[1])
    here = f"{body_fingerprint('One short paragraph of words for the test.').band_keys}\n"
    here += f"{sorted(statement_keys('p1', ['we', 'will', 'win', 'this']))}\n"
    assert other.stdout == here


LONG = "We will build the new bridge before the end of the year and nobody in this town will pay more for it"


@pytest.mark.parametrize(
    "other, same",
    [
        (LONG, True),
        (LONG.replace("nobody", "no one"), True),  # near-identical
        ("build the new bridge before the end of the year", True),  # a fragment of it
        ("we will see", False),  # a stock phrase it shares is too short to say the same thing
        ("We will build a stadium and the whole town will love it", False),
    ],
)
def test_same_statement(other, same):
    assert same_statement(words(LONG), words(other)) is same


def test_two_statements_sharing_only_a_stock_phrase_are_different():
    first = words("Thank you very much, we will see what the voters decide in May")
    second = words("Thank you very much for coming out tonight in the rain")
    assert not same_statement(first, second)


def test_a_fragment_of_six_words_or_more_always_finds_its_statement_by_key():
    """Winnowing: the stored statement keeps only some 3-grams, but any run of MIN_FRAGMENT_WORDS words it
    shares with a fragment gives a common key."""
    tokens = words(LONG)
    stored = statement_keys("p7", tokens)
    assert len(stored) < len(tokens)  # not every 3-gram is stored
    rng = random.Random(3)
    for _ in range(50):
        size = rng.randint(MIN_FRAGMENT_WORDS, len(tokens))
        start = rng.randint(0, len(tokens) - size)
        assert stored & statement_keys("p7", tokens[start:start + size], every_gram=True)
    assert not stored & statement_keys("p8", tokens, every_gram=True)  # keys belong to one speaker
