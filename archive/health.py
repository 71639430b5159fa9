"""Health of the services the archive depends on: database, broker, search engine."""
import socket
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from kombu import Connection

TIMEOUT = 2.0


def _database() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return None


def _broker() -> str | None:
    url = settings.CELERY_BROKER_URL
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS or {}
    if url.startswith("filesystem"):
        for key in ("data_folder_in", "data_folder_out"):
            if not Path(options.get(key, "")).is_dir():
                raise OSError(f"the broker folder {options.get(key)} is missing")
        return None
    with Connection(url, transport_options=options, connect_timeout=TIMEOUT) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=TIMEOUT)
    return None


def _search() -> str | None:
    """The search engine, through the search app's engine module (the one place that talks to it)."""
    if not settings.SEARCH_URL:
        return "not configured"
    parts = urlsplit(settings.SEARCH_URL)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"SEARCH_URL must be http(s), not {parts.scheme!r}")
    from .search.engine import engine_health
    from .search.models import IndexState, TrailIndexState

    note = engine_health()
    waiting = sum(model.objects.filter(pending=True, attempts__gt=0).count() for model in (IndexState, TrailIndexState))
    return f"{note}; {waiting} change(s) waiting to reach the index" if waiting else note


def _fixity() -> str | None:
    """Originals that failed their latest fixity check: a warning note, never a 'down' (no 503)."""
    from .services import fixity_alarms

    failed = fixity_alarms().count()
    return f"ALARM: {failed} original(s) failed their fixity check; see the admin" if failed else None


CHECKS = {"database": _database, "broker": _broker, "search": _search, "fixity": _fixity}


def services_health() -> dict:
    """Each service's state: ``{"database": {"ok": True}, "broker": {"ok": False, "error": "..."}, ...}``.

    The search engine counts only once it is configured (SEARCH_URL).
    """
    report = {}
    for name, check in CHECKS.items():
        try:
            note = check()
            report[name] = {"ok": True, **({"note": note} if note else {})}
        except (OSError, socket.timeout, ValueError, Exception) as exc:  # every failure is a 'down'
            report[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return report
