"""Turn an HTML page into the plain *visible text* a scraper hands over.

The boilerplate benchmark (``benchmarks/boilerplate_score.py``) feeds the structure stage the
whole visible text of a page -- navigation, share widgets, related links, comments and footers
included -- as plain text.  This module produces that text from raw HTML so that any corpus of
(HTML page, reference main text) pairs can be turned into benchmark records.

Rules, in the order a reader would meet them:

* Bytes are decoded as UTF-8 when they are valid UTF-8 (saved pages often declare a legacy
  charset in ``<meta>`` while the server sent UTF-8), otherwise with the charset the page
  declares (BOM, ``<meta charset>`` or ``http-equiv`` content type), and failing that by
  statistical detection.  ``ISO-8859-1``/``ASCII`` are read as Windows-1252, as browsers do.
* The ``<title>`` is the first line.  Nothing else from ``<head>`` is kept.
* Invisible subtrees are dropped: ``script``, ``style``, ``noscript``, ``template``, frames,
  media, form controls, ``svg``/``math``, comments, and any element marked ``hidden`` or styled
  ``display:none`` / ``visibility:hidden`` inline.  The fallback content of ``<object>`` is
  kept: plugins (Flash) no longer run, so browsers show it.
* Every block-level element (``div``, ``li``, ``td``, ``tr``, ``section``...) starts and ends a
  line; paragraph-like elements (``p``, ``h1``-``h6``, lists, ``blockquote``, ``pre``, ``figure``,
  ``table``) are also separated from their neighbours by one blank line; ``<br>`` ends a line.
* Whitespace inside a line is collapsed to single spaces (``<pre>`` keeps its line breaks),
  lines are stripped, and there is never more than one blank line in a row.

Usage::

    python html_to_page_text.py page.html            # prints the page text
    from html_to_page_text import page_text
    text = page_text(open("page.html", "rb").read())
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Callable, Iterator

import lxml.html
from lxml import etree

__all__ = ["decode_html", "element_text", "page_text", "parse_html"]

# Elements that start a new line.
LINE_TAGS = frozenset(
    """address article aside caption center dd details dialog dir div dt fieldset figcaption
    footer form frameset header hgroup hr legend li main menu nav noframes section summary
    tbody td tfoot th thead tr""".split()
)
# Elements that are also set off by a blank line (a new paragraph).
PARAGRAPH_TAGS = frozenset("blockquote dl figure h1 h2 h3 h4 h5 h6 ol p pre table ul".split())
# Elements whose content a reader never sees as page text.
INVISIBLE_TAGS = frozenset(
    """area audio base canvas datalist embed frame head iframe input link map math meta noembed
    noscript option param script select source style svg template textarea title track video""".split()
)

_WHITESPACE = re.compile(r"\s+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE)
# Browsers read pages labelled Latin-1 or ASCII as Windows-1252 (codec names as Python spells them).
_READ_AS_CP1252 = frozenset({"ascii", "iso8859-1"})


def decode_html(raw: bytes) -> str:
    """Decode page bytes to text (see the module docstring for the order of guesses); never fails."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace")
    candidates = ["utf-8"]
    declared = _DECLARED_CHARSET.search(raw[:8192])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        try:
            name = codecs.lookup(name).name
            candidates.append("cp1252" if name in _READ_AS_CP1252 else name)
        except LookupError:
            pass
    for encoding in candidates:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is not None:
            return str(best)
    except ImportError:  # pragma: no cover - optional dependency
        pass
    return raw.decode("cp1252", errors="replace")


