"""Finds the people an article body names, merges their name forms and records their roles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicons
from .document import Document, Mention, Person
from . import person_evidence
from .names import DOTTED_HONORIFICS, HONORIFICS, NAME_PARTICLES, fold, is_short_form, name_key, name_words
from .quote_marks import QuoteSpan, token_range
from .speech_verbs import find_speech_verbs
from .transcripts import transcript_turns

# The word lists the rules weigh (lexicons/*.txt says what each holds).
ROLE_NOUNS = lexicons.words("role_nouns")
ROLE_MODIFIERS = lexicons.words("role_modifiers")
ORGANISATION_WORDS = lexicons.words("organisation_words")
ORGANISATION_NOUNS = lexicons.words("organisation_nouns")
PERSONAL_POSSESSIONS = lexicons.words("personal_possessions")
PERSON_PRONOUNS = lexicons.words("person_pronouns")
MONTHS_AND_DAYS = lexicons.words("months_and_days")
_DESCRIPTION_HEADS = lexicons.words("description_heads")

_HYPHENS = frozenset("-‐‑")
_QUOTE_MARKS = frozenset("\"'“”‘’")

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_DOMAIN = re.compile(r"\.(?:com|org|net|co|in|uk|io|gov)\b", re.I)
_NAMEY = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$")


def is_role_word(word: str) -> bool:
    return fold(word).rstrip(".") in ROLE_NOUNS


@dataclass
class _Cluster:
    name: str
    forms: dict[str, str] = field(default_factory=dict)  # folded form -> form as written
    roles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    spans: list = field(default_factory=list)  # the _NameSpan objects, in token offsets

    @property
    def tokens(self) -> list[str]:
        return name_words(self.name)


def find_people(
    doc, document: Document, *, spans: list[QuoteSpan], speech_verbs: frozenset[int], caption_docs=()
) -> list[Person]:
    """People named in the body, with every mention's body offsets, their roles and descriptions.

    ``spans`` are the body's quoted spans (``quote_marks``: names inside quotes are weak evidence),
    ``speech_verbs`` its speech-verb tokens (their capitalised subjects may be people the tagger
    missed). ``caption_docs`` are the parses of the image captions: people whom only a caption names
    are listed too, with the caption's title as their role and no body mentions.
    """
    context = _BodyContext(doc, document, spans)
    clusters = _merge_spelling_variants(_cluster(_name_spans(doc, speech_verbs, context.turn_labels)))
    named = frozenset(i for c in clusters for s in c.spans for i in range(s.written_start, s.end))
    clusters = [
        c for c in clusters
        if _has_person_evidence(doc, c, context) and not _is_publisher(c, document)
        and _is_person_entity(doc, c, context, named)
    ]
    text = doc.text  # spaCy rebuilds this string on every read
    for cluster in clusters:
        for span in cluster.spans:
            start = doc[span.written_start].idx
            end = doc[span.end - 1].idx + len(_clean_name(doc[span.end - 1].text))
            cluster.mentions.append(Mention(start=start, end=end, text=text[start:end]))
            for role in _roles_for(doc, span):
                if fold(role) not in {fold(r) for r in cluster.roles}:
                    cluster.roles.append(role)
    _resolve_descriptions(doc, clusters)
    clusters += _caption_only_people(caption_docs, clusters)
    people = []
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.start)
        aliases = []
        for key, form in cluster.forms.items():
            if key != fold(cluster.name) and form not in aliases:
                aliases.append(form)
        roles = list(cluster.roles)
        if not roles:
            roles = [_strip_determiner(d) for d in cluster.descriptions if len(d.split()) > 2][:1]
        people.append(
            Person(
                name=cluster.name,
                aliases=aliases,
                roles=roles,
                descriptions=list(cluster.descriptions),
                mentions=cluster.mentions,
            )
        )
    return people


def _is_person_entity(doc, cluster: _Cluster, context: _BodyContext, named: frozenset[int]) -> bool:
    """The whole article's word on the name (person_evidence): refused when it treats the name as a
    thing more than as a person ("the trawler X", "Storm X", "X have appealed", "X ... its")."""
    evidence = person_evidence.gather(doc, cluster.spans, quoted=context.quoted, named=named)
    titled = any(span.reason == "title" or _roles_for(doc, span) for span in cluster.spans)
    return evidence.is_person(titled=titled)


def _is_publisher(cluster: _Cluster, document: Document | None) -> bool:
    """"… told Ridge Daily": the name is the publisher's own (its whole name or its start)."""
    source = name_words(document.source or "") if document is not None else []
    words = cluster.tokens
    return bool(source) and len(words) >= 2 and source[: len(words)] == words


