"""Celery tasks for search: they take ids, read the database afresh, and may run twice safely."""
import logging

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from .engine import EngineUnavailable
from .indexing import items_sync, outbox_drain, trails_sync

log = logging.getLogger(__name__)


@shared_task(name="search.sync_items", bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None,
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=True)
def sync_items(self, item_ids: list[int]) -> int:
    """Bring the index up to date for these items; while the engine is down, try again later.

    Waits 1, 2, 4 … seconds between tries (at most SEARCH_RETRY_MAX_DELAY) for up to
    SEARCH_SYNC_MAX_RETRIES tries; after that the changes wait in the outbox for the drain.
    """
    try:
        return items_sync(item_ids)
    except EngineUnavailable as exc:
        if self.request.retries >= settings.SEARCH_SYNC_MAX_RETRIES:
            log.warning("search engine still unavailable after %d tries; %d item(s) wait in the outbox: %s",
                        self.request.retries, len(item_ids), exc)
            return 0
        raise self.retry(exc=exc, countdown=min(settings.SEARCH_RETRY_MAX_DELAY, 2 ** self.request.retries))


@shared_task(name="search.sync_trails", bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None,
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=True)
def sync_trails(self, trail_ids: list[int]) -> int:
    """Bring the index up to date for these story trails; while the engine is down, try again later (as
    :func:`sync_items` does; after that the changes wait in the trails' outbox for the drain)."""
    try:
        return trails_sync(trail_ids)
    except EngineUnavailable as exc:
        if self.request.retries >= settings.SEARCH_SYNC_MAX_RETRIES:
            log.warning("search engine still unavailable after %d tries; %d trail(s) wait in the outbox: %s",
                        self.request.retries, len(trail_ids), exc)
            return 0
        raise self.retry(exc=exc, countdown=min(settings.SEARCH_RETRY_MAX_DELAY, 2 ** self.request.retries))


@shared_task(name="search.drain", acks_late=True, autoretry_for=(OperationalError, InterfaceError))
def drain() -> int:
    """Index every change still waiting in the outbox (run on a schedule by celery beat)."""
    try:
        return outbox_drain()
    except EngineUnavailable as exc:
        log.warning("search engine unavailable; the outbox waits for the next drain: %s", exc)
        return 0
