"""Django app config for the ingest package."""
from django.apps import AppConfig


class IngestConfig(AppConfig):
    """Registers the ingest tasks and the HEIC/HEIF image opener."""

    name = "ingest"
    verbose_name = "Ingest"

    def ready(self):
        """Teach Pillow to open HEIC/HEIF photos from phones."""
        from pillow_heif import register_heif_opener

        register_heif_opener()
