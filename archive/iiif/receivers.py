"""Keeping ``Item.updated_at`` the moment anything a manifest shows last changed.

Manifests are cached by item id and ``updated_at`` (:mod:`archive.iiif.caching`), and their ETag
and Last-Modified come from the same. Saving an item moves ``updated_at`` by itself; these
receivers move it too when something the manifest shows changes without saving the item: a voice
added, edited or removed; an asset or its tiles (re)made; people, subjects or collections linked;
a person, place, subject or collection renamed; a contributor's credited name changed. The change
is a single UPDATE in the same transaction, so every process (web, worker, management commands)
sees it, whatever cache backend each one has.
"""
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from archive.models import Asset, Collection, Derivative, Description, Item, Person, Place, RegionTag, Subject

# Asset fields a manifest shows (fixity checks and perceptual hashes change nothing in it).
ASSET_FIELDS = {"item", "item_id", "position", "page", "width", "height", "media_type"}
# User fields a credit is made from (signing in saves last_login only).
CREDIT_FIELDS = {"display_name", "first_name", "last_name", "username"}


def items_touch(item_ids) -> None:
    """Mark these items as changed now (one UPDATE; no signals, so nothing else is re-triggered)."""
    ids = {int(pk) for pk in item_ids if pk}
    if ids:
        Item.objects.filter(pk__in=ids).update(updated_at=timezone.now())


def _shows(update_fields, fields: set[str]) -> bool:
    return update_fields is None or bool(set(update_fields) & fields)


@receiver(post_save, sender=Item, dispatch_uid="iiif.item_saved")
def _item_saved(sender, instance, created, update_fields=None, **kwargs):
    if update_fields is not None and "updated_at" not in update_fields:  # auto_now is not written then
        items_touch([instance.pk])


@receiver(post_save, sender=Description, dispatch_uid="iiif.description_saved")
@receiver(post_delete, sender=Description, dispatch_uid="iiif.description_deleted")
def _description_changed(sender, instance, **kwargs):
    items_touch([instance.item_id])


@receiver(post_save, sender=Asset, dispatch_uid="iiif.asset_saved")
def _asset_saved(sender, instance, update_fields=None, **kwargs):
    if _shows(update_fields, ASSET_FIELDS):
        items_touch([instance.item_id])


@receiver(post_delete, sender=Asset, dispatch_uid="iiif.asset_deleted")
def _asset_deleted(sender, instance, **kwargs):
    items_touch([instance.item_id])


@receiver(post_save, sender=Derivative, dispatch_uid="iiif.derivative_saved")
@receiver(post_delete, sender=Derivative, dispatch_uid="iiif.derivative_deleted")
def _derivative_changed(sender, instance, **kwargs):
    items_touch(Asset.objects.filter(pk=instance.asset_id).values_list("item_id", flat=True))


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:  # the items are about to be unlinked: note them now
        instance._iiif_cleared = list(instance.items.values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        items_touch([instance.pk])
    elif action == "post_clear":
        items_touch(getattr(instance, "_iiif_cleared", []))
    else:
        items_touch(pk_set or [])


for _through in (Item.people.through, Item.subjects.through, Item.collections.through):
    m2m_changed.connect(_links_changed, sender=_through, dispatch_uid=f"iiif.m2m.{_through.__name__}")


@receiver(post_save, sender=Place, dispatch_uid="iiif.place_saved")
@receiver(post_save, sender=Person, dispatch_uid="iiif.person_saved")
@receiver(post_save, sender=Subject, dispatch_uid="iiif.subject_saved")
@receiver(post_save, sender=Collection, dispatch_uid="iiif.collection_saved")
@receiver(pre_delete, sender=Place, dispatch_uid="iiif.place_deleted")
@receiver(pre_delete, sender=Person, dispatch_uid="iiif.person_deleted")
@receiver(pre_delete, sender=Subject, dispatch_uid="iiif.subject_deleted")
@receiver(pre_delete, sender=Collection, dispatch_uid="iiif.collection_deleted")
def _vocabulary_changed(sender, instance, created=False, **kwargs):
    if not created:
        items_touch(instance.items.values_list("pk", flat=True))


@receiver(post_save, sender=get_user_model(), dispatch_uid="iiif.user_saved")
def _user_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or not _shows(update_fields, CREDIT_FIELDS):
        return
    credited = Q(contributor_id=instance.pk) | Q(descriptions__author_id=instance.pk)
    items_touch(Item.objects.filter(credited).values_list("pk", flat=True).distinct())


# Region tags are annotations in the manifest; a person's consent changes the label tags show.
@receiver(post_save, sender=RegionTag, dispatch_uid="iiif.region_tag_saved")
@receiver(post_delete, sender=RegionTag, dispatch_uid="iiif.region_tag_deleted")
def _region_tag_changed(sender, instance, **kwargs):
    items_touch([instance.item_id])


@receiver(post_save, sender=Person, dispatch_uid="iiif.person_tagged_saved")
def _tagged_person_saved(sender, instance, created, **kwargs):
    if not created:
        items_touch(RegionTag.objects.filter(person=instance).values_list("item_id", flat=True))
