"""Celery tasks: thin wrappers that take ids and call the pipeline.

All are acknowledged late and rejected (so redelivered) if the worker is lost;
all are idempotent, so a redelivery does no harm.
"""
from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from .fixity import fixity_audit
from .pipeline import item_process
from .redaction import asset_redact as asset_redact_run


@shared_task(name="ingest.ingest_item", acks_late=True, reject_on_worker_lost=True,
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5,
             soft_time_limit=settings.COFIO_INGEST_SOFT_TIME_LIMIT,
             time_limit=settings.COFIO_INGEST_SOFT_TIME_LIMIT + 60)
def ingest_item(item_id: int) -> str:
    """Process an uploaded item (idempotent: safe to run again for the same id)."""
    return item_process(item_id)


@shared_task(name="ingest.fixity_audit", acks_late=True, reject_on_worker_lost=True)
def fixity_audit_run(limit: int | None = None) -> dict:
    """Re-hash the least recently checked originals (the scheduled, rolling fixity audit)."""
    return fixity_audit(limit or settings.COFIO_FIXITY_BATCH)


@shared_task(name="ingest.asset_redact", acks_late=True, reject_on_worker_lost=True,
             autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5,
             soft_time_limit=settings.COFIO_INGEST_SOFT_TIME_LIMIT,
             time_limit=settings.COFIO_INGEST_SOFT_TIME_LIMIT + 60)
def asset_redact(asset_id: int) -> str:
    """Make an asset's display copies and tiles again with its redactions blurred (idempotent)."""
    return asset_redact_run(asset_id)
