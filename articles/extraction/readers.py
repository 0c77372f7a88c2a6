"""Readers: turn input files into ``SourceText`` objects, one reader per format.

Formats (chosen by suffix):

* ``.txt``            scraped page text; ``is_page_text=True`` (the structure stage finds headline etc.).
* ``.html``/``.htm``  main text and metadata through trafilatura; ``is_page_text=False``;
                      ``original`` is the HTML.
* ``.json``           one object, or a list of objects (article records).
* ``.jsonl``          one object per line; origin ``"file.jsonl:12"``.

Article records need ``body`` or ``text`` or ``content`` (a string); optional ``headline``/``title``,
``source`` (string or ``{"name": ...}``), ``authors``/``author`` (string or list of strings or
``{"name": ...}``), ``published``/``publishedAt``/``date`` (ISO date or datetime string), ``url``.
Other keys are ignored.

Error design: whole-file problems (empty, binary, undecodable, too large, malformed ``.json``, HTML without
article text, unsupported suffix) raise ``ReaderError``.  For ``.json`` lists any bad record raises too.
For ``.jsonl`` a bad line does not stop the others: ``read_path`` *yields* a ``ReaderError`` instance
(origin ``"file.jsonl:N"``) in place of that line's ``SourceText`` and goes on with the next line;
callers should check ``isinstance(item, ReaderError)``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from jsonschema import Draft202012Validator

from .document import SourceText
from .record_schema import (
    ARTICLE_RECORD_SCHEMA, AUTHOR_KEYS, BODY_KEYS, DATE_KEYS, EXPECTED, HEADLINE_KEYS, RECORD_FIELDS, URL_KEYS,
)

RECORD_FIELDS_IN_ORDER = tuple(ARTICLE_RECORD_SCHEMA["properties"])

__all__ = [
    "ReaderError",
    "SUPPORTED_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "read_path",
    "read_text_file",
    "read_html_file",
    "read_json_file",
    "read_jsonl_file",
    "record_to_source",
    "source_from_original",
    "decode_bytes",
    "iter_input_files",
]

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"BM",
    b"RIFF", b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*", b"\x7fELF", b"Rar!", b"7z\xbc\xaf",
)


class ReaderError(ValueError):
    """An input that cannot be read; ``origin`` names the file (and line), ``message`` says why."""

    def __init__(self, origin: str | os.PathLike, message: str, *, field: str | None = None):
        self.origin = str(origin)
        self.message = message
        self.field = field  # the record field at fault, for JSON records
        super().__init__(f"{self.origin}: {message}")


# --------------------------------------------------------------------------------------------------
# Bytes -> text
# --------------------------------------------------------------------------------------------------


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode file bytes: UTF-8 (BOM optional), UTF-16/32 with BOM, else a detected 8-bit charset."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ReaderError(origin, f"invalid UTF-8 after BOM at byte {exc.start}") from exc
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReaderError(origin, f"invalid {codec.upper()} text at byte {exc.start}") from exc
    if b"\x00" in data:
        raise ReaderError(origin, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - dependency is installed
        from_bytes = None
    if from_bytes is not None:
        best = from_bytes(data).best()
        if best is not None and best.encoding:
            try:
                text = data.decode(best.encoding)
            except (UnicodeDecodeError, LookupError):
                text = None
            if text is not None and _looks_like_text(text):
                return text
    # Last resort for Western single-byte text: cp1252 when it decodes cleanly to printable text.
    try:
        text = data.decode("cp1252")
        if _looks_like_text(text):
            return text
    except UnicodeDecodeError:
        pass
    raise ReaderError(origin, "cannot decode the text (not UTF-8, UTF-16 with BOM, or a known 8-bit charset)")


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(text) < 0.01


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    origin = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReaderError(origin, f"cannot read file: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise ReaderError(origin, f"file too large ({size} bytes, limit {max_bytes})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(origin, f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise ReaderError(origin, f"file too large ({len(data)} bytes, limit {max_bytes})")
    if not data.strip():
        raise ReaderError(origin, "empty file")
    if any(data.startswith(magic) for magic in _BINARY_MAGIC):
        raise ReaderError(origin, "binary file (image/archive/document signature), not text")
    return data


def _read_text(path: Path, max_bytes: int) -> str:
    text = decode_bytes(_read_bytes(path, max_bytes), str(path))
    if not text.strip():
        raise ReaderError(str(path), "empty file (whitespace only)")
    return text


# --------------------------------------------------------------------------------------------------
# Readers
# --------------------------------------------------------------------------------------------------


def read_text_file(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceText]:
    path = Path(path)
    text = _read_text(path, max_bytes)
    yield SourceText(text=text, origin=str(path), format="txt", is_page_text=True)


def read_html_file(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceText]:
    path = Path(path)
    html = _read_text(path, max_bytes)
    yield html_to_source(html, str(path))


def html_to_source(html: str, origin: str) -> SourceText:
    """Main text and metadata of an HTML page via trafilatura."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             include_tables=False, favor_precision=False)
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        raise ReaderError(origin, f"cannot parse HTML: {exc}") from exc
    if result is None:
        raise ReaderError(origin, "no article text found in the HTML")
    data = result if isinstance(result, dict) else (
        result.as_dict() if hasattr(result, "as_dict") else vars(result))
    text = (data.get("text") or "").strip()
    if not text:
        raise ReaderError(origin, "no article text found in the HTML")
    authors = _split_author_string(data.get("author"))
    return SourceText(
        text=text,
        origin=origin,
        format="html",
        is_page_text=False,
        headline=_clean_str(data.get("title")),
        source=_clean_str(data.get("sitename")),
        authors=authors,
        published=_parse_date(data.get("date")),
        url=_clean_str(data.get("url")),
        original=html,
    )


