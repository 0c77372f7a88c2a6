"""Scores the extraction against hand-checked gold files (format: docs/extraction.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.extraction.evaluation import format_report, load_gold, score_article, score_corpus
from articles.extraction.pipeline import extract_article
from articles.extraction.readers import ReaderError, read_path


class Command(BaseCommand):
    help = "Score quotes, speakers, people, headline, source and authors against gold annotations."

    def add_arguments(self, parser):
        parser.add_argument("gold_dir", help="Folder of gold JSON files.")
        parser.add_argument("--raw", dest="raw_dir", help="Folder of the raw files named by each gold file (default: gold_dir).")
        parser.add_argument("--verbose-articles", action="store_true", help="Also print each article's scores.")

    def handle(self, *args, gold_dir, raw_dir, verbose_articles, **options):
        gold_dir = Path(gold_dir)
        raw_dir = Path(raw_dir) if raw_dir else gold_dir
        gold_files = sorted(gold_dir.glob("*.json"))
        if not gold_files:
            raise CommandError(f"No gold .json files in {gold_dir}")
        pairs = []
        for gold_file in gold_files:
            gold = load_gold(gold_file)
            raw_path = raw_dir / gold["raw_file"]
            try:
                sources = [item for item in read_path(raw_path) if not isinstance(item, ReaderError)]
            except (ReaderError, OSError) as error:
                raise CommandError(f"{raw_path}: {getattr(error, 'message', None) or error}") from error
            if not sources:
                raise CommandError(f"{raw_path}: no article could be read")
            predicted = extract_article(sources[0]).as_dict()
            score = score_article(predicted, gold)
            pairs.append(score)
            if verbose_articles:
                self.stdout.write(f"== {gold_file.name}\n{format_report(score)}\n")
        self.stdout.write(format_report(score_corpus(pairs)))
