"""Document structure: headline, byline, date, captions and body paragraphs from text.

``build_document(source)`` is the only public entry point.  For scraped page text it

1. scores every non-empty line as prose or furniture and takes the best-scoring contiguous run of
   lines (a maximum-subarray search) as the article body zone;
2. looks for the headline among the title-like lines just before that zone (preferring the one that
   repeats the page ``<title>`` line when the page starts with one);
3. reads byline, source and date from the lines around the headline, and captions/credits anywhere;
4. drops widgets, "Read more" links, related headlines, captions, bylines, timestamps, and every line
   outside the body zone, recording each dropped line with a reason in ``Document.boilerplate``.

All rules are generic (line shape, punctuation, position, small lexicons of widget phrases and
photo agencies); nothing here is keyed to a particular publisher or article.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from . import lexicons
from .document import Document, DroppedLine, Image, SourceText
from .names import NAME_PARTICLES

__all__ = ["build_document", "guess_language"]

# --------------------------------------------------------------------------------------------------
# Lexicons and patterns
# --------------------------------------------------------------------------------------------------

_QUOTES = "\"'“”‘’«»„"
_CLOSERS = _QUOTES + ")]"
_CLOSERS += "」』）"
_SENTENCE_END = re.compile(r"[.!?…。！？][" + re.escape(_CLOSERS) + r"]*$")
_SOFT_END = re.compile(r"[.!?…:;。！？][" + re.escape(_CLOSERS) + r"]*$")
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|org|net|co\.uk|in|au)(?:/\S*)?\b", re.I)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"^@\w{2,}$")

# Whole-line widgets and page furniture (the lower-cased, stripped line -> the reason it is dropped).
_WIDGET_EXACT: dict[str, str] = lexicons.table("widget_lines")

# Agency codes of datelines ("SYDNEY (AAP) -"); news agencies by every name they sign with.
_WIRES_EARLY = lexicons.alternation("wire_codes")
_WIRES = lexicons.alternation("wire_agencies")

# Line prefixes (lower-cased) that mark the whole line as furniture.
_WIDGET_PREFIX = [
    (re.compile(r"^read\s*[:|]\s*\S", re.I), "read more link"),  # "READ: Another story"
    (re.compile(r"^(?:read more|read also|also read|also see|see also|read next|related|related article|"
                r"related story|related coverage|more on this|more:|recommended|suggested|watch|watch now|"
                r"must read|don't miss|do not miss|click here|continue reading)\s*[:|>»\-–—]", re.I),
     "read more link"),
    (re.compile(r"^(?:read more|also read|read also|read next|see also)\b", re.I), "read more link"),
    (re.compile(r"^(?:see more|more on this story|more on this|more on|more stories|related reading)\s*:", re.I),
     "read more link"),
    (re.compile(r"^(?:view|see|show) (?:all|more)\b.{0,24}$", re.I), "navigation"),
    # a summary closed by its link: "Heating bills are rising. Learn how to save. More"
    (re.compile(r"[.!?…)][”\"’']?\s+(?:more|read more|full story|continue reading|view details|details|learn more|"
                r"find out more)\s*[»›>.…]*$", re.I), "related teaser"),
    (re.compile(r"\bwill open in a new (?:window|tab)\b", re.I), "widget"),
    (re.compile(r"^follow (?:us|[\w .&'’-]{1,40}?) on (?:twitter|facebook|instagram|youtube|x|linkedin|tiktok|"
                r"threads|telegram|whatsapp|social media|google news)\b", re.I), "social prompt"),
    # "Join our WhatsApp channel ...", "Follow the Example Times on Telegram for the latest news"
    (re.compile(r"^(?:join|follow|subscribe to)\b.{0,50}\b(?:telegram|whatsapp|viber|signal|google news)\b"
                r"(?:\s+(?:channel|group|community))?", re.I), "social prompt"),
    (re.compile(r"\b(?:in|to|into|on) your (?:inbox|mailbox)\b", re.I), "subscribe prompt"),
    # wire-feed notes: "(This story has not been edited by ... staff and is auto-generated from a syndicated feed.)"
    (re.compile(r"\b(?:has|have) not been edited by\b.{0,60}\bstaff\b|\bauto-?generated from an? "
                r"(?:syndicated|agency|wire|news) (?:feed|service)\b|\bpublished from an? (?:syndicated|agency|wire) "
                r"feed\b|^\(?only the (?:headline|heading)\b.{0,60}\bmay have been (?:reworked|changed|edited)", re.I),
     "syndication note"),
    # newsletter sign-up forms: "Morning Brief Newsletter", "Thanks for signing up!", opt-in boxes
    (re.compile(r"^(?:[\w'’&+.-]+\s+){0,4}newsletters?$|^(?:thanks|thank you) for (?:signing up|subscribing|"
                r"registering)\b|\bopt-in box\b|\berror processing your (?:subscription|request)\b|"
                r"^i agree (?:that|to)\b.{0,60}\b(?:send me|newsletter|emails?)\b|^(?:like|enjoy|enjoyed) this "
                r"(?:article|story|post)\?$|^no spam\b|\byou can unsubscribe at any time\b", re.I),
     "subscribe prompt"),
    (re.compile(r"\b(?:enable|turn on|activate) javascript\b|\bjavascript (?:is )?(?:disabled|required|"
                r"must be enabled)\b|\bcomments powered by\b", re.I), "widget"),
    (re.compile(r"\b(?:use of this (?:site|website|service)|this (?:site|website) constitutes|"
                r"(?:content|material) on this (?:site|website) may not|may not be reproduced|"
                r"without (?:the )?(?:prior|express) written (?:permission|consent)|"
                r"^reproduction in whole or in part\b.{0,40}\bprohibited)", re.I), "footer"),
    (re.compile(r"^(?:listen to (?:this|the) (?:article|story)|loading audio|audio is not supported|"
                r"your browser does not support)", re.I), "audio widget"),
    (re.compile(r"^(?:subscribe|sign up|signup|get our|join our|register for|get the latest|get breaking|"
                r"receive our|want more|never miss)\b.{0,80}(?:newsletter|updates|alerts|inbox|email|news|free)",
                re.I), "subscribe prompt"),
    (re.compile(r"\b(?:subscribe|sign up|signup|register)\b.{0,40}\b(?:newsletters?|mailing list)\b", re.I),
     "subscribe prompt"),
    (re.compile(r"^(?:share (?:this|on|via|the)|share:|follow us|follow (?:him|her|them|me) on|"
                r"like us on|connect with us)", re.I), "share widget"),
    (re.compile(r"(?:we use cookies|this (?:web)?site uses cookies|use of cookies|cookie (?:policy|settings|"
                r"preferences|consent)|accept (?:all )?cookies|by continuing to (?:use|browse))", re.I),
     "cookie notice"),
    (re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4}|all rights reserved)", re.I), "copyright"),
    (re.compile(r"all rights reserved\.?$", re.I), "copyright"),
    (re.compile(r"^(?:advertisement|sponsored|story continues below|article continues below|"
                r"scroll (?:down )?to continue)", re.I), "advertisement"),
    (re.compile(r"^(?:\d+\s*)?(?:comments?|replies)\s*(?:\(\d+\))?$", re.I), "comment prompt"),
    (re.compile(r"^(?:leave a (?:comment|reply)|post a comment|comments? (?:are|have been) closed|"
                r"(?:log|sign) in to (?:comment|reply)|you must be logged in|be the first to comment|"
                r"what do you think\?|have your say|join the (?:conversation|discussion))", re.I),
     "comment prompt"),
    # the rules of the comment section: "Comments that include profanity ... will be removed"
    (re.compile(r"\b(?:comments?|commenters?|comment posters?|comentarios)\b.{0,80}\b(?:inappropriate|profanity|"
                r"obscene|moderat\w*|removed|reviewed|abus\w+|offensive|guidelines|responsib\w+|monitored|"
                r"personal attacks|terms of (?:use|service))\b|"
                r"\b(?:inappropriate|profanity|obscene|personal attacks|offensive)\b.{0,80}\bcomments?\b|"
                r"^messages that (?:harass|abuse)", re.I), "comment policy"),
    (re.compile(r"^\(?this (?:story|article) (?:is|was) sourced direct|\bin the interest of timeliness\b|"
                r"\bdouble-click on any word\b", re.I), "syndication note"),
    (re.compile(r"^(?:tags?|topics?|filed under|categories|category|posted in|keywords)\s*:", re.I), "tags"),
    (re.compile(r"^\d+\s*(?:min(?:ute)?s?|mins?)\s+(?:read|listen)$", re.I), "reading time"),
    (re.compile(r"^(?:reading time|estimated reading time)\b", re.I), "reading time"),
    (re.compile(r"^(?:last updated|updated|published|posted|first published|modified)\b\s*(?:on|at)?\s*:?",
                re.I), "timestamp"),
    (re.compile(r"^(?:(?:image|photo|picture|video|graphic|slide)\s*)?(?:\d+\s*)?(?:of|/)\s*\d+$", re.I), "caption"),
    (re.compile(r"^wait \d+ seconds? to continue\b", re.I), "advertisement"),
    (re.compile(r"^(?:click|tap) (?:here|to)\b", re.I), "widget"),
    (re.compile(r"^(?:download (?:the|our) app|open in app|get the app)", re.I), "app prompt"),
    (re.compile(r"^(?:download|get|install) (?:the|our) (?:[\w'’&.-]+ ){0,4}(?:mobile |news )?app\b", re.I), "app prompt"),
    # a dateline standing on its own line: "NEW DELHI:", "LAGOS, Feb 3 —", "SYDNEY (AAP) -"
    (re.compile(r"^[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?:\s+\d{1,2})?)?"
                r"(?:\s*\((?:" + _WIRES_EARLY + r")\))?\s*[:—–-]$"), "dateline"),
    (re.compile(r"^(?:this article (?:was|is|has been) (?:originally )?(?:published|updated))", re.I), "footer"),
    (re.compile(r"^(?:report (?:an? )?(?:error|typo|correction)|corrections?\s*:|spotted an error)", re.I),
     "footer"),
]

# Photo agencies and wires (credits without an explicit "Photo:" marker).
_AGENCIES = lexicons.alternation("photo_agencies")
_AGENCY_ONLY = re.compile(r"^(?:\(?(?:" + _AGENCIES + r")\)?)(?:\s*[/,]\s*[\w .'-]{1,40})?$")

_CREDIT_MARKER = r"(?:" + lexicons.alternation("credit_markers") + r")"
# "caption.Picture: Agency" / "caption. Photograph: Name/Agency" (marker glued or after a space)
_GLUED_CREDIT = re.compile(
    r"^(?P<caption>.*?[^\s])\s*(?<![A-Za-z])(?P<marker>" + _CREDIT_MARKER +
    r"|PICTURE|PICTURES|PIC|PHOTO|PHOTOS|PHOTOGRAPH|IMAGE|IMAGES|CREDIT|FILE PHOTO)\s*:\s*(?P<credit>[^:]{1,80})$"
)
# "caption. PHOTO/FILE", "caption. Photo/Agency": the marker and the credit joined by a slash
_MARKER_SLASH_CREDIT = re.compile(
    r"^(?:(?P<caption>.*[.!?)\]" + re.escape(_QUOTES) + r"])\s+)?(?:PHOTO|PHOTOS|PICTURE|PIC|IMAGE|FILE PHOTO|Photo|"
    r"Picture|Pic|Image|File photo)\s*/\s*(?P<credit>[A-Za-z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,4})$"
)
_GLUED_CAPITAL_MARKERS = {"credit", "picture", "photo", "image", "photograph", "pic", "credits"}
# "caption (Photo: Reuters)" / "caption [File: Reuters]" / "caption (AP Photo/Name)"
_PAREN_CREDIT = re.compile(
    r"^(?P<caption>.*?)\s*[(\[](?P<credit>(?:" + _CREDIT_MARKER + r"|File)\s*:\s*[^)\]]{1,80}|"
    r"(?:" + _AGENCIES + r")(?: Photo)?(?:\s*/\s*[^)\]]{1,60})?|"
    r"[A-Z][\w.'’ -]{1,40}?\s*/\s*(?:" + _AGENCIES + r")(?: Photo)?)[)\]]$"
)
# "... a long caption. Jane Doe / AFP": photographer and agency after the last sentence of a caption
_SLASH_CREDIT = re.compile(
    r"^(?P<caption>.*[.!?)\]" + re.escape(_QUOTES) + r"])\s+(?P<credit>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*"
    r"\s*/\s*(?:" + _AGENCIES + r"))$"
)
# "Jane Doe | Agency | Getty Images": a credit line of names and agencies separated by bars
_PIPE_CREDIT = re.compile(r"^[A-Z][\w.'’ -]{1,40}(?:\s+\|\s+[A-Z][\w.'’ -]{1,40}){1,3}$")
_PIPE_AGENCY_END = re.compile(r"\|\s+(?:" + _AGENCIES + r")$")
# "Image copyright Getty Images" / "Photo credit: @someone"
_LABELLED_CREDIT = re.compile(r"^(?:image|photo|picture|video|media)\s+(?:copyright|credit|source)\s*[,:]?\s*"
                              r"(?P<credit>\S.{0,80})$", re.I)
# "Jane Doe (left) and John Roe ... AP": a caption placing people in the picture, agency last
_POSITION_CUE = re.compile(r"\((?:left|right|centre|center|l|r|c|pictured|top|bottom|above|front|"
                           r"(?:second|third|far) (?:left|right)|from (?:left|right))\)", re.I)
_UNPUNCTUATED_AGENCY = re.compile(r"^(?P<caption>.*\S)\s+(?P<credit>(?:" + _AGENCIES + r")(?:\s*/\s*[\w .'-]{1,40})?)$")
# "caption — Picture by Name" / "Photo by Name on Unsplash"
_BY_CREDIT = re.compile(
    r"^(?P<caption>.*?)\s*[-–—|]?\s*\(?(?:Picture|Photo|Photograph|Image|Illustration|Photos)s?\s+(?:by|courtesy(?: of)?)\s+"
    r"(?P<credit>[^.]{1,80}?)\)?\.?$",
    re.I,
)
# "caption © Reuters" / "© Name/Agency"
_COPY_CREDIT = re.compile(r"^(?P<caption>.*?)\s*(?:©|\(c\)|Ⓒ)\s*(?P<credit>[^©]{1,80})$")
# "caption. Getty Images" (agency name at the very end after a sentence)
_TRAILING_AGENCY = re.compile(
    r"^(?P<caption>.*[.!?)\]][" + re.escape(_QUOTES) + r"]?)\s*(?P<credit>(?:" + _AGENCIES + r")(?:\s*/\s*[\w .'-]{1,40})?)$"
)
_IMAGE_CAPTION_PREFIX = re.compile(r"^(?:image caption|caption|photo caption|media caption)\s*[,:]?\s*(?P<caption>.*)$", re.I)
_IMAGE_SOURCE_PREFIX = re.compile(r"^(?:image source|picture source|photo source|image credit|photo credit|"
                                  r"picture credit|credit|photograph|photo|picture|pic|image)\s*[,:]\s*(?P<credit>.{1,80})$",
                                  re.I)

# Bylines.
_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|" + "|".join(sorted(NAME_PARTICLES, key=lambda w: (-len(w), w))) + r"))*"
_BYLINE = re.compile(
    r"^(?:(?:written|words|posted|reported|story|text|report|reporting|compiled|edited|published)\s+)?"
    r"by\b(?P<sep>[\s:·|•\-–—,]*)(?P<rest>.*)$",
    re.I,
)
_AUTHOR_LABEL = re.compile(r"^(?:author|authors|writer|reporter|correspondent|words)\s*[:|]\s*(?P<rest>.+)$", re.I)
_NAME_ORG = re.compile(r"^(?P<name>" + _NAME + r")\s*[,|·•/–—-]\s*(?P<org>[A-Z][\w&'’. -]{1,40})$")
_PERSON_NAME = re.compile(r"^" + _NAME + r"$")
_AGENCY_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[A-Za-z .]{2,30})?\s*)?[(\[](?P<agency>" + _AGENCIES +
    r"|[A-Z]{2,6})[)\]]\s*[-–—:]"
)
_AGENCY_LEAD = re.compile(r"^(?P<place>[A-Z][A-Z .'’-]{2,40})(?:,\s*[A-Za-z .]{2,30})?\s*[:,]?\s*[(\[]?(?P<agency>"
                          + _WIRES_EARLY + r")[)\]]?\s*[-–—:]")
_AGENCY_LINE = re.compile(r"^\(?(?P<agency>" + _WIRES + r")\)?$")

# Dates.
_MONTHS: dict[str, int] = lexicons.table("months")  # month names and abbreviations -> number
_MONTH_RE = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<mnum>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b" + _MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})[/.](?P<mnum>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b"),
]
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.I)
_WEEKDAY = re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\b\.?,?", re.I)
_ISO_STAMP = re.compile(r"(?:19|20)\d\d-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?")
_RELATIVE_TIME = re.compile(r"^(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago$", re.I)

# Title-suffix separators of a page <title> line: "Headline - Site", "Headline | Site".
_TITLE_SEP = re.compile(r"\s+[|–—\-:•·»]\s+")

# Closing markers: once the body is well under way, these lines start the page footer.
_END_MARKERS = re.compile(
    r"^(?:related(?: articles| stories| posts| news| content| coverage| reading| links| topics)?|"
    r"more (?:from|on|in|stories|news|articles|like this)\b.*|you (?:may|might) also (?:like|be interested in|enjoy)|"
    r"recommended(?: for you| stories| articles| reading)?|most (?:popular|read|viewed|shared)(?: (?:today|now|stories|"
    r"articles|(?:in|on|from) [\w ,&'’-]{1,40}))?|trending(?: now| stories| news| articles| videos| topics)?|"
    r"read next|what to read next|latest (?:news|stories|articles|posts)|popular (?:stories|posts|articles)|"
    r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?|leave a (?:comment|reply)|post a comment|about the author|"
    r"share this (?:article|story|post)|sign up for .*|subscribe to .*newsletter.*|"
    r"top stories|editor'?s? picks|further reading|previous (?:article|post|story)|next (?:article|post|story)|"
    r"don'?t miss|also on .*|elsewhere on .*|from around the web|sponsored (?:stories|links|content)|"
    r"more [A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}|around the web|in other news|"
    r"(?:previous|next|older|newer) (?:post|article|story|entry))\s*:?$",
    re.I,
)

# --------------------------------------------------------------------------------------------------
# Language guess
# --------------------------------------------------------------------------------------------------

_STOPWORDS = {language: frozenset(words) for language, words in lexicons.table("language_stopwords").items()}


def guessable_languages() -> list[str]:
    """The codes ``guess_language`` can give."""
    return sorted({*_STOPWORDS, "und"})


def guess_language(text: str) -> str:
    """A cheap stopword-share guess: 'en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'id' or 'und'."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 8:
        return "en"
    counts = {lang: sum(1 for w in words if w in stops) for lang, stops in _STOPWORDS.items()}
    share_en = counts["en"] / len(words)
    best = max(counts, key=lambda lang: counts[lang])
    if share_en >= 0.12 and counts["en"] >= 0.8 * counts[best]:
        return "en"
    if counts[best] / len(words) >= 0.08:
        return best
    if not any(ch.isascii() and ch.isalpha() for ch in text[:2000]):
        return "und"
    return "und" if share_en < 0.05 else "en"


