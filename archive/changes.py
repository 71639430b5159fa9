"""Which items a change to the database affects: decided here once, for every view kept in step.

Search (its outbox) and the IIIF manifest cache (``Item.updated_at``) both need to know, inside the
transaction that makes a change, which items it touches: an item saved or deleted; a voice, asset,
derivative or region tag of an item saved or deleted; people, subjects or collections linked or
unlinked; a person, place, subject or collection renamed or deleted; a contributor's credited name
changed. The receivers below turn each of these into one signal, ``items_affected``, with the ids of
the items concerned. This covers every way things change (services, the admin, the ingest pipeline),
not only what services announce after commit through :mod:`archive.signals`.

Listeners receive ``item_ids`` (a set of ints, never empty), ``item_saved`` (True when the item row
itself was just saved, so its ``updated_at`` is already new) and ``source`` (the model class that
changed). They run inside the transaction and must be cheap (record a row, run one UPDATE)::

    from archive.changes import items_affected
    items_affected.connect(record, dispatch_uid="search.items_affected")
"""
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import Signal, receiver

from .models import Asset, Collection, Derivative, Description, Item, Person, Place, RegionTag, Subject

items_affected = Signal()

# Asset fields shown anywhere (fixity checks and perceptual hashes change nothing a visitor sees).
ASSET_FIELDS = {"item", "item_id", "position", "page", "width", "height", "media_type", "redactions"}
# User fields a credit is made from (signing in saves last_login only).
CREDIT_FIELDS = {"display_name", "first_name", "last_name", "username"}


def items_affected_send(item_ids, source, *, item_saved: bool = False) -> None:
    """Tell the listeners that the items ``item_ids`` changed because ``source`` (a model class) did."""
    ids = {int(pk) for pk in item_ids if pk}
    if ids:
        items_affected.send(sender=source, item_ids=ids, item_saved=item_saved, source=source)


def _shows(update_fields, fields: set[str]) -> bool:
    return update_fields is None or bool(set(update_fields) & fields)


@receiver(post_save, sender=Item, dispatch_uid="changes.item_saved")
@receiver(post_delete, sender=Item, dispatch_uid="changes.item_deleted")
def _item_changed(sender, instance, update_fields=None, **kwargs):
    # auto_now is not written when update_fields leaves updated_at out: then the item is not "saved" for caches.
    saved = "created" in kwargs and (update_fields is None or "updated_at" in update_fields)
    items_affected_send([instance.pk], Item, item_saved=saved)


@receiver(post_save, sender=Description, dispatch_uid="changes.description_saved")
@receiver(post_delete, sender=Description, dispatch_uid="changes.description_deleted")
@receiver(post_save, sender=RegionTag, dispatch_uid="changes.region_tag_saved")
@receiver(post_delete, sender=RegionTag, dispatch_uid="changes.region_tag_deleted")
@receiver(post_delete, sender=Asset, dispatch_uid="changes.asset_deleted")
def _part_changed(sender, instance, **kwargs):
    items_affected_send([instance.item_id], sender)


@receiver(post_save, sender=Asset, dispatch_uid="changes.asset_saved")
def _asset_saved(sender, instance, update_fields=None, **kwargs):
    if _shows(update_fields, ASSET_FIELDS):
        items_affected_send([instance.item_id], Asset)


@receiver(post_save, sender=Derivative, dispatch_uid="changes.derivative_saved")
@receiver(post_delete, sender=Derivative, dispatch_uid="changes.derivative_deleted")
def _derivative_changed(sender, instance, **kwargs):
    items_affected_send(Asset.objects.filter(pk=instance.asset_id).values_list("item_id", flat=True), Derivative)


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:  # the items are about to be unlinked: note them now
        instance._changes_cleared = list(instance.items.values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        items_affected_send([instance.pk], sender)
    elif action == "post_clear":
        items_affected_send(getattr(instance, "_changes_cleared", []), sender)
    else:
        items_affected_send(pk_set or [], sender)


for _through in (Item.people.through, Item.subjects.through, Item.collections.through):
    m2m_changed.connect(_links_changed, sender=_through, dispatch_uid=f"changes.m2m.{_through.__name__}")


@receiver(post_save, sender=Place, dispatch_uid="changes.place_saved")
@receiver(post_save, sender=Person, dispatch_uid="changes.person_saved")
@receiver(post_save, sender=Subject, dispatch_uid="changes.subject_saved")
@receiver(post_save, sender=Collection, dispatch_uid="changes.collection_saved")
@receiver(pre_delete, sender=Place, dispatch_uid="changes.place_deleted")
@receiver(pre_delete, sender=Person, dispatch_uid="changes.person_deleted")
@receiver(pre_delete, sender=Subject, dispatch_uid="changes.subject_deleted")
@receiver(pre_delete, sender=Collection, dispatch_uid="changes.collection_deleted")
def _vocabulary_changed(sender, instance, created=False, **kwargs):
    """A renamed (or deleted) record changes every item that names it; a person also every item tagging them."""
    if created:
        return
    ids = set(instance.items.values_list("pk", flat=True))
    if sender is Person:
        ids |= set(RegionTag.objects.filter(person=instance).values_list("item_id", flat=True))
    items_affected_send(ids, sender)


@receiver(post_save, sender=get_user_model(), dispatch_uid="changes.user_saved")
def _user_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or not _shows(update_fields, CREDIT_FIELDS):
        return
    credited = Q(contributor_id=instance.pk) | Q(descriptions__author_id=instance.pk)
    items_affected_send(Item.objects.filter(credited).values_list("pk", flat=True).distinct(), sender)
