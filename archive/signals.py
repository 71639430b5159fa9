"""Signals other parts of Cofio listen to, to keep their views of the archive in sync.

``item_changed`` is sent, after the transaction that changed the item has committed,
whenever an item changes in a way that decides who sees it or what it shows: processed
(ready or failed), approved or rejected, its visibility changed, held for review or
released, withdrawn or purged. Receivers get ``item_id`` and ``status`` (never a model
instance: re-fetch what you need, and do not assume a status other than the one given has
not changed: moderation, visibility and holds change with the status staying ``ready``).
Search (``archive/search/receivers.py``) and the IIIF caches (``archive/iiif/receivers.py``)
also follow, inside the transaction, every change :mod:`archive.changes` finds, whatever changed. Search indexing and cache
invalidation connect here, e.g. in their AppConfig.ready()::

    from archive.signals import item_changed
    item_changed.connect(reindex_item, dispatch_uid="search.reindex_item")

A receiver that raises is logged and does not stop the others or the caller.
"""
import logging

from django.db import transaction
from django.dispatch import Signal

log = logging.getLogger(__name__)

item_changed = Signal()


def item_changed_send(item_id: int, status: str) -> None:
    """Send ``item_changed`` now, logging (not raising) any receiver's failure."""
    from .models import Item

    for receiver, result in item_changed.send_robust(sender=Item, item_id=item_id, status=status):
        if isinstance(result, Exception):
            log.error("item_changed receiver %r failed for item %s: %r", receiver, item_id, result,
                      exc_info=(type(result), result, result.__traceback__))


def item_changed_announce(item) -> None:
    """Announce that ``item`` changed once the current transaction commits (at once outside one)."""
    item_id, status = item.pk, item.status
    transaction.on_commit(lambda: item_changed_send(item_id, status))
