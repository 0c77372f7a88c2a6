"""Name keys and the surname rule shared by the people stage, persistence and the evaluator."""

import pytest

from articles.extraction.names import is_short_form, is_surname_of, name_key, name_words


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Dr. Amara Nwosu", "amara nwosu"),
        ("Cllr Joan Okafor's", "joan okafor"),
        ("Sen. Okafor", "okafor"),
        ("Mr Jean-Noël Dupré’s", "jean-noel dupre"),
        ("Ms O'Neill", "o'neill"),
        ("J. K. Rowling", "j k rowling"),
        ("Chief", "chief"),  # a title alone may be the name
    ],
)
def test_name_key_drops_accents_case_titles_and_possessive(name, key):
    assert name_key(name) == key


def test_short_forms_are_the_start_or_end_of_a_name():
    assert is_short_form(["lee"], ["ann", "lee"]) and is_short_form(["ann"], ["ann", "lee"])
    assert not is_short_form(["ann", "lee"], ["ann", "lee"])
    assert not is_short_form(["mary"], ["ann", "mary", "lee"])


def test_only_the_last_word_is_a_surname():
    assert is_surname_of(name_words("Okafor"), name_words("Joan Okafor"))
    assert not is_surname_of(name_words("Joan"), name_words("Joan Okafor"))
    assert not is_surname_of(name_words("Okafor"), name_words("Okafor"))