def read_json_file(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceText]:
    path = Path(path)
    origin = str(path)
    text = _read_text(path, max_bytes)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReaderError(origin, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    if isinstance(data, dict):
        yield record_to_source(data, origin, original=text, fmt="json")
    elif isinstance(data, list):
        if not data:
            raise ReaderError(origin, "empty JSON list: no records")
        for i, item in enumerate(data):
            item_origin = f"{origin}[{i}]"
            yield record_to_source(item, item_origin, original=json.dumps(item, ensure_ascii=False), fmt="json")
    else:
        raise ReaderError(origin, f"expected a JSON object or a list of objects, got {type(data).__name__}")


def read_jsonl_file(
    path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[SourceText | ReaderError]:
    """Yield one SourceText per good line, and a ReaderError instance (not raised) per bad line.

    The file is streamed line by line, so a feed of any length is read in constant memory;
    ``max_bytes`` limits each record (line) rather than the whole file.
    """
    path = Path(path)
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ReaderError(name, f"cannot read file: {exc.strerror or exc}") from exc
    with handle:
        head = handle.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            handle.close()  # UTF-16 has no byte-oriented lines: decode the whole (size-limited) file
            lines = _read_text(path, max_bytes).splitlines()
            yield from _jsonl_records(((n, line) for n, line in enumerate(lines, start=1)), name)
            return
        if any(head.startswith(magic[:4]) for magic in _BINARY_MAGIC) or b"\x00" in head:
            raise ReaderError(name, "binary file (image/archive/document signature), not text")
        handle.seek(0)
        seen_text = False
        for number, raw in _numbered_lines(handle, first_bom=codecs.BOM_UTF8):
            if len(raw) > max_bytes:
                yield ReaderError(f"{name}:{number}", f"record too large ({len(raw)} bytes, limit {max_bytes})")
                continue
            if b"\x00" in raw:
                yield ReaderError(f"{name}:{number}", "binary data (NUL bytes) on this line")
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = decode_bytes(raw, f"{name}:{number}") if raw.strip() else ""
            if line.strip():
                seen_text = True
                yield from _jsonl_records([(number, line)], name)
        if not seen_text:
            raise ReaderError(name, "empty file")


def _numbered_lines(handle, *, first_bom: bytes):
    for number, raw in enumerate(handle, start=1):
        if number == 1 and raw.startswith(first_bom):
            raw = raw[len(first_bom):]
        yield number, raw.rstrip(b"\r\n")


def _jsonl_records(numbered_lines, name: str) -> Iterator[SourceText | ReaderError]:
    for number, line in numbered_lines:
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReaderError(origin, f"malformed JSON on line {number} (column {exc.colno}): {exc.msg}")
            continue
        try:
            yield record_to_source(data, origin, original=line, fmt="jsonl")
        except ReaderError as exc:
            yield exc


def read_path(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceText | ReaderError]:
    """Read one file by suffix.  Raises ReaderError for whole-file problems; for ``.jsonl`` bad lines are
    yielded as ReaderError instances so the good lines still come through."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return read_text_file(path, max_bytes=max_bytes)
    if suffix in (".html", ".htm"):
        return read_html_file(path, max_bytes=max_bytes)
    if suffix == ".json":
        return read_json_file(path, max_bytes=max_bytes)
    if suffix == ".jsonl":
        return read_jsonl_file(path, max_bytes=max_bytes)
    raise ReaderError(str(path), f"unsupported file type {suffix or '(no suffix)'!r}; "
                                 f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")


def source_from_original(original: str, *, format: str, origin: str) -> SourceText:
    """Rebuild the SourceText of a stored article from its verbatim original (for re-extraction)."""
    if format == "html":
        return html_to_source(original, origin)
    if format in ("json", "jsonl"):
        try:
            record = json.loads(original)
        except json.JSONDecodeError as exc:
            raise ReaderError(origin, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from exc
        return record_to_source(record, origin, original=original, fmt=format)
    return SourceText(text=original, origin=origin, format="txt", is_page_text=True)


# --------------------------------------------------------------------------------------------------
# JSON records
# --------------------------------------------------------------------------------------------------


_RECORD_VALIDATOR = Draft202012Validator(ARTICLE_RECORD_SCHEMA)


def record_problem(record: dict) -> tuple[str, str] | None:
    """The first way ``record`` breaks ARTICLE_RECORD_SCHEMA, as (field, message); None when it fits.

    Keys the schema does not know are not looked at: readers ignore them, the API refuses them itself.
    """
    known = {key: value for key, value in record.items() if key in RECORD_FIELDS}
    field_errors = [error for error in _RECORD_VALIDATOR.iter_errors(known) if error.path]
    if field_errors:
        field = min((error.path[0] for error in field_errors), key=list(RECORD_FIELDS_IN_ORDER).index)
        value = record[field]
        if isinstance(value, str) and field in BODY_KEYS:
            return field, f"field {field!r} is empty"
        return field, f"field {field!r} must be {EXPECTED[field]}, got {type(value).__name__}"
    if not _RECORD_VALIDATOR.is_valid(known):
        return "body", "record has no 'body', 'text' or 'content' field"
    return None


def record_to_source(record: object, origin: str, *, original: str | None = None, fmt: str = "json") -> SourceText:
    """Map one JSON article record to a SourceText; ReaderError names the offending field."""
    if not isinstance(record, dict):
        raise ReaderError(origin, f"expected a JSON object (article record), got {type(record).__name__}")
    problem = record_problem(record)
    if problem is not None:
        field, message = problem
        raise ReaderError(origin, message, field=field)
    body = next(record[key] for key in BODY_KEYS if record.get(key) is not None)
    headline = _first_text(record, HEADLINE_KEYS)
    url = _first_text(record, URL_KEYS)
    source = record.get("source")
    source = _clean_str(source.get("name") if isinstance(source, dict) else source)
    authors = next((_authors_value(record[key]) for key in AUTHOR_KEYS if record.get(key) is not None), [])

    published = None
    key = next((key for key in DATE_KEYS if record.get(key) not in (None, "")), None)
    if key is not None:
        published = _parse_date(record[key])
        if published is None:
            raise ReaderError(origin, f"field {key!r} is not an ISO date or datetime: {record[key]!r}", field=key)

    # NUL characters (valid in JSON strings) have no place in text and no database column takes them.
    body = body.replace("\x00", "")
    return SourceText(
        text=body, origin=origin, format=fmt, is_page_text=False, headline=headline, source=source,
        authors=authors, published=published, url=url, original=original,
    )


def _first_text(record: dict, keys: tuple[str, ...]) -> str | None:
    """The first non-blank string under ``keys`` (the schema has checked their types)."""
    return next((text for text in (_clean_str(record.get(key)) for key in keys) if text), None)


def _authors_value(value: object) -> list[str]:
    if isinstance(value, str):
        return _split_author_string(value)
    authors = []
    for item in value if isinstance(value, list) else [value]:
        name = _clean_str(item["name"] if isinstance(item, dict) else item)
        if name and name not in authors:
            authors.append(name)
    return authors


def _split_author_string(value: object) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return []
    import re

    text = re.sub(r"^\s*by\s+", "", value.strip(), flags=re.I)
    parts = re.split(r"\s*(?:;|\||,|&|\band\b)\s*", text)
    return [p.strip() for p in parts if p.strip()]


def _clean_str(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------
# Folders
# --------------------------------------------------------------------------------------------------


def iter_input_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted) into supported input files.

    Explicitly named files are yielded whatever their suffix (``read_path`` will refuse unsupported ones);
    files found inside folders are kept only when their suffix is supported.  Symlinked folders are
    followed once: a resolved-path set guards against loops, and a file reached twice is yielded once.
    """
    seen_dirs: set[Path] = set()
    seen_files: set[Path] = set()

    def walk(directory: Path) -> Iterator[Path]:
        try:
            resolved = directory.resolve()
        except OSError:
            return
        if resolved in seen_dirs:
            return
        seen_dirs.add(resolved)
        try:
            entries = sorted(directory.iterdir(), key=lambda p: p.name)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from walk(entry)
            elif entry.is_file() and entry.suffix.lower() in SUPPORTED_SUFFIXES:
                real = entry.resolve()
                if real not in seen_files:
                    seen_files.add(real)
                    yield entry

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from walk(path)
        else:
            real = path.resolve() if path.exists() else path
            if real not in seen_files:
                seen_files.add(real)
                yield path
