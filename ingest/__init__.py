"""Ingest: the Celery app and the pipeline that turns uploads into catalogued items."""
from .celery import app as celery_app

__all__ = ["celery_app"]
