"""Which changes to the database reach the search index.

Each receiver records the items whose documents change in the outbox, in the same transaction
as the change (so a withdrawal or a switch to private is never lost, and is hidden from searches
as soon as it commits), and their update is queued once that transaction commits. This covers
every way an item changes (services, the admin, the ingest pipeline), not only the status
changes announced by ``archive.signals.item_changed`` after commit.
"""
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from archive.models import Asset, Collection, Derivative, Description, Item, Person, Place, Subject

from .indexing import changes_record
from .synonyms import place_names_changed


@receiver(post_save, sender=Item, dispatch_uid="search.item_saved")
@receiver(post_delete, sender=Item, dispatch_uid="search.item_deleted")
def _item_changed(sender, instance, **kwargs):
    changes_record([instance.pk])


@receiver(post_save, sender=Description, dispatch_uid="search.description_saved")
@receiver(post_delete, sender=Description, dispatch_uid="search.description_deleted")
@receiver(post_save, sender=Asset, dispatch_uid="search.asset_saved")
@receiver(post_delete, sender=Asset, dispatch_uid="search.asset_deleted")
def _part_changed(sender, instance, **kwargs):
    changes_record([instance.item_id])


@receiver(post_save, sender=Derivative, dispatch_uid="search.derivative_saved")
def _derivative_changed(sender, instance, **kwargs):
    if instance.kind == Derivative.Kind.THUMBNAIL:  # the thumbnail's path is in the document
        changes_record(Asset.objects.filter(pk=instance.asset_id).values_list("item_id", flat=True))


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in ("pre_clear",) and reverse:  # the items are about to be unlinked: note them now
        instance._search_cleared = list(getattr(instance, "items").values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        changes_record([instance.pk])
    elif action == "post_clear":
        changes_record(getattr(instance, "_search_cleared", []))
    else:
        changes_record(pk_set or [])


for _through in (Item.people.through, Item.subjects.through, Item.collections.through):
    m2m_changed.connect(_m2m_changed, sender=_through, dispatch_uid=f"search.m2m.{_through.__name__}")


@receiver(post_save, sender=Place, dispatch_uid="search.place_saved")
@receiver(post_save, sender=Person, dispatch_uid="search.person_saved")
@receiver(post_save, sender=Subject, dispatch_uid="search.subject_saved")
@receiver(post_save, sender=Collection, dispatch_uid="search.collection_saved")
@receiver(pre_delete, sender=Place, dispatch_uid="search.place_deleted")
@receiver(pre_delete, sender=Person, dispatch_uid="search.person_deleted")
@receiver(pre_delete, sender=Subject, dispatch_uid="search.subject_deleted")
@receiver(pre_delete, sender=Collection, dispatch_uid="search.collection_deleted")
def _vocabulary_changed(sender, instance, created=False, **kwargs):
    """A renamed (or deleted) place, person, subject or collection changes every item that names it."""
    if sender is Place:
        place_names_changed()
    if not created:
        changes_record(instance.items.values_list("pk", flat=True))
