"""Django app config for the archive domain."""
from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """Items, assets, people, places, subjects, collections and their audit log."""

    name = "archive"
    verbose_name = "Archive"

    def ready(self):
        """Register the system checks and the receivers that say which items a change affects."""
        from . import changes, checks  # noqa: F401
