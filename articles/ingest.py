"""Runs an import: read inputs as a stream, skip texts already stored, extract in worker processes,
and store the results from this one process in batched transactions (one savepoint per article)."""

from __future__ import annotations

import json
import logging
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from articles import services
from articles.backup import BackupError, is_backup_file, restore_record
from articles.extraction.document import ExtractedArticle, SourceText
from articles.extraction.pipeline import extract_articles
from articles.extraction.readers import ReaderError, iter_input_files, read_path

logger = logging.getLogger(__name__)

CHUNK_SIZE = 8  # articles a worker parses in one nlp.pipe call
WRITE_BATCH = 32  # articles stored per transaction


@dataclass
class ImportSummary:
    counts: dict = field(default_factory=lambda: {"imported": 0, "replaced": 0, "unchanged": 0, "failed": 0})
    failures: list = field(default_factory=list)  # (file or file:line, reason)
    notes: list = field(default_factory=list)  # (origin, note), e.g. a language that was not parsed
    interrupted: bool = False

    def fail(self, origin: str, reason: str) -> None:
        self.counts["failed"] += 1
        self.failures.append((origin, reason))


def default_workers() -> int:
    return max(os.cpu_count() or 1, 1)


class Importer:
    """Imports files and folders; ``on_progress`` is called once per input handled."""

    def __init__(
        self, *, force: bool = False, workers: int = 1, max_bytes: int, on_progress: Callable[[], None] = lambda: None
    ):
        self.force = force
        self.workers = max(workers, 1)
        self.max_bytes = max_bytes
        self.on_progress = on_progress
        self.summary = ImportSummary()
        self._stop = False

    def request_stop(self, *args) -> None:
        """Finish the article being stored, then stop (SIGTERM/SIGINT handler)."""
        self._stop = True

    # --- the stream ------------------------------------------------------------------------------

    def run(self, paths: Iterable[Path]) -> ImportSummary:
        previous = {sig: signal.signal(sig, self.request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            files = list(iter_input_files(paths))
            backups = [path for path in files if is_backup_file(path)]
            for path in backups:
                self._restore(path)
            articles = [path for path in files if path not in backups]
            self._store_all(self._extracted(self._new_sources(articles)))
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.summary.interrupted = self._stop
        return self.summary

    def _restore(self, path: Path) -> None:
        """A backup written by export_corpus: stored as it was, without running the extraction."""
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if self._stop:
                    return
                if not line.strip():
                    continue
                origin = f"{path}:{number}"
                try:
                    status = restore_record(json.loads(line))
                except (ValueError, BackupError) as error:
                    self._failed(origin, str(error))
                    continue
                self.summary.counts[status] += 1
                self.on_progress()

    def _new_sources(self, paths: Iterable[Path]) -> Iterator[SourceText]:
        """Every readable input not yet stored; reading failures are recorded on the way."""
        for item in iter_sources(paths, max_bytes=self.max_bytes, on_error=self._failed, stop=lambda: self._stop):
            if not self.force and services.article_find_by_text(original_text=item.original_text):
                self.summary.counts["unchanged"] += 1  # no NLP for text that is already stored
                self.on_progress()
            else:
                yield item

    def _extracted(self, sources: Iterator[SourceText]) -> Iterator[tuple[SourceText, ExtractedArticle | str]]:
        """(source, result or error message), in input order."""
        chunks = _chunked(sources, CHUNK_SIZE)
        if self.workers == 1:
            for chunk in chunks:
                yield from zip(chunk, extract_chunk(chunk))
            return
        # Bounded look-ahead keeps memory flat however long the input is.
        with ProcessPoolExecutor(max_workers=self.workers, initializer=_worker_init) as pool:
            in_flight: deque[tuple[list[SourceText], Future]] = deque()
            for chunk in chunks:
                in_flight.append((chunk, pool.submit(extract_chunk, chunk)))
                if len(in_flight) >= self.workers * 2:
                    chunk, future = in_flight.popleft()
                    yield from zip(chunk, future.result())
            while in_flight:
                chunk, future = in_flight.popleft()
                yield from zip(chunk, future.result())

    def _store_all(self, results: Iterator[tuple[SourceText, ExtractedArticle | str]]) -> None:
        for batch in _chunked(results, WRITE_BATCH):
            with transaction.atomic():
                for source, result in batch:
                    if self._stop:
                        return
                    self._store_one(source, result)

    def _store_one(self, source: SourceText, result: ExtractedArticle | str) -> None:
        if isinstance(result, str):
            self._failed(source.origin, result)
            return
        try:
            with transaction.atomic():  # a savepoint: one bad article does not undo its batch
                stored = services.article_store(
                    result=result, source_file=source.origin, source_format=source.format, force=self.force
                )
        except services.NoArticleBody as error:
            self._failed(source.origin, str(error))
            return
        except Exception as error:  # one broken article must not stop the others
            self._failed(source.origin, f"{type(error).__name__}: {error}")
            return
        self.summary.counts[stored.status] += 1
        self.summary.notes += [(source.origin, note) for note in result.notes]
        self.on_progress()

    def _failed(self, origin: str, reason: str) -> None:
        logger.warning("import failed: %s: %s", origin, reason, extra={"origin": origin, "reason": reason})
        self.summary.fail(origin, reason)
        self.on_progress()


def iter_sources(
    paths: Iterable[Path],
    *,
    max_bytes: int,
    on_error: Callable[[str, str], None],
    stop: Callable[[], bool] = lambda: False,
) -> Iterator[SourceText]:
    """Every record the paths hold, read as a stream (JSONL line by line).

    A file or JSONL line that cannot be read goes to ``on_error(origin, reason)`` (origin is the file,
    or file:line) and the other inputs still come; ``stop()`` is checked before each file.
    """
    for path in iter_input_files(paths):
        if stop():
            return
        try:
            for item in read_path(path, max_bytes=max_bytes):
                if isinstance(item, ReaderError):  # one bad JSONL line; the other lines still import
                    on_error(item.origin, item.message)
                else:
                    yield item
        except ReaderError as error:
            on_error(error.origin, error.message)
        except OSError as error:
            on_error(str(path), error.strerror or str(error))


def extract_chunk(sources: list[SourceText]) -> list[ExtractedArticle | str]:
    """Extract a few articles in one nlp.pipe run; an article that fails yields its error message."""
    try:
        return list(extract_articles(sources, batch_size=len(sources)))
    except Exception:
        results: list[ExtractedArticle | str] = []
        for source in sources:  # find which one broke, keep the others
            try:
                results.extend(extract_articles([source]))
            except Exception as error:
                results.append(f"extraction failed: {type(error).__name__}: {error}")
        return results


def _worker_init() -> None:
    # Workers leave signals to the parent, which stops cleanly after the current article.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from articles.extraction.nlp import load_nlp

    load_nlp()


def _chunked(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def count_inputs(paths: Iterable[Path]) -> int | None:
    """How many articles the paths hold (JSONL lines counted), for the progress bar's ETA."""
    total = 0
    for path in iter_input_files(paths):
        if path.suffix.lower() == ".jsonl":
            try:
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total
