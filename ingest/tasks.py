"""Celery tasks: thin wrappers that take ids and call the pipeline."""
from celery import shared_task

from .pipeline import item_process


@shared_task(name="ingest.ingest_item", acks_late=True, reject_on_worker_lost=True)
def ingest_item(item_id: int) -> str:
    """Process an uploaded item (idempotent: safe to run again for the same id)."""
    return item_process(item_id)
