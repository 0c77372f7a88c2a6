"""Computes the running statistics (articles/tallies.py) from the stored rows, replacing the kept ones:
after a bulk load that wrote rows directly (benchmarks/synthetic_corpus.py, a database restored with
pg_restore), or to repair them. One transaction: readers see the old tallies until it commits."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from articles import services, tallies


class Command(BaseCommand):
    help = "Recompute the statistics' running tallies from the stored articles, quotes, topics and statements."

    def handle(self, *args, **options):
        started = time.perf_counter()
        with transaction.atomic():
            written = tallies.tallies_rebuild()
            services.data_changed()
        rows = ", ".join(f"{name} {count}" for name, count in written.items())
        self.stdout.write(f"Tallies rebuilt in {time.perf_counter() - started:.1f} s ({rows}).")
