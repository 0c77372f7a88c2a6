"""Runs the extraction on files without touching the database and prints what it finds."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.extraction.pipeline import extract_article
from articles.extraction.readers import ReaderError, iter_input_files, read_path


class Command(BaseCommand):
    help = "Print the extraction of each article: one JSON object per line (--format json) or readable text."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders.")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, paths, format, **options):
        failed = 0
        for path in iter_input_files([Path(p) for p in paths]):
            try:
                for item in read_path(path):
                    if isinstance(item, ReaderError):
                        failed += 1
                        self.stderr.write(f"FAILED {item.origin}: {item.message}")
                        continue
                    record = extract_article(item).as_dict()
                    self.stdout.write(json.dumps(record, ensure_ascii=False) if format == "json" else as_text(record))
            except (ReaderError, OSError) as error:
                failed += 1
                origin = getattr(error, "origin", str(path))
                self.stderr.write(f"FAILED {origin}: {getattr(error, 'message', None) or error}")
        if failed:
            raise CommandError(f"{failed} input(s) could not be read", returncode=1)


def as_text(record: dict) -> str:
    """The extraction laid out for a person to read."""
    lines = [
        f"== {record['file']}",
        f"Headline:  {record['headline']}",
        f"Source:    {record['source']}",
        f"Authors:   {', '.join(record['authors']) or '-'}",
        f"Published: {record['published'] or '-'}",
        f"Language:  {record['language']}",
        "",
        "Body:",
        *(f"  [{i}] {paragraph}" for i, paragraph in enumerate(record["paragraphs"])),
        "",
        "Images:",
        *(f"  - {image['caption']} (credit: {image['credit'] or '-'})" for image in record["images"]),
        "Dropped lines:",
        *(f"  - [{line['reason']}] {line['text']}" for line in record["boilerplate"]),
        "People:",
        *(
            f"  - {p['name']} x{p['mentions']}"
            + (f"; aliases: {', '.join(p['aliases'])}" if p["aliases"] else "")
            + (f"; roles: {', '.join(p['roles'])}" if p["roles"] else "")
            for p in record["people"]
        ),
        "Quotes:",
        *(
            f"  - [{q['kind']}] {q['speaker'] or '?'}{'' if q['speaker_is_person'] else ' (not a person)'}"
            f" {q['cue'] or '-'}: \u201c{q['text']}\u201d (paragraph {q['paragraph']})"
            for q in record["quotes"]
        ),
        "Topics:",
        *(f"  - {t['name']} ({t['kind']}, {t['score']:.2f})" for t in record["topics"]),
        *(f"Note: {note}" for note in record["notes"]),
        "",
    ]
    return "\n".join(lines)
