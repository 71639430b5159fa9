"""Which changes to the database reach the search index.

:mod:`archive.changes` says which items a change affects; here they are recorded in the outbox, in
the same transaction as the change (so a withdrawal or a switch to private is never lost, and is
hidden from searches as soon as it commits), and their update is queued once that transaction
commits.
"""
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from archive.changes import items_affected
from archive.models import Place, Stop, Trail
from archive.trail_changes import trails_affected

from .indexing import changes_record, trail_changes_record
from .synonyms import place_names_changed


@receiver(items_affected, dispatch_uid="search.items_affected")
def _items_affected(sender, item_ids, **kwargs):
    changes_record(item_ids)


@receiver(trails_affected, dispatch_uid="search.trails_affected")
def _trails_affected(sender, trail_ids, source=None, **kwargs):
    """A trail's document follows the trail; its items' documents name the trails they are on, so when the trail
    itself or its stops change (title, status, stops), its items are indexed again too. (When one of its items
    changes, that item is indexed again through ``items_affected``: the others' documents stay as they are.)"""
    trail_changes_record(trail_ids)
    if source in (Trail, Stop):
        changes_record(Stop.objects.filter(trail_id__in=trail_ids, item__isnull=False)
                       .values_list("item_id", flat=True))


@receiver(pre_save, sender=Stop, dispatch_uid="search.stop_item_changing")
def _stop_item_changing(sender, instance, raw=False, update_fields=None, **kwargs):
    """A stop moved to another item: the item it leaves may no longer be on any trail."""
    if instance.pk is None or raw or (update_fields is not None and "item" not in update_fields):
        return
    before = Stop.objects.filter(pk=instance.pk).values_list("item_id", flat=True).first()
    if before and before != instance.item_id:
        changes_record([before])


@receiver(pre_delete, sender=Stop, dispatch_uid="search.stop_deleted")
def _stop_deleted(sender, instance, **kwargs):
    """A stop removed (or its trail deleted): its item may no longer be on any trail."""
    changes_record([instance.item_id])


@receiver(post_save, sender=Place, dispatch_uid="search.place_saved")
@receiver(pre_delete, sender=Place, dispatch_uid="search.place_deleted")
def _place_changed(sender, instance, **kwargs):
    """A place's names are query-time synonyms: forget the cached groups."""
    place_names_changed()
