from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "News articles"

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_ensure_search_objects, sender=self)


def _ensure_search_objects(sender, using, **kwargs):
    # Search triggers and columns live outside the model state; put back any that a migration dropped.
    from django.db import connections

    from articles.search import ensure_search_objects

    ensure_search_objects(connections[using])
