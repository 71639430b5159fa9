"""The Celery application. Workers: ``celery -A ingest worker``; beat: ``celery -A ingest beat``."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("cofio")
# Every CELERY_* Django setting configures the app (see config/settings/base.py).
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["ingest"])
