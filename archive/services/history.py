"""Histories of items and descriptions (django-simple-history), and reverting to an earlier version.

Reverting never deletes history: it saves the chosen version's values as a new version, recorded
(with who and why) in the history and in the item's audit log.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..access import can_moderate
from ..models import AuditEvent, Description, Item, Place
from ..signals import item_changed_announce
from .audit import audit_record

# What a curator may restore on an item: its catalogue, never its status, consent, licence or visibility
# (those belong to the contributor and to moderation).
ITEM_CATALOGUE_FIELDS = ["title_cy", "title_en", "date_text", "date_start", "date_end", "place"]
# The item's links, versioned too (HistoricalRecords m2m_fields): field → the column naming the linked record.
ITEM_LINKS = {"people": "person_id", "subjects": "subject_id", "collections": "collection_id"}
DESCRIPTION_FIELDS = ["text", "kind", "language", "teller_name"]
_HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


def _require_curator(actor) -> None:
    if not can_moderate(actor):
        raise PermissionDenied(_("Only curators can see and revert histories."))


def _value(record, field: str):
    """A field's value in a historical record: an id for the place, sorted ids for links."""
    if field in ITEM_LINKS:
        return sorted(getattr(record, field).values_list(ITEM_LINKS[field], flat=True))
    return getattr(record, f"{field}_id" if field == "place" else field)


def _version(record, previous, fields: list[str]) -> dict:
    """One version: who, when, what kind of change, which fields changed, and the values then."""
    values = {field: _value(record, field) for field in fields}
    if previous is None:
        changed = [f for f in fields if values[f] not in (None, "", [])]
    else:
        changed = [change.field for change in record.diff_against(previous, included_fields=fields).changes]
    user = record.history_user
    return {
        "history_id": record.history_id,
        "at": record.history_date,
        "by": user.credit_name if user else None,
        "by_id": user.pk if user else None,
        "change": _HISTORY_TYPES.get(record.history_type, record.history_type),
        "reason": record.history_change_reason or "",
        "changed": changed,
        "values": values,
    }


def _versions(history, fields: list[str]) -> list[dict]:
    records = list(history.select_related("history_user").order_by("history_date", "history_id"))
    versions = [_version(record, records[n - 1] if n else None, fields) for n, record in enumerate(records)]
    return list(reversed(versions))  # newest first


def description_history(description: Description) -> list[dict]:
    """Every version of a description, newest first (who, when, what changed, the words then)."""
    return _versions(description.history.all(), DESCRIPTION_FIELDS + ["moderation"])


def item_history(item: Item) -> list[dict]:
    """Every version of an item's catalogue record, newest first (who, when, which fields changed)."""
    return _versions(item.history.all(), ITEM_CATALOGUE_FIELDS + list(ITEM_LINKS)
                     + ["visibility", "moderation", "status"])


def _record(history, history_id):
    try:
        return history.get(history_id=int(history_id))
    except (ValueError, TypeError) as exc:
        raise ValidationError({"history_id": _("Give the number of a version from the history.")}) from exc
    except history.model.DoesNotExist as exc:
        raise ValidationError({"history_id": _("There is no such version in this history.")}) from exc


@transaction.atomic
def description_revert(description: Description, history_id, actor) -> Description:
    """A curator puts a description's words back as they were in version ``history_id``."""
    _require_curator(actor)
    record = _record(description.history.all(), history_id)
    for field in DESCRIPTION_FIELDS:
        setattr(description, field, getattr(record, field))
    description._history_user, description._change_reason = actor, f"reverted to version {record.history_id}"
    description.save(update_fields=[*DESCRIPTION_FIELDS, "updated_at"])
    audit_record(description.item, AuditEvent.Action.REVERTED, actor, description=description.pk,
                 history_id=record.history_id)
    item_changed_announce(description.item)
    return description


@transaction.atomic
def item_revert(item: Item, history_id, actor) -> Item:
    """A curator puts an item's catalogue (title, date, place, people, subjects, collections) back as it was
    in version ``history_id``."""
    _require_curator(actor)
    record = _record(item.history.all(), history_id)
    for field in ITEM_CATALOGUE_FIELDS:
        if field == "place":
            place_id = record.place_id if Place.objects.filter(pk=record.place_id).exists() else None
            item.place_id = place_id
        else:
            setattr(item, field, getattr(record, field))
    item._history_user, item._change_reason = actor, f"reverted to version {record.history_id}"
    item.save(update_fields=[*ITEM_CATALOGUE_FIELDS, "updated_at"])
    for field, column in ITEM_LINKS.items():  # records deleted since then are left out
        related = getattr(item, field).model
        getattr(item, field).set(related.objects.filter(pk__in=_value(record, field)))
    audit_record(item, AuditEvent.Action.REVERTED, actor, history_id=record.history_id,
                 fields=[*ITEM_CATALOGUE_FIELDS, *ITEM_LINKS])
    item_changed_announce(item)
    return item
