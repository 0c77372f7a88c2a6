"""De-duplicates what is stored without stories or statements: a database from before de-duplication,
or a bulk load made with NEWSAPI_DEDUPLICATE=0. Resumable: each batch commits, and a new run picks up
the articles and quotes still left."""

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from articles import duplicates, services
from articles.models import Article, Quote


class Command(BaseCommand):
    help = "Put stored articles in stories and their quotes in statements (what the import does as it goes)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=100, help="Articles a transaction (default: 100).")

    def handle(self, *args, batch_size, **options):
        pending = Article.objects.filter(story__isnull=True) | Article.objects.filter(quotes__isnull=False, quotes__statement__isnull=True)
        pending = pending.distinct().order_by("id")  # import order: the first imported copy stays the original
        total = pending.count()
        done = 0
        with tqdm(total=total, unit="article", disable=total == 0 or options["verbosity"] == 0) as bar:
            last_id = 0
            while batch := list(pending.filter(id__gt=last_id).only("id", "body", "story_id")[:batch_size]):
                with transaction.atomic():
                    for article in batch:
                        if article.story_id is None:
                            duplicates.story_assign(article=article)
                        duplicates.statements_assign(
                            quotes=list(Quote.objects.filter(article=article, statement__isnull=True).select_related("article"))
                        )
                    services.data_changed()
                last_id = batch[-1].id
                done += len(batch)
                bar.update(len(batch))
        self.stdout.write(f"De-duplicated {done} article(s).")
