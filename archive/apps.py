"""Django app config for the archive domain."""
from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """Items, assets, people, places, subjects, collections and their audit log."""

    name = "archive"
    verbose_name = "Archive"

    def ready(self):
        """Register the system checks, the receivers that say which items a change affects, and the ``<id:…>``
        path converter every route naming a database record uses (:mod:`archive.ids`)."""
        from django.urls import register_converter

        from . import changes, checks, trail_changes  # noqa: F401
        from .ids import IdConverter

        register_converter(IdConverter, "id")
        # Failed passwords are counted for the sign-in limits (archive/services/sign_in_limits.py).
        from django.contrib.auth.signals import user_login_failed

        from .services.sign_in_limits import count_failed_sign_in

        user_login_failed.connect(count_failed_sign_in, dispatch_uid="cofio-count-failed-sign-in")
