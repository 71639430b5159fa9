"""Django app config for search."""
from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The search index of the archive and the outbox that keeps it in step with the database."""

    name = "archive.search"
    label = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Listen for changes to items (and what they refer to); register the Celery tasks."""
        from . import receivers, tasks  # noqa: F401
