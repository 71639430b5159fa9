"""A trail's history (django-simple-history on the trail and on its stops) and putting it back as it was.

A version is one saved change of the trail or of one of its stops, with who made it and when.
Reverting to a version restores the trail's words and its stops (their items, regions, words and
order) as they stood at that moment, as a new version: history is never deleted. Stops whose item
may no longer be used (withdrawn, deleted) come back too: they show as placeholders, like any stop
whose item was hidden after publication.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..access import can_revert_trail
from ..models import Item, Stop, Trail

TRAIL_FIELDS = ["title_cy", "title_en", "introduction_cy", "introduction_en", "cover_item_id", "status"]
STOP_FIELDS = ["position", "item_id", "x", "y", "w", "h", "narrative_cy", "narrative_en", "lat", "lon",
               "directions_cy", "directions_en"]
_CHANGES = {"+": "created", "~": "changed", "-": "deleted"}


def _entry(record, kind: str) -> dict:
    user = record.history_user
    return {
        "history_id": record.history_id,
        "kind": kind,
        "stop": record.id if kind == "stop" else None,
        "at": record.history_date,
        "by": user.credit_name if user else None,
        "change": _CHANGES.get(record.history_type, record.history_type),
        "reason": record.history_change_reason or "",
    }


def trail_history(trail: Trail) -> list[dict]:
    """Every saved change of ``trail`` and its stops, newest first: who, when, what (a trail's ``history_id``
    is what :func:`trail_revert` takes)."""
    trail_records = trail.history.select_related("history_user")
    stop_records = Stop.history.filter(trail_id=trail.pk).select_related("history_user")
    entries = [_entry(r, "trail") for r in trail_records] + [_entry(r, "stop") for r in stop_records]
    return sorted(entries, key=lambda e: (e["at"], e["kind"] == "trail", e["history_id"]), reverse=True)


@transaction.atomic
def trail_revert(trail: Trail, history_id, actor) -> Trail:
    """A curator puts ``trail`` back as it was when its version ``history_id`` was saved: its words, cover,
    status and every stop. The revert is itself a new version."""
    if not can_revert_trail(actor):
        raise PermissionDenied(_("Only curators can put a trail back as it was."))
    trail = Trail.objects.select_for_update().get(pk=trail.pk)
    try:
        record = trail.history.get(history_id=int(history_id))
    except (TypeError, ValueError, OverflowError):
        raise ValidationError({"history_id": _("Give the number of a version from the history.")}) from None
    except Trail.history.model.DoesNotExist:
        raise ValidationError({"history_id": _("There is no such version in this trail's history.")}) from None
    moment = record.history_date
    then = {}
    for old in Stop.history.filter(trail_id=trail.pk, history_date__lte=moment).order_by("history_date",
                                                                                           "history_id"):
        if old.history_type == "-":
            then.pop(old.id, None)
        else:
            then[old.id] = old
    if not then and record.status == Trail.Status.PUBLISHED:
        raise ValidationError({"history_id": _("The trail had no stops then.")})
    reason = f"reverted to version {record.history_id}"
    existing_items = set(Item.objects.filter(pk__in=[old.item_id for old in then.values()])
                         .values_list("pk", flat=True))
    for stop in trail.stops.exclude(pk__in=list(then)):
        stop._history_user, stop._change_reason = actor, reason
        stop.delete()
    current = {stop.pk: stop for stop in trail.stops.all()}
    for pk, old in then.items():
        stop = current.get(pk) or Stop(pk=pk, trail=trail)
        values = {field: getattr(old, field) for field in STOP_FIELDS}
        if values["item_id"] not in existing_items:
            values["item_id"] = None
        if all(getattr(stop, field) == value for field, value in values.items()) and pk in current:
            continue
        for field, value in values.items():
            setattr(stop, field, value)
        stop._history_user, stop._change_reason = actor, reason
        stop.save()
    for field in TRAIL_FIELDS:
        value = getattr(record, field)
        if field == "cover_item_id" and value is not None and not Item.objects.filter(pk=value).exists():
            value = None
        setattr(trail, field, value)
    if trail.status == Trail.Status.PUBLISHED and trail.published_at is None:
        trail.published_at = record.published_at or moment
    trail._history_user, trail._change_reason = actor, reason
    trail.save()
    return trail