# --------------------------------------------------------------------------------------------------
# Line features
# --------------------------------------------------------------------------------------------------


@dataclass
class _Line:
    index: int  # position among non-empty lines
    text: str  # stripped
    raw: str  # exact line as in the input (before stripping)
    words: int
    sentence_end: bool
    reason: str | None = None  # furniture reason from the line alone
    prose: bool = False
    blank_before: bool = True  # a blank line (or the start of text) precedes this line


@functools.lru_cache(maxsize=8192)
def _word_count(text: str) -> int:
    count = 0
    for token in _WORD.findall(text):
        cjk = len(_CJK.findall(token))
        # scripts written without spaces: about two characters a word
        count += 1 + cjk // 2 if cjk else 1
    return count


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


_TEASER_END = re.compile(r"(?:\.\.\.|…)[" + re.escape(_CLOSERS) + r"]*$")
# "1 First headline 2 Second headline 3 Third headline": a numbered list of links squashed into one line
_NUMBERED_RUN = re.compile(r"^1\s+\S.{8,}?\s2\s+\S.{8,}?\s3\s+\S")


def _is_teaser(line: _Line) -> bool:
    """A short line cut off with an ellipsis: a link teaser, not a sentence of the article."""
    return line.words <= 25 and bool(_TEASER_END.search(line.text))


def _is_prose(line: _Line) -> bool:
    if line.reason or _is_teaser(line):
        return False
    if line.sentence_end and line.words >= 7:
        return True
    if line.words >= 25 and _SOFT_END.search(line.text) is None and line.text.count(". ") >= 1:
        return True
    return line.words >= 40


@functools.lru_cache(maxsize=8192)
def _widget_reason(text: str) -> str | None:
    """Reason when the line on its own is page furniture, else None."""
    low = text.lower().strip(" \t•·|>»›-–—:*#")
    if not low:
        return "decoration"
    if low in _WIDGET_EXACT:
        return _WIDGET_EXACT[low]
    if low.rstrip(".…") in _WIDGET_EXACT and len(low) < 40:
        return _WIDGET_EXACT[low.rstrip(".…")]  # "You may also like..."
    if _HANDLE.match(text) or (_EMAIL.fullmatch(text.strip())):
        return "social handle"
    if _URL.fullmatch(text.strip()):
        return "link"
    if _RELATIVE_TIME.match(low):
        return "timestamp"
    words = _word_count(text)
    for pattern, reason in _WIDGET_PREFIX:
        if pattern.search(text):
            if reason in {"cookie notice", "copyright"} and words > 60:
                continue
            if reason == "timestamp" and not _date_in(text) and not _TIME.search(text):
                continue
            if reason in {"read more link", "subscribe prompt", "share widget", "tags", "timestamp"} and words > 40:
                continue
            if reason in {"social prompt", "navigation", "widget"} and words > 30:
                continue
            if reason in {"footer", "syndication note", "related teaser"} and words > 60 or \
                    reason == "comment policy" and words > 70:
                continue
            if reason == "subscribe prompt" and words > 25 and "newsletter" not in text.lower():
                continue
            return reason
    if _is_date_line(text) or _ISO_STAMP.fullmatch(text.strip()):
        return "timestamp"
    if words <= 3 and not any(ch.isalpha() for ch in text):
        return "decoration"
    if _is_menu_line(text):
        return "navigation"
    return None


