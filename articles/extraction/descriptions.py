"""Which named person a nameless description of a speaker stands for ("the judge" -> Justice Ann Lee).

A news story names a person once and then describes them: "the judge said", "the 24-year-old
said", "the CEO said". The people stage attaches a few such descriptions as mentions; this module
answers for any description the quotes stage meets as a speaker, from what the whole article says
of each person: the offices and occupations of their titles, roles and appositions (compared
through `lexicons/role_equivalents.txt`, so "judge" fits "Justice", "CEO" fits "chief executive")
and their stated age ("Ann Lee, 24,", "a 24-year-old nurse").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicons
from .document import Person
from .names import fold, name_words
from .quote_marks import token_range

ROLE_NOUNS = lexicons.words("role_nouns")
FEMALE_WORDS = lexicons.words("female_words")
MALE_WORDS = lexicons.words("male_words")


def _equivalents() -> dict[tuple[str, ...], str]:
    forms = {}
    for line in lexicons.entries("role_equivalents"):
        names = [tuple(fold(form).split()) for form in line.split(" = ")]
        for name in names:
            forms[name] = " ".join(names[0])
    return forms


_OFFICE_OF = _equivalents()  # folded words of a form -> the office's first form
_LONGEST_FORM = max(len(form) for form in _OFFICE_OF)
_AGE = re.compile(r"\b(\d{1,3})-year-old\b")
_HYPHENS = frozenset("-‐‑")
_DEFINITE = frozenset(("the", "this", "that"))
_DETERMINERS = frozenset(("the", "this", "that", "a", "an", "one", "another"))


@dataclass(frozen=True)
class Description:
    """What a nameless definite description says of the person it stands for."""

    office: str | None  # the office or occupation its head names, as compared ("chief executive")
    age: int | None  # "the 24-year-old"
    gender: str | None  # "f" for "the spokeswoman", "m" for "the chairman"
    modifiers: frozenset[str] = frozenset()  # capitalised words before the office ("GOP")


def offices(words: list[str]) -> list[str]:
    """The offices a run of words names, each compared by its first form: "the studio's chief
    executive" -> ["chief executive"], "lawyer and activist" -> ["attorney", "activist"]. A run of
    role words names one office, its last ("general manager" is a manager, not a general)."""
    return [office for office, _, _ in _office_runs(words)]


def _office_runs(words: list[str]) -> list[tuple[str, int, int]]:
    """(office, first word, end) for each run of role words."""
    folded = [fold(word).rstrip(".") for word in words]
    runs = []
    i = 0
    while i < len(folded):
        office, size = _office_at(folded, i)
        if office is None:
            i += 1
            continue
        if runs and runs[-1][2] == i:
            runs[-1] = (office, runs[-1][1], i + size)
        else:
            runs.append((office, i, i + size))
        i += size
    return runs


def _proper_modifiers(words: list[str], start: int) -> frozenset[str]:
    """The capitalised words before an office ("GOP", "Vermont", "Health" in "Health Minister"):
    they say whose office it is, so "the GOP front-runner" is not "Democratic front-runner X"."""
    return frozenset(fold(w) for w in words[:start] if w[:1].isupper() and fold(w) not in _DETERMINERS)


def _office_at(folded: list[str], i: int) -> tuple[str | None, int]:
    for size in range(min(_LONGEST_FORM, len(folded) - i), 0, -1):
        office = _OFFICE_OF.get(tuple(folded[i : i + size]))
        if office is not None:
            return office, size
    if folded[i] in ROLE_NOUNS:
        return folded[i], 1
    return None, 1


def is_age(token) -> bool:
    """The head of "24-year-old" as the tokenizer splits it ("24", "-", "year", "-", "old")."""
    doc = token.doc
    return token.lower_ == "old" and token.i >= 4 and doc[token.i - 2].lower_ in ("year", "years") and doc[token.i - 4].is_digit


def describe(doc, head) -> Description | None:
    """What the description whose head noun is ``head`` says ("the 61-year-old mayor", "the
    campaign's spokeswoman", "Grayson's spokeswoman"); None unless it is one person described
    and nothing more: not "a judge" (someone new), "officials", "the senator and candidate"
    (conjoined descriptions are one person; not resolved yet), "his friend, Ann Lee" (named)."""
    if head.tag_ in ("NNS", "NNPS") or head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children):
        return None
    if any(t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > head.i for t in head.subtree):
        return None  # "his friend at Lehigh, Bruce Turry,": the name is given right there
    start = head.left_edge.i
    if is_age(head) and start > 0 and doc[start - 1].lower_ in _DEFINITE:
        start -= 1  # "the 24-year-old said": the parser hangs "the" on the verb
    phrase = doc[start : head.i + 1]
    if not (phrase[0].lower_ in _DEFINITE or any(c.dep_ == "poss" for c in head.children)):
        return None
    words = [t.text for t in phrase if not t.is_punct]
    runs = _office_runs(words)
    office, modifiers = None, frozenset()
    if runs and runs[-1][2] == len(words):  # the head itself names the office, not "X's campaign"
        office, modifiers = runs[-1][0], _proper_modifiers(words, runs[-1][1])
    age = _AGE.search(phrase.text)
    folded = {fold(t.text) for t in phrase}
    gender = "f" if folded & FEMALE_WORDS else "m" if folded & MALE_WORDS else None
    if office is None and (age is None or not is_age(head)):
        return None
    return Description(office=office, age=int(age.group(1)) if age else None, gender=gender, modifiers=modifiers)


@dataclass
class _Profile:
    offices: dict[str, set[str]]  # office -> the capitalised words that said whose office it is
    ages: set[int]

    def read(self, words: list[str]) -> None:
        for office, start, _ in _office_runs(words):
            self.offices.setdefault(office, set()).update(_proper_modifiers(words, start))
        self.ages.update(int(age) for age in _AGE.findall(" ".join(words)))

    def fits(self, description: Description) -> bool:
        if description.office is not None:
            modifiers = self.offices.get(description.office)
            if modifiers is None or (description.modifiers and modifiers and not description.modifiers & modifiers):
                return False
            return not self.ages - {description.age} if description.age is not None else True
        return description.age in self.ages


class PersonProfiles:
    """What the article says of each person, read once when a description first needs it."""

    def __init__(self, doc, people: list[Person], genders: dict[int, str], captions: tuple[str, ...] = ()):
        self.doc = doc
        self.people = people
        self.captions = captions  # image captions: "Taoiseach Ann Lee in the Dáil. Photograph: ..."
        self.genders = genders  # id(person) -> "f" / "m", as the quotes stage knows it
        self._profiles: dict[int, _Profile] | None = None
        self._first_tokens: dict[int, list[int]] = {}

    def person_described(self, description: Description | None, at: int) -> Person | None:
        """The one person ``description`` fits among those named before token ``at`` (the most
        recently named when several do); None when nobody fits."""
        if description is None:
            return None
        profiles = self._read()
        fitting = []
        for person in self.people:
            known = self.genders.get(id(person))
            if not profiles[id(person)].fits(description) or (description.gender and known and known != description.gender):
                continue
            named_before = [t for t in self._first_tokens[id(person)] if t < at]
            if named_before:
                fitting.append((max(named_before), person))
        if not fitting:
            return None
        return max(fitting, key=lambda pair: pair[0])[1]

    def _read(self) -> dict[int, _Profile]:
        if self._profiles is None:
            self._profiles = {}
            for person in self.people:
                self._profiles[id(person)] = self._profile(person)
        return self._profiles

    def _profile(self, person: Person) -> _Profile:
        profile = _Profile(offices={}, ages=set())
        name = set(name_words(person.name))  # "Ann King" is no king
        for role in person.roles:
            profile.read(role.split())
        tokens = []
        for mention in person.mentions:
            span = token_range(self.doc, mention.start, mention.end)
            if not span:
                continue
            tokens.append(span[0])
            words = self.doc[span.start : span.stop]
            profile.read([t.text for t in words if fold(t.text) not in name])  # "Justice Ann Lee", "Dr Lee"
            profile.read(_title_words(self.doc, span.start))
            for phrase in _appositions(self.doc, words[-1]):
                profile.read([t.text for t in phrase if not t.is_punct])
            age = stated_age(self.doc, span.stop)
            if age is not None:
                profile.ages.add(age)
        for caption in self.captions:
            profile.read(_caption_title(caption, person))
        self._first_tokens[id(person)] = tokens
        return profile


def _appositions(doc, head) -> list:
    """The noun phrases set beside a name: "Ann Lee, the studio's chief executive, who ..." and
    "Its spokeswoman, Ann Lee," (from the determiner to the noun: no relative clause)."""
    phrases = []
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.i > head.i:
            phrases.append(doc[child.left_edge.i : child.i + 1])
            phrases.extend(doc[c.left_edge.i : c.i + 1] for c in child.children if c.dep_ == "conj")
    if head.dep_ == "appos" and head.head.i < head.i and head.head.pos_ == "NOUN":
        phrases.append(doc[head.head.left_edge.i : head.head.i + 1])
    return phrases


def _title_words(doc, start: int) -> list[str]:
    """The words of the title right before a name, hyphenated words whole ("Democratic
    front-runner Ann Lee" -> ["Democratic", "front", "runner"]), so its modifiers are read too."""
    words = []
    i = start - 1
    while i >= 0 and len(words) < 6:
        token = doc[i]
        if token.text in _HYPHENS and i > 0:
            i -= 1
            continue
        if token.pos_ not in ("PROPN", "NOUN", "ADJ", "NUM") or token.is_punct:
            break
        words.append(token.text)
        i -= 1
    return words[::-1]


def _caption_title(caption: str, person: Person) -> list[str]:
    """The capitalised words right before the person's full name in a caption ("Taoiseach Ann
    Lee during Leaders' Questions" -> ["Taoiseach"]): a caption often gives the title the body
    leaves out."""
    at = caption.find(person.name) if len(person.name.split()) > 1 else -1
    if at < 0:
        return []
    words = []
    for word in reversed(caption[:at].split()):
        if not (word[:1].isupper() or fold(word) in ROLE_NOUNS) or word[-1:] in ".,;:":
            break
        words.append(word)
    return words[::-1]


def stated_age(doc, end: int) -> int | None:
    """"Ann Lee, 24, said" or "Ann Lee (24)"."""
    if end + 2 >= len(doc) or doc[end].text not in (",", "("):
        return None
    age, closing = doc[end + 1], doc[end + 2].text
    if not age.is_digit or not 0 < int(age.text) < 120:
        return None
    return int(age.text) if closing in ((",", ".") if doc[end].text == "," else (")",)) else None
