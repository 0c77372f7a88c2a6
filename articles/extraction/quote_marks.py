"""Pairs the quote marks of an article body into quoted spans, and maps body offsets onto tokens.

Both the people stage (which names stand inside quotes) and the quotes stage read the pairs; the
``quote_marks`` component makes them once per parse (``Doc._.quote_spans``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document

OPENING_DOUBLE = "“„«"
CLOSING_DOUBLE = "”»"
OPENING_SINGLE = "‘‹"
CLOSING_SINGLE = "’›"
STRAIGHT = {'"': "double", "'": "single"}
DOUBLED_APOSTROPHE = "''"  # two straight apostrophes used as one double mark (archive house styles)

# Words that start with an apostrophe rather than an opening single quote mark.
_ELISION = re.compile(r"(?:n['’]|em\b|til\b|tis\b|twas\b|cause\b|bout\b|round\b|\d0s\b|\d\ds?\b)", re.I)


@dataclass
class QuoteSpan:
    """Quoted text of the body: one pair of marks, or a British quote reopened paragraph after paragraph."""

    start: int  # body offset of the first quoted character
    end: int  # body offset after the last quoted character
    paragraph: int
    marks: list[int] = field(default_factory=list)  # body offsets of its quote-mark characters
    segments: list[tuple[int, int]] = field(default_factory=list)  # per-paragraph (start, end)
    # Token indices from the first mark to the last, marks included (set by ``quote_spans``).
    tokens: range = range(0)

    def text(self, body: str) -> str:
        return " ".join(body[s:e].strip() for s, e in self.segments if body[s:e].strip())


def quote_spans(doc, document: Document) -> list[QuoteSpan]:
    """The quoted spans of ``document``'s body, whose parse is ``doc``, with their tokens."""
    spans = pair_marks(document)
    for span in spans:
        span.tokens = token_range(doc, min(span.marks + [span.start]), max(span.marks + [span.end - 1]) + 1)
    return spans


def token_range(doc, start: int, end: int) -> range:
    """Indices of the tokens that overlap the body characters [start, end).

    ``char_span`` in "expand" mode counts a token's trailing space as part of it, so a range that
    starts on that space would take the token before it; that token does not overlap and is left out.
    """
    if end <= start:
        return range(0)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return range(0)
    first, last = span.start, span.end
    if first < last and doc[first].idx + len(doc[first]) <= start:
        first += 1
    return range(first, last)


def _classify_mark(text: str, i: int, width: int = 1) -> tuple[str, str] | None:
    """(family, role) of the mark at ``i``: role is "open", "close" or None for apostrophes. A mark
    of ``width`` 2 is two straight apostrophes standing for a double mark (''like this'')."""
    c = '"' if width == 2 else text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    if c in OPENING_DOUBLE:
        return "double", "open"
    if c in CLOSING_DOUBLE:
        return "double", "close"
    if c in OPENING_SINGLE:
        if _ELISION.match(text, i + 1):
            return None
        return "single", "open"
    if c not in STRAIGHT and c not in CLOSING_SINGLE:
        return None
    family = "double" if c == '"' else "single"
    opens_after = prev.isspace() or prev in "([{—–-/“‘\"'" or i == 0
    if family == "single" and prev.isalnum() and nxt.isalnum():
        return None  # we've, Ukraine's
    if opens_after and not nxt.isspace():
        if family == "single" and _ELISION.match(text, i + 1):
            return None
        return family, "open"
    if not prev.isspace() and (nxt.isspace() or not nxt.isalnum()):
        return family, "close"
    if family == "double":
        return family, "either"  # spaced on both sides ("involved, " he added) or glued to words
    return None


def _paragraph_marks(paragraph: str) -> list[tuple[int, str, str, int]]:
    """(offset, family, role, width) of each quote mark of the paragraph."""
    marks = []
    i = 0
    while i < len(paragraph):
        c = paragraph[i]
        width = 2 if paragraph.startswith(DOUBLED_APOSTROPHE, i) else 1
        if c in "\"'“”‘’„«»‹›":
            kind = _classify_mark(paragraph, i, width)
            if kind:
                marks.append((i, kind[0], kind[1], width))
        i += width
    return marks


