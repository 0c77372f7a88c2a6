"""The Celery app: workers on any number of machines import articles queued by `import_articles --queue`.

Configuration comes from Django settings (the ``CELERY_*`` names, see newsapi/settings.py and
docs/operations.md). Start a worker with ``celery -A newsapi worker``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")

app = Celery("newsapi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
