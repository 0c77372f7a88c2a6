"""Whether a named entity is a person, judged from everything the article says about it.

The people stage finds candidate names mention by mention; this module weighs, for one candidate
(all the mentions of one name, merged), the evidence the whole article gives:

* how the tagger labels its mentions (PERSON against ORG, GPE, FAC, ...): this only tips a
  balance, since the small model calls many people ORG;
* signs only people get: an honorific or title of address, an age ("Ann Lee, 74,"), "he"/"she"
  taking up the name, things only people have ("Lee's lawyer"), coordination with a person, a
  later mention by the surname alone, the name labelling turns of a transcript ("ANN LEE: ...");
* signs only things get: "its" taking up the name, a common noun that classifies it
  ("the trawler X", "the detective series X"), a word of the name that makes it an event, a
  vessel, a work or a product ("Storm X", "X Election"), things only organisations have
  ("X's shareholders"), being a place something happens in ("in X", "near X"), a verb in the
  plural ("X have appealed").

``Evidence.is_person()`` decides per entity, so that one clear sign anywhere in the article
counts for every mention of the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicons
from .descriptions import stated_age
from .names import fold, is_title

# The word lists (lexicons/*.txt says what each holds).
PERSON_PRONOUNS = lexicons.words("person_pronouns")
PERSONAL_POSSESSIONS = lexicons.words("personal_possessions")
THING_NOUNS = lexicons.words("thing_nouns")
THING_NAME_WORDS = lexicons.words("thing_name_words")
ORGANISATION_POSSESSIONS = lexicons.words("organisation_possessions")
ORGANISATION_NOUNS = lexicons.words("organisation_nouns")
ORGANISATION_WORDS = lexicons.words("organisation_words")
ROLE_NOUNS = lexicons.words("role_nouns")

_THING_LABELS = frozenset(("ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP", "LAW"))
_THING_PRONOUNS = frozenset(("its", "itself"))  # not "it": "Lee said it was ..."
_NAME_LABELS = frozenset(("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"))
_PLACE_PREPOSITIONS = frozenset(("in", "near", "across", "outside", "inside", "throughout", "around"))


@dataclass
class Evidence:
    """Counts of what the article says about one named entity."""

    person_tags: int = 0  # mentions the tagger calls PERSON
    thing_tags: int = 0  # ... ORG, GPE, LOC, FAC, PRODUCT, WORK_OF_ART, EVENT, NORP, LAW
    addressed: int = 0  # an honorific or title of address before a mention
    turns: int = 0  # "ANN LEE: ...": the name labels a turn of a transcript
    ages: int = 0  # "Ann Lee, 74," / "Ann Lee (74)"
    person_refs: int = 0  # "he"/"she"/"his"/"her" taking up a mention
    thing_refs: int = 0  # "its" taking up a mention
    personal: int = 0  # "Lee's lawyer": a possession only people have
    classified: int = 0  # "the trawler X": a common noun that makes it a thing
    thing_words: int = 0  # "Storm X", "X Election": a word of the name that makes it a thing
    corporate: int = 0  # "X's shareholders": a possession only organisations have
    places: int = 0  # "in X", "near X"
    plural: int = 0  # "X have appealed": a verb that agrees with a plural subject
    short_forms: int = 0  # a mention by the surname alone after the full name ("Lee said")
    partners: int = 0  # "Ann Lee and Bo Chen": coordinated with a name the tagger calls a person
    name_words: int = 0  # words in the longest form of the name
    jurisdictions: int = 0  # "X Governor Ann Lee": the name says whose office another person holds

    def person_weight(self) -> int:
        """How strongly the article treats the name as a person's."""
        return (self.person_tags - self.thing_tags >= 2) + (
            3 * self.addressed + 3 * min(self.turns, 1) + 3 * self.ages + 2 * self.person_refs + 2 * self.personal
            + 2 * self.partners + min(self.short_forms, 1)
        )

    def thing_weight(self) -> int:
        """How strongly the article treats the name as a thing's (an organisation, place, work,
        event). The tagger's labels only tip the balance: alone they prove nothing (it calls many
        people ORG, and "Lee's tweet" GPE)."""
        signs = (
            3 * self.thing_words + 2 * self.classified + 2 * self.thing_refs + 2 * self.corporate
            + self.places + self.plural + 2 * min(self.jurisdictions, 1)
        )
        return signs + (self.thing_tags - self.person_tags >= 2) if signs else 0

    def is_person(self, *, titled: bool = False) -> bool:
        """``titled``: a mention has a title or role ("Senator X", "X, the envoy"), which the
        people stage reads. A name is refused when the signs of a thing outweigh those of a person."""
        if self.unknown_to_the_tagger() and not titled and not self.person_weight():
            return False
        return self.thing_weight() <= self.person_weight() + 2 * titled

    def unknown_to_the_tagger(self) -> bool:
        """A name of several words that the tagger never takes for a name of any kind: it was taken
        only as the subject of a speech verb ("Northmoor Water said"), and without a single sign of a
        person (no title, honorific, pronoun, age or surname alone) it is an organisation's."""
        return self.name_words > 1 and not self.person_tags and not self.thing_tags


