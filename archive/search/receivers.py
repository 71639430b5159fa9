"""Which changes to the database reach the search index.

:mod:`archive.changes` says which items a change affects; here they are recorded in the outbox, in
the same transaction as the change (so a withdrawal or a switch to private is never lost, and is
hidden from searches as soon as it commits), and their update is queued once that transaction
commits.
"""
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from archive.changes import items_affected
from archive.models import Place

from .indexing import changes_record
from .synonyms import place_names_changed


@receiver(items_affected, dispatch_uid="search.items_affected")
def _items_affected(sender, item_ids, **kwargs):
    changes_record(item_ids)


@receiver(post_save, sender=Place, dispatch_uid="search.place_saved")
@receiver(pre_delete, sender=Place, dispatch_uid="search.place_deleted")
def _place_changed(sender, instance, **kwargs):
    """A place's names are query-time synonyms: forget the cached groups."""
    place_names_changed()
