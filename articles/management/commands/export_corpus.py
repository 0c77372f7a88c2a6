"""Writes every article with its original text and its extracted and curated data to a JSONL backup."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.backup import backup_records


class Command(BaseCommand):
    help = "Back up the corpus as JSONL; restore it with `import_articles FILE.jsonl` on an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSONL file to write ('-' for standard output).")

    def handle(self, *args, file, **options):
        count = 0
        try:
            handle = self.stdout if file == "-" else Path(file).open("w", encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror or error}") from error
        try:
            for record in backup_records():
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        finally:
            if handle is not self.stdout:
                handle.close()
        if file != "-":
            self.stdout.write(f"Wrote {count} article(s) to {file}.")