_MENU_SEPARATOR = re.compile(r"\s[|•·]\s")


def _is_menu_line(text: str) -> bool:
    """Three or more short items separated by bars or bullets: "Story Tools: E-MAIL | PRINT | ...",
    "Top | Back | E-mail to a friend | Printable version", a footer menu.  (No such line was article
    text on the development pages.)"""
    return len(_MENU_SEPARATOR.findall(text)) >= 2 and \
        all(_word_count(item) <= 6 for item in re.split(r"\s*[|•·]\s*", text))


def _date_in(text: str) -> dt.date | None:
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            try:
                year = int(groups["year"])
                month = _MONTHS[groups["month"].lower().rstrip(".")] if groups.get("month") else int(groups["mnum"])
                day = int(groups["day"])
                if groups.get("mnum") and month > 12 >= day:
                    month, day = day, month  # "11/19/2024": month first
                return dt.date(year, month, day)
            except (KeyError, ValueError, TypeError):
                continue
    return None


_MONTH_ANY = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_NO_YEAR_DATE = re.compile(r"(?:" + _MONTH_ANY + r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}\s+" + _MONTH_ANY + r")", re.I)


# "Monday 6:30PM", "Yesterday, 2:45 pm": a relative day and a time (no date to read)
_DAY_STAMP = re.compile(r"^(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|today|yesterday)\.?,?\s+"
                        r"(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?$", re.I)


def _date_without_year(text: str) -> bool:
    return bool(_NO_YEAR_DATE.fullmatch(text.strip()))


@functools.lru_cache(maxsize=8192)
def _is_date_line(text: str) -> bool:
    """A line that is only a date/time stamp (with optional 'Published', weekday, time zone)."""
    if _word_count(text) > 16:
        return False
    if _date_without_year(text) or _DAY_STAMP.match(text.strip()):
        return True
    if not _date_in(text):
        return False
    rest = text
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    rest = _WEEKDAY.sub(" ", rest)
    rest = re.sub(r"(?i)\b(?:published|updated|last updated|posted|first published|modified|on|at|date|"
                  r"created|et|gmt|bst|ist|utc|est|edt|pst|pdt|cet|aest|sast|wat|eat|hkt|sgt|pt|am|pm|"
                  r"and|hrs|hours|ago|the)\b", " ", rest)
    return _word_count(rest) <= 1


# --------------------------------------------------------------------------------------------------
# Captions and credits
# --------------------------------------------------------------------------------------------------


def _clean_credit(credit: str) -> str:
    return credit.strip().strip(" .,;:()[]").strip()


@functools.lru_cache(maxsize=8192)
def _caption_split(text: str) -> tuple[str, str | None] | None:
    """(caption, credit) when the line is an image caption and/or credit, else None."""
    stripped = text.strip()
    m = _IMAGE_CAPTION_PREFIX.match(stripped)
    if m and stripped.lower().startswith(("image caption", "photo caption", "media caption", "caption:")):
        inner = m.group("caption").strip()
        found = _caption_split(inner) if inner else None
        return found if found else (inner, None)
    m = _LABELLED_CREDIT.match(stripped)
    if m and _word_count(m.group("credit")) <= 10:
        return ("", _clean_credit(m.group("credit")))
    if _PIPE_CREDIT.match(stripped) and _PIPE_AGENCY_END.search(stripped) and _word_count(stripped) <= 12:
        return ("", stripped)
    m = _IMAGE_SOURCE_PREFIX.match(stripped)
    if m and _word_count(m.group("credit")) <= 10 and not _ends_sentence(m.group("credit").rstrip(". ") + "x"):
        return ("", _clean_credit(m.group("credit")))
    if _AGENCY_ONLY.match(stripped) and _word_count(stripped) <= 6:
        return ("", _clean_credit(stripped))
    for pattern in (_GLUED_CREDIT, _PAREN_CREDIT, _BY_CREDIT, _COPY_CREDIT, _TRAILING_AGENCY, _MARKER_SLASH_CREDIT):
        m = pattern.match(stripped)
        if not m:
            continue
        caption, credit = (m.group("caption") or "").strip(), m.group("credit").strip()
        if _word_count(credit) > 10 or not credit:
            continue
        if pattern is _GLUED_CREDIT:
            # the marker must follow a finished sentence (or open the line), not sit mid-sentence
            # (a capitalised "Credit:" glued to an unpunctuated caption also counts)
            if caption and not re.search(r"[.!?)\]" + re.escape(_QUOTES) + r"]$", caption) and not (
                    caption[-1].isalnum() and m.group("marker")[0].isupper() and m.group("marker").lower() in _GLUED_CAPITAL_MARKERS
                    and _word_count(credit) <= 6 and not _ends_sentence(credit)):
                continue
            credit = re.sub(r"^(?:by\s+)", "", credit, flags=re.I)
        if pattern is _PAREN_CREDIT:
            credit = re.sub(r"^(?:" + _CREDIT_MARKER + r"|File)\s*:\s*", "", credit)
        if pattern is _TRAILING_AGENCY and _word_count(caption) > 60:
            continue
        if pattern is _COPY_CREDIT and caption and not re.search(r"[.!?)\]" + re.escape(_QUOTES) + r"]$", caption):
            continue
        return (caption, _clean_credit(credit))
    m = _SLASH_CREDIT.match(stripped)
    if m and _word_count(m.group("caption")) <= 120:
        return (m.group("caption").strip(), _clean_credit(m.group("credit")))
    if _POSITION_CUE.search(stripped) and not _ends_sentence(stripped) and _word_count(stripped) <= 45:
        m = _UNPUNCTUATED_AGENCY.match(stripped)
        if m:
            return (m.group("caption").strip(), _clean_credit(m.group("credit")))
    return None


# --------------------------------------------------------------------------------------------------
# Bylines
# --------------------------------------------------------------------------------------------------

_NAME_STOP = re.compile(
    r"\s+(?:on|at|in|for|updated|published|posted|-|–|—|\|)\s+.*$|\s*,\s*(?:(?:19|20)\d\d|[A-Z][a-z]{2,8}\.? \d).*$"
    r"|\s+\d.*$",  # "By Jane Doe 2024-03-01T10:00Z Section": a name never holds a digit
    re.I,
)
_ROLE_WORDS = re.compile(r"(?i)\b(?:" + lexicons.alternation("byline_role_words") + r")\b")


# Words that make a byline segment an organisation rather than a person ("Jane Doe, City News Service").
_ORG_WORDS = re.compile(r"\b(?:" + lexicons.alternation("byline_organisation_words") + r")\b", re.I)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def _looks_like_org(part: str, others: list[str]) -> bool:
    """A byline segment that names an organisation: media words, a wire agency, or an acronym."""
    if _AGENCY_LINE.match(part) or _ORG_WORDS.search(part):
        return True
    # an acronym among otherwise normal-case names ("XYZ", "XYZ Radio"), not a name written in capitals
    return bool(_ACRONYM.search(part)) and not part.isupper() or (
        part.isupper() and len(part.split()) == 1 and any(not o.isupper() for o in others))


def _name_case(name: str) -> str:
    """Names written in capitals ("JANE DOE") in normal case; other names as written."""
    if name.isupper():
        return " ".join(w.capitalize() if not re.fullmatch(r"[A-Z]\.?", w) else w for w in name.split())
    return name