def gather(doc, spans, *, quoted=frozenset(), named=frozenset()) -> Evidence:
    """The evidence about one entity whose mentions are ``spans`` (objects with ``start``, ``end``
    and ``written_start`` token offsets). ``quoted`` holds the tokens inside quote marks (what a
    quote says about a name is weaker than what the reporter says), ``named`` the tokens of every
    candidate name of the article (a pronoun takes up the nearest name before it)."""
    evidence = Evidence()
    _count_tags(doc, spans, evidence)
    for span in spans:
        if span.written_start < span.start or is_title(doc[span.start].text):
            evidence.addressed += 1  # "Mr Lee", and "Gov. Ann Lee" taken whole
        evidence.turns += getattr(span, "reason", None) == "turn"
        if span.start in quoted:
            continue
        evidence.ages += _has_age(doc, span.end)
        restated = _restated_noun(doc, span)
        evidence.classified += _classified_as_thing(doc, span.written_start, span.end) or any(
            _names_a_thing(noun) for noun in _appositions(doc[span.end - 1]) + restated
        )
        evidence.places += _after_place_preposition(doc, span.written_start, span.end)
        evidence.jurisdictions += _before_a_title(doc, span, named)
        possession = _possession(doc, span.end)
        evidence.personal += possession == "person"
        evidence.corporate += possession == "organisation"
        evidence.plural += _plural_subject(doc[span.end - 1])
        evidence.partners += _coordinated_with_person(doc[span.end - 1], named)
        reference = _next_reference(doc, span, quoted, named, restated[0] if restated else None)
        evidence.person_refs += reference == "person"
        evidence.thing_refs += reference == "thing"
    evidence.short_forms = _short_form_mentions(doc, spans)
    evidence.name_words = max((sum(t.is_alpha for t in doc[span.start : span.end]) for span in spans), default=0)
    words = [t for t in doc[spans[0].start : spans[0].end] if t.is_alpha] if spans else []
    evidence.thing_words = sum(fold(t.text) in THING_NAME_WORDS for t in words)
    return evidence


def _short_form_mentions(doc, spans) -> int:
    """Mentions by the last word alone of a longer name the article uses ("Ann Lee" ... "Lee")."""
    if not spans:
        return 0
    longest = max(spans, key=lambda span: span.end - span.start)
    words = [fold(t.text) for t in doc[longest.start : longest.end] if t.is_alpha]
    if len(words) < 2:
        return 0
    return sum(
        1 for span in spans
        if [fold(t.text) for t in doc[span.start : span.end] if t.is_alpha] == words[-1:]
        and doc[span.end - 1].ent_type_ not in _THING_LABELS  # "Kestrel Exchange Dublin" ... "Dublin"
    )