def pair_marks(document: Document) -> list[QuoteSpan]:
    """Pair opening and closing marks; British multi-paragraph quotes continue while each new
    paragraph reopens the quote. Marks of the other family inside a quote are nested quotes."""
    spans: list[QuoteSpan] = []
    starts = document.paragraph_starts()
    paragraphs = document.paragraphs
    marks_by_paragraph = [_paragraph_marks(p) for p in paragraphs]
    current: QuoteSpan | None = None
    family = None
    seg_start = 0
    for p, paragraph in enumerate(paragraphs):
        base = starts[p]
        marks = marks_by_paragraph[p]
        skip_first = False
        if current is not None:
            # The quote stays open only if this paragraph reopens it with a mark of the same family.
            first = marks[0] if marks else None
            if first and first[0] == _first_visible(paragraph) and first[1] == family and first[2] == "open":
                current.marks.extend(base + first[0] + w for w in range(first[3]))
                seg_start = base + first[0] + first[3]
                skip_first = True
            else:
                current = None
        for k, (i, fam, role, width) in enumerate(marks):
            if skip_first and k == 0:
                continue
            if current is None:
                if role in ("open", "either"):
                    offsets = [base + i + w for w in range(width)]
                    current = QuoteSpan(start=base + i + width, end=base + i + width, paragraph=p, marks=offsets)
                    family = fam
                    seg_start = base + i + width
                continue
            if fam != family:
                continue
            if role in ("close", "either"):
                if fam == "single" and _likely_plural_possessive(paragraph, i, marks[k + 1 :]):
                    continue
                current.segments.append((seg_start, base + i))
                current.marks.extend(base + i + w for w in range(width))
                spans.append(current)
                current = None
        if current is not None:
            current.segments.append((seg_start, base + len(paragraph)))
            next_opens = False
            if p + 1 < len(paragraphs):
                nxt = marks_by_paragraph[p + 1]
                next_opens = bool(
                    nxt and nxt[0][0] == _first_visible(paragraphs[p + 1]) and nxt[0][1] == family and nxt[0][2] == "open"
                )
            if not next_opens:
                if family == "double":
                    spans.append(current)  # the closing mark was lost: the quote ends with the paragraph
                current = None
            elif p + 1 == len(paragraphs):
                spans.append(current)
                current = None
    if current is not None and family == "double":
        spans.append(current)
    return _trimmed(spans, document.body)


def _trimmed(spans: list[QuoteSpan], body: str) -> list[QuoteSpan]:
    """The spans without blank segments and without the spaces at their two ends; empty ones go."""
    kept = []
    for span in spans:
        segments = [(s, e) for s, e in span.segments if body[s:e].strip()]
        if not segments:
            continue
        s, e = segments[0]
        s += len(body[s:e]) - len(body[s:e].lstrip())
        segments[0] = (s, e)
        s, e = segments[-1]
        e -= len(body[s:e]) - len(body[s:e].rstrip())
        segments[-1] = (s, e)
        span.segments = segments
        span.start, span.end = segments[0][0], segments[-1][1]
        kept.append(span)
    return kept


def _first_visible(paragraph: str) -> int:
    return len(paragraph) - len(paragraph.lstrip())


def _likely_plural_possessive(paragraph: str, i: int, later_marks) -> bool:
    """"the players' union": an s-final word with an apostrophe, followed by a lower-case word,
    while a later closing single mark exists in the paragraph."""
    if i == 0 or paragraph[i - 1] not in "sS":
        return False
    rest = paragraph[i + 1 : i + 3]
    if not (rest[:1] == " " and rest[1:2].islower()):
        return False
    for _, fam, role, _ in later_marks:
        if fam != "single":
            continue
        # A later opening mark means this one closed the quote (quotes of one family do not nest).
        return role == "close"
    return False