def _split_names(rest: str, with_org: bool = False):
    rest = _NAME_STOP.sub("", rest.strip())
    parts = [p.strip(" .·|•") for p in re.split(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|;)\s*", rest)]
    parts = [p for p in parts if p]
    names, org = [], None
    for index, part in enumerate(parts):
        if names and index == len(parts) - 1 and _word_count(part) <= 5 and _looks_like_org(part, names):
            org = part  # "By Jane Doe and John Roe, City News"
            break
        if _PERSON_NAME.match(part) and 2 <= len(part.split()) <= 4 and not _ROLE_WORDS.search(part) \
                and not re.search(r"\.[a-z]{2,}\b", part) and not (names and _looks_like_org(part, names)):
            names.append(_name_case(part))
        elif names:
            break  # roles/qualifications after the names ("Jane Doe, MS, RD")
    return (names, org) if with_org else names


@dataclass
class _Byline:
    authors: list[str]
    source: str | None


_DATE_BEFORE_BY = re.compile(r"^(?P<date>\S.{3,40}?)\s*[,|·•–—-]?\s+(?P<by>by\s.*)$", re.I)
_RELATIVE_STAMP = re.compile(r"^(?:\d+|an?|one)\s*(?:seconds?|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|"
                             r"months?)(?:\s+ago)?$", re.I)


def _parse_byline(text: str) -> _Byline | None:
    stripped = text.strip()
    m = _DATE_BEFORE_BY.match(stripped)
    if m and (_is_date_line(m.group("date")) or _RELATIVE_STAMP.match(m.group("date"))):
        stripped = m.group("by")  # "03/01/2024 by Jane Doe": the date stamp before the byline
    if _word_count(stripped) > 16 or _ends_sentence(stripped) and _word_count(stripped) > 10:
        return None
    if _DESK_BYLINE.match(stripped) and (stripped[:3].lower() == "by " or
                                         (len(stripped.split()) >= 2 and not re.match(r"(?i)(?:the|a)\s", stripped))):
        return _Byline([], None)  # "By Staff Reporter", "Our Correspondent": a desk, no person
    m = _BYLINE.match(stripped)
    if m:
        rest = m.group("rest").strip()
        if not rest:
            return _Byline([], None)
        if any(ch in m.group("sep") for ch in "·|•–—"):
            # "by · Publisher": no person, the name after the separator is the publisher
            return _Byline([], rest) if _word_count(rest) <= 5 else None
        segments = [s.strip() for s in re.split(r"\s*[·|•]\s*|\s+[–—]\s+", rest)]
        authors: list[str] = []
        source = None
        if segments and not segments[0]:
            segments = segments[1:]
            if segments:
                source = segments[0] if _word_count(segments[0]) <= 5 else None
                return _Byline([], source)
        if segments:
            authors, org = _split_names(segments[0], with_org=True)
            if not authors:
                return None
            source = org
            if len(segments) > 1 and _word_count(segments[1]) <= 5 and not _date_in(segments[1]) \
                    and not _TIME.search(segments[1]):
                source = segments[1]
        return _Byline(authors, source)
    m = _AUTHOR_LABEL.match(stripped)
    if m:
        authors = _split_names(m.group("rest"))
        return _Byline(authors, None) if authors else None
    m = _AGENCY_LINE.match(stripped)
    if m:
        return _Byline([], m.group("agency"))
    m = _AGENCY_PLACE.match(stripped)
    if m and not _date_in(m.group("place")) and not _NOT_PLACE.search(m.group("place")) and \
            not _is_section_name(m.group("place")):
        return _Byline([], m.group("agency") or m.group("pagency"))
    m = _AGENCY_DATED.match(stripped)
    if m and _is_date_line(m.group("rest")):
        return _Byline([], m.group("agency"))  # "Agency  March 3, 2024, 9:02 AM"
    m = _NAME_HANDLE.match(stripped)
    if m and m.group("rest") and not (_is_date_line(m.group("rest")) or _RELATIVE_STAMP.match(m.group("rest"))):
        m = None  # "Jane Doe @janedoe / 2 days": only a date may follow the handle
    if m and 2 <= len(m.group("name").split()) <= 4 and not _ROLE_WORDS.search(m.group("name")):
        return _Byline([_name_case(m.group("name"))], None)  # "Jane Doe @janedoe"
    return None


_AGENCY_DATED = re.compile(r"^\(?(?P<agency>" + _WIRES + r")\)?\s*[,|·•–—-]?\s+(?P<rest>\S.*)$")
# "Press Trust of India | Pune", "AAP, Sydney", "(PTI) New Delhi": an agency byline with the filing place
_AGENCY_PLACE = re.compile(r"^(?:by\s+)?(?:\((?P<pagency>" + _WIRES + r")\)\s*(?:[,|·•/–—-]\s*)?|(?P<agency>" + _WIRES +
                           r")\s*[,|·•/–—-]\s*)(?P<place>[A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+){0,2})$")
_NOT_PLACE = re.compile(r"(?i)\b(?:photos?|images?|pictures?|video|graphics?|file|handout|via|staff|news|sport|"
                        r"business|world|updated|published)\b")
# desk bylines without a person: "By Staff Reporter", "Our Correspondent", "Web Desk", "By Agencies"
_DESK_BYLINE = re.compile(r"^(?:by\s+)?(?:(?:our|a|the)\s+)?(?:own\s+|special\s+|staff\s+|senior\s+|political\s+|"
                          r"diplomatic\s+|business\s+|sports?\s+|city\s+|metro\s+|court\s+|legal\s+|crime\s+|"
                          r"news\s+|web\s+|online\s+|digital\s+|foreign\s+|regional\s+)*(?:reporters?|correspondents?|"
                          r"writers?|desk|bureau|staff|team|agencies|news service|news desk|web desk)$", re.I)
_NAME_HANDLE = re.compile(r"^(?P<name>" + _NAME + r")\s+@\w{2,30}(?:\s*[/|·•,–—-]\s*(?P<rest>\S.{0,40}))?$")


def _parse_name_org(text: str) -> _Byline | None:
    """'Jane Doe, Reuters' in the header zone."""
    m = _NAME_ORG.match(text.strip())
    if not m:
        return None
    name, org = m.group("name").strip(), m.group("org").strip()
    if not (2 <= len(name.split()) <= 4) or _ROLE_WORDS.search(name) or _date_in(org):
        return None
    if _ROLE_WORDS.search(org) or re.search(r"(?i)\b(?:images?|photos?|pictures?|getty|shutterstock)\b", org):
        return None  # "Name, Staff Writer" or a photo credit
    if _word_count(org) > 5:
        return None
    return _Byline([name], org)


# --------------------------------------------------------------------------------------------------
# Headline helpers
# --------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _normalise(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def _title_like(line: _Line) -> bool:
    text = line.text
    if line.reason or not (3 <= line.words <= 35) or len(text) > 300:
        return False
    if re.search(r"[.;,]$", text) and not text.endswith("..."):
        return False
    if _URL.search(text) or _EMAIL.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters or not letters[0].isupper() and not text[0] in _QUOTES:
        return False
    if sum(1 for w in _WORD.findall(text) if len(w) >= 2 or _CJK.search(w)) < 3:
        return False  # "A B C NEWS /": a kicker or logo text, not a headline
    return True


def _title_parts(first: str) -> tuple[str, str | None]:
    """Split a page <title> line 'Headline - Site' into ('Headline', 'Site')."""
    parts = _TITLE_SEP.split(first)
    if len(parts) >= 2:
        tail = parts[-1].strip()
        if 1 <= _word_count(tail) <= 5:
            return " - ".join(parts[:-1]).strip(), tail
    return first.strip(), None


# --------------------------------------------------------------------------------------------------
# Main entry
# --------------------------------------------------------------------------------------------------


def build_document(source: SourceText) -> Document:
    """Structure one input into a Document (headline, byline, images, clean paragraphs, boilerplate)."""
    if source.is_page_text:
        document = _build_from_page_text(source.text)
        # metadata a reader found wins only where the text said nothing
        document.headline = document.headline or source.headline
        document.source = document.source or source.source
        document.authors = document.authors or list(source.authors)
        document.published = document.published or source.published
        document.url = source.url
    else:
        document = _build_from_clean_text(source)
    document.language = guess_language(document.body or source.text)
    return document


def _paragraph_chunks(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n\s*\n", text):
        chunks = re.split(r"\n\s*\n", text)
    else:
        chunks = text.split("\n")
    return [c.strip() for c in chunks if c.strip()]


def _build_from_clean_text(source: SourceText) -> Document:
    document = Document(
        headline=source.headline, source=source.source, authors=list(source.authors),
        published=source.published, url=source.url,
    )
    headline_norm = _normalise(source.headline) if source.headline else None
    for index, chunk in enumerate(_paragraph_chunks(source.text)):
        if index == 0 and headline_norm and _normalise(chunk) == headline_norm:
            continue  # the body repeats the headline
        words = _word_count(chunk)
        reason = _widget_reason(chunk) if words <= 40 else None
        if reason == "timestamp" and index > 1:
            reason = None
        if reason:
            document.boilerplate.append(DroppedLine(chunk, reason))
            continue
        if words <= 45 and "\n" not in chunk:
            cap = _caption_split(chunk)
            if cap is not None and (cap[1] is not None):
                caption, credit = cap
                document.images.append(Image(caption=caption, credit=credit))
                document.boilerplate.append(DroppedLine(chunk, "caption"))
                continue
        if index <= 2 and not document.authors and "\n" not in chunk:
            byline = _parse_byline(chunk)
            if byline is not None and (byline.authors or byline.source) and not _ends_sentence(chunk):
                document.authors = byline.authors or document.authors
                document.source = document.source or byline.source
                document.boilerplate.append(DroppedLine(chunk, "byline"))
                continue
        document.paragraphs.append(chunk)
    _source_from_dateline(document)
    return document


def _source_from_dateline(document: Document) -> None:
    if document.source or not document.paragraphs:
        return
    first = document.paragraphs[0]
    m = _AGENCY_DATELINE.match(first) or _AGENCY_LEAD.match(first)
    for line in document.boilerplate:
        if m is None and line.reason == "dateline":  # "SYDNEY (AAP) -" on its own line
            m = _AGENCY_DATELINE.match(line.text.strip()) or _AGENCY_LEAD.match(line.text.strip())
    if m:
        agency = m.group("agency")
        if agency.isupper() and len(agency) > 3 and agency not in {"IANS", "AFP", "PTI", "ANI", "UNI"}:
            agency = agency.title()
        document.source = agency


_ENLARGE_LINKS = {"view larger image", "view larger", "larger image", "click to enlarge", "click image to enlarge",
                  "enlarge", "enlarge this image", "enlarge image", "enlarge photo", "view full size",
                  "view full image"}


def _make_lines(text: str) -> list[_Line]:
    lines = []
    seen: dict[str, int] = {}
    title_cores: set[str] = set()
    blank = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        line = _Line(index=len(lines), text=stripped, raw=stripped, words=_word_count(stripped),
                     sentence_end=_ends_sentence(stripped), blank_before=blank)
        blank = False
        line.reason = _widget_reason(stripped)
        if line.reason is None and _NUMBERED_RUN.match(stripped) and len(stripped) < 1200:
            line.reason = "related links"
        key = _normalise(stripped)
        if not lines:
            parts = _TITLE_SEP.split(stripped)
            title_cores = {_normalise(" ".join(parts[:k])) for k in range(1, len(parts) + 1)} - {""}
        elif key in title_cores and line.reason is None:
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 2:
                line.reason = "repeated headline"  # the page title again, in teasers or widgets
        if line.reason is None and lines and lines[-1].text.lower() in _ENLARGE_LINKS and line.words <= 60:
            line.reason = "caption"  # "View larger image" stands over the picture's caption
        line.prose = _is_prose(line)
        lines.append(line)
    _mark_teaser_cards(lines)
    return lines


_LEADING_STAMP = re.compile(r"^(?:" + _MONTH_ANY + r"\s+\d{1,2},?\s+(?:19|20)\d\d|\d{1,2}/\d{1,2}/\d{2,4})\s+(?=[A-Z])",
                            re.I)


def _card_title(line: _Line) -> bool:
    """The title line of a teaser card: a short title-shaped line (a date before it allowed)."""
    if line.reason or line.prose or line.words > 20 or line.text.endswith((":", ",", ";")):
        return False
    text = _LEADING_STAMP.sub("", line.text)
    return (not line.sentence_end or text.endswith("?") and line.words <= 15) and \
        (text[:1].isupper() or text[:1] in _QUOTES or text[:1].isdigit())


def _card_blurb(line: _Line) -> bool:
    """The one- or two-sentence summary under a card's title, written on the very next line."""
    return not line.blank_before and not line.reason and 10 <= line.words <= 60 and \
        line.text.count(". ") <= 2 and (line.prose or not _title_like(line))


def _mark_teaser_cards(lines: list[_Line]) -> None:
    """Runs of three or more teaser cards (a title, its one-line summary directly under it) link to
    other stories: each summary reads like prose, so the run would otherwise join the article.  Their
    titles are headlines (five words or more, typically)."""
    starts: list[int] = []
    for i in range(len(lines) - 1):
        if (not starts or starts[-1] < i - 1) and _card_title(lines[i]) and _card_blurb(lines[i + 1]):
            starts.append(i)
    runs: list[list[int]] = []
    for i in starts:
        if runs and i - runs[-1][-1] <= 4:  # a date or "More" line may stand between two cards
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        if len(run) < 3 or sorted(lines[i].words for i in run)[len(run) // 2] < 5 or \
                run[0] > 0 and lines[run[0] - 1].text.endswith(":"):
            continue  # a glossary or a list of features the article introduces: terms of a few words
        for k in range(run[0], run[-1] + 2):
            if not lines[k].reason and (k in run or k - 1 in run or _card_title(lines[k])):
                lines[k].reason, lines[k].prose = "related teaser", False


# Comment sections.  Headers that open one are a lexicon; these are the shapes with variable parts.
_COMMENT_HEADERS = lexicons.words("comment_headers")
_COMMENT_ACTIONS = lexicons.words("comment_actions")
_COMMENT_BOX_HEADERS = lexicons.words("comment_box_headers")
_COMMENT_START = re.compile(
    r"^(?:\d+\s+(?:responses?|comments?|replies|thoughts)\s+(?:to|on)\b.*|"
    r"[\w.\- ]{1,40} says:|.*\bpermalink\b.*comments.*|comments? (?:are|is|have been) (?:now )?closed\b.*|"
    r"(?:you must be logged in|(?:log|sign) (?:in|on)) to (?:post|report|recommend|add) (?:a |your )?comment.*|"
    r"save my name, email.*|notify me (?:of|via|when).*|no comments yet\b.*|be the first to comment\b.*)$",
    re.I,
)
_BARE_COMMENTS = re.compile(r"^(?:comments?|conversation|discussion)$", re.I)
_COUNTS = re.compile(r"\(\d+\)|\d+")  # "Comments (5 posted)" links to the comments of one story on a front page


def _comment_key(text: str) -> str:
    """'Comments (12):' -> 'comments': the line without counts, case and closing punctuation."""
    return " ".join(_COUNTS.sub(" ", text.lower()).split()).strip(" :|>»›-–—.!…?")


def _comment_header(text: str) -> bool:
    """A line that opens a reader-comment section ("Comments (12)", "Have your say", "3 responses to ...")."""
    return _word_count(text) <= 14 and _comment_key(text) in _COMMENT_HEADERS or bool(_COMMENT_START.match(text))


# A commenter's signature: "Posted by: name | date", "BY NAME AT 01/08/08 05:32 PM", "name says: date".
_SIGNED_BY = re.compile(r"^[—–-]?\s*(?:(?:posted|submitted|written|added|comment(?:ed)?|reply|replied|left)\s+)?"
                        r"by\s*:?\s*(?P<rest>\S.*)$", re.I)
_SAYS = re.compile(r"^(?P<name>[^\d:]{1,40}?)\s+(?:says|said|wrote|writes)\s*(?:[:|,]\s*(?P<stamp>.*)|\.\.\.|…)?$",
                   re.I)
_NAME_STAMP = re.compile(r"^(?P<name>[^\d|:,]{1,40}?)\s*(?:[|•·—–]\s*|\s-\s|,\s*|\s(?:on|at)\s+)(?P<stamp>.*\d.*)$")
# "Anna Reyes, Riverton, Norland": a reader's name and place under the comment, no date
_NAME_PLACE = re.compile(r"^[A-Za-z][\w'’.-]*(?:\s+[\w'’.-]+){0,3}\s*,\s*[A-Za-z][\w'’.,/ -]{1,40}?,?$")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_STAMP_WORDS = re.compile(r"(?i)\b(?:on|at|posted|updated|published|et|gmt|utc|est|edt|pst|pdt|cst|cdt|bst|am|pm|"
                          r"a\.m|p\.m|\d\d)\b|[@|,.:·•—–-]")


@functools.lru_cache(maxsize=8192)
def _is_stamp(text: str) -> bool:
    """A date and/or time with nothing else but stamp words ("Jan 10, 2008 4:49 PM", "9:35am Wed 9 Jan 08")."""
    text = text.strip()
    if not text or _is_date_line(text) or _RELATIVE_TIME.match(text):
        return bool(text)
    rest = _NUMERIC_DATE.sub(" ", text)
    for pattern in (*_DATE_PATTERNS, _NO_YEAR_DATE, _TIME, _WEEKDAY):
        rest = pattern.sub(" ", rest)
    return rest != text and _word_count(_STAMP_WORDS.sub(" ", rest)) == 0


def _ends_with_stamp(text: str, max_name_words: int = 8) -> bool:
    """'Tom, Lakeside on 9:35am Wed 9 Jan 08': a name (and place) of a few words, then a stamp."""
    words = text.split()
    return any(_is_stamp(" ".join(words[k:])) and not _is_stamp(" ".join(words[:k]))
               for k in range(1, min(len(words), max_name_words + 1)))


@functools.lru_cache(maxsize=8192)
def _comment_signature(text: str) -> int:
    """2 for a line that names a commenter and when they wrote (above or below each comment), 1 for
    a bare name and place ("Tom, Lakeside, Eastshire"), which only a run of them makes a signature."""
    if _word_count(text) > 16 or _is_date_line(text):
        return 0
    m = _SIGNED_BY.match(text)
    if m and _ends_with_stamp(m.group("rest")):
        return 2
    m = _SAYS.match(text)
    if m and _word_count(m.group("name")) <= 5 and (not m.group("stamp") or _is_stamp(m.group("stamp"))):
        return 2
    m = _NAME_STAMP.match(text)
    if m and 1 <= _word_count(m.group("name")) <= 4 and not _WEEKDAY.fullmatch(m.group("name").strip()) \
            and not _is_stamp(m.group("name")) and _is_stamp(m.group("stamp")):
        return 2
    return 1 if _NAME_PLACE.match(text) and not _ends_sentence(text) else 0


def _comment_action(text: str) -> bool:
    """'Reply', 'Quote | Report this post': the links under each comment."""
    items = [_comment_key(item) for item in re.split(r"\s*[|•·]\s*", text) if item.strip()]
    return bool(items) and len(items) <= 4 and all(item in _COMMENT_ACTIONS for item in items)


def _comment_cut(lines: list[_Line], start: int, end: int) -> int:
    """Where a reader-comment section begins inside the zone [start, end) (``end`` when none): a comment
    header or a thread of signed comments, once a fair amount of the article's prose is in."""
    prose_words = 0
    for i in range(start, end):
        text, short = lines[i].text, lines[i].words <= 16  # headers, signatures and links are short
        if prose_words >= 40 and (short and _comment_header(text) or _COMMENT_START.match(text) or
                                  lines[i].reason == "comment policy") and \
                (prose_words >= 150 or not _BARE_COMMENTS.match(text)):
            return i
        if prose_words >= 60 and short and (_comment_signature(text) or _comment_action(text)):
            cut = _thread_start(lines, i, start)
            if cut is not None:
                return cut
        if lines[i].prose:
            prose_words += lines[i].words
    return end


def _thread_start(lines: list[_Line], first: int, start: int) -> int | None:
    """The first line of a thread whose first signature (or comment link) is line ``first``, or None
    when it is no thread: two dated signatures and a third mark, or three names with places, or three
    rows of comment links.  Marks that follow their comments (the last one closes the thread) mean
    the first comment stands above the first mark: as many lines as a short comment."""
    marks, kinds = [first], [_comment_signature(lines[first].text) or 3]
    for k in range(first + 1, min(len(lines), first + 400)):
        if k - marks[-1] > 15:
            break
        kind = _comment_signature(lines[k].text) or (3 if _comment_action(lines[k].text) else 0)
        if kind == 3 and all(lines[j].reason or _caption_split(lines[j].text) for j in range(marks[-1] + 1, k)):
            continue  # links under no text: widgets ("Report" under each embedded post and its credit)
        if kind:
            marks.append(k)
            kinds.append(kind)
    dated, named, links = kinds.count(2), kinds.count(1), kinds.count(3)
    if not (dated >= 2 and dated + links >= 3 or named >= 3 or links >= 3):
        return None
    after = marks[-1] + 1
    if after < len(lines) and not lines[after].reason and not _comment_header(lines[after].text):
        return first  # a comment follows the last mark: marks open their comments
    gaps = sorted(b - a - 1 for a, b in zip(marks, marks[1:]) if b - a > 1)
    # as long as the shorter comments: losing article lines costs more than keeping a comment line
    cut = first - max(1, min(3, gaps[len(gaps) // 4] if gaps else 1))
    while cut < first and (cut <= start or lines[cut].reason):
        cut += 1
    return cut


def _line_weight(line: _Line) -> float:
    if line.prose:
        return float(min(line.words, 60)) * (0.25 if _name_list(line) else 1.0)
    if line.reason:
        if line.reason in {"caption", "read more link", "advertisement", "audio widget", "share widget"}:
            return -1.0
        if line.reason == "related teaser":
            return -6.0  # as costly as the unmarked card title it is
        if line.reason == "copyright":
            return -12.0  # the agency's or site's notice closes the article, as "Related stories" does
        return -4.0
    if _END_MARKERS.match(line.text.strip(" :|>»")):
        return -12.0
    if line.sentence_end and line.words >= 3 and not _is_teaser(line):
        return 0.5 * line.words
    return -min(3.0 + 0.2 * line.words, 6.0)


# "Related coverage from Home:", "More stories from the desk:": a colon that opens a list of links
# and "Find your new job:", "Find More Articles By:": a colon that opens a form or a search
_LINK_LIST_INTRO = re.compile(r"^(?:related|more|recommended|read|see|also|watch|popular|latest|trending|top|most|"
                              r"other|further|you (?:may|might)|don'?t miss|editor'?s?|sponsored|around|from|find|"
                              r"search|browse|get|buy|shop|follow|share|sign|subscribe|download|click|visit)\b", re.I)


def _list_intro(line: _Line) -> bool:
    """A line of the article that announces a list ("The rosters include:"): a sentence, so some of
    its words are in lower case."""
    if not line.text.endswith(":") or line.words < 4 or line.reason or _LINK_LIST_INTRO.match(line.text):
        return False
    words = _WORD.findall(line.text)[1:]
    return sum(1 for w in words if w[:1].islower()) >= 0.3 * len(words) and not _comment_header(line.text)


def _weigh_lists(lines: list[_Line], weights: list[float]) -> set[int]:
    """List items are short and often unpunctuated, so they weigh as furniture; but the items of a
    list the article announces with a colon continue the article, so they weigh a little, like prose.
    (Giving every sentence-like list item a neutral weight let the zone run into lists of related
    headlines written in sentence case.)  Returns the announced items."""
    announced: set[int] = set()
    for i, line in enumerate(lines):
        items = _announced_items(lines, i) if _list_intro(line) else range(0)
        if len(items) >= 2:
            weights[i] = max(weights[i], 0.5 * line.words)
            for j in items:
                weights[j] = max(weights[j], 1.0)
            announced.update(items)
    return announced


def _announced_items(lines: list[_Line], intro: int) -> range:
    """The items of the list that line ``intro`` announces: the block of lines right under it, or
    (items written as paragraphs) the run of short lines of like length."""
    j = intro + 1
    if j < len(lines) and j + 1 < len(lines) and not lines[j + 1].blank_before:
        while j < len(lines) and (j == intro + 1 or not lines[j].blank_before) and not lines[j].reason:
            j += 1
        return range(intro + 1, j)
    while j < len(lines) and j - intro <= 80 and not lines[j].reason and not lines[j].prose and \
            lines[j].words <= 15 and not _END_MARKERS.match(lines[j].text.strip(" :|>»")):
        j += 1
    return range(intro + 1, j) if j - intro - 1 >= 3 else range(0)


def _name_list(line: _Line) -> bool:
    """A punctuated line of names ("Dailies: Riverton Daily; Lakeside Post; The Hillford Herald; ..."):
    hardly a word in lower case, as a sentence has."""
    return _lower_case_share(line.text) < 0.15


@functools.lru_cache(maxsize=8192)
def _lower_case_share(text: str) -> float:
    """The share of words after the first that start in lower case (1.0 when under eight words or CJK)."""
    words = [w for w in text.split()[1:] if w[:1].isalpha()]
    if len(words) < 8 or _CJK.search(text):
        return 1.0
    return sum(1 for w in words if w[:1].islower()) / len(words)


def _best_run(weights: list[float], starts: range) -> tuple[float, int, int]:
    """Best (score, start, end) over runs whose start lies in ``starts``."""
    best = (float("-inf"), 0, 0)
    for start in starts:
        total = 0.0
        for end in range(start, len(weights)):
            total += weights[end]
            if total > best[0]:
                best = (total, start, end + 1)
    return best


def _kadane(weights: list[float]) -> tuple[float, int, int]:
    best, best_span = float("-inf"), (0, 0)
    current, start = 0.0, 0
    for i, weight in enumerate(weights):
        if current <= 0:
            current, start = weight, i
        else:
            current += weight
        if current > best:
            best, best_span = current, (start, i + 1)
    return best, best_span[0], best_span[1]


def _title_anchors(lines: list[_Line]) -> list[int]:
    """Lines after the first that repeat the page <title> (first line) or its headline part."""
    if len(lines) < 2:
        return []
    parts = _TITLE_SEP.split(lines[0].text)
    cores = {_normalise(" ".join(parts[:k])) for k in range(1, len(parts) + 1)}
    cores.discard("")
    whole = _normalise(lines[0].text)
    anchors = []
    for line in lines[1:]:
        if line.reason or line.words < 2 or line.words > 40:
            continue
        norm = _normalise(line.text)
        if norm in cores or (len(norm) >= 20 and line.words >= 4 and whole.startswith(norm)):
            anchors.append(line.index)
    return anchors


def _best_zone(lines: list[_Line], weights: list[float]) -> tuple[float, int, int, int | None]:
    """(score, start, end, anchor) of the densest run of prose, or of the best run just after a line
    that repeats the page title unless that run is much weaker."""
    best, start, end = _kadane(weights)
    anchored = (float("-inf"), 0, 0, None)
    for a in _title_anchors(lines):
        if a + 1 >= len(lines):
            continue
        score, s, e = _best_run(weights, range(a + 1, min(len(lines), a + 16)))
        if score > anchored[0]:
            anchored = (score, s, e, a)
    if anchored[3] is not None and anchored[0] > 0:
        if start <= anchored[3] < end or anchored[1] <= start < anchored[2] or anchored[0] >= 0.5 * best:
            return anchored
    return best, start, end, None


def _body_span(lines: list[_Line]) -> tuple[int, int, int | None]:
    """The article zone [start, end) and the headline line that anchors it (or None).

    A maximum-subarray search over line weights finds the densest run of prose.  When the page starts
    with its <title> line and repeats the headline further down, the best run starting just after
    that repetition is preferred unless it is much weaker than the global best.
    """
    if not lines:
        return 0, 0, None
    weights = [_line_weight(line) for line in lines]
    announced = _weigh_lists(lines, weights)
    best, start, end, anchor = _best_zone(lines, weights)
    header = next((k for k in range(start - 1, max(-1, start - 4), -1)
                   if _comment_key(lines[k].text) in _COMMENT_BOX_HEADERS), None)
    if header is not None and best > 0:
        # the densest prose is a box of reader comments ("Your say"): the article is elsewhere
        for k in range(header, end):
            weights[k] = -abs(weights[k]) - 1.0
        best, start, end, anchor = _best_zone(lines, weights)
    if best <= 0:
        return 0, 0, None
    cut = _comment_cut(lines, start, end)
    for k in range(cut, end):
        lines[k].reason = lines[k].reason or "comment"  # the zone is settled: the reason only labels the drop
    end = cut
    # a newsletter sign-up form after the article: little prose follows the first prompt
    before = 0
    for i in range(start, end):
        if lines[i].reason == "subscribe prompt" and before >= 150 and \
                sum(lines[k].words for k in range(i + 1, end) if lines[k].prose) <= 40:
            end = i
            break
        if lines[i].prose:
            before += lines[i].words
    while end > start and not lines[end - 1].prose and end - 1 not in announced:
        end -= 1
    end = _extend_list(lines, start, end)
    return start, end, anchor


def _extend_list(lines: list[_Line], start: int, end: int) -> int:
    """Keep a list introduced by the last body line ("... dates:") when it directly follows it."""
    if end <= start or end >= len(lines):
        return end
    intro = end - 1
    if not lines[intro].text.endswith(":") and end < len(lines) and lines[end].text.endswith(":") and \
            lines[end].words >= 3 and not lines[end].reason:
        intro = end
    if not lines[intro].text.endswith(":") or lines[intro].words < 3:
        return end
    j = intro + 1
    while j < len(lines) and not lines[j].blank_before and not lines[j].reason and lines[j].words <= 40:
        j += 1
    if j - intro - 1 >= 2:
        return j
    return end


_NUMBERED_HEAD = re.compile(r"^\d{1,2}[.)]\s+\S")


def _link_like(line: _Line, min_words: int = 3) -> bool:
    """A short title-shaped line without a sentence end: a headline of a story or video, or a subhead."""
    return not line.prose and not line.sentence_end and min_words <= line.words <= 25 and _title_like(line) and \
        not line.text.endswith(":")


def _headline_like(line: _Line) -> bool:
    """A line shaped like another story's headline (not a price line, a bullet or a numbered subhead)."""
    shaped = _link_like(line, 5) or (line.text[:1].isdigit() and not line.reason and not line.prose and
                                     not line.sentence_end and 5 <= line.words <= 25 and
                                     not line.text.endswith(":") and not _URL.search(line.text))
    text = _LEADING_STAMP.sub("", line.text)  # "January 15, 2008 Bridge repairs start": a dated story link
    return shaped and not _NUMBERED_HEAD.match(text) and \
        not re.search(r"[$€£¥₹%~½¼¾]|\([^)]*\d", text) and len(re.findall(r"\d+", text)) < 2


def _drop_link_blocks(lines: list[_Line], start: int, end: int, headline_index: int | None,
                      dropped: dict[int, str]) -> None:
    """Promo blocks inside the article zone: runs of story headlines, teaser cards closed by "Read more",
    and the media title that follows each heading of a numbered list article."""
    body = [i for i in range(start, end) if i != headline_index]
    kept = [i for i in body if i not in dropped]
    announced = {j for i in kept if _list_intro(lines[i]) for j in _announced_items(lines, i)}
    # (1) three or more headline-shaped lines in a row, not introduced by a line ending in ":"
    run: list[int] = []
    for i in kept + [None]:
        if i is not None and _headline_like(lines[i]) and \
                (not run or run[-1] == i - 1 or all(k in dropped for k in range(run[-1] + 1, i))):
            run.append(i)
            continue
        if len(run) >= 3 and run[0] not in announced and not _in_prose_block(lines, run) and \
                not (run[0] > start and lines[run[0] - 1].text.rstrip().endswith((":", "…", "..."))):
            for k in run:
                dropped[k] = "related headline"
            k = run[0] - 1
            if k >= start and k not in dropped and not lines[k].prose and lines[k].words <= 6 and \
                    re.search(r"\s(?:more|all)\s*[»›>]?$", lines[k].text, re.I):
                dropped[k] = "related links"  # the block's label: "Section Name More"
        run = [i] if i is not None and _headline_like(lines[i]) else []
    # (2) a bare "Read more" closes a teaser card: drop the card's headline and blurb above it
    for i in body:
        if dropped.get(i) == "read more link" and lines[i].words <= 3:
            j = i - 1
            while j > start and i - j <= 3 and j not in dropped and not lines[j].prose and j != headline_index:
                dropped[j] = "related headline"
                j -= 1
    # (3) numbered list article whose headings are each followed by a video/media title line
    pairs = []
    for i in kept:
        if i + 2 < end and i not in dropped and _link_like(lines[i]) and i + 1 not in dropped and \
                _link_like(lines[i + 1]) and lines[i + 2].prose and \
                (i == start or lines[i - 1].prose or lines[i - 1].text.endswith(":")):
            pairs.append(i)
    if sum(1 for i in pairs if _NUMBERED_HEAD.match(lines[i].text)) >= 2:
        for i in pairs:
            dropped[i + 1] = "media title"


def _in_prose_block(lines: list[_Line], run: list[int]) -> bool:
    """The run stands in one block of lines (no blank line between them, as the items of a bulleted
    list) with a sentence of prose: points of the article, not a list of links."""
    first, last = run[0], run[-1]
    while first > 0 and not lines[first].blank_before:
        first -= 1
    while last + 1 < len(lines) and not lines[last + 1].blank_before:
        last += 1
    if any(lines[k].blank_before for k in run[1:]):
        return False
    return any(lines[k].prose for k in range(first, last + 1) if k not in run)


_ABOUT_AUTHOR = re.compile(r"^(?:about|more (?:from|by)|articles by|posts by|read more from)\s+(?P<name>.+?)\s*:?$", re.I)


# "Jane Doe is a reporter", "... is The Post's editor", "Jane Doe's book": not "Riverton State is now 1-14"
_BIO_VERB = re.compile(r"(?:['’]s\b|\s+(?:is|was)\s+(?:(?:a|an|the|our)\b|[A-Z]|\w+['’]s\b)|"
                       r"\s+(?:has|writes|covers|reports|joined|lives|holds)\b)")


def _cut_author_box(lines: list[_Line], start: int, end: int, authors: list[str], dropped: dict[int, str]) -> int:
    """The author's bio at the end of the article ("About Jane Doe", "Jane Doe is a ...", "Jane Doe's book ...")
    ends the body: it and the rest of the zone are dropped."""
    names = {a.lower() for a in authors if len(a.split()) >= 2}
    if not names:
        return end
    prose_words = 0
    for i in range(start, end):
        line = lines[i]
        if i not in dropped and line.prose:
            if prose_words >= 80 and line.words <= 80:
                low = line.text.lower()
                for name in names:
                    if low.startswith(name) and _BIO_VERB.match(line.text[len(name):]):
                        break
                else:
                    prose_words += line.words
                    continue
                return _drop_tail(lines, i, end, dropped)
            prose_words += line.words
            continue
        m = _ABOUT_AUTHOR.match(line.text)
        if prose_words >= 80 and m and m.group("name").lower() in names:
            return _drop_tail(lines, i, end, dropped)
    return end


_EMPLOYER = re.compile(r"\b(?:writer|editor|reporter|correspondent|columnist|journalist|producer|critic|"
                       r"contributor)\s+(?:at|for|with)\s+(?P<org>(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})")


def _author_box_employer(lines: list[_Line], authors: list[str]) -> str | None:
    """'Science writer at Example' in the author box (under "About the author" or the author's name)."""
    names = {a.lower() for a in authors}
    for i, line in enumerate(lines):
        low = line.text.lower().strip(" :")
        if low in names or low == "about the author" or low.removeprefix("about ") in names:
            for k in range(i + 1, min(len(lines), i + 4)):
                m = _EMPLOYER.search(lines[k].text)
                if m and lines[k].words <= 40 and not _SECTION_WORDS.issuperset(m.group("org").lower().split()):
                    return re.sub(r"^the\s+", "The ", m.group("org"))
    return None


def _drop_tail(lines: list[_Line], cut: int, end: int, dropped: dict[int, str]) -> int:
    for k in range(cut, end):
        dropped.setdefault(k, "author box")
    return cut


def _caption_above_credit(lines: list[_Line], i: int, start: int, headline_index: int | None,
                          dropped: dict[int, str]) -> bool:
    """A credit-only line whose line above is a caption: a short line near the top of the article zone,
    or an unpunctuated short line anywhere in it."""
    j = i - 1
    if j < start or j == headline_index or j in dropped or lines[j].reason:
        return False
    above = lines[j]
    if above.words > 35 or above.words < 2 or above.text.endswith(":"):
        return False
    credit_line = lines[i].text
    if not (credit_line.startswith(("(", "[")) and credit_line.endswith((")", "]"))):
        return False  # a bare "Photo: Name" may credit a picture without a caption
    return j < start + 4 or (not above.sentence_end and above.words <= 20 and not _is_date_line(above.text))


def _opens_with_headline(lines: list[_Line], start: int, end: int) -> bool:
    """The body zone opens with a short exclaiming/quoting title line followed by a date or byline line."""
    if end - start < 3:
        return False
    first, second = lines[start], lines[start + 1]
    if first.words > 20 or first.words < 4 or not _title_like(first) or \
            re.search(r"[.,;:][" + re.escape(_CLOSERS) + r"]*$", first.text):
        return False
    return second.reason == "timestamp" or _is_date_line(second.text) or bool(
        (b := _parse_byline(second.text)) and b.authors)


_RIGHTS_RESERVED = re.compile(r"\brights reserved\b", re.I)
# "© 2025 Example Media", "Copyright © Example 2025": a year next to the holder
_COPYRIGHT_NOTICE = re.compile(r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\b.*|[^\d]{1,60}\s(?:19|20)\d\d\.?)$",
                               re.I)


@dataclass
class _Page:
    """Scraped page text in lines, with the article zone [start, end), the headline line, and the
    lines dropped so far (index -> reason)."""

    text: str
    lines: list[_Line]
    start: int
    end: int
    headline: int | None
    dropped: dict[int, str] = field(default_factory=dict)


@dataclass
class _TitleSite:
    """The site name that ends the page's <title> line ("Headline - Example News")."""

    name: str | None = None
    matches: bool = False  # the title's headline part is the page's headline
    corroborated: bool = False  # the page names the site again outside the title and the headline


def _build_from_page_text(text: str) -> Document:
    document = Document()
    lines = _make_lines(text)
    if not lines:
        return document
    page = _zone_and_headline(text, lines)
    title_site = _title_site(page)
    if page.headline is not None:
        document.headline = lines[page.headline].text
    byline_source = _read_header(page, document)
    _sort_lines(page, document)
    _drop_link_blocks(lines, page.start, page.end, page.headline, page.dropped)
    if document.authors:
        page.end = _cut_author_box(lines, page.start, page.end, document.authors, page.dropped)
    _drop_closing_calls_to_action(page)
    for i, line in enumerate(lines):
        if i == page.headline:
            continue
        if i in page.dropped:
            document.boilerplate.append(DroppedLine(line.raw, page.dropped[i]))
        else:
            document.paragraphs.append(line.text)
    document.source = _publisher(page, title_site, byline_source, document.authors)
    if not document.source:
        _source_from_dateline(document)
    return document


def _zone_and_headline(text: str, lines: list[_Line]) -> _Page:
    """The article zone (the whole page when no run of prose stands out) and its headline line."""
    start, end, headline = _body_span(lines)
    if end <= start:
        start, end = 0, len(lines)
    if headline is None and _opens_with_headline(lines, start, end):
        headline, start = start, start + 1
    if headline is None:
        headline = _find_headline(lines, start)
    return _Page(text=text, lines=lines, start=start, end=end, headline=headline)


def _title_site(page: _Page) -> _TitleSite:
    """The site name of the page's <title> line, and how far the page bears it out; the title line
    is dropped when it only repeats the headline."""
    lines, headline = page.lines, page.headline
    core, site = _title_parts(lines[0].text)
    site = _site_name(site, page.text) if site else None
    if not site:
        return _TitleSite()
    found = _TitleSite(name=site, corroborated=_site_corroborated(site, lines, headline))
    headline_norm = _normalise(lines[headline].text) if headline not in (None, 0) else ""
    if headline_norm and _normalise(core) == headline_norm:
        page.dropped[0] = "page title"
        found.matches = True
    elif headline == 0 and page.start > 0:
        found.matches = True
    elif headline_norm and len(headline_norm) >= 15 and _normalise(core).startswith(headline_norm):
        found.matches = True  # "Headline | Section | Site"
    return found


def _read_header(page: _Page, document: Document) -> str | None:
    """Bylines (authors, and the organisation a byline names, which is returned) and the stated date,
    from the header zone: after the headline (or a few lines before the body) to a few lines into it."""
    lines, start = page.lines, page.start
    header_from = page.headline + 1 if page.headline is not None else max(0, start - 12)
    header_to = min(len(lines), start + 3)
    date_found = None
    byline_source = None
    for i in range(header_from, header_to):
        line = lines[i]
        if i in page.dropped or line.prose and i >= start:
            continue
        byline = _parse_byline(line.text)
        if byline is None and i < start and line.words <= 8:
            byline = _parse_name_org(line.text)
        if byline is None and i < start and not document.authors and i - header_from <= 3:
            byline = _bare_name_byline(page, i)
        if byline is not None:
            if byline.authors and not document.authors:
                document.authors = byline.authors
            if byline.source and not byline_source:
                byline_source = byline.source.strip()
            page.dropped[i] = "byline"
            date_found = date_found or _date_in(line.text)
            continue
        if date_found is None and (line.reason == "timestamp" or _is_date_line(line.text)):
            date_found = _date_in(line.text)
    for i in range(header_from, min(header_to, start)):
        if date_found is None and lines[i].words <= 20:
            date_found = _date_in(lines[i].text)
    document.published = date_found
    return byline_source


def _bare_name_byline(page: _Page, i: int) -> _Byline | None:
    """A bare name just under the headline, followed by a date or byline line or by the body (a lead
    picture's caption may stand between)."""
    lines, line = page.lines, page.lines[i]
    if line.reason or not _PERSON_NAME.match(line.text) or not 2 <= line.words <= 4 or _ROLE_WORDS.search(line.text):
        return None
    next_lines = [lines[j] for j in range(i + 1, min(len(lines), i + 3))]
    k = i + 1
    while k < page.start and (cap_k := _caption_split(lines[k].text)) is not None and cap_k[1]:
        k += 1
    if any(_is_date_line(n.text) or _parse_byline(n.text) for n in next_lines) or k == page.start:
        return _Byline([line.text], None)
    return None


def _sort_lines(page: _Page, document: Document) -> None:
    """Walk every line not yet placed: captions and credits become images; lines outside the zone,
    and furniture, list headers, related-link lists and related headlines inside it, are dropped."""
    related_run = 0  # lines left in a related-links list opened by a list header inside the article
    for i, line in enumerate(page.lines):
        if line.prose and not (related_run and line.words <= 12 and line.text.rstrip(_CLOSERS).endswith(("?", "!"))):
            related_run = 0
        if i == page.headline or i in page.dropped:
            continue
        cap = _caption_of(page, i)
        if cap is not None and not cap[0] and i == page.end and _AGENCY_LINE.match(line.text):
            page.dropped[i] = "agency sign-off"  # a wire story closes with its agency's name ("... next week." / "AAP")
            continue
        if cap is not None:
            _add_image(page, document, i, cap)
            continue
        reason, related_run = _drop_reason(page, i, related_run)
        if reason:
            page.dropped[i] = reason


def _caption_of(page: _Page, i: int) -> tuple[str, str | None] | None:
    """(caption, credit) when line ``i`` is a picture caption or credit."""
    line = page.lines[i]
    cap = None
    if not line.prose or line.words <= 45 or _SLASH_CREDIT.match(line.text):
        cap = _caption_split(line.text)
        if cap is not None and not cap[1] and not line.text.lower().startswith(("image caption", "caption")):
            cap = None
        if cap is not None and line.prose and cap[1] and _GLUED_CREDIT.match(line.text) is None and \
                _PAREN_CREDIT.match(line.text) is None and _COPY_CREDIT.match(line.text) is None and \
                _SLASH_CREDIT.match(line.text) is None:
            cap = None  # a full sentence ending in an agency name is more likely prose
    if cap is not None and not cap[0] and (_RIGHTS_RESERVED.search(line.text) or i >= page.end and
                                            _COPYRIGHT_NOTICE.match(line.text)):
        cap = None  # the site's copyright notice, not a picture credit
    return cap


def _add_image(page: _Page, document: Document, i: int, cap: tuple[str, str | None]) -> None:
    caption, credit = cap
    if not caption and credit and _caption_above_credit(page.lines, i, page.start, page.headline, page.dropped):
        # the lead picture's caption stands on the line above its credit
        caption = page.lines[i - 1].text
        page.dropped[i - 1] = "caption"
        document.images.append(Image(caption=caption, credit=credit))
    elif not caption and document.images and document.images[-1].credit is None:
        document.images[-1].credit = credit
    elif caption or credit:
        document.images.append(Image(caption=caption, credit=credit))
    page.dropped[i] = "caption"


def _drop_reason(page: _Page, i: int, related_run: int) -> tuple[str | None, int]:
    """Why line ``i`` is not body (None when it is), and the lines left in a related-links list."""
    line = page.lines[i]
    if i < page.start:
        return line.reason or ("navigation" if i < (page.headline or page.start) else "header"), related_run
    if i >= page.end:
        return line.reason or "footer", related_run
    if _is_list_header(line):
        return line.reason or "related links", 20
    if related_run and (not line.prose or line.words <= 12) and line.words <= 30:
        return line.reason or "related headline", related_run - 1
    if line.reason:
        return line.reason, related_run
    if _is_related_headline(page.lines, i, page.start, page.end):
        return "related headline", related_run
    return None, related_run


def _drop_closing_calls_to_action(page: _Page) -> None:
    """Calls to action that close the article ("Follow us on ...", "Listen to the show live at ...")."""
    kept_tail = [i for i in range(page.start, page.end) if i not in page.dropped and i != page.headline][-3:]
    for i in reversed(kept_tail):
        if page.lines[i].words <= 30 and _CALL_TO_ACTION.match(page.lines[i].text):
            page.dropped[i] = "call to action"
        else:
            break


def _publisher(page: _Page, title_site: _TitleSite, byline_source: str | None, authors: list[str]) -> str | None:
    """The publisher: a page-title site name the page repeats, then the site name standing alone on
    the first line, then the byline's organisation, then a page-title site name alone, a masthead
    line, the copyright holder, the author box's employer. A wire agency in the byline ("AAP", "Press
    Trust of India | City") names who filed the story, not the site that publishes it: the site's own
    name wins when the page states one."""
    if title_site.name and title_site.corroborated:
        return title_site.name
    top_site = _top_site_name(page.lines, page.headline, page.dropped, page.text)
    if top_site:
        return top_site
    if byline_source:
        return byline_source
    if title_site.name and title_site.matches:
        return title_site.name
    lines = page.lines
    return _masthead_name(lines) or _copyright_holder(lines) or _author_box_employer(lines, authors)


# Section names that a page <title> may end with instead of a site name ("Headline - Politics").
_SECTION_WORDS = lexicons.words("section_words")
_DOMAIN = re.compile(r"^(?:www\.)?(?P<name>[A-Za-z0-9][\w-]*)(?:\.[a-z]{2,6}){1,2}$", re.I)


def _site_name(site: str, text: str) -> str | None:
    """The publisher in a title suffix: 'news.example.com' -> 'Example'-style cleaning, sections refused."""
    site = site.strip(" |-–—:•·»")
    m = _DOMAIN.match(site)
    if m:
        name = m.group("name")
        if name.lower() in {"www", "m", "amp", "news", "edition", "mobile"}:
            return None
        # the page may spell out the masthead the domain shortens: "Daily Name", "The Name"
        fuller = re.findall(r"\b((?:(?:The|Daily|Sunday|Weekly|Evening|Morning)\s+)+)" + re.escape(name) + r"\b",
                            text[:200000])
        if fuller:
            prefix = max(set(fuller), key=fuller.count)
            return prefix + name
        # a lower-case domain is how the site calls itself ("example.com"); a cased one loses its TLD
        site = name if not name.islower() else site.lower().removeprefix("www.")
    if _is_section_name(site):
        return None
    return _spaced_name(site, text)


_CAMEL_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _spaced_name(site: str, text: str) -> str:
    """'TheExample' / 'ABCNews' -> 'The Example' / 'ABC News' when the page spells the name with spaces."""
    if " " in site or not _CAMEL_BREAK.search(site):
        return site
    spaced = _CAMEL_BREAK.sub(" ", site)
    if re.search(r"(?<![\w])" + re.escape(spaced) + r"(?![\w])", text[:200000]):
        return spaced
    return site


def _is_section_name(name: str) -> bool:
    """'Politics', 'World News': a section of the site, not its name."""
    words = [w.lower() for w in _WORD.findall(name)]
    if not words:
        return True
    if len(words) == 1:
        return words[0] in _SECTION_WORDS
    return all(w in _SECTION_WORDS for w in words) and bool({"news", "stories"} & set(words))


def _site_corroborated(site: str, lines: list[_Line], headline_index: int | None) -> bool:
    """The site name also appears on the page outside the title and headline (masthead, footer, byline)."""
    pattern = re.compile(r"(?<![\w])(?:" + re.escape(site) + "|" + re.escape(site.upper()) + r")(?![\w])")
    return any(pattern.search(line.text) for line in lines[1:] if line.index != headline_index)


_NAME_JOINERS = {"of", "the", "and", "&", "de", "la", "le", "el", "al"}


def _top_site_name(lines: list[_Line], headline_index: int | None, dropped: dict[int, str], text: str) -> str | None:
    """The site name standing alone on the first line (masthead or logo text, "The Example Times"), when
    the page's furniture repeats it: the copyright line, an app or social prompt, a "Published in" note."""
    if not lines or headline_index == 0 or (headline_index is None and len(lines) < 3):
        return None
    line = lines[0]
    name = line.text.strip(" |-–—:•·»")
    words = name.split()
    if line.reason not in (None, "navigation") or not 1 <= len(words) <= 5 or line.sentence_end or \
            _TITLE_SEP.search(name) or re.search(r"[|:;,!?\d]", name):
        return None
    if not all(w[:1].isupper() or w.lower() in _NAME_JOINERS for w in words) or not words[0][:1].isupper():
        return None
    if _is_section_name(name) or _parse_byline(name) or _WIDGET_EXACT.get(name.lower()):
        return None
    pattern = re.compile(r"(?<![\w])" + re.escape(name) + r"(?![\w])", re.I)
    core = re.sub(r"(?i)^the\s+", "", name)
    core_pattern = re.compile(r"(?<![\w])" + re.escape(core) + r"(?![\w])", re.I) if len(core.split()) >= 2 else pattern
    furniture = [lines[i].text for i in dropped if i > 0 and i != headline_index and
                 len(re.findall(r"\s[|•·]\s", lines[i].text)) < 2]  # a menu or tag list does not name the site
    if not any(pattern.search(t) or core_pattern.search(t) for t in furniture):
        return None
    if not name.isupper() or len(name) <= 4:
        return name  # "Example Daily"; a short all-capitals name is an acronym ("ABC")
    # "THE EXAMPLE TIMES" in the logo: the page's own spelling elsewhere, else title case
    for m in pattern.finditer(text[len(line.raw):200000]):
        if not m.group(0).isupper():
            return m.group(0)
    for m in core_pattern.finditer(text[len(line.raw):200000]):
        if not m.group(0).isupper():
            return ("The " if core != name else "") + m.group(0)
    return " ".join(w.capitalize() if w.lower() not in _NAME_JOINERS or i == 0 else w.lower()
                    for i, w in enumerate(words))


_MASTHEAD_WORD = lexicons.alternation("masthead_words")
_MASTHEAD = re.compile(r"^(?:The\s+)?(?:[A-Z][\w'’.&-]*\s+){0,3}(?:" + _MASTHEAD_WORD + r")$")
_NOT_MASTHEAD_START = lexicons.words("not_masthead_start")


def _masthead_name(lines: list[_Line]) -> str | None:
    """A newspaper name standing on its own line more than once ("The Evening Courier")."""
    counts: dict[str, int] = {}
    for line in lines:
        if 2 <= line.words <= 5 and _MASTHEAD.match(line.text) and \
                line.text.split()[0].lower() not in _NOT_MASTHEAD_START:
            counts[line.text] = counts.get(line.text, 0) + 1
    if not counts:
        return None
    name, count = max(counts.items(), key=lambda kv: kv[1])
    return name if count >= 2 else None


_COPYRIGHT_LINE = re.compile(r"(?i:©|\(c\)|copyright)\s*(?:©\s*|\(c\)\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?"
                             r"\s*,?\s*)?(?P<holder>(?:The\s+)?[A-Z][^|.,;:©()]{0,60})")
_HOLDER_END = re.compile(r"\s+(?:all rights|inc\b|llc\b|ltd\b|limited\b|plc\b|pvt\b|corp\b|corporation\b|gmbh\b|"
                         r"a division\b|a subsidiary\b|and its\b|is a\b|unless\b|except\b|all content\b|\d).*$", re.I)


_HOLDER_COMPANY = re.compile(r"\s+(?:Media|Publishing|Publishers|Publications|Newspapers|Holdings|Press Group|"
                             r"Media Group|Media Network|Media Company|News Group|Group)$")


def _copyright_holder(lines: list[_Line]) -> str | None:
    """The holder named in the page's copyright line ("© 2024 Example Media Ltd" -> "Example Media")."""
    for line in reversed(lines):
        if line.reason != "copyright" and "©" not in line.text:
            continue
        m = _COPYRIGHT_LINE.search(line.text)
        if not m:
            continue
        holder = _HOLDER_END.sub("", m.group("holder")).strip(" -–—'\"“”")
        trimmed = _HOLDER_COMPANY.sub("", holder)
        if trimmed != holder and len(re.sub(r"(?i)^the\s+", "", trimmed).split()) >= 2:
            holder = trimmed  # "Example Herald Media Group" -> "Example Herald": the paper, not its owner
        words = [w.lower() for w in _WORD.findall(holder)]
        if 1 <= len(words) <= 5 and words[0] not in {"all", "copyright", "reserved"} and \
                not _is_section_name(holder):
            return holder
    return None


def _find_headline(lines: list[_Line], start: int) -> int | None:
    """Index of the headline line among the title-like lines before the body zone, or None."""
    if start == 0:
        return None
    core, site = _title_parts(lines[0].text)
    core_norm = _normalise(core)
    window_from = max(0, start - 30)
    best, best_score = None, float("-inf")
    for i in range(window_from, start):
        line = lines[i]
        if not _title_like(line) or _parse_byline(line.text) or _caption_split(line.text):
            continue
        if line.prose:
            continue
        score = min(line.words, 16) - 0.35 * (start - i)
        norm = _normalise(line.text)
        if site and i > 0 and norm == core_norm:
            score += 25
        elif i > 0 and core_norm and len(norm) > 15 and (norm in core_norm or core_norm in norm):
            score += 12
        if i == 0 and site:
            score -= 3  # the <title> line; prefer the on-page headline when it exists
        if line.words < 4:
            score -= 4
        score += _byline_follows(lines, i, start)
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None
    # require some substance: at least 4 words, or a match with the page title
    if lines[best].words < 3:
        return None
    return best


_LIST_HEADER_REASONS = {"related links"}
_CALL_TO_ACTION = re.compile(
    r"^(?:follow|listen to|listen|watch|subscribe to|sign up|download|like us|join us|get the|tune in)\s"
    r".{0,160}\b(?:on|at|here|live|via|app|podcast|weekdays|daily|newsletter)\b", re.I)


def _is_list_header(line: _Line) -> bool:
    """A short line that opens a list of links to other stories ("Related", "More on:", "Most read")."""
    if line.prose or line.words > 8:
        return False
    if line.reason in _LIST_HEADER_REASONS:
        return True
    if line.reason == "read more link" and line.words <= 3:
        return True
    if line.reason == "navigation" and line.words <= 3 and line.text.rstrip().endswith(":"):
        return True  # "More:"
    return line.reason is None and bool(_END_MARKERS.match(line.text.strip(" :|>».…")))


def _byline_follows(lines: list[_Line], i: int, start: int) -> float:
    """Bonus for a headline candidate directly followed by a byline or a date line (the article header)."""
    bonus = 0.0
    for j in range(i + 1, min(i + 3, start)):
        text = lines[j].text
        byline = _parse_byline(text)
        if byline is not None and byline.authors:
            return bonus + 8.0
        if lines[j].reason == "timestamp" or _is_date_line(text):
            bonus = max(bonus, 4.0)
        elif j == i + 1 and byline is None:
            break
    return bonus


def _is_related_headline(lines: list[_Line], i: int, start: int, end: int) -> bool:
    """A title-like line standing alone between body paragraphs that reads like a link to another story."""
    line = lines[i]
    if line.prose or line.sentence_end or line.words < 6 or line.words > 30:
        return False
    if line.text.endswith((":", ",", ";")):
        return False
    prev_prose = i > start and lines[i - 1].prose
    next_prose = i + 1 < end and lines[i + 1].prose
    if not (prev_prose and next_prose):
        # a run of several headline-like lines also counts
        return False
    has_quote_colon = bool(re.search(r"['‘’“”\"][^'‘’“”\"]{2,}['‘’“”\"]\s*:", line.text)) or \
        bool(re.match(r"^['‘“\"]", line.text))
    if has_quote_colon:
        return True
    if line.words >= 9:
        return True
    return False