def _plural_subject(head) -> bool:
    """"Gardaí have appealed", "X are": the name is the subject of a verb in the plural."""
    if head.dep_ not in ("nsubj", "nsubjpass") or any(t.dep_ in ("cc", "conj") for t in head.subtree):
        return False  # "Ann and Bo Lee were": two people
    doc = head.doc
    if head.i > 0 and doc[head.i - 1].lower_ in ("and", "&", "or", ","):
        return False
    verb = head.head
    forms = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(
        head.i < t.i <= head.right_edge.i + 2
        and not any(k.is_punct for k in doc[head.i + 1 : t.i])
        and (t.tag_ == "VBP" or t.lower_ == "were")
        for t in forms
    )


def _coordinated_with_person(head, named) -> bool:
    found = [c for c in head.children if c.dep_ == "conj"]
    if head.dep_ == "conj":
        found.append(head.head)
    return any(t.i in named and t.ent_type_ == "PERSON" for t in found)


def _count_tags(doc, spans, evidence: Evidence) -> None:
    """The tagger's labels of the mentions' last words ("the Lee campaign" is no mention of Lee)."""
    for span in spans:
        label = doc[span.end - 1].ent_type_
        if label == "PERSON":
            evidence.person_tags += 1
        elif label in _THING_LABELS:
            evidence.thing_tags += 1


def _has_age(doc, end: int) -> bool:
    """"Ann Lee, 74, said" or "Ann Lee (74)"."""
    return stated_age(doc, end) is not None


def _classified_as_thing(doc, start: int, end: int) -> bool:
    """"the trawler Siobhan Kerr", "the detective series Lena Vantor": a lower-case noun for a
    thing right before the name."""
    if start == 0:
        return False
    before = doc[start - 1]
    if not (start <= before.head.i < end or doc[end - 1].head.i == before.i):
        return False  # "on his radio program Lee had sent": no classifier of the name
    return before.is_lower and before.pos_ not in ("VERB", "AUX") and (fold(before.text) in THING_NOUNS or fold(before.text) in ORGANISATION_NOUNS)


def _appositions(head) -> list:
    """The common nouns in apposition with a name, with a determiner: "Kosmos, a group founded
    by ...", "Pennock Vale, a school ..." (any noun for an organisation or a thing); "the label,
    Northwind, ..." (only a noun for an organisation or a thing: a list is often parsed as an
    apposition, "the media, Ann Lee, Fox ...")."""
    found = [
        c for c in head.children
        if c.dep_ == "appos" and c.pos_ == "NOUN" and any(d.dep_ == "det" for d in c.children)
        and fold(c.text) in ORGANISATION_WORDS
    ]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i < head.i:
        if any(d.dep_ == "det" for d in head.head.children):
            found.append(head.head)
    return found


def _restated_noun(doc, span) -> list:
    """"The engineering firm that prepared the estimate, Tonbridge Whitcombe, said ...": the subject
    that a name between commas restates just before their verb (the parser often hangs such a name
    on the nearest noun instead)."""
    start, end = span.written_start, span.end
    if start == 0 or end + 1 >= len(doc) or doc[start - 1].text != "," or doc[end].text != ",":
        return []
    verb = doc[end + 1]
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < start - 1 and c.pos_ == "NOUN"][:1]


def _names_a_thing(noun) -> bool:
    word = fold(noun.text)
    return noun.is_lower and (word in THING_NOUNS or word in ORGANISATION_NOUNS or (
        word in ORGANISATION_WORDS and noun.dep_ == "appos"
    ))


def _before_a_title(doc, span, named) -> bool:
    """"Kakamega Governor Ann Lee", "Ridgeway Mayor Bo Chen": the name stands before the title of
    another person named right after it, so it is the place or body whose office that is."""
    k = span.end
    if k >= len(doc) or fold(doc[k].text).rstrip(".") not in ROLE_NOUNS or not doc[k].text[:1].isupper():
        return False
    while k < len(doc) and fold(doc[k].text).rstrip(".") in ROLE_NOUNS:
        k += 1
    return k < len(doc) and k in named and doc[k].pos_ == "PROPN"