def parse_html(html: str | bytes) -> etree._Element | None:
    """Parse a page (bytes or text) into an lxml tree; ``None`` if there is nothing to parse."""
    if isinstance(html, bytes):
        html = decode_html(html)
    html = _CONTROL_CHARS.sub("", _XML_DECLARATION.sub("", html, count=1))
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _is_hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None:
        return True
    if (element.get("type") or "").lower() == "hidden":
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _LineBuilder:
    """Collects text pieces and requested breaks, and renders normalised lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._line: list[str] = []
        self._pending = 0  # 0 = same line, 1 = new line, 2 = blank line before next text

    def request_break(self, strength: int) -> None:
        self._pending = max(self._pending, strength)

    def line_break(self) -> None:
        """A ``<br>``: ends the line; a second one in a row makes a blank line."""
        self._pending = min(2, self._pending + 1)

    def add(self, text: str) -> None:
        text = _WHITESPACE.sub(" ", text)
        if not text.strip():
            if text and self._line:
                self._line.append(" ")
            return
        if self._pending:
            self._close_line()
            if self._pending >= 2 and self.lines and self.lines[-1]:
                self.lines.append("")
            self._pending = 0
        self._line.append(text)

    def add_preformatted(self, text: str) -> None:
        for number, part in enumerate(text.split("\n")):
            if number:
                self.line_break()
            self.add(part)

    def _close_line(self) -> None:
        line = _WHITESPACE.sub(" ", "".join(self._line)).strip()
        if line:
            self.lines.append(line)
        self._line = []

    def render(self) -> str:
        self._close_line()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines)


def _events(root: etree._Element) -> Iterator[tuple[bool, etree._Element]]:
    """Depth-first (is_start, element) events without recursion (pages can nest very deep)."""
    stack: list[tuple[bool, etree._Element]] = [(True, root)]
    while stack:
        is_start, element = stack.pop()
        yield is_start, element
        if is_start:
            stack.append((False, element))
            if not _skipped(element):
                stack.extend((True, child) for child in reversed(element))


def _tag(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comment, processing instruction, entity
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _skipped(element: etree._Element) -> bool:
    tag = _tag(element)
    return not tag or tag in INVISIBLE_TAGS or _is_hidden(element)


def element_text(
    root: etree._Element,
    keep: Callable[[etree._Element], bool] | None = None,
) -> str:
    """Visible text of ``root``'s subtree, one line per block.

    ``keep(element)``, if given, decides whether the text *directly* owned by ``element``
    (its ``.text``, and the ``.tail`` of its children) is emitted; block structure is
    unaffected.  It lets callers extract annotated parts of a page with the same layout.
    """
    out = _LineBuilder()
    in_pre = 0

    def emit(text: str | None, owner: etree._Element | None) -> None:
        if not text or owner is None or (keep is not None and not keep(owner)):
            return
        (out.add_preformatted if in_pre else out.add)(text)

    for is_start, element in _events(root):
        tag = _tag(element)
        skipped = _skipped(element)
        if is_start:
            if skipped:
                continue
            if tag == "br":
                out.line_break()
            elif tag in PARAGRAPH_TAGS:
                out.request_break(2)
            elif tag in LINE_TAGS:
                out.request_break(1)
            if tag == "pre":
                in_pre += 1
            emit(element.text, element)
        else:
            if not skipped:
                if tag == "pre":
                    in_pre -= 1
                if tag in PARAGRAPH_TAGS:
                    out.request_break(2)
                elif tag in LINE_TAGS:
                    out.request_break(1)
            if element is not root:
                emit(element.tail, element.getparent())
    return out.render()


def page_text(html: str | bytes) -> str:
    """The whole visible text of a page: its title, then the body, one line per block."""
    root = parse_html(html)
    if root is None:
        return ""
    title = root.find(".//title")
    title_text = _WHITESPACE.sub(" ", title.text_content()).strip() if title is not None else ""
    body = root.find("body")
    body_text = element_text(body if body is not None else root)
    return "\n\n".join(part for part in (title_text, body_text) if part)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: python html_to_page_text.py PAGE.html", file=sys.stderr)
        return 2
    with open(argv[1], "rb") as handle:
        print(page_text(handle.read()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
