"""Imports article files (.txt, .html, .json, .jsonl) and folders of them into the database."""

import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles import services
from articles.extraction.readers import ReaderError, iter_input_files, read_path


@dataclass
class ImportSummary:
    counts: dict = field(default_factory=lambda: {"imported": 0, "replaced": 0, "unchanged": 0, "failed": 0})
    failures: list = field(default_factory=list)  # (file or file:line, reason)

    def fail(self, origin: str, reason: str) -> None:
        self.counts["failed"] += 1
        self.failures.append((origin, reason))


class Command(BaseCommand):
    help = "Import article files and folders (default: seeds/). Unchanged articles are skipped."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Files or folders; folders are searched recursively.")
        parser.add_argument(
            "--force", action="store_true", help="Re-extract articles already stored and replace their derived rows."
        )
        parser.add_argument(
            "--max-bytes", type=int, default=settings.NEWSAPI_MAX_FILE_BYTES, help="Refuse files larger than this."
        )

    def handle(self, *args, paths, force, max_bytes, **options):
        paths = [Path(p) for p in paths] or [Path(settings.BASE_DIR) / "seeds"]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")

        summary = ImportSummary()
        files = list(iter_input_files(paths))
        show_bar = sys.stderr.isatty() and options.get("verbosity", 1) > 0
        for path in tqdm(files, desc="Importing", unit="file", disable=not show_bar):
            self._import_file(path, summary, force=force, max_bytes=max_bytes)

        counts = summary.counts
        self.stdout.write(
            f"Imported {counts['imported']}, replaced {counts['replaced']}, "
            f"unchanged {counts['unchanged']}, failed {counts['failed']} "
            f"({len(files)} file{'s' if len(files) != 1 else ''})."
        )
        for origin, reason in summary.failures:
            self.stderr.write(f"FAILED {origin}: {reason}")
        if not files:
            self.stderr.write(f"No importable files (.txt, .html, .json, .jsonl) under: {', '.join(map(str, paths))}")
        if summary.failures:
            raise CommandError(f"{len(summary.failures)} input(s) failed to import", returncode=1)

    def _import_file(self, path: Path, summary: ImportSummary, *, force: bool, max_bytes: int) -> None:
        try:
            for item in read_path(path, max_bytes=max_bytes):
                if isinstance(item, ReaderError):  # one bad JSONL line; the other lines still import
                    summary.fail(item.origin, item.message)
                    continue
                self._import_source(item, summary, force=force)
        except ReaderError as error:
            summary.fail(error.origin, error.message)
        except OSError as error:
            summary.fail(str(path), error.strerror or str(error))

    def _import_source(self, source, summary: ImportSummary, *, force: bool) -> None:
        try:
            stored = services.article_import(source=source, force=force)
        except Exception as error:  # one broken article must not stop the import of the others
            summary.fail(source.origin, f"{type(error).__name__}: {error}")
            return
        summary.counts[stored.status] += 1