def _after_place_preposition(doc, start: int, end: int) -> bool:
    """"in Eastgate Cross", "born near Kilbride": a place (not "in Lee's view", "results in Ann Lee
    winning"). The tagger's label is no guide here: it calls many unfamiliar places PERSON."""
    if start == 0 or doc[start - 1].lower_ not in _PLACE_PREPOSITIONS:
        return False
    if end < len(doc) and doc[end].pos_ in ("VERB", "AUX"):
        return False  # "results in Ann Lee winning"
    return not (end < len(doc) and doc[end].lower_ in ("'s", "’s", "'", "’"))


def _possession(doc, end: int) -> str | None:
    """"Lee's lawyer" (a person's), "Acme's shareholders", "Acme has 8,000 employees" (an
    organisation's)."""
    head = doc[end - 1]
    if head.dep_ == "nsubj" and head.head.lemma_ in ("have", "employ"):
        if any(c.dep_ == "dobj" and fold(c.text) in ORGANISATION_POSSESSIONS for c in head.head.children):
            return "organisation"
    if end + 1 >= len(doc) or doc[end].lower_ not in ("'s", "’s", "'", "’"):
        return None
    k = end + 1
    while k < len(doc) and k < end + 4 and doc[k].pos_ in ("ADJ", "NOUN", "PROPN") and doc[k].dep_ in ("amod", "compound"):
        k += 1
    if k >= len(doc):
        return None
    word = fold(doc[k].text)
    if word in PERSONAL_POSSESSIONS:
        return "person"
    if word in ORGANISATION_POSSESSIONS:
        return "organisation"
    return None


def _next_reference(doc, span, quoted, named, subject=None) -> str | None:
    """The pronoun that takes up a mention: the subject or possessive pronoun of the clause the
    name is the subject of ("Acme said it would ...", "Lee raised her offer"), else "he"/"she" as
    the subject of the next sentence, outside quote marks, when no other name comes first."""
    head = subject or doc[span.end - 1]
    if head.dep_ == "poss" and head.head.dep_ in ("nsubj", "nsubjpass"):
        head = head.head  # "Lee's lawyer said she ...": the clause of the phrase the name opens
    if head.dep_ in ("nsubj", "nsubjpass"):
        for pronoun in _clause_pronouns(head.head):
            between = doc[span.end : pronoun.i]
            if pronoun.i > head.i and pronoun.i not in quoted and not any(t.ent_type_ in _NAME_LABELS or t.i in named for t in between):
                return _pronoun_kind(pronoun)  # not "Ann Lee was tapped by Acme to run its ..."
    sentence_end = head.sent.end
    if sentence_end >= len(doc):
        return None
    for k in range(span.end, min(doc[sentence_end].sent.end, sentence_end + 6)):
        if k in named:
            return None
        token = doc[k]
        if k >= sentence_end and token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in ("he", "she") and k not in quoted:
            return "person"
    return None


def _clause_pronouns(verb):
    """Pronouns that a clause's subject can take up: the subjects of its complements, the
    possessives of its objects, and of its complements' subjects and objects ("Acme said its
    profits fell"); not the objects of a complement with a subject of its own ("Lee said the
    council had briefed its lawyers")."""
    clauses = [verb] + [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "conj", "advcl")]
    for clause in clauses:
        own_subject = clause is not verb and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in clause.children
        )
        for child in clause.children:
            if child.pos_ == "PRON" and child.dep_ in ("nsubj", "nsubjpass"):
                if clause is not verb:
                    yield child
            elif child.dep_ in ("nsubj", "nsubjpass") or (
                child.dep_ in ("dobj", "attr", "dative", "prep") and not own_subject
            ):
                objects = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
                for grandchild in (g for o in objects for g in o.children):
                    if grandchild.dep_ == "poss" and grandchild.pos_ == "PRON":
                        yield grandchild


def _pronoun_kind(pronoun) -> str | None:
    word = pronoun.lower_
    if word in PERSON_PRONOUNS:
        return "person"
    if word in _THING_PRONOUNS:
        return "thing"
    return None
