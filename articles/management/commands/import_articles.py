"""Imports article files (.txt, .html, .json, .jsonl) and folders of them into the database."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.ingest import Importer, count_inputs, default_workers, iter_sources


class Command(BaseCommand):
    help = "Import article files and folders (default: seeds/). Unchanged articles are skipped."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Files or folders; folders are searched recursively.")
        parser.add_argument(
            "--force", action="store_true", help="Re-extract articles already stored and replace their derived rows."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="Processes that run the extraction (default: the number of cores).",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=settings.NEWSAPI_MAX_FILE_BYTES,
            help="Refuse files (or JSONL records) larger than this.",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Send one message per article to the Celery broker (CELERY_BROKER_URL) instead of importing "
            "here; Celery workers import them (docs/operations.md).",
        )

    def handle(self, *args, paths, force, workers, max_bytes, queue=False, **options):
        paths = [Path(p) for p in paths] or [Path(settings.BASE_DIR) / "seeds"]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")
        if workers < 1:
            raise CommandError("--workers must be at least 1")

        show_bar = sys.stderr.isatty() and options.get("verbosity", 1) > 0
        if queue:
            return self.enqueue(paths, force=force, max_bytes=max_bytes, show_bar=show_bar)
        with tqdm(
            total=count_inputs(paths) if show_bar else None, desc="Importing", unit="article", disable=not show_bar
        ) as bar:
            importer = Importer(force=force, workers=workers, max_bytes=max_bytes, on_progress=lambda: bar.update(1))
            summary = importer.run(paths)

        counts = summary.counts
        self.stdout.write(
            f"Imported {counts['imported']}, replaced {counts['replaced']}, "
            f"unchanged {counts['unchanged']}, failed {counts['failed']}."
        )
        for origin, note in summary.notes:
            self.stdout.write(f"NOTE {origin}: {note}")
        for origin, reason in summary.failures:
            self.stderr.write(f"FAILED {origin}: {reason}")
        if not any(counts.values()):
            self.stderr.write(f"No importable files (.txt, .html, .json, .jsonl) under: {', '.join(map(str, paths))}")
        if summary.interrupted:
            raise CommandError("Interrupted: stopped after the last stored article; run again to finish.", returncode=1)
        if summary.failures:
            raise CommandError(f"{len(summary.failures)} input(s) failed to import", returncode=1)

    def enqueue(self, paths, *, force, max_bytes, show_bar):
        """--queue: read the inputs as a stream and send each article to the broker; no NLP here."""
        from kombu.exceptions import OperationalError as BrokerError

        from articles import tasks

        try:
            broker = tasks.broker_check()
        except BrokerError as error:
            raise CommandError(f"Cannot reach the Celery broker (CELERY_BROKER_URL): {error}") from error
        failures, sent = [], 0
        with tqdm(
            total=count_inputs(paths) if show_bar else None, desc="Queueing", unit="article", disable=not show_bar
        ) as bar:

            def failed(origin, reason):
                failures.append((origin, reason))
                bar.update(1)

            try:
                with tasks.article_publisher(force=force) as send:
                    for source in iter_sources(paths, max_bytes=max_bytes, on_error=failed):
                        send(source)
                        sent += 1
                        bar.update(1)
            except (BrokerError, KeyboardInterrupt) as error:
                reason = "Interrupted" if isinstance(error, KeyboardInterrupt) else f"Broker error: {error}"
                raise CommandError(
                    f"{reason} after {sent} article(s) were queued; queueing the same inputs again is safe.",
                    returncode=1,
                ) from error

        self.stdout.write(
            f"Enqueued {sent} article(s) on queue '{tasks.queue_name()}' at {broker}, failed {len(failures)}."
        )
        for origin, reason in failures:
            self.stderr.write(f"FAILED {origin}: {reason}")
        if not sent and not failures:
            self.stderr.write(f"No importable files (.txt, .html, .json, .jsonl) under: {', '.join(map(str, paths))}")
        if failures:
            raise CommandError(f"{len(failures)} input(s) failed to import", returncode=1)