class _BodyContext:
    """Where each body token sits: inside quote marks, or in a paragraph that reads like a title
    (no sentence-final punctuation: related headlines, subheads, listings); and the words of the
    names the tagger calls people."""

    def __init__(self, doc, document: Document | None, spans: list[QuoteSpan] = ()):
        self.quoted = set()
        self.title_like = set()
        # Folded words of the PERSON entities, and of those of several words.
        self.person_words = {fold(t.text) for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
        self.full_name_words = {fold(t.text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
        self.turn_labels: list[range] = []  # token ranges of a transcript's speakers ("ANN LEE:")
        if document is None or document.body != doc.text:
            return
        starts = document.paragraph_starts()
        for turn in transcript_turns(document.paragraphs):
            start = starts[turn.paragraph]
            self.turn_labels.append(token_range(doc, start, start + len(turn.label)))
        for span in spans:
            for s, e in span.segments:
                self.quoted.update(token_range(doc, s, e))
        for start, paragraph in zip(document.paragraph_starts(), document.paragraphs):
            if not _ends_like_prose(paragraph):
                self.title_like.update(token_range(doc, start, start + len(paragraph)))


def _ends_like_prose(paragraph: str) -> bool:
    text = paragraph.rstrip()
    return text[-1:] in ".!?\"'”’:;)…" or text[-2:-1] in ".!?"


def _has_person_evidence(doc, cluster: _Cluster, context: _BodyContext | None = None) -> bool:
    """A name of several words is taken on the tagger's word; a lone word ("Kosmos", "Brexit")
    also needs a sign that it names a person: a title or honorific, a role, an act of speaking or
    of owning what only people own, a place as the subject of a clause, coordination with another
    person, or being tagged a person more than once. Mentions inside quote marks, and modifiers of
    a common noun ("Northwind customers"), are no evidence for a lone word. Any name is refused
    when the text treats it as a thing: "the"/"our" before it, "which" after it, an address or a
    bigger proper name around it, or when it is named only in title-like lines."""
    context = context or _BodyContext(doc, None)
    if any(_named_as_organisation(doc, span) or _treated_as_thing(doc, span, context) for span in cluster.spans):
        return False
    if context.title_like and all(span.start in context.title_like for span in cluster.spans):
        if not any(span.reason == "title" or _signs_a_post(doc, span) for span in cluster.spans):
            return False
    if len(cluster.tokens) > 1:
        return True
    person_tags = 0
    counted = 0
    speaker_acts = 0
    for span in cluster.spans:
        if span.reason in ("title", "possessor") or span.written != span.text:
            return True
        if _roles_for(doc, span):
            return True
        head = doc[span.end - 1]
        modifier = head.dep_ == "compound" and head.head.pos_ == "NOUN"
        tagged = head.ent_type_ == "PERSON" and not modifier
        acts = span.reason == "speaker" or head.dep_ in ("nsubj", "nsubjpass")
        if tagged and acts:
            return True  # tagged a person where it acts, even inside a quote
        if span.start in context.quoted:
            continue
        counted += 1
        person_tags += tagged
        if span.reason == "speaker":
            # Words quoted straight from a bare name ("…?" Lee asked) are a person's.
            speaker_acts += 2 if _attributes_quote_marks(doc, span) else 1
        for other in cluster_neighbours(head):
            if (
                other.ent_type_ == "PERSON"
                and other.pos_ == "PROPN"
                and fold(other.text) not in cluster.tokens
                and fold(other.text) in context.full_name_words
            ):
                return True
    # Speaking once is not enough for a word the tagger never calls a person: news
    # organisations and platforms report, explain and pledge too; people speak again.
    if speaker_acts >= 2 or (speaker_acts and person_tags):
        return True
    return person_tags >= 2 and person_tags * 2 > counted


def _treated_as_thing(doc, span: _NameSpan, context: _BodyContext) -> bool:
    """Structural signs that a capitalised name is not a person's: a determiner or "our"/"its"
    that belongs to it ("the Rovers", "our Reader Forums"), a "which" clause after it, a number
    before a model name ("the 320 Falcon jet"), an address after it ("Elm Arena, Dover, NH"),
    a capitalised head noun it modifies ("Ada Lowe Foundation"), an acronym inside it, or an
    organisation right before it that the tagger cut off ("Acme Hartley")."""
    if span.written != span.text:
        return False  # an honorific makes it a person's name
    start, end = span.start, span.end
    last = doc[end - 1]
    words = [t for t in doc[start:end] if not t.is_punct]
    in_turn_label = any(start in label for label in context.turn_labels)  # "ANN LEE: ..." is a speaker's name
    if not in_turn_label and any(t.is_upper and sum(c.isalpha() for c in t.text) >= 3 for t in words):
        return True
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ in ("the", "a", "an", "our", "your", "its", "their") and start <= before.head.i < end:
        return True
    after = doc[end] if end < len(doc) else None
    if after is not None and after.text == "," and end + 1 < len(doc) and doc[end + 1].lower_ == "which":
        return True
    if before is not None and (before.like_num or any(c.isdigit() for c in before.text)) and last.dep_ == "compound" and last.head.pos_ == "NOUN":
        return True
    if (
        len(words) == 1
        and before is not None
        and before.pos_ == "PROPN"
        and before.ent_type_ == "ORG"
        and not before.is_upper
        and before.dep_ == "compound"
        and start <= before.head.i < end
        and not _is_title(before)
    ):
        return True
    if (
        after is not None
        and after.pos_ == "PROPN"
        and after.text[:1].isupper()
        and last.dep_ == "compound"
        and last.head.i == after.i
        and after.ent_type_ != "PERSON"
        and not _is_title(after)
        and fold(after.text) not in context.person_words
    ):
        return True
    return _in_address(doc, end)


def _signs_a_post(doc, span: _NameSpan) -> bool:
    """"— Ann Lee (@annlee) May 2, 2019": the signature line of an embedded social-media post."""
    k = span.end
    return k + 1 < len(doc) and doc[k].text == "(" and doc[k + 1].text.startswith("@")


def _attributes_quote_marks(doc, span: _NameSpan) -> bool:
    """The name is the speaker of words in quote marks right beside it: '"…," Lee said',
    'Lee said: "…"'."""
    k = span.start - 1
    while k >= 0 and (doc[k].text == "," or doc[k].is_space):
        k -= 1
    if k >= 0 and doc[k].text in ('"', "”", "’", "'"):
        return True
    verb = doc[span.end - 1].head
    k = verb.i + 1
    while k < len(doc) and k <= verb.i + 2 and doc[k].text in (",", ":"):
        k += 1
    return k < len(doc) and k > verb.i + 1 and doc[k].text in ('"', "“", "‘", "'")


def _in_address(doc, end: int) -> bool:
    """", Dover, NH" or ", NH" closing the line after the name: a venue or a town."""
    i = end
    if i >= len(doc) or doc[i].text != ",":
        return False
    i += 1
    k = i
    while k < len(doc) and doc[k].pos_ == "PROPN" and not doc[k].is_upper:
        k += 1
    if k > i:
        if k >= len(doc) or doc[k].text != ",":
            return False
        k += 1
    if k >= len(doc):
        return False
    code = doc[k]
    if not (code.is_upper and len(code.text) == 2 and code.is_alpha):
        return False
    nxt = doc[k + 1] if k + 1 < len(doc) else None
    return nxt is None or nxt.is_space or "\n" in nxt.text_with_ws or (nxt.is_punct and nxt.text != ",")


def _named_as_organisation(doc, span: _NameSpan) -> bool:
    """"the website Full Facts", "Kosmos, a group founded by …", "the label, Northwind, …": the
    name stands beside a noun for an organisation."""
    if span.written != span.text:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ == "NOUN" and before.lower_ in ORGANISATION_NOUNS:
        return True
    head = doc[span.end - 1]
    if head.dep_ == "appos" and head.head.lower_ in ORGANISATION_NOUNS and head.head.pos_ == "NOUN":
        return True
    for child in head.children:
        # "Kosmos, a group founded by …" (not "Ann Lee, her record label, …", a list)
        if child.dep_ == "appos" and child.lower_ in ORGANISATION_NOUNS and child.pos_ == "NOUN":
            if any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in child.children):
                return True
    return False


def cluster_neighbours(token):
    """Tokens coordinated with ``token`` ("Ann Lee and Bo Chen": Chen for Lee and back)."""
    found = [c for c in token.children if c.dep_ == "conj"]
    if token.dep_ == "conj":
        found.append(token.head)
    return found


def _caption_only_people(caption_docs, clusters: list[_Cluster]) -> list[_Cluster]:
    """People whom only an image caption names (with their caption title as role, and no body
    mentions). Captions are a few words each, so parsing them costs little next to the body."""
    known = [c.tokens for c in clusters]
    extra: list[_Cluster] = []
    for caption_doc in caption_docs:
        for cluster in _cluster(_name_spans(caption_doc, find_speech_verbs(caption_doc))):
            words = cluster.tokens
            if any(words == k or is_short_form(words, k) or is_short_form(k, words) for k in known):
                continue
            for span in cluster.spans:
                for role in _roles_for(caption_doc, span):
                    if fold(role) not in {fold(r) for r in cluster.roles}:
                        cluster.roles.append(role)
            if not cluster.roles:
                continue  # an untitled name in a caption is often a credit, a work or a passer-by
            known.append(words)
            extra.append(cluster)
    return extra


# --- finding name spans -------------------------------------------------------------------------


@dataclass
class _NameSpan:
    start: int  # token index of the first name token (honorific excluded)
    end: int  # token index after the last name token
    text: str  # the name as written, without honorific or possessive
    written: str  # form including an honorific ("Mr Patel")
    written_start: int  # token index where ``written`` starts
    reason: str = "entity"  # why it was taken: entity, title, speaker, possessor, known


def _name_spans(doc, speech_verbs: frozenset[int], turn_labels: list[range] = ()) -> list[_NameSpan]:
    """Person-name token spans: the speakers of a transcript's turns (``turn_labels``), PERSON
    entities, titled names, mislabelled speakers and possessors, and later mentions of the forms
    found; a token belongs to at most one span, earlier passes first."""
    finder = _NameFinder(doc)
    finder.turn_speakers(turn_labels)
    finder.entities()
    finder.after_titles()
    finder.after_occupations()
    finder.speakers(speech_verbs)
    finder.possessors()
    finder.known_forms()
    return sorted(finder.found, key=lambda s: s.start)


class _NameFinder:
    """The passes of ``_name_spans`` over one parse, sharing which tokens are taken."""

    def __init__(self, doc):
        self.doc = doc
        self.taken = [False] * len(doc)
        self.found: list[_NameSpan] = []
        self.nicknames = _nicknames(doc)  # opening-mark index -> closing-mark index
        self.nickname_tokens = {k for o, c in self.nicknames.items() for k in range(o, c + 1)}

    def add(self, start: int, end: int, reason: str = "entity") -> None:
        doc = self.doc
        for o in self.nicknames:
            if start < o < end:
                end = o  # "Dante “Bongbong”": the entity stops inside the nickname
                break
        start, end = _trim_name(doc, start, end)
        start, end = _extend_name(doc, start, end, self.nicknames)
        if start >= end or any(self.taken[start:end]):
            return
        if not _looks_like_name(doc[start:end], skip=self.nickname_tokens):
            return
        for i in range(start, end):
            self.taken[i] = True
        written_start = start
        if start > 0 and _is_honorific(doc, start - 1):
            written_start = start - 1
        elif start > 1 and doc[start - 1].text == "." and _is_honorific(doc, start - 2):
            written_start = start - 2  # "Hon. Ann Lee", the full stop split off
        text = _clean_name(_span_text(doc, start, end, self.nickname_tokens))
        written = _clean_name(_span_text(doc, written_start, end, self.nickname_tokens))
        if reason == "turn":  # "ANN LEE:" is Ann Lee
            text, written = text.title(), written.title()
        self.found.append(_NameSpan(start, end, text, written, written_start, reason))

    def turn_speakers(self, turn_labels: list[range]) -> None:
        """The full names that label a transcript's turns ("ANN LEE: ..."), even when the rest of
        the article never names the person in lower case (a surname alone, "LEE:", is left to the
        later passes: it is a person's only when the article names the person in full)."""
        for label in turn_labels:
            if len(label) >= 2:
                self.add(label.start, label.stop, "turn")

    def entities(self) -> None:
        doc = self.doc
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                start, ent_end = ent.start, _trim_entity_tail(doc, ent.start, ent.end)
                # The tagger often leaves a first name out of the entity ("Piotr [Kowalczyk]").
                first = doc[start - 1] if start > 0 else None
                if (
                    first is not None
                    and first.dep_ == "compound"
                    and _is_name_token(first)
                    and not first.ent_type_
                    and not (start > 1 and doc[start - 2].pos_ == "PROPN" and not _is_honorific(doc, start - 2))
                ):
                    start -= 1
                self.add(start, ent_end)

    def after_titles(self) -> None:
        """Names after a title or honorific ("Mr Patel", "Italian PM Lucia Ferraro", "President Okafor")."""
        doc = self.doc
        for token in doc:
            if _is_title(token) or _is_honorific(doc, token.i):
                begin = token.i + 1
                if begin < len(doc) and doc[begin].text == "." and not token.whitespace_:
                    begin += 1  # "Hon. Ann Lee"
                end = begin
                while end < len(doc) and _is_name_token(doc[end]):
                    end += 1
                if end > begin:
                    self.add(begin, end, "title")

    def after_occupations(self) -> None:
        """Names after a lower-case occupation ("retired headteacher Ann Lee", "analyst Ann du Toit"),
        or in apposition to one ("Its chairman, Ann Lee, said")."""
        doc = self.doc
        for token in doc:
            if token.pos_ == "NOUN" and token.is_lower and is_role_word(token.text) and token.i + 1 < len(doc):
                nxt = doc[token.i + 1]
                if not _is_name_token(nxt) or self.taken[nxt.i]:
                    continue
                end = nxt.i + 1
                while end < len(doc) and _is_name_token(doc[end]):
                    end += 1
                end = _extend_name(doc, nxt.i, end, self.nicknames)[1]
                if end - nxt.i >= 2 or nxt.ent_type_ == "PERSON":
                    self.add(nxt.i, end, "title")
            elif token.dep_ == "appos" and token.pos_ == "PROPN" and not self.taken[token.i]:
                head = token.head
                if head.i < token.i and head.pos_ == "NOUN" and is_role_word(head.text):
                    start, end = _proper_noun_run(doc, token)
                    if end - start >= 2:
                        self.add(start, end, "title")

    def speakers(self, speech_verbs: frozenset[int]) -> None:
        """Capitalised words the tagger mislabelled (ORG, GPE) that speak like people."""
        doc = self.doc
        for i in sorted(speech_verbs):
            for child in doc[i].children:
                if child.dep_ == "nsubj" and child.pos_ == "PROPN":
                    start, end = _proper_noun_run(doc, child)
                    if _speaker_is_person_like(doc, start, end) and not _reports_as_it(doc[i]):
                        self.add(start, end, "speaker")

    def possessors(self) -> None:
        """Possessors of things only people have ("Karen Holt's lawyer")."""
        doc = self.doc
        for token in doc:
            if token.dep_ == "poss" and token.pos_ == "PROPN" and fold(token.head.text) in PERSONAL_POSSESSIONS:
                start, end = _proper_noun_run(doc, token)
                if _speaker_is_person_like(doc, start, end):
                    self.add(start, end, "possessor")

    def known_forms(self) -> None:
        """Later mentions of a found name form (a surname alone, or a name the tagger called ORG)."""
        doc, taken = self.doc, self.taken
        known = {fold(s.text) for s in self.found}
        known |= {fold(s.text).split()[-1] for s in self.found}
        known |= {fold(s.text).split()[0] for s in self.found if len(s.text.split()) > 1}
        for token in doc:
            if taken[token.i] or not (_is_name_token(token) or _is_capitalised_word(token)):
                continue
            start, end = _proper_noun_run(doc, token)
            if token.i != start:
                continue
            # A run of capitalised words is matched whole: "Big Machine" is not a mention of "Big",
            # nor "Ann Lee" of another person called "Ann".
            while end < len(doc) and not taken[end] and doc[end - 1].dep_ in ("compound", "flat") and (
                _is_name_token(doc[end]) or _is_capitalised_word(doc[end])
            ):
                end += 1
            end = _extend_hyphens(doc, start, end)[1]
            if any(taken[start:end]):
                continue
            key = fold(_clean_name(doc[start:end].text))
            if key in known and not _is_organisation_context(doc, start, end):
                self.add(start, end, "known")


def _is_honorific(doc, i: int) -> bool:
    word = fold(doc[i].text).rstrip(".")
    if word in HONORIFICS:
        return True
    if word in DOTTED_HONORIFICS:
        return doc[i].text.endswith(".") or (
            i + 1 < len(doc) and doc[i + 1].text == "." and not doc[i].whitespace_
        )
    return False


def _nicknames(doc) -> dict[int, int]:
    """Nicknames in quote marks inside a name ("Dante “Bongbong” Salcedo"): opening-mark token
    index -> closing-mark token index. The marks hold one to three capitalised words (hyphens
    allowed) and stand between two capitalised name words of one sentence."""
    found = {}
    n = len(doc)
    for token in doc:
        i = token.i
        if token.text not in _QUOTE_MARKS or i == 0 or i + 2 >= n:
            continue
        before = doc[i - 1]
        if not (before.pos_ == "PROPN" and _NAMEY.match(before.text)) or before.is_sent_start:
            continue
        k = i + 1
        words = 0
        while k < n and k - i <= 6 and (doc[k].text in _HYPHENS or (doc[k].is_alpha and doc[k].text[:1].isupper())):
            words += doc[k].is_alpha
            k += 1
        if not 1 <= words <= 3 or k + 1 >= n or doc[k].text not in _QUOTE_MARKS:
            continue
        after = doc[k + 1]
        if after.pos_ == "PROPN" and _NAMEY.match(after.text) and not is_role_word(after.text):
            found[i] = k
    return found


def _extend_hyphens(doc, start: int, end: int) -> tuple[int, int]:
    """A name split by the tokenizer at a hyphen: "Adewale-Bankole", "Wai-kwan"."""
    def joined(k: int) -> bool:  # doc[k] is a hyphen glued to both neighbours
        return (
            0 < k < len(doc) - 1 and doc[k].text in _HYPHENS and not doc[k].whitespace_
            and not doc[k - 1].whitespace_ and doc[k - 1].is_alpha and doc[k + 1].is_alpha
        )

    while end < len(doc) - 1 and joined(end) and (doc[end + 1].text[:1].isupper() or doc[end + 1].is_lower):
        end += 2
    return start, end


def _extend_name(doc, start: int, end: int, nicknames: dict[int, int]) -> tuple[int, int]:
    """Grow a name over hyphens, lower-case particles before a capitalised word ("van Wyk"),
    and a nickname in quote marks followed by the rest of the name."""
    if start >= end:
        return start, end
    while True:
        start, end = _extend_hyphens(doc, start, end)
        if end + 1 < len(doc) and doc[end].lower_ in NAME_PARTICLES and doc[end].is_lower and _is_name_token(doc[end + 1]):
            end += 2
            continue
        if end in nicknames:
            close = nicknames[end]
            end = close + 1
            while end < len(doc) and _is_name_token(doc[end]):
                end += 1
            continue
        return start, end


def _span_text(doc, start: int, end: int, skip=frozenset()) -> str:
    return "".join(doc[k].text_with_ws for k in range(start, end) if k not in skip)


def _trim_entity_tail(doc, start: int, end: int) -> int:
    """Cut what the tagger glued to a name: scores and dates ("Ann Lee 6-4"), symbols, and a
    trailing agency credit in capitals ("Ann Lee AP")."""
    while end > start + 1 and (
        doc[end - 1].like_num or doc[end - 1].is_punct or doc[end - 1].pos_ in ("NUM", "SYM")
        or any(c.isdigit() for c in doc[end - 1].text)
    ):
        end -= 1
    if end - start >= 3 and doc[end - 1].is_upper and len(doc[end - 1].text) > 1:
        end -= 1
    return end


def _is_name_token(token) -> bool:
    text = _POSSESSIVE.sub("", token.text)
    return (
        token.pos_ == "PROPN"
        and bool(_NAMEY.match(text))
        and not is_role_word(text)
        and fold(text) not in HONORIFICS
        and fold(text) not in MONTHS_AND_DAYS
        and token.ent_type_ not in ("DATE", "TIME", "NORP", "MONEY", "PERCENT", "CARDINAL")
    )


def _is_capitalised_word(token) -> bool:
    """A capitalised word the tagger did not call a proper noun ("Reyes" tagged NOUN)."""
    return token.pos_ in ("NOUN", "ADJ", "X") and bool(_NAMEY.match(_POSSESSIVE.sub("", token.text)))


def _is_title(token) -> bool:
    word = fold(token.text).rstrip(".")
    if word in HONORIFICS:
        return True
    return word in ROLE_NOUNS and token.text[:1].isupper() and token.text.lower() != token.text


def _proper_noun_run(doc, token) -> tuple[int, int]:
    start = end = token.i
    while start > 0:
        prev = doc[start - 1]
        if _is_name_token(prev) and prev.dep_ in ("compound", "flat"):
            start -= 1
        elif start > 1 and prev.lower_ in NAME_PARTICLES and prev.is_lower and _is_name_token(doc[start - 2]):
            start -= 2  # "Karel van Wyk"
        else:
            break
    end = token.i + 1
    return start, end


def _trim_name(doc, start: int, end: int) -> tuple[int, int]:
    # An abbreviated position or title glued on ("Rovers FW Ann Lee"): the name follows it.
    for k in range(end - 3, start - 1, -1):
        if doc[k].is_upper and doc[k].is_alpha and len(doc[k].text) == 2:
            start = k + 1
            break
    while start < end and (
        _is_honorific(doc, start) or is_role_word(doc[start].text) or (doc[start].text == "." and start > 0 and _is_honorific(doc, start - 1))
    ):
        start += 1
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s", "'", "’")):
        end -= 1
    return start, end


def _clean_name(text: str) -> str:
    text = " ".join(text.split())
    return _POSSESSIVE.sub("", text).strip()


def _looks_like_name(span, skip=frozenset()) -> bool:
    doc = span.doc
    words = [t for t in span if not t.is_punct and t.i not in skip]
    if not words or len(words) > 5:
        return False
    if any(t.like_num or t.is_digit for t in words):
        return False
    if any("/" in t.text or "@" in t.text or _DOMAIN.search(t.text) for t in span):
        return False  # photo credits ("Ann Lee/Reuters"), handles, web addresses
    if not all(
        t.text[:1].isupper()
        for t in words
        if t.lower_ not in NAME_PARTICLES
        and not (t.i > span.start and doc[t.i - 1].text in _HYPHENS and not doc[t.i - 1].whitespace_)
    ):
        return False
    if any(fold(t.text) in ORGANISATION_WORDS for t in words):
        return False
    if len(words) == 1 and (words[0].is_upper and len(words[0].text) > 1):
        return False  # acronyms are organisations: NATO, BBC, PTI
    if fold(span.text) in MONTHS_AND_DAYS:
        return False
    return True


def _speaker_is_person_like(doc, start: int, end: int) -> bool:
    """A capitalised speech-verb subject counts as a person unless it looks like a place or body."""
    span = doc[start:end]
    if any(t.ent_type_ in ("GPE", "NORP", "LOC", "FAC", "DATE") for t in span):
        return False
    if start > 0 and doc[start - 1].lower_ in ("the", "a", "an"):
        return False
    if any(child.dep_ == "det" for child in doc[end - 1].children):
        return False  # "The opposition Conservatives"
    return not _is_organisation_context(doc, start, end)


def _reports_as_it(verb) -> bool:
    """"Northwind said it would ...": a speaker that refers to itself as "it" is not a person."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp", "conj"):
            for grandchild in child.children:
                if grandchild.dep_ in ("nsubj", "nsubjpass") and grandchild.lower_ in ("it", "its"):
                    return True
    return False


def _is_organisation_context(doc, start: int, end: int) -> bool:
    """The name is a modifier of an organisation word ("the Lee administration") or follows "the"."""
    last = doc[end - 1]
    if last.dep_ == "compound" and last.head.i >= end and fold(last.head.text) in ORGANISATION_WORDS:
        return True
    return False


# --- clustering name forms into people ----------------------------------------------------------


def _cluster(spans: list[_NameSpan]) -> list[_Cluster]:
    """Merge name forms: longer names first, then shorter forms that are a part of exactly one."""
    clusters: list[_Cluster] = []
    by_length = sorted(spans, key=lambda s: (-len(name_words(s.text)), s.start))
    for span in by_length:
        key = name_key(span.text)
        words = key.split()
        target = None
        for cluster in clusters:
            if key == name_key(cluster.name):
                target = cluster
                break
        if target is None:
            candidates = [
                c for c in clusters if is_short_form(words, c.tokens)
            ]
            if candidates:
                # Ambiguous surnames go to the nearest earlier mention of a candidate.
                target = min(candidates, key=lambda c: _distance(c, span))
            elif len(words) == 1:
                # A family name inside the full name ("Prof Ong" for "Marcus Ong Kah Seng",
                # "Yip" for "Mandy Yip Wai-kwan"): with an honorific, or before a
                # hyphenated given name, when exactly one person has that word inside the name.
                inner = [
                    c for c in clusters
                    if len(c.tokens) > 2 and words[0] in c.tokens[1:-1]
                    and (span.written != span.text or "-" in c.tokens[c.tokens.index(words[0]) + 1])
                ]
                if len(inner) == 1:
                    target = inner[0]
        if target is None:
            target = _Cluster(name=span.text)
            clusters.append(target)
        target.forms.setdefault(fold(span.text), span.text)
        if span.written != span.text:
            target.forms.setdefault(fold(span.written), span.written)
        target.spans.append(span)
    for cluster in clusters:
        cluster.spans.sort(key=lambda s: s.start)
    clusters.sort(key=lambda c: c.spans[0].start)
    return clusters


def _merge_spelling_variants(clusters: list[_Cluster]) -> list[_Cluster]:
    """A lone word one letter away from exactly one person's surname is that surname spelled
    another way (transliterations: "Petrenko"/"Petrenkko"), not another person."""
    kept = []
    for cluster in clusters:
        words = cluster.tokens
        target = None
        if len(words) == 1 and len(words[0]) >= 6:
            candidates = [
                other
                for other in clusters
                if other is not cluster
                and len(other.tokens) > 1
                and other.tokens[-1][:4] == words[0][:4]
                and _one_edit_apart(other.tokens[-1], words[0])
            ]
            if len(candidates) == 1:
                target = candidates[0]
        if target is None:
            kept.append(cluster)
            continue
        for key, form in cluster.forms.items():
            target.forms.setdefault(key, form)
        target.spans.extend(cluster.spans)
        target.spans.sort(key=lambda s: s.start)
    return kept


def _one_edit_apart(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1 :] == a:
            return True
    return False


def _distance(cluster: _Cluster, span: _NameSpan) -> int:
    before = [s.start for s in cluster.spans if s.start <= span.start]
    return span.start - max(before) if before else 10**6


# --- roles ----------------------------------------------------------------------------------------


def _roles_for(doc, span: _NameSpan) -> list[str]:
    roles = []
    title = _title_before(doc, span.written_start)
    if title:
        roles.append(title)
    appositive = _apposition_after(doc, span.end)
    if appositive:
        roles.append(appositive)
    head = doc[span.end - 1]
    if not roles and head.dep_ == "appos" and head.head.i < span.start and is_role_word(head.head.text):
        # "Their spokesman, James Clarke, ..." -> "spokesman"
        role = head.head
        words = [t for t in doc[role.left_edge.i : role.i + 1] if t.dep_ not in ("det", "poss") and not t.is_punct]
        if words:
            roles.append(doc[words[0].i : role.i + 1].text)
    return roles


def _title_before(doc, name_start: int) -> str | None:
    """"US Secretary of State Ann Cole" -> "US Secretary of State"."""
    i = name_start - 1
    sentence_start = doc[name_start].sent.start if name_start < len(doc) else 0
    collected = []
    while i >= sentence_start and len(collected) < 10:
        token = doc[i]
        if token.text == ")" and collected == []:
            # "Minister for Transport (Rail Services) Ann Lee": step over the bracket.
            k = i - 1
            while k > sentence_start and doc[k].text != "(" and i - k < 6:
                k -= 1
            if doc[k].text == "(" and k > sentence_start:
                i = k - 1
                continue
        if token.is_punct or token.is_space:
            break
        lower = token.lower_
        if (
            lower in ("of", "for", "and", "&", "the")
            or token.text[:1].isupper()
            or token.pos_ in ("NOUN", "PROPN")
            or lower in ROLE_MODIFIERS  # "chief executive", "former minister": often tagged ADJ
        ):
            collected.append(token)
            i -= 1
            continue
        break
    collected.reverse()  # left-to-right
    # The role noun is the rightmost role word that is either adjacent to the name or followed by
    # an of/for complement ("Minister for Europe and Foreign Affairs").
    role_at = None
    for k in range(len(collected) - 1, -1, -1):
        token = collected[k]
        if not is_role_word(token.text) or token.lower_ in ("the",):
            continue
        if k == len(collected) - 1 or collected[k + 1].lower_ in ("of", "for"):
            role_at = k
            break
    if role_at is None:
        return None
    tail = collected[role_at + 1 :]
    if tail and tail[-1].lower_ in ("of", "for", "and", "&", "the"):
        return None
    start = role_at
    while start > 0:
        token = collected[start - 1]
        if token.lower_ in ("of", "for", "and", "&", "the"):
            break
        if token.ent_type_ in ("DATE", "TIME") or token.pos_ in ("VERB", "ADV"):
            break
        if not (token.text[:1].isupper() or token.lower_ in ROLE_MODIFIERS or is_role_word(token.text)):
            break
        start -= 1
    words = collected[start:]
    if words and words[0].lower_ == "the":
        words = words[1:]
    text = doc[words[0].i : words[-1].i + 1].text if words else ""
    return text or None


def _apposition_after(doc, name_end: int) -> str | None:
    """"Mark Delaney, the US envoy, ..." -> "US envoy"."""
    if name_end >= len(doc) or doc[name_end].text != ",":
        return None
    i = name_end + 1
    if i < len(doc) and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    start = i
    while i < len(doc) and i - start < 10:
        token = doc[i]
        if token.is_punct and token.text not in ("-", "'s", "’s") or token.is_space:
            break
        if token.pos_ in ("VERB", "AUX", "PRON") or token.lower_ in ("who", "which", "that"):
            break
        i += 1
    words = doc[start:i]
    if not words:
        return None
    # Keep the phrase up to its last role word plus an of/for complement.
    role_positions = [t.i for t in words if is_role_word(t.text)]
    if not role_positions:
        return None
    first_role = role_positions[0]
    end = first_role + 1
    if end < i and doc[end].lower_ in ("of", "for", "at", "to"):
        end = i
    text = doc[start:end].text
    return text if len(text.split()) <= 10 else None


# --- nameless descriptions ------------------------------------------------------------------------


def _resolve_descriptions(doc, clusters: list[_Cluster]) -> None:
    """Attach "the US president"-style references to the person they refer to."""
    token_owner = {}
    for cluster in clusters:
        for span in cluster.spans:
            for i in range(span.written_start, span.end):
                token_owner[i] = cluster
    for token in doc:
        if token.i in token_owner or not is_role_word(token.text) or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if fold(token.text) not in _DESCRIPTION_HEADS:
            continue
        description = _description_span(doc, token)
        if description is None:
            continue
        start, end = description
        owner = _referent(doc, token, start, clusters, token_owner)
        if owner is None:
            continue
        text = doc[start:end].text
        if fold(text) not in {fold(d) for d in owner.descriptions}:
            owner.descriptions.append(text)
        owner.mentions.append(Mention(start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1].text), text=text))
        for k in range(start, end):
            token_owner[k] = owner


def _description_span(doc, head) -> tuple[int, int] | None:
    """"the (US|Ukrainian)? president" with no name attached -> token span."""
    start = head.i
    while start > 0 and (
        doc[start - 1].ent_type_ in ("GPE", "NORP")
        or doc[start - 1].lower_ in ROLE_MODIFIERS
        or (doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ in ("NOUN", "PROPN"))
    ):
        start -= 1
    if start == 0 or doc[start - 1].lower_ != "the":
        return None
    start -= 1
    end = head.i + 1
    if end < len(doc) and (doc[end].pos_ == "PROPN" or doc[end].lower_ in ("of", "for")):
        return None  # a title before a name, or a role with a complement
    if end + 1 < len(doc) and doc[end].lower_ in ("'s", "’s") and fold(doc[end + 1].text) in ORGANISATION_WORDS:
        return None  # "the Chief Minister's Office" names an office, not the person
    return start, end


def _description_key(doc, start: int, end: int) -> tuple[str, frozenset]:
    head = fold(doc[end - 1].text)
    modifiers = frozenset(fold(t.text) for t in doc[start:end - 1] if t.lower_ != "the")
    return head, modifiers


def _referent(doc, head, start, clusters, token_owner):
    """Principled guess: a person whose role or earlier description agrees, else the most recent
    person (not the subject of the same sentence) whose known roles do not conflict."""
    key_head, modifiers = _description_key(doc, start, head.i + 1)

    def role_keys(cluster):
        keys = []
        for text in cluster.roles + cluster.descriptions:
            words = [fold(w) for w in text.replace("the ", "").split()]
            if words:
                keys.append((words[-1], frozenset(words[:-1])))
        return keys

    agreeing = []
    for cluster in clusters:
        for role_head, role_mods in role_keys(cluster):
            if role_head == key_head and (
                not modifiers or (role_mods and (modifiers <= role_mods or role_mods <= modifiers))
            ):
                agreeing.append(cluster)
                break
    if len(agreeing) == 1:
        return agreeing[0]
    if agreeing:
        return _most_recent(agreeing, head.idx)
    if not modifiers:
        return None  # a bare "the president" is too ambiguous without an agreeing role

    def conflicts(cluster):
        for role_head, role_mods in role_keys(cluster):
            if role_head != key_head:
                return True
            if modifiers and role_mods and modifiers != role_mods:
                return True
        return False

    sentence = head.sent
    same_sentence_subjects = set()
    for token in sentence:
        if token.i < head.i and token.dep_ in ("nsubj", "nsubjpass") and token.i in token_owner:
            same_sentence_subjects.add(id(token_owner[token.i]))
    candidates = [
        c
        for c in clusters
        if not conflicts(c) and id(c) not in same_sentence_subjects
        and any(m.start < head.idx for m in c.mentions)
    ]
    if not candidates:
        return None
    return _most_recent(candidates, head.idx)


def _most_recent(clusters, offset):
    def last_before(cluster):
        before = [m.start for m in cluster.mentions if m.start < offset]
        return max(before) if before else -1

    best = max(clusters, key=last_before)
    return best if last_before(best) >= 0 else clusters[0]


def _strip_determiner(text: str) -> str:
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)
