"""Which trails a change to the database affects, and telling authors when a stop's item is hidden.

A trail shows its stops' items (titles, pictures, regions) and its cover, so a trail changes when it
or its stops or authors are saved, and also whenever :mod:`archive.changes` says one of those items
changed. Here every such change becomes one signal, ``trails_affected`` (``trail_ids``: a set of
ints, never empty), sent inside the transaction; its listeners must be cheap (search records the
trails in its outbox). ``Trail.updated_at`` (the trail manifest's version) is moved here too, by
one UPDATE, so a cached manifest is never served after a stop's item was withdrawn.

When a stop's item stops being shown to visitors (withdrawn, made private, held for review, its
picture hidden, deleted) the stop is shown as a placeholder from that same request on (the access
rules decide at each read); on a published trail its authors are also emailed once, after commit.
"""
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .access import shown_to_visitors
from .changes import items_affected
from .models import Item, Stop, Trail, TrailAuthor

trails_affected = Signal()


def trails_affected_send(trail_ids, source) -> None:
    """Tell the listeners that the trails ``trail_ids`` changed because ``source`` (a model class) did."""
    ids = {int(pk) for pk in trail_ids if pk}
    if ids:
        trails_affected.send(sender=source, trail_ids=ids, source=source)


def trails_touch(trail_ids) -> None:
    """Mark these trails as changed now (one UPDATE, no signals and no history version)."""
    ids = {int(pk) for pk in trail_ids if pk}
    if ids:
        Trail.objects.filter(pk__in=ids).update(updated_at=timezone.now())


@receiver(post_save, sender=Trail, dispatch_uid="trails.trail_saved")
@receiver(post_delete, sender=Trail, dispatch_uid="trails.trail_deleted")
def _trail_saved(sender, instance, **kwargs):
    trails_affected_send([instance.pk], Trail)


@receiver(post_save, sender=Stop, dispatch_uid="trails.stop_saved")
@receiver(post_delete, sender=Stop, dispatch_uid="trails.stop_deleted")
@receiver(post_save, sender=TrailAuthor, dispatch_uid="trails.author_saved")
@receiver(post_delete, sender=TrailAuthor, dispatch_uid="trails.author_deleted")
def _part_saved(sender, instance, **kwargs):
    trails_touch([instance.trail_id])
    trails_affected_send([instance.trail_id], sender)


@receiver(items_affected, dispatch_uid="trails.items_affected")
def _items_affected(sender, item_ids, **kwargs):
    trail_ids = set(Trail.objects.filter(Q(stops__item_id__in=item_ids) | Q(cover_item_id__in=item_ids))
                    .values_list("pk", flat=True))
    if not trail_ids:
        return
    trails_touch(trail_ids)
    _stops_shown_update(item_ids)
    trails_affected_send(trail_ids, sender)


def _stops_shown_update(item_ids) -> None:
    """Record which stops of these items visitors are shown now; tell authors of newly hidden ones."""
    items = {item.pk: item for item in Item.objects.filter(pk__in=item_ids)}
    hidden, shown = [], []
    for stop in Stop.objects.filter(item_id__in=item_ids).select_related("trail"):
        now = shown_to_visitors(items.get(stop.item_id))
        if now != stop.shown_to_visitors:
            (shown if now else hidden).append(stop)
    if shown:
        Stop.objects.filter(pk__in=[s.pk for s in shown]).update(shown_to_visitors=True)
    if hidden:
        Stop.objects.filter(pk__in=[s.pk for s in hidden]).update(shown_to_visitors=False)
        _authors_tell(hidden)


def _authors_tell(stops: list[Stop]) -> None:
    from .services.notify import contributor_notify

    for stop in stops:
        trail = stop.trail
        if trail.status != Trail.Status.PUBLISHED:
            continue
        for author in TrailAuthor.objects.filter(trail=trail).select_related("user"):
            contributor_notify(
                author.user, _("A stop on your story trail %(title)s is hidden"),
                _("The item at stop %(position)s of your story trail “%(title)s” is no longer shown to visitors "
                  "(its contributor withdrew it, made it private, or a curator is reviewing it). Visitors now see "
                  "your words for that stop without its picture. You may want to choose another item for it."),
                title=str(trail), position=stop.position)


@receiver(post_delete, sender=Item, dispatch_uid="trails.item_deleted")
def _item_deleted(sender, instance, **kwargs):
    """An item deleted outright leaves its stops without an item (SET_NULL): placeholders from now on."""
    stops = list(Stop.objects.filter(item__isnull=True, shown_to_visitors=True).select_related("trail"))
    if stops:
        Stop.objects.filter(pk__in=[s.pk for s in stops]).update(shown_to_visitors=False)
        trail_ids = {stop.trail_id for stop in stops}
        trails_touch(trail_ids)
        trails_affected_send(trail_ids, Item)
        _authors_tell(stops)
