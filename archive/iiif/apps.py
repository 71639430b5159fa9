"""Django app config for IIIF."""
from django.apps import AppConfig


class IIIFConfig(AppConfig):
    """Manifests, collections, the Image API and Content Search over the archive."""

    name = "archive.iiif"
    label = "iiif"
    verbose_name = "IIIF"

    def ready(self):
        """Listen for changes to what manifests show (in every process: web, worker, commands)."""
        from . import receivers  # noqa: F401
