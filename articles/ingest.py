"""Runs the import command: reads files as a stream into ``services.articles_import`` (the import
flow every entry point shares), with the extraction in worker processes and the writes from this
one process, WRITE_BATCH articles to a transaction."""

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

from articles import services
from articles.backup import BackupError, is_backup_file, restore_record
from articles.extraction.document import ExtractedArticle, SourceText
from articles.extraction.nlp import load_nlp
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
            sources = iter_sources(articles, max_bytes=self.max_bytes, on_error=self._failed, stop=lambda: self._stop)
            outcomes = services.articles_import(
                sources, force=self.force, extract=self._extract, chunk_size=CHUNK_SIZE,
                write_batch=WRITE_BATCH, stop=lambda: self._stop,
            )
            for outcome in outcomes:
                self._record(outcome)
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

    def _extract(self, chunks: Iterator[list[SourceText]]) -> Iterator[list[ExtractedArticle | str]]:
        """Results of each chunk, in order, from worker processes when there are several."""
        if self.workers == 1:
            for chunk in chunks:
                yield extract_chunk(chunk) if chunk else []
            return
        # Bounded look-ahead keeps memory flat however long the input is.
        with ProcessPoolExecutor(max_workers=self.workers, initializer=_worker_init) as pool:
            in_flight: deque[Future | None] = deque()
            for chunk in chunks:
                in_flight.append(pool.submit(extract_chunk, chunk) if chunk else None)
                if len(in_flight) >= self.workers * 2:
                    yield _results(in_flight.popleft())
            while in_flight:
                yield _results(in_flight.popleft())

    def _record(self, outcome: services.ImportOutcome) -> None:
        origin, error = outcome.source.origin, outcome.error
        if error is not None:
            reason = str(error)
            if not isinstance(error, (services.NoArticleBody, services.ExtractionFailed)):
                reason = f"{type(error).__name__}: {error}"
            self._failed(origin, reason)
            return
        self.summary.counts[outcome.stored.status] += 1
        self.summary.notes += [(origin, note) for note in outcome.notes]
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


def _results(future: Future | None) -> list[ExtractedArticle | str]:
    return future.result() if future is not None else []


def _worker_init() -> None:
    # Workers leave signals to the parent, which stops cleanly after the current article.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    load_nlp()


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
