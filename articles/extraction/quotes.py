"""Finds direct, partial and reported quotes in the body and resolves who said them."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from . import lexicons
from .descriptions import PersonProfiles, describe, is_age
from .document import Document, Person, Quote
from .names import NAME_PARTICLES, fold, name_words
from .quote_marks import QuoteSpan, token_range
from .transcripts import Turn, transcript_turns

ROLE_NOUNS = lexicons.words("role_nouns")
PERSON_PRONOUNS = lexicons.words("person_pronouns")
_ORGANISATION_NOUNS = lexicons.words("organisation_nouns")  # "the company said"
# Verbs whose object is the listener, not part of what was said ("told reporters the …").
_RECIPIENT_VERBS = lexicons.words("recipient_verbs")
_APPEAL_VERBS = lexicons.words("appeal_verbs")  # "urged Congress to act": the appeal is reported
# "accused the mayor of lying", "called for a ban": lemma -> the prepositions that open what was said
_OBJECT_CONTENT: dict[str, frozenset[str]] = {}
for _entry in lexicons.entries("object_speech_verbs"):
    _lemma, _, _preposition = _entry.partition(" ")
    _OBJECT_CONTENT[_lemma] = _OBJECT_CONTENT.get(_lemma, frozenset()) | {_preposition}
_NAMING_VERBS = lexicons.words("naming_verbs")  # "called the plan a disaster": object and name reported
_ORGANISATION_WORDS = lexicons.words("organisation_words")  # "Lee Tower" is not Ms Lee
_PEOPLE_NOUNS = lexicons.words("people_nouns")  # "officials said"
_DOCUMENT_NOUNS = lexicons.words("document_nouns")  # "the statement said": its author speaks
_TITLE_SMALL_WORDS = lexicons.words("title_small_words")  # "Meet the Press" is a title
_FEMALE_WORDS = lexicons.words("female_words")
_MALE_WORDS = lexicons.words("male_words")
# "the couple", "both men": nouns for a few people taken together -> how many they name (0: as
# many as a number before them says)
_PEOPLE_TOGETHER = {word: int(count or 0) for word, _, count in (e.partition(" ") for e in lexicons.entries("people_together"))}
_NUMBER_WORDS = {"both": 2, "two": 2, "three": 3, "four": 4}
_QUANTIFIER_SPEAKERS = lexicons.words("quantifier_speakers")  # "some said", "another says"


def find_quotes(
    doc, document: Document, people: list[Person], *, spans: list[QuoteSpan], speech_verbs: frozenset[int]
) -> list[Quote]:
    """Direct, partial and indirect quotes with their cue verb and resolved speaker, given the people
    of the body, its quoted spans (``quote_marks``) and its speech verbs (``speech_verbs``)."""
    return _QuoteFinder(doc, document, people, spans, speech_verbs).run()


# --- attribution --------------------------------------------------------------------------------


@dataclass
class _Speaker:
    label: str | None
    is_person: bool
    person: Person | None = None
    written: str | None = None  # how the attribution names a person: "Mr Patel", "the prime minister"
    # Everyone who speaks when several people speak at once ("Ann Lee and Bo Chen said", "the
    # couple said"): the quote goes to the first of them (``person``); ``written`` is how the
    # attribution names them ("Ann Lee and Bo Chen", "couple").
    together: tuple[Person, ...] = ()

    def quote(self, *, text: str, kind: str, cue: str | None, paragraph: int, start: int, end: int) -> Quote:
        """The quote these words make when this speaker says them."""
        return Quote(
            text=text, kind=kind, cue=cue, speaker=self.label, speaker_text=self.written,
            speaker_is_person=self.is_person, paragraph=paragraph, start=start, end=end,
        )


class _QuoteFinder:
    def __init__(self, doc, document: Document, people: list[Person], spans: list[QuoteSpan], speech_verbs: frozenset[int]):
        self.doc = doc
        self.document = document
        self.body = document.body
        self.people = people
        self.paragraph_starts = document.paragraph_starts()
        self.spans = spans
        self.speech_verbs = speech_verbs
        # Which quote span each token lies in (marks included), or -1.
        self.in_quote = [-1] * len(doc)
        for n, span in enumerate(self.spans):
            for t in span.tokens:
                self.in_quote[t] = n
        self.mark_offsets = {m for span in self.spans for m in span.marks}
        self.person_at: dict[int, Person] = {}
        self.mention_tokens: list[tuple[int, Person]] = []  # (token index, person), in order
        for person in people:
            for mention in person.mentions:
                tokens = token_range(doc, mention.start, mention.end)
                for t in tokens:
                    self.person_at[t] = person
                if tokens:
                    self.mention_tokens.append((tokens[-1], person))
        self.mention_tokens.sort(key=lambda pair: pair[0])
        self.gender = self._genders()
        self.profiles = PersonProfiles(doc, people, self.gender, tuple(image.caption for image in document.images))
        self.units, self.unit_of = self._units()
        self.last_speaker: _Speaker | None = None
        self.object_contents: set[tuple[int, int]] = set()  # (start, end) of "accused X of Y" quotes
        self._org_names: list[str] | None = None
        self.definite_refs: dict[str, _Speaker] = {}  # "company" -> the organisation it meant
        self.last_speaker_paragraph = -10
        # The last speaker that was not a person, with the token where it was named.
        self.last_group: _Speaker | None = None
        self.last_group_paragraph = -10
        # Organisations named in the body: ORG entities, and names the people stage did not take.
        self.org_mentions = [
            (ent.start, ent.end)
            for ent in doc.ents
            if self.in_quote[ent.start] < 0
            and (ent.label_ == "ORG" or (ent.label_ == "PERSON" and ent.end - 1 not in self.person_at))
        ]

    # helpers -----------------------------------------------------------------------------------

    def _paragraph_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self.paragraph_starts, offset) - 1, 0)

    def _units(self):
        """Sentences cut at paragraph breaks (the parser sometimes runs a sentence across them)."""
        units, unit_of = [], [0] * len(self.doc)
        for sent in self.doc.sents:
            start = sent.start
            paragraph = self._paragraph_of(self.doc[start].idx)
            for t in range(sent.start, sent.end):
                p = self._paragraph_of(self.doc[t].idx)
                if p != paragraph:
                    units.append((start, t))
                    start, paragraph = t, p
            units.append((start, sent.end))
        for n, (s, e) in enumerate(units):
            for t in range(s, e):
                unit_of[t] = n
        return units, unit_of

    def _genders(self) -> dict[int, str]:
        genders: dict[int, str] = {}
        for person in self.people:
            words = set()
            for mention in person.mentions:
                words.update(fold(mention.text).split())
            for role in person.roles:
                words.update(fold(role).split())
            if words & _FEMALE_WORDS and not words & _MALE_WORDS:
                genders[id(person)] = "f"
            elif words & _MALE_WORDS and not words & _FEMALE_WORDS:
                genders[id(person)] = "m"
        return genders

    def _clean_text(self, start: int, end: int) -> str:
        text = "".join(c for i, c in enumerate(self.body[start:end], start) if i not in self.mark_offsets)
        return " ".join(text.split())

    # the pass -----------------------------------------------------------------------------------

    def run(self) -> list[Quote]:
        quotes: list[Quote] = []
        used_verbs: set[int] = set()
        direct_token_spans: list[tuple[int, int]] = []
        partial_texts: list[str] = []
        repeated_partials: set[str] = set()  # phrases quoted more than once in the body
        partial_quotes: list[tuple[Quote, list[int]]] = []
        # A transcript turn is one direct quote of its speaker: what it quotes or reports is part of it.
        turns = transcript_turns(self.document.paragraphs)
        in_turn = {turn.paragraph for turn in turns}
        # Direct quotes first: their cue verbs and extent are needed before reported speech.
        events = []
        span_tokens = {}
        for n, span in enumerate(self.spans):
            tokens = list(token_range(self.doc, span.start, span.end))
            if not tokens or self._inside_name(span) or span.paragraph in in_turn or self._names_a_work(span, tokens):
                continue
            span_tokens[n] = tokens
            events.append((span.start, "quote", n))
            if self._is_direct(span, tokens):
                direct_token_spans.append((tokens[0], tokens[-1]))
                verb, _ = self._cue_around(span, tokens)
                if verb is not None:
                    used_verbs.add(verb)
        for token in self.doc:
            if in_turn and self._paragraph_of(token.idx) in in_turn:
                continue
            if self._is_cue_verb(token) and self.in_quote[token.i] < 0:
                events.append((token.idx, "verb", token.i))
            elif token.lower_ == "according" and self.in_quote[token.i] < 0:
                events.append((token.idx, "according", token.i))
        events.sort()
        for _, kind, n in events:
            if kind == "quote":
                span = self.spans[n]
                tokens = span_tokens[n]
                if self._is_direct(span, tokens):
                    quote, _ = self._direct(span, tokens)
                    quotes.append(quote)
                else:
                    result = self._partial(span, tokens)
                    if result is None:
                        continue
                    quote, verb = result
                    key = fold(quote.text)
                    if key in partial_texts:
                        repeated_partials.add(key)
                        continue
                    partial_texts.append(key)
                    quotes.append(quote)
                    partial_quotes.append((quote, tokens))
            elif kind == "verb":
                if n in used_verbs:
                    continue
                quote = self._indirect(self.doc[n], direct_token_spans)
                if quote is not None:
                    quotes.append(quote)
            else:
                quote = self._according_to(self.doc[n], direct_token_spans)
                if quote is not None:
                    quotes.append(quote)
        quotes = self._drop_clauses_a_partial_stands_for(quotes, repeated_partials) + [self._turn_quote(turn) for turn in turns]
        quotes.sort(key=lambda q: q.start)
        return quotes

    def _turn_quote(self, turn: Turn) -> Quote:
        """A turn is a direct quote of the speaker its capitals name, with no cue ("HOST: Why
        now?", and 'HOST: "Why now?"' the same)."""
        base = self.paragraph_starts[turn.paragraph]
        paragraph = self.document.paragraphs[turn.paragraph]
        return self._turn_speaker(turn.label).quote(
            text=self._clean_text(base + turn.said_at, base + len(paragraph)), kind="direct", cue=None,
            paragraph=turn.paragraph, start=base + turn.said_at, end=base + len(paragraph),
        )

    def _turn_speaker(self, label: str) -> _Speaker:
        """The person whose surname the turn's capitals spell ("OKAFOR" -> Joan Okafor), or the
        one person whose initials they are ("JO" -> Joan Okafor), else the label."""
        surname = name_words(label)[-1:]  # words folded as names fold everywhere
        for person in self.people:
            if name_words(person.name)[-1:] == surname:
                return _Speaker(person.name, True, person, written=label)
        letters = label.replace(".", "")
        if letters.isalpha() and 2 <= len(letters) <= 4:
            initialled = [p for p in self.people if letters in _name_initials(p.name)]
            if len(initialled) == 1:
                return _Speaker(initialled[0].name, True, initialled[0], written=label)
        return _Speaker(label.title(), True, written=label)

    def _inside_name(self, span: QuoteSpan) -> bool:
        """A nickname in quote marks inside a person's name ("Dante “Bongbong” Salcedo")."""
        marks = token_range(self.doc, min(span.marks), max(span.marks) + 1)
        if not marks or marks[0] == 0 or marks[-1] + 1 >= len(self.doc):
            return False
        before = self.person_at.get(marks[0] - 1)
        return before is not None and before is self.person_at.get(marks[-1] + 1) and before is self.person_at.get(marks[0])

    def _names_a_work(self, span: QuoteSpan, tokens: list[int]) -> bool:
        """NBC's “Meet the Press”, a role on “The Apprentice”, a chapter of “The Art of the Deal”: a
        phrase in title case right after a possessive or a preposition names a show, book or film;
        it quotes no one."""
        text = span.text(self.body)
        words = re.findall(r"[^\W\d_][\w'’.-]*", text)
        capitalised = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
        if not capitalised or len(words) > 12 or text.isupper() or not words[0][0].isupper():
            return False
        if not all(w[0].isupper() for w in capitalised):
            return False
        k = tokens[0] - 1
        while k >= 0 and (self.doc[k].idx in self.mark_offsets or self.doc[k].is_space or self.doc[k].lower_ in ("the", "a", "an")):
            k -= 1
        return k >= 0 and (self.doc[k].tag_ == "POS" or self.doc[k].pos_ == "ADP")

    def _is_cue_verb(self, token) -> bool:
        return token.i in self.speech_verbs

    def _is_direct(self, span: QuoteSpan, tokens: list[int]) -> bool:
        text = span.text(self.body)
        if len(span.segments) > 1:
            return True
        units = {self.unit_of[t] for t in tokens}
        words = text.split()
        first_alpha = next((c for c in text if c.isalpha()), "")
        starts_upper = first_alpha.isupper()
        before = self.body[self.paragraph_starts[span.paragraph] : span.marks[0]].rstrip()
        opens_sentence = not before or before[-1] in ":.!?,;—–-"
        if len(units) > 1 and len(words) >= 4 and starts_upper:
            return True
        if opens_sentence and (starts_upper or not before) and len(words) >= 2:
            return True
        if self._resumes_after_attribution(span):
            return True
        if starts_upper and len(words) >= 6 and text[-1:] in ".,!?…":
            return True
        return False

    def _resumes_after_attribution(self, span: QuoteSpan) -> bool:
        """“We will act,” he said, “and we will act fast.” — the second part continues the first."""
        paragraph_start = self.paragraph_starts[span.paragraph]
        earlier = [s for s in self.spans if paragraph_start <= s.end <= span.start and s is not span]
        if not earlier:
            return False
        gap = self.body[max(earlier[-1].marks[-1] + 1, earlier[-1].end) : span.marks[0]]
        gap_words = gap.split()
        return 0 < len(gap_words) <= 8 and gap.rstrip()[-1:] in ",:" and self.body[earlier[-1].end - 1] in ",?!"

    # direct and partial ----------------------------------------------------------------------------

    def _direct(self, span: QuoteSpan, tokens: list[int]):
        verb, speaker_token = self._cue_around(span, tokens)
        text = span.text(self.body)
        if verb is not None or speaker_token is not None:
            speaker = self._resolve(speaker_token, verb) if speaker_token is not None else _Speaker(None, False)
            cue = self.doc[verb].text if verb is not None else None
        else:
            speaker, cue = self._continuing_speaker(span), None
        if speaker.label is not None:
            self._note_speaker(speaker, span.paragraph)
        quote = speaker.quote(
            text=text,
            kind="direct",
            cue=cue,
            paragraph=span.paragraph,
            start=span.start,
            end=span.end,
        )
        return quote, verb

    def _cue_around(self, span: QuoteSpan, tokens: list[int]):
        """The speech verb and its subject in the sentence parts just before and after the quote."""
        first_unit = self.unit_of[tokens[0]]
        last_unit = self.unit_of[tokens[-1]]
        candidates = []
        us, _ = self.units[first_unit]
        for t in range(us, tokens[0]):
            if self.in_quote[t] < 0:
                candidates.append((tokens[0] - t, t))
        _, ue = self.units[last_unit]
        for t in range(tokens[-1] + 1, ue):
            if self.in_quote[t] < 0:
                candidates.append((t - tokens[-1], t))
        candidates.sort()
        for _, t in candidates:
            token = self.doc[t]
            if self._is_cue_verb(token):
                subject = self._subject_of(token)
                return t, (subject.i if subject is not None else None)
        for _, t in candidates:
            token = self.doc[t]
            if token.lower_ == "according" and t + 1 < len(self.doc) and self.doc[t + 1].lower_ == "to":
                obj = next((c for c in self.doc[t + 1].children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return None, obj.i
        # "Smith: “…”" — a name or description right before a colon that opens the quote.
        before = self.body[self.paragraph_starts[span.paragraph] : span.marks[0]].rstrip()
        if before.endswith(":"):
            colon = [t for t in range(us, tokens[0]) if self.doc[t].text == ":"]
            if colon:
                head = self._noun_before(colon[-1])
                if head is not None:
                    return None, head
        return None, None

    def _noun_before(self, t: int):
        for k in range(t - 1, max(t - 6, -1), -1):
            token = self.doc[k]
            if token.pos_ in ("PROPN", "NOUN", "PRON"):
                return k
        return None

    def _partial(self, span: QuoteSpan, tokens: list[int]):
        verb = None
        # The speech verb that governs the quoted phrase, walking up the parse.
        inside = set(tokens)
        roots = [self.doc[t] for t in tokens if self.doc[t].head.i not in inside or self.doc[t].head.i == t]
        start_token = roots[0] if roots else self.doc[tokens[0]]
        seen = 0
        node = start_token
        while seen < 20:
            seen += 1
            if node.i not in inside and self.in_quote[node.i] < 0 and self._is_cue_verb(node) and not _negated(node):
                verb = node
                break
            if node.head.i == node.i:
                break
            node = node.head
        if verb is None:
            unit = self.unit_of[tokens[0]]
            us, ue = self.units[unit]
            options = [
                self.doc[t] for t in range(us, ue) if self.in_quote[t] < 0 and self._is_cue_verb(self.doc[t])
            ]
            if not options:
                return None
            verb = min(options, key=lambda v: abs(v.i - tokens[0]))
        subject = self._subject_of(verb)
        if subject is None:
            return None
        speaker = self._resolve(subject.i, verb.i)
        if speaker.label is None:
            return None
        quote = speaker.quote(
            text=span.text(self.body),
            kind="partial",
            cue=verb.text,
            paragraph=span.paragraph,
            start=span.start,
            end=span.end,
        )
        return quote, verb.i

    def _continuing_speaker(self, span: QuoteSpan) -> _Speaker:
        """A quote with no attribution continues the last speaker, or the last person talked about."""
        if self.last_speaker is not None and span.paragraph - self.last_speaker_paragraph <= 2:
            return self.last_speaker
        person = self._recent_person(token_range(self.doc, span.start, span.end)[0], subject_only=True)
        if person is not None:
            return _Speaker(person.name, True, person)
        return _Speaker(None, False)

    # indirect ----------------------------------------------------------------------------------------

    def _complement(self, verb):
        """The token range of the clause a speech verb governs ("said (that) …"), or None."""
        children = list(verb.children)
        # (a clause the parser hung on the verb from another sentence is not what it reports)
        unit = self.unit_of[verb.i]
        clauses = [c for c in children if c.dep_ == "ccomp" and self.unit_of[c.i] == unit]
        # "X, an analyst at Y, said the cuts were ...": the parser may take a word of the subject
        # for a clause as well; the clause after the verb is the one it reports.
        ccomp = next((c for c in clauses if c.i > verb.i), clauses[0] if clauses else None)
        if ccomp is None:
            ccomp = self._clause_hung_on_phrase(verb)
        if ccomp is None:
            return None
        content = (ccomp.left_edge.i, ccomp.right_edge.i + 1)
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in ccomp.children)
        obj = next((c for c in children if c.dep_ == "dobj" and verb.i < c.i < ccomp.i), None)
        if obj is not None and not has_subject and verb.lemma_.lower() not in _RECIPIENT_VERBS:
            # "warned premiums could rise": the parser took the clause's subject as an object.
            content = (obj.left_edge.i, content[1])
        return content

    def _clause_hung_on_phrase(self, verb):
        """"said in a statement that …", "told analysts on a call that …": the parser hung the
        that-clause on the noun of the phrase between the verb and "that" (as a relative clause of
        "statement"); the clause, with its own subject, is what the verb reports."""
        _, unit_end = self.units[self.unit_of[verb.i]]
        for t in range(verb.i + 1, unit_end):
            token = self.doc[t]
            if token.lower_ == "that":
                clause = token.head
                if token.dep_ != "mark" or clause.dep_ not in ("relcl", "acl") or not clause.head.i < token.i:
                    return None
                if not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                    return None
                holder = clause.head
                while holder.i != verb.i and holder.dep_ in ("pobj", "prep", "dobj", "compound", "npadvmod"):
                    holder = holder.head
                return clause if holder.i == verb.i else None
            if token.pos_ in ("VERB", "AUX") or self.in_quote[t] >= 0 or token.text in ",;:":
                return None
        return None

    def _appeal(self, verb):
        """"urged residents to vote", "called on Congress to act", "vowed to bring back jobs": the
        infinitive an appeal, promise or warning governs, with the listener named before it."""
        if verb.lemma_.lower() not in _APPEAL_VERBS:
            return None
        complement = None
        for child in verb.rights:
            if child.dep_ in ("xcomp", "advcl") and any(c.lower_ == "to" and c.dep_ == "aux" for c in child.children):
                complement = child
                break
        if complement is None:
            return None
        start = complement.left_edge.i
        for child in verb.rights:
            if child.i >= complement.i:
                break
            if child.dep_ == "dobj":
                start = min(start, child.left_edge.i)
            elif child.dep_ == "prep" and child.lower_ in ("on", "upon"):
                start = min(start, child.i + 1)
        if self.doc[start].lower_ == "for" and self.doc[start].dep_ == "mark":
            start += 1  # "called for rivals to drop out"
        return start, complement.right_edge.i + 1

    def _object_content(self, verb):
        """"accused the mayor of lying", "described the plan as reckless", "called for a ban",
        "announced his candidacy", "called the plan a disaster": the object (and the phrase its
        preposition opens, or the name it was given) is what was said."""
        named = self._object_named(verb)
        if named is not None:
            return named
        prepositions = _OBJECT_CONTENT.get(verb.lemma_.lower())
        if not prepositions:
            return None
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        holders = [verb] if obj is None else [verb, obj]
        for holder in holders:
            for child in holder.rights:
                if child.dep_ == "prep" and child.lower_ in prepositions and child.i > (obj.i if obj is not None else verb.i):
                    start = obj.left_edge.i if obj is not None else child.i + 1
                    return start, child.right_edge.i + 1
        if obj is not None and "" in prepositions:
            return obj.left_edge.i, obj.right_edge.i + 1
        return None

    def _object_named(self, verb):
        """"called the plan a disaster", "branded him reckless": a naming verb's object with the
        name or judgement the parser hung on the verb after it (an object predicate)."""
        if verb.lemma_.lower() not in _NAMING_VERBS:
            return None
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        name = next((c for c in verb.rights if c.dep_ == "oprd" and c.i > obj.i), None)
        if name is None:
            return None
        return obj.left_edge.i, name.right_edge.i + 1

    def _parenthetical(self, verb, subject):
        """"Repairs, Ms Stone said, will take two years": an attribution set off by
        commas or dashes inside the sentence it reports. The content is the sentence around it, and
        the attribution is the hole left out of it: (start, end, (hole start, hole end))."""
        if verb.dep_ != "parataxis" or subject is None or verb.head.pos_ not in ("VERB", "AUX"):
            return None
        head = verb.head
        if not verb.left_edge.i <= subject.i <= verb.right_edge.i:
            return None  # the speaker must stand inside the aside
        first = min(subject.left_edge.i, verb.i)
        marks = [c.i for c in verb.children if c.text in _ASIDE_MARKS]
        left = max((k for k in marks if k < first), default=None)
        right = min((k for k in marks if k > max(verb.i, subject.i)), default=None)
        # (the parser may hang the mark that closes the aside on the sentence's verb)
        if left is None and self.doc[verb.left_edge.i - 1].text in _ASIDE_MARKS:
            left = verb.left_edge.i - 1
        if right is None and verb.right_edge.i + 1 < len(self.doc) and self.doc[verb.right_edge.i + 1].text in _ASIDE_MARKS:
            right = verb.right_edge.i + 1
        if left is None or right is None:
            return None
        before = [t for t in self.doc[head.left_edge.i : left] if not t.is_punct]
        after = [t for t in self.doc[right + 1 : head.right_edge.i + 1] if not t.is_punct]
        if not before or len(after) < 2:
            return None
        return head.left_edge.i, head.right_edge.i + 1, (left, right + 1)

    def _indirect(self, verb, direct_token_spans):
        subject = self._subject_of(verb)
        content = self._complement(verb)
        hole = None
        if content is None:
            content = self._parenthetical(verb, subject)
            if content is not None:
                content, hole = content[:2], content[2]
        if content is None:
            content = self._appeal(verb)
        nominal = False
        if content is None:
            content = self._object_content(verb)
            nominal = content is not None
        if content is None:
            content = self._clause_before(verb, subject)
        if content is None or subject is None:
            return None
        unit_start, unit_end = self.units[self.unit_of[verb.i]]
        start, end = max(content[0], unit_start), min(content[1], unit_end)
        if hole is not None and not start < hole[0] < hole[1] < end:
            return None
        # Another speaker's clause inside the content ("… as the president said …") is not part of it.
        for t in range(start, end):
            other = self.doc[t]
            if other.i != verb.i and other.dep_ in ("advcl", "conj") and self._is_cue_verb(other):
                if self._subject_of(other) is not None and other.left_edge.i > start:
                    end = min(end, other.left_edge.i)
                    break
        if subject.i >= start and subject.i < end and hole is None:
            # Inverted order: keep only the clause on the verb's far side.
            if subject.i > verb.i:
                end = min(end, verb.i)
        start = self._skip_time_phrase(start, end, verb)
        if hole is None and start < end and self.in_quote[end - 1] >= 0:
            # A quoted phrase the clause reaches into ends with it ("that settlements “are illegal
            # ..., present an obstacle ... and threaten ...”"): the parser may have cut it short.
            end = max(end, min(max(self.spans[self.in_quote[end - 1]].tokens) + 1, unit_end))
        while start < end and (self.doc[start].is_punct or self.doc[start].is_space or (self.doc[start].lower_ == "that" and self.doc[start].dep_ == "mark")):
            start += 1
        while end > start and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            if self.doc[end - 1].idx in self.mark_offsets:
                end -= 1
                continue
            end -= 1
        words = [t for t in self.doc[start:end] if not t.is_punct]
        if len(words) < (2 if nominal else 3):
            return None
        if not nominal and not any(t.pos_ in ("VERB", "AUX") for t in self.doc[start:end]):
            return None
        if any(self._inside_direct(t, direct_token_spans) for t in range(start, end)):
            return None
        speaker = self._resolve(subject.i, verb.i)
        if speaker.label is None:
            return None
        char_start = self.doc[start].idx
        char_end = self.doc[end - 1].idx + len(self.doc[end - 1].text)
        text = self._text_around(char_start, char_end, hole)
        paragraph = self._paragraph_of(char_start)
        if speaker.label is not None:
            self._note_speaker(speaker, paragraph)
        if nominal:
            self.object_contents.add((char_start, char_end))
        return speaker.quote(
            text=text,
            kind="indirect",
            cue=verb.text,
            paragraph=paragraph,
            start=char_start,
            end=char_end,
        )

    def _text_around(self, char_start: int, char_end: int, hole) -> str:
        """The words from ``char_start`` to ``char_end``, without the tokens of ``hole`` (an
        attribution inside them) and the commas or dashes that set it off."""
        if hole is None:
            return self._clean_text(char_start, char_end)
        first, last = self.doc[hole[0]], self.doc[hole[1] - 1]
        before = self._clean_text(char_start, first.idx).rstrip(" ,—–-")
        after = self._clean_text(last.idx + len(last.text), char_end).lstrip(" ,—–-")
        return f"{before} {after}"

    def _skip_time_phrase(self, start: int, end: int, verb) -> int:
        """"said on Wednesday she would …": the time belongs to the saying, not to what was said."""
        if start != verb.i + 1 or self.doc[start].dep_ != "prep":
            return start
        phrase = self.doc[start].subtree
        last = start
        for token in phrase:
            if token.i != start and token.ent_type_ not in ("DATE", "TIME"):
                return start
            last = max(last, token.i)
        return last + 1 if last + 1 < end else start

    def _clause_before(self, verb, subject):
        """"<clause>, X said." when the parser did not attach the clause to the verb."""
        if subject is None:
            return None
        unit_start, unit_end = self.units[self.unit_of[verb.i]]
        after = [t for t in self.doc[verb.i + 1 : unit_end] if not t.is_punct and not t.is_space]
        if any(t.pos_ in ("VERB", "AUX") for t in after) or len(after) > 5:
            return None
        left = min(subject.left_edge.i, verb.i)
        k = left - 1
        while k >= unit_start and (self.doc[k].is_space or self.doc[k].idx in self.mark_offsets):
            k -= 1
        if k <= unit_start or self.doc[k].text not in (",", "—", "–"):
            return None
        return unit_start, k

    def _according_to(self, according, direct_token_spans):
        if according.i + 1 >= len(self.doc) or self.doc[according.i + 1].lower_ != "to":
            return None
        to = self.doc[according.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        named = self.person_at.get(to.i + 1)
        if named is not None:
            # "According to Ann Lee-Vega, …": the person named right after, however it was parsed.
            k = to.i + 1
            while k + 1 < len(self.doc) and self.person_at.get(k + 1) is named:
                k += 1
            obj = self.doc[k]
        if obj is None:
            return None
        unit_start, unit_end = self.units[self.unit_of[according.i]]
        phrase_end = max(obj.right_edge.i + 1, to.i + 1)
        if according.i - unit_start <= 1:
            start, end = phrase_end, unit_end
        else:
            start, end = unit_start, according.i
        while start < end and (self.doc[start].is_punct or self.doc[start].is_space):
            start += 1
        while end > start and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            end -= 1
        words = [t for t in self.doc[start:end] if not t.is_punct]
        if len(words) < 3:
            return None
        if any(self._inside_direct(t, direct_token_spans) for t in range(start, end)):
            return None
        speaker = None
        for t in range(start, end):
            verb = self.doc[t]
            if (
                self.in_quote[t] < 0
                and self._is_cue_verb(verb)
                and verb.dep_ not in ("relcl", "acl")
                and any(c.dep_ == "ccomp" for c in verb.children)
            ):
                subject = self._subject_of(verb)
                if subject is not None and start <= subject.i < end:
                    # "X said that …, according to a statement": X's words, reported by the statement.
                    speaker = self._resolve(subject.i, verb.i)
                    break
        if speaker is None or speaker.label is None:
            speaker = self._resolve(obj.i, None)
        if speaker.label is None:
            return None
        char_start = self.doc[start].idx
        char_end = self.doc[end - 1].idx + len(self.doc[end - 1].text)
        return speaker.quote(
            text=self._clean_text(char_start, char_end),
            kind="indirect",
            cue="according to",
            paragraph=self._paragraph_of(char_start),
            start=char_start,
            end=char_end,
        )

    def _inside_direct(self, t: int, direct_token_spans) -> bool:
        return any(a <= t <= b for a, b in direct_token_spans)

    def _drop_clauses_a_partial_stands_for(self, quotes: list[Quote], repeated: set[str]) -> list[Quote]:
        """A reported clause around a quoted phrase is a quote of its own ("said the figures showed
        the problem was 'no longer a Dublin story'": the clause and the phrase), except where the
        phrase is most of it and either the quoted charge of an accusation ("accused X of
        'spreading lies'": the phrase is what was said) or quoted again later: then the clause is
        the lead's summary of a statement the article reports in full ("said he was 'not a big
        fan' of X" ... "said he does not blame X but was 'not a big fan' of ..."), and only the
        phrase stands for it."""
        partials = [q for q in quotes if q.kind == "partial"]
        kept = []
        for quote in quotes:
            if quote.kind == "indirect":
                charge = (quote.start, quote.end) in self.object_contents
                covered = any(
                    p.start >= quote.start and p.end <= quote.end + 1 and _dice(p.text, quote.text) >= 0.5
                    and (charge or fold(p.text) in repeated)
                    for p in partials
                )
                if covered:
                    continue
            kept.append(quote)
        return kept

    # speakers ----------------------------------------------------------------------------------------

    def _subject_of(self, verb):
        """The speaker token of a speech verb: its subject, the subject of the verb it is
        coordinated with or depends on ("went on to say"), the object of a verb that makes
        someone speak ("persuaded residents to claim"), the noun a speaking participle describes
        ("residents chanting …"), or a name after it ("said Smith"). A subject the parser found
        in another paragraph is replaced by the name that opens the verb's own sentence."""
        subject = self._parsed_subject(verb)
        if subject is None:
            subject = self._inverted_subject(verb) or self._person_before(verb) or self._age_before(verb)
        if subject is not None and self.unit_of[subject.i] != self.unit_of[verb.i]:
            subject = self._subject_in_unit(verb)
        clause = subject.head if subject is not None else None
        if subject is not None and subject.lower_ in _RELATIVE_PRONOUNS and clause.dep_ == "relcl":
            # "Ann Lee, a nurse, who said the ward was full", "Ann Lee, who chairs the board and
            # said ...": the noun the relative clause describes speaks.
            if clause.head.pos_ in ("PROPN", "NOUN") and clause.head.i < clause.i:
                return clause.head
        return subject

    def _parsed_subject(self, verb):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if len(subjects) > 1:
            # "co-founders Ann Lee and Bo Chen said" parsed with "co" and "Lee" both as subjects
            named = [c for c in subjects if c.i in self.person_at]
            if len(named) == 1:
                return named[0]
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not (child.dep_ == "nsubjpass" and child.lower_ == "it"):
                if child.dep_ == "nsubjpass" and verb.lemma_.lower() not in ("quote",):
                    continue
                return child
        for child in verb.children:
            if child.dep_ in ("dobj", "attr", "npadvmod", "appos") and child.i > verb.i and child.pos_ == "PROPN":
                if child.dep_ == "dobj" and verb.lemma_.lower() in _RECIPIENT_VERBS:
                    continue  # "told PTI that …": the listener, not the speaker
                return child
        head = verb.head
        outer = head.head
        if (
            verb.dep_ in ("conj", "advcl")
            and head.dep_ == "ccomp"
            and head.i < verb.i
            and outer.i < head.i
            and self._is_cue_verb(outer)
            and self.in_quote[head.i] < 0
            and verb.tag_ in ("VBD", "VBZ", "VBP", "VBG")
            and not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        ):
            # "said the decision was final but insisted …", "said shops burned, adding, …": the
            # parser hung the second speech verb on the first one's reported clause.
            subject = next((c for c in outer.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
        if verb.dep_ == "pcomp" and head.pos_ in ("ADP", "SCONJ") and head.head.pos_ == "VERB" and head.head.i < verb.i:
            # "the mayor was quoted as saying …"
            subject = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
        if verb.dep_ == "xcomp" and head.i < verb.i:
            # Object control: "persuaded residents to claim that …" – the residents claim.
            obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON"):
                return obj
        if verb.dep_ == "acl" and head.i < verb.i and head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBG":
            if fold(head.text) in _DOCUMENT_NOUNS and head.head.pos_ in ("VERB", "AUX"):
                # "the board released a note cautioning that …": the note's issuer speaks.
                issuer = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
                return issuer if issuer is not None else head
            return head  # "a crowd of residents – young and old – chanting, “…”"
        return self._subject_up_the_chain(verb)

    def _subject_up_the_chain(self, verb):
        """"released a statement, describing X as a hero but insisting that ...": a verb
        coordinated with, or depending on, another that has no subject of its own speaks with
        the subject of the first verb up the chain that has one (three steps at most)."""
        node = verb
        for _ in range(3):
            head = node.head
            if node.dep_ == "pcomp" and head.pos_ in ("ADP", "SCONJ"):
                head = head.head  # "after telling ..."
            elif node.dep_ not in ("conj", "xcomp", "advcl", "pcomp"):
                return None
            if head.i == node.i or head.pos_ not in ("VERB", "AUX"):
                return None
            subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
            node = head
        return None

    def _inverted_subject(self, verb):
        """"“…,” said the woman, who …": after a quote or a comma, the noun phrase that follows
        the verb, when the parser hung it elsewhere (on the relative clause's verb)."""
        if verb.i == 0 or not (self.doc[verb.i - 1].is_punct or self.doc[verb.i - 1].is_quote):
            return None
        found = None
        for k in range(verb.i + 1, min(verb.i + 6, len(self.doc))):
            token = self.doc[k]
            if self.in_quote[k] >= 0:
                break
            if token.pos_ in ("NOUN", "PROPN"):
                found = token
            elif token.pos_ not in ("DET", "ADJ") or found is not None:
                break
        if found is None or found.i + 1 >= len(self.doc) or not self.doc[found.i + 1].is_punct:
            return None
        return found

    def _person_before(self, verb):
        """"“…,” Ann Lee III, founder of X, tells Y": the parser hung the name on the quote; the
        first person named between the quote (or the sentence start) and the verb speaks."""
        if verb.i == 0 or self.doc[verb.i - 1].text != "," and verb.i - 1 not in self.person_at:
            return None
        unit_start, _ = self.units[self.unit_of[verb.i]]
        found = None
        for t in range(verb.i - 1, unit_start - 1, -1):
            if self.in_quote[t] >= 0 or self.doc[t].pos_ in ("VERB", "AUX"):
                break
            if t in self.person_at:
                found = self.doc[t]
        return found

    def _age_before(self, verb):
        """"“…,” the 24-year-old said": the parser takes the age for a modifier of the verb; it
        speaks when it describes a person the article names (else the other fallbacks decide)."""
        before = self.doc[verb.i - 1] if verb.i > 0 else None
        if before is None or not is_age(before) or self.in_quote[before.i] >= 0:
            return None
        return before if self.profiles.person_described(describe(self.doc, before), before.i) else None

    def _subject_in_unit(self, verb):
        """The last person named (else the last noun) between the start of the verb's sentence
        part and the verb, with no other verb in between."""
        unit_start, _ = self.units[self.unit_of[verb.i]]
        found = None
        for t in range(unit_start, verb.i):
            token = self.doc[t]
            if self.in_quote[t] >= 0:
                continue
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass", "neg", "amod", "compound"):
                found = None
                continue
            if t in self.person_at or token.pos_ in ("PROPN", "NOUN") or token.lower_ in PERSON_PRONOUNS:
                found = token
        return found

    def _note_speaker(self, speaker: _Speaker, paragraph: int) -> None:
        self.last_speaker, self.last_speaker_paragraph = speaker, paragraph
        if not speaker.is_person:
            self.last_group, self.last_group_paragraph = speaker, paragraph

    def _resolve(self, token_index, verb_index) -> _Speaker:
        token = self.doc[token_index]
        lower = token.lower_
        if token.pos_ == "PRON" or lower in PERSON_PRONOUNS:
            if lower in _NUMBER_WORDS:  # "both said"
                return self._people_together(token) or _Speaker(None, False)
            if lower in ("i", "we", "you", "me", "us"):
                return _Speaker(None, False)
            if lower in _QUANTIFIER_SPEAKERS:
                # "some of the women said", "another says", "those who voted said": a part of a
                # group speaks; the attribution's words are all that names it.
                label = self._noun_phrase(token)
                return _Speaker(label, any(fold(t.text) in _PEOPLE_NOUNS for t in token.subtree)) if label else _Speaker(None, False)
            if lower in PERSON_PRONOUNS:
                unnamed = self._unnamed_person_antecedent(token)
                if unnamed is not None:
                    return unnamed
                person = self._pronoun_referent(token)
                if person is not None:
                    self.gender.setdefault(id(person), "f" if lower in ("she", "her", "hers") else "m")
                    return _Speaker(person.name, True, person)
                return _Speaker(None, False)
            if lower in ("it", "they"):
                group = self._group_antecedent(token)
                if group is not None:
                    return group
                if self.last_speaker is not None:
                    return self.last_speaker
            return _Speaker(None, False)
        conjuncts = [c for c in token.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
        first = self._resolve_noun(token)
        if not conjuncts or first.label is None:
            return first
        # "Ann Lee and Bo Chen told the inquiry …": both speak.
        parts = [first] + [self._resolve_noun(c) for c in conjuncts]
        if any(part.label is None for part in parts):
            return first
        written = " and ".join(part.label for part in parts)
        people = tuple(part.person for part in parts if part.person is not None)
        if len(people) == len(parts) and len({id(person) for person in people}) == len(people):
            return _Speaker(first.label, True, first.person, written=written, together=people)
        return _Speaker(written, all(part.is_person for part in parts))

    def _unnamed_person_antecedent(self, pronoun) -> _Speaker | None:
        """"A resident said … “…,” he said.": a pronoun after a person the text never names, when
        no named person is mentioned between that speaker and the pronoun."""
        speaker = self.last_speaker
        if speaker is None or not speaker.is_person or speaker.person is not None or not speaker.label:
            return None
        paragraph = self._paragraph_of(pronoun.idx)
        if paragraph - self.last_speaker_paragraph > 1 or speaker.label.split()[0].lower() not in ("a", "an"):
            return None
        since = self.paragraph_starts[self.last_speaker_paragraph]
        for t, _ in self.mention_tokens:
            if since <= self.doc[t].idx < pronoun.idx and self.in_quote[t] < 0:
                return None
        return speaker

    def _resolve_noun(self, token) -> _Speaker:
        speaker = self._resolve_noun_as_written(token)
        if speaker.label is not None and not speaker.is_person:
            full = self._spelled_out(speaker.label)
            if full is not None:
                return _Speaker(full, False)
            return _Speaker(_clean_label(speaker.label), False)
        return speaker

    def _spelled_out(self, label: str) -> str | None:
        """The full name of an organisation that the body spells out somewhere and the speaker
        label abbreviates: "the agency's ARC" or "ARC" for "Agency for Regional Cooperation"."""
        words = label.split()
        acronym = words[-1] if words else ""
        if not (acronym.isalpha() and acronym.isupper() and 2 <= len(acronym) <= 6):
            return None
        modifiers = {fold(w) for w in words[:-1]}
        if self._org_names is None:
            self._org_names = []
            for ent in self.doc.ents:
                if ent.label_ == "ORG" and len(ent) > 1:
                    name = " ".join(ent.text.split())
                    if name.lower().startswith("the "):
                        name = name[4:]
                    if name not in self._org_names:
                        self._org_names.append(name)
        spoken = [self.last_group.label] if self.last_group is not None and self.last_group.label else []
        for name in self._org_names + spoken:
            capitals = [w for w in name.split() if w[:1].isupper()]
            if len(capitals) < len(acronym) or not modifiers <= {fold(w) for w in capitals}:
                continue
            initials = "".join(w[0] for w in capitals)
            k = 0
            for i, c in enumerate(initials):
                if k < len(acronym) and c == acronym[k]:
                    if k == 0 and i > 1:
                        break
                    k += 1
            if k == len(acronym) and len(initials) - len(acronym) <= 2:
                return name
        return None

    def _resolve_noun_as_written(self, token) -> _Speaker:
        if token.ent_type_ in ("DATE", "TIME") and token.i not in self.person_at:
            if is_age(token):  # "the 24-year-old said": the person of that age, if the article names one
                person = self.profiles.person_described(describe(self.doc, token), token.i)
                if person is not None:
                    return _Speaker(person.name, True, person, written=self._noun_phrase(token) or None)
            return _Speaker(None, False)  # "on Wednesday accused …" parsed with the day as subject
        person = self.person_at.get(token.i)
        if person is None:
            for child in token.children:
                if child.dep_ == "appos" and child.i in self.person_at or self._name_head_of(token, child):
                    person = self.person_at[child.i]
                    break
        if person is None:
            person = self._person_in_phrase(token) or self._person_closing_phrase(token)
        if person is not None:
            return _Speaker(person.name, True, person, written=self._noun_phrase(token) or None)
        head = fold(token.text)
        together = self._people_together(token)
        if together is not None:
            return together
        earlier = self._same_description(token)
        if earlier is not None:
            return earlier
        # "The group that owns the catalogue, Northwind Records, says …": the name in apposition.
        for child in token.subtree:
            # (the parser may hang the name on the relative clause's last noun)
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.head.i >= token.i:
                if child.head.i == token.i or self.doc[child.right_edge.i + 1 : child.right_edge.i + 2].text == ",":
                    if child.i not in self.person_at:
                        return _Speaker(self._proper_phrase(child), False)
        if head in _DOCUMENT_NOUNS and token.pos_ == "NOUN":
            author = self._document_author(token)
            if author is not None:
                return author
        if head in _ORGANISATION_NOUNS and token.pos_ == "NOUN" and self._is_definite_bare(token):
            organisation = self._recent_organisation(token)
            if organisation is not None:
                return organisation
        label = self._noun_phrase(token)
        if not label:
            return _Speaker(None, False)
        # A proper name the people stage did not take as a person is an organisation's.
        is_person = (
            head in ROLE_NOUNS or head in _PEOPLE_NOUNS or (token.ent_type_ == "PERSON" and token.pos_ != "PROPN")
            or is_age(token)
        )
        if is_person and head in ROLE_NOUNS:
            person = self._titled_person(label)
            if person is not None:
                return _Speaker(person.name, True, person, written=label)
        if token.pos_ in ("NOUN", "PROPN", "ADJ"):
            # "the judge", "the 24-year-old": the person named elsewhere whom the description fits
            person = self.profiles.person_described(describe(self.doc, token), token.i)
            if person is not None:
                return _Speaker(person.name, True, person, written=label)
        return _Speaker(label, is_person)

    def _name_head_of(self, token, child) -> bool:
        """"Ann Lee III said": the person's mention left out the head word of the name ("The Lee
        campaign" and "Lee Tower" are not the person)."""
        if child.dep_ != "compound" or child.i not in self.person_at or token.pos_ != "PROPN":
            return False
        return token.ent_type_ not in ("ORG", "GPE", "FAC") and fold(token.text) not in _ORGANISATION_WORDS

    def _person_in_phrase(self, token) -> Person | None:
        """"Former Senator Ann Lee argued …" parsed with "Former" as the subject: the
        person named in the same run of capitalised words."""
        if token.pos_ not in ("PROPN", "NOUN") or not token.text[:1].isupper():
            return None
        for k in range(token.i + 1, min(token.i + 5, len(self.doc))):
            nxt = self.doc[k]
            if k in self.person_at:
                return self.person_at[k]
            if not (nxt.pos_ == "PROPN" and nxt.text[:1].isupper()) or self.in_quote[k] >= 0:
                return None
        return None

    def _person_closing_phrase(self, token) -> Person | None:
        """"The spokesperson of the Lagos State Police Command, SP Ann Lee, said": the name that
        closes the speaker's phrase, which the parser set beside the phrase's last noun."""
        if fold(token.text) not in ROLE_NOUNS or token.pos_ != "NOUN":
            return None
        end = token.right_edge.i
        while end > token.i and self.doc[end].is_punct:
            end -= 1
        for child in token.subtree:
            if child.dep_ == "appos" and child.head.i > token.i and child.i == end and child.i in self.person_at:
                return self.person_at[child.i]
        return None

    def _same_description(self, token) -> _Speaker | None:
        """A bare definite description as speaker ("the spokesperson said", "the PS said",
        "the minister said") with no person of its own: the acronym of one person's title, the
        unnamed speaker it repeats ("A spokesperson for X" … "the spokesperson"), or the named
        person who spoke in this or the previous paragraph."""
        children = list(token.children)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
            return None
        if any(c.dep_ not in ("det", "punct") for c in children if c.i < token.i):
            return None
        text = token.text
        if text.isupper() and text.isalpha() and 2 <= len(text) <= 4:
            # "the CS" for "Interior Cabinet Secretary", "the PS" for "Principal Secretary for ..."
            owners = [p for p in self.people if any(text in _initials(role) for role in p.roles)]
            if len(owners) == 1:
                return _Speaker(owners[0].name, True, owners[0], written=f"the {text}")
            return None
        head = fold(text)
        if head not in ROLE_NOUNS:
            return None
        last = self.last_speaker
        paragraph = self._paragraph_of(token.idx)
        if last is None or not last.is_person or paragraph - self.last_speaker_paragraph > 1:
            return None
        if last.person is None:
            words = [fold(w) for w in (last.label or "").split()]
            return last if head in words else None
        for other in self.people:
            if other is not last.person and any(head in fold(role).split() for role in other.roles):
                return None
        roles = last.person.roles
        if roles and not any(head in fold(role).replace("-", " ").split() for role in roles):
            return None  # "the governor" after a minister spoke is someone else
        return _Speaker(last.person.name, True, last.person, written=f"the {text}")

    def _people_together(self, token) -> _Speaker | None:
        """"the couple said", "the two founders said", "both men said": the people the article has
        just named together, in this or the two paragraphs before ("Ann Lee and Bo Chen said",
        "He and his wife, Ann Lee, have written ..."), when there are as many as it says and nobody
        else has spoken since ("Officials said …" in between: "the two officials" are theirs)."""
        count = self._count_together(token)
        if count is None:
            return None
        written = self._noun_phrase(token) or None
        paragraph = self._paragraph_of(token.idx)
        last = self.last_speaker
        if last is not None and last.together and paragraph - self.last_speaker_paragraph <= 2:
            if len(last.together) != count:
                return None
            return _Speaker(last.label, True, last.person, written=written, together=last.together)
        since = self.paragraph_starts[max(paragraph - 2, 0)]
        for t in range(token.left_edge.i - 1, -1, -1):
            other = self.doc[t]
            if other.idx < since:
                break
            if self.in_quote[t] >= 0:
                continue
            if not any(c.dep_ == "conj" for c in other.children):
                if other.dep_ in ("nsubj", "nsubjpass") and self._is_cue_verb(other.head):
                    return None
                continue
            people = self._people_coordinated(other)
            if len(people) >= 2:
                if len(people) != count:
                    return None
                return _Speaker(people[0].name, True, people[0], written=written, together=people)
        return None

    def _count_together(self, token) -> int | None:
        """How many people a definite description of people together names: 2 for "the couple",
        "the pair", "both men", "the two founders", "the two"; None when it is no such description
        ("two men" are new people, "officials" are any number, "the two companies" no people)."""
        children = list(token.children)
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in children)
        number = next((_NUMBER_WORDS[c.lower_] for c in children if c.lower_ in _NUMBER_WORDS and c.i < token.i), None)
        if token.lower_ in _NUMBER_WORDS and token.pos_ in ("NUM", "PRON", "DET"):
            if token.lower_ == "both" or definite:
                return _NUMBER_WORDS[token.lower_]  # "both said", "the two said"
            return None
        head = fold(token.text)
        if head in _PEOPLE_TOGETHER and _PEOPLE_TOGETHER[head]:
            return _PEOPLE_TOGETHER[head] if definite else None  # "the couple", not "a couple"
        if number is None or not (definite or any(c.lower_ == "both" for c in children)):
            return None
        if token.tag_ != "NNS" or not (head in _PEOPLE_TOGETHER or head in _PEOPLE_NOUNS or fold(token.lemma_) in ROLE_NOUNS):
            return None
        return number

    def _people_coordinated(self, token) -> tuple[Person, ...]:
        """The people of a coordination ("Ann Lee and Bo Chen", "He and his wife, Ann Lee,"), or
        () when one of its parts is no person the article names."""
        people = []
        for part in [token] + [c for c in token.children if c.dep_ == "conj"]:
            person = self.person_at.get(part.i)
            if person is None and part.lower_ in PERSON_PRONOUNS and part.pos_ == "PRON":
                person = self._pronoun_referent(part)
            if person is None:
                person = next((self.person_at[c.i] for c in part.children if c.dep_ == "appos" and c.i in self.person_at), None)
            if person is None or any(person is other for other in people):
                return ()
            people.append(person)
        return tuple(people)

    def _proper_phrase(self, token) -> str:
        start = token.i
        while start > 0 and self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].pos_ == "PROPN":
            start -= 1
        return " ".join(self.doc[start : token.i + 1].text.split())

    def _is_definite_bare(self, token) -> bool:
        """"the company" with nothing that names it ("the Swiss company" still refers back)."""
        children = list(token.children)
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children):
            return False
        return not any(c.pos_ == "PROPN" or c.dep_ in ("appos", "relcl", "acl", "prep") for c in children)

    def _recent_organisation(self, token) -> _Speaker | None:
        head = fold(token.text)
        known = self.definite_refs.get(head)
        if known is not None:
            return known
        found = self._recent_organisation_named(token)
        if found is not None:
            self.definite_refs[head] = found
        return found

    def _recent_organisation_named(self, token) -> _Speaker | None:
        """The organisation named last before ``token``: an ORG entity or a non-person speaker;
        an organisation that is the subject of the same sentence comes first ("Corvina expects a
        loss, the company said")."""
        sentence = token.sent
        for start, end in self.org_mentions:
            if sentence.start <= start and end <= token.i and self.person_at.get(end - 1) is None:
                if self.doc[end - 1].dep_ in ("nsubj", "nsubjpass") and self.doc[end - 1].head.i != token.head.i:
                    return _Speaker(_clean_label(" ".join(self.doc[start:end].text.split())), False)
        best, best_at = None, -1
        for start, end in self.org_mentions:
            if end <= token.i and start > best_at and self.person_at.get(end - 1) is None:
                if self._addressee(start, end, sentence):
                    continue  # "In a statement to the exchange, the group said": the listener
                best, best_at = " ".join(self.doc[start:end].text.split()), start
        if best is not None and best.lower().startswith("the "):
            best = best[4:]
        group_at = self.last_group_paragraph
        # An organisation that has just spoken is more salient than one merely named since.
        recent_group = self._paragraph_of(token.idx) - group_at <= 2
        if self.last_group is not None and (
            best is None or recent_group or group_at > self._paragraph_of(self.doc[best_at].idx)
        ):
            if fold(self.last_group.label or "") != fold(self._noun_phrase(token)):
                return self.last_group
        if best is None or self._paragraph_of(token.idx) - self._paragraph_of(self.doc[best_at].idx) > 8:
            return None
        return _Speaker(_clean_label(best), False)

    def _addressee(self, start: int, end: int, sentence) -> bool:
        """An organisation named as the one spoken to in the same sentence ("a statement to X")."""
        last = self.doc[end - 1]
        return sentence.start <= start and last.dep_ == "pobj" and last.head.lower_ == "to"

    def _document_author(self, token) -> _Speaker | None:
        """"a report from Kestrel Bank said" -> Kestrel Bank; "the statement said" -> its author,
        the speaker just before."""
        for child in token.children:
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
                return self._resolve_noun(child)
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ in ("PROPN", "NOUN"):
                    return self._resolve_noun(obj)
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "its", "their") for c in token.children):
            if self.last_speaker is not None and self._paragraph_of(token.idx) - self.last_speaker_paragraph <= 2:
                return self.last_speaker
        return None

    def _group_antecedent(self, pronoun) -> _Speaker | None:
        """What "it"/"they" refers to: a non-person subject earlier in the sentence ("the army,
        which it said …"), else the last such subject in this or the previous paragraph, else the
        last organisation that spoke."""
        paragraph = self._paragraph_of(pronoun.idx)
        sentence_start = pronoun.sent.start
        plural = pronoun.lower_ == "they"
        for t in range(pronoun.i - 1, -1, -1):
            token = self.doc[t]
            if self._paragraph_of(token.idx) < paragraph - 1:
                break
            if self.in_quote[t] >= 0 or token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON":
                continue
            if t in self.person_at:
                if t >= sentence_start:
                    continue
                break  # a person was the last subject: the pronoun is not about a group
            if not self._group_like(token, plural):
                continue
            speaker = self._resolve_noun(token)
            if speaker.label is not None and not speaker.is_person:
                return speaker
        if self.last_group is not None and paragraph - self.last_group_paragraph <= 4:
            return self.last_group
        return None

    def _group_like(self, token, plural: bool) -> bool:
        if token.ent_type_ in ("ORG", "GPE", "NORP") or token.pos_ == "PROPN":
            return True  # a proper name that is not a person's
        head = fold(token.text)
        if head in _ORGANISATION_NOUNS or head in _DOCUMENT_NOUNS:
            return True
        return plural and token.tag_ in ("NNS", "NNPS")

    def _titled_person(self, label: str) -> Person | None:
        """"China's envoy to Chile said …" when a later line names "China's envoy to Chile Ann Lee"."""
        key = fold(label)
        if len(key.split()) < 2:
            return None
        for person in self.people:
            for mention in person.mentions:
                before = fold(self.body[max(0, mention.start - len(label) - 3) : mention.start]).rstrip(" ,")
                if before.endswith(key):
                    return person
        return None

    def _noun_phrase(self, token) -> str:
        start = token.left_edge.i
        end = token.i + 1
        for child in token.rights:
            if child.dep_ in ("prep", "compound", "amod", "nummod", "poss"):
                end = child.right_edge.i + 1
            else:
                break
        # "the" goes, but "a"/"an" stay: "an insurgent source" is how the text presents the speaker.
        while start < end and (self.doc[start].lower_ == "the" or self.doc[start].is_punct or self.doc[start].is_space):
            start += 1
        span = self.doc[start:end]
        if len(span) > 10:
            span = self.doc[max(token.i - 4, start) : token.i + 1]
        return " ".join(span.text.split())

    def _pronoun_referent(self, pronoun) -> Person | None:
        """The person a he/she refers to: the most recent person who was the subject of a clause
        (or spoke) in this or the previous two paragraphs, agreeing in gender when known."""
        gender = "f" if pronoun.lower_ in ("she", "her", "hers") else "m"
        paragraph = self._paragraph_of(pronoun.idx)

        def agrees(person):
            known = self.gender.get(id(person))
            return known is None or known == gender

        recent = None
        for t, person in reversed(self.mention_tokens):
            if t >= pronoun.i:
                continue
            if self._paragraph_of(self.doc[t].idx) < paragraph - 2:
                break
            if self.in_quote[t] >= 0 or not agrees(person):
                continue
            if recent is None:
                recent = person
            if self.doc[t].dep_ in ("nsubj", "nsubjpass") or self._heads_subject(t):
                return person
        if self.last_speaker and self.last_speaker.person and agrees(self.last_speaker.person):
            if paragraph - self.last_speaker_paragraph <= 2 or recent is None:
                return self.last_speaker.person
        if recent is None:
            # Nothing close by: the last person named before the pronoun, however far back.
            for t, person in reversed(self.mention_tokens):
                if t < pronoun.i and self.in_quote[t] < 0 and agrees(person):
                    return person
        return recent

    def _heads_subject(self, t: int) -> bool:
        token = self.doc[t]
        while token.dep_ in ("compound", "flat", "appos") and token.head.i != token.i:
            token = token.head
        return token.dep_ in ("nsubj", "nsubjpass")

    def _recent_person(self, before: int, subject_only: bool) -> Person | None:
        for t, person in reversed(self.mention_tokens):
            if t >= before or self.in_quote[t] >= 0:
                continue
            if not subject_only or self._heads_subject(t):
                return person
        return None


_RELATIVE_PRONOUNS = frozenset(("who", "that"))
_ASIDE_MARKS = frozenset(",—–-")  # what sets off an attribution inside a sentence
_FUNCTION_WORDS = frozenset("a an the of in at for from with on by to and or series some many".split())


def _initials(title: str) -> str:
    """"Cabinet Secretary for Water" -> "CSW"; "Director of Ports" -> "DP"."""
    return "".join(w[0] for w in title.split() if w[:1].isupper())


def _name_initials(name: str) -> tuple[str, ...]:
    """"Nadia Farrell" -> ("NF",); "Seán Ó Briain" -> ("SÓB", "SB"): with and without particles."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    initials = "".join(w[0] for w in words).upper()
    without_particles = "".join(w[0] for w in words if fold(w) not in NAME_PARTICLES).upper()
    return (fold(initials).upper(), fold(without_particles).upper())


def _clean_label(label: str) -> str:
    """An organisation label without a possessive ending, an unclosed parenthesis ("Bureau of
    Inland Waterways (BIW") or a lower-case description before a proper name ("state ferry
    operator SEALINK" -> "SEALINK")."""
    label = re.sub(r"\s*\([^)]*$", "", label).strip()
    label = re.sub(r"\s*\([A-Z]{2,6}\)$", "", label).strip()  # "… Waterways (BIW)"
    label = re.sub(r"(?:'s|’s|'|’)$", "", label).strip()
    words = label.split()
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    if (
        0 < k < len(words) <= k + 4
        and k <= 3
        and all(w.islower() and w.isalpha() and w not in _FUNCTION_WORDS for w in words[:k])
    ):
        label = " ".join(words[k:])
    return label


def _negated(verb) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def _dice(a: str, b: str) -> float:
    wa, wb = Counter(a.lower().split()), Counter(b.lower().split())
    total = sum(wa.values()) + sum(wb.values())
    return 2 * sum((wa & wb).values()) / total if total else 0.0
