"""Keeping ``Item.updated_at`` the moment anything a manifest shows last changed.

Manifests are cached by item id and ``updated_at`` (:mod:`archive.iiif.caching`), and their ETag
and Last-Modified come from the same. Saving an item moves ``updated_at`` by itself; when something
a manifest shows changes without saving the item (:mod:`archive.changes` says what and which items:
a voice, a region tag, an asset or its tiles, links, vocabulary, a contributor's credited name) it is
moved here too, by a single UPDATE in the same transaction, so every process (web, worker,
management commands) sees it, whatever cache backend each one has.

Trail manifests are cached by ``Trail.updated_at`` in the same way; :mod:`archive.trail_changes` moves it
when the trail, its stops or authors, or an item a stop uses change. A trail also credits its authors by
name, so an author's credited name changing moves it here.
"""
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from archive.changes import CREDIT_FIELDS, items_affected
from archive.models import Item, Trail
from archive.trail_changes import trails_touch


def items_touch(item_ids) -> None:
    """Mark these items as changed now (one UPDATE; no signals, so nothing else is re-triggered)."""
    ids = {int(pk) for pk in item_ids if pk}
    if ids:
        Item.objects.filter(pk__in=ids).update(updated_at=timezone.now())


@receiver(items_affected, dispatch_uid="iiif.items_affected")
def _items_affected(sender, item_ids, item_saved=False, **kwargs):
    if not item_saved:  # a saved item's updated_at is new already
        items_touch(item_ids)


@receiver(post_save, sender=get_user_model(), dispatch_uid="iiif.trail_author_renamed")
def _trail_author_renamed(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and not set(update_fields) & CREDIT_FIELDS):
        return
    trails_touch(Trail.objects.filter(authors__user_id=instance.pk).values_list("pk", flat=True))
