"""Item-level moderation, visibility and withdrawal: what curators and contributors decide about an item.

Every change here is recorded in the item's audit trail and announced (``item_changed``) so that
search and the IIIF caches follow once the transaction commits; every public surface asks
:mod:`archive.access`, which reads the same fields, so a change shows in the same request.
Who may call what is checked by the callers (API views) with :mod:`archive.access`; these
functions check it again and raise ``PermissionDenied`` rather than trust them.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access import can_edit_item, can_moderate
from ..models import Asset, AuditEvent, Derivative, Description, Item, RegionTag
from ..models.moderation import Moderation
from ..signals import item_changed_announce
from .audit import audit_record
from .notify import contributor_notify

REASON_LENGTH = 2000


def contribution_moderation(contributor) -> str:
    """The moderation state a new contribution starts in: approved for trusted members and curators, else pending."""
    if contributor is not None and (getattr(contributor, "trusted", False) or can_moderate(contributor)):
        return Moderation.APPROVED
    return Moderation.PENDING


def _item_title(item: Item) -> str:
    return item.title_cy or item.title_en or item.accession_number or str(item.pk)


def _require_curator(actor) -> None:
    if not can_moderate(actor):
        raise PermissionDenied(_("Only curators can approve or reject contributions."))


def _moderate(item: Item, actor, state: str, reason: str = "") -> None:
    item.moderation, item.moderation_reason = state, reason
    item.moderated_by, item.moderated_at = actor, timezone.now()
    item.save(update_fields=["moderation", "moderation_reason", "moderated_by", "moderated_at", "updated_at"])


@transaction.atomic
def item_approve(item: Item, actor) -> Item:
    """A curator approves ``item``: it is published (if ready and public) and its contributor is told.

    The words the contributor sent with the upload (their pending descriptions) are approved with it.
    Approving an approved item changes nothing.
    """
    _require_curator(actor)
    if item.moderation == Moderation.APPROVED:
        return item
    _moderate(item, actor, Moderation.APPROVED)
    now = timezone.now()
    for description in item.descriptions.filter(author_id=item.contributor_id, moderation=Moderation.PENDING):
        description.moderation, description.moderated_by, description.moderated_at = Moderation.APPROVED, actor, now
        description.save(update_fields=["moderation", "moderated_by", "moderated_at", "updated_at"])
    audit_record(item, AuditEvent.Action.APPROVED, actor)
    item_changed_announce(item)
    contributor_notify(
        item.contributor, gettext_lazy("Your contribution %(title)s was approved"),
        gettext_lazy("Thank you for sharing %(title)s with the archive. A curator has approved it, so it can "
                     "now be seen by the people you chose."), title=_item_title(item))
    return item


@transaction.atomic
def item_reject(item: Item, actor, reason: str) -> Item:
    """A curator does not accept ``item``, for ``reason`` (required; the contributor reads it and is emailed it)."""
    _require_curator(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, in plain words: the contributor will read it.")})
    if len(reason) > REASON_LENGTH:
        raise ValidationError({"reason": _("Too long: at most %(max)s characters.") % {"max": f"{REASON_LENGTH:,}"}})
    _moderate(item, actor, Moderation.REJECTED, reason)
    audit_record(item, AuditEvent.Action.REJECTED, actor, reason=reason)
    item_changed_announce(item)
    contributor_notify(
        item.contributor, gettext_lazy("Your contribution %(title)s was not accepted"),
        gettext_lazy("Thank you for sharing %(title)s with the archive. A curator could not accept it, and said "
                     "why:\n\n%(reason)s\n\nYou can still see it in your own contributions."),
        title=_item_title(item), reason=reason)
    return item


def items_pending() -> QuerySet:
    """The moderation queue: items waiting for a curator, oldest first (a queryset)."""
    return (Item.objects.filter(moderation=Moderation.PENDING, purged_at__isnull=True)
            .exclude(status=Item.Status.WITHDRAWN).order_by("created_at", "id"))


@transaction.atomic
def items_bulk_approve(ids, actor) -> list[Item]:
    """Approve every pending item among ``ids`` (others are left as they are); returns those approved."""
    _require_curator(actor)
    wanted = sorted({int(pk) for pk in ids})
    items = list(Item.objects.select_for_update().filter(pk__in=wanted, moderation=Moderation.PENDING)
                 .order_by("id"))
    return [item_approve(item, actor) for item in items]


@transaction.atomic
def item_visibility_set(item: Item, actor, visibility: str) -> Item:
    """The contributor or a curator sets who may see ``item``: ``public``, ``members`` or ``private``."""
    if not can_edit_item(actor, item):
        raise PermissionDenied(_("Only the contributor or a curator can change who may see this item."))
    if visibility not in Item.Visibility.values:
        raise ValidationError({"visibility": _("Unknown visibility '%(value)s'. Choose one of: %(choices)s.") % {
            "value": visibility, "choices": ", ".join(Item.Visibility.values)}})
    if item.visibility != visibility:
        before = item.visibility
        item.visibility = visibility
        item.save(update_fields=["visibility", "updated_at"])
        audit_record(item, AuditEvent.Action.VISIBILITY_CHANGED, actor, before=before, after=visibility)
        item_changed_announce(item)
    return item


@transaction.atomic
def item_withdraw(item: Item, actor, reason: str = "", delete: bool = False) -> Item:
    """Withdraw ``item`` from every public surface at once; it is kept privately for the record.

    With ``delete`` its files, words and region tags are deleted as well (:func:`item_purge`).
    """
    if actor is not None and not can_edit_item(actor, item):
        raise PermissionDenied(_("Only the contributor or a curator can withdraw this item."))
    if item.status != Item.Status.WITHDRAWN:
        item.status, item.withdrawn_at = Item.Status.WITHDRAWN, timezone.now()
        item.save(update_fields=["status", "withdrawn_at", "updated_at"])
        audit_record(item, AuditEvent.Action.WITHDRAWN, actor, reason=reason, delete=delete)
        item_changed_announce(item)
    if delete:
        item_purge(item, actor)
    return item


def _unshared_originals(assets: list[Asset]) -> set[str]:
    """Stored originals of ``assets`` that no other item's asset names (identical uploads share one file)."""
    names = {asset.original.name for asset in assets if asset.original}
    ids = [asset.pk for asset in assets]
    shared = set(Asset.objects.filter(original__in=names).exclude(pk__in=ids).values_list("original", flat=True))
    return names - shared


@transaction.atomic
def item_purge(item: Item, actor) -> Item:
    """Delete ``item``'s files (originals no other item shares, display copies, tiles), words and region tags.

    The item's row stays (withdrawn, ``purged_at`` set, titles cleared) with its audit trail; the
    words are removed from the edit histories too. Files are removed once the transaction commits.
    """
    if item.purged_at is not None:
        return item
    if item.status != Item.Status.WITHDRAWN:
        return item_withdraw(item, actor, delete=True)
    assets = list(Asset.objects.filter(item=item))
    asset_ids = [asset.pk for asset in assets]
    paths = list(Derivative.objects.filter(asset__item=item).values_list("path", flat=True))
    originals = _unshared_originals(assets)
    counts = {"descriptions": item.descriptions.count(), "region_tags": RegionTag.objects.filter(item=item).count(),
              "assets": len(assets), "originals_deleted": len(originals)}
    RegionTag.objects.filter(item=item).delete()
    item.descriptions.all().delete()
    Description.history.filter(item_id=item.pk).delete()  # after: deleting records a "deleted" version too
    Derivative.objects.filter(asset__item=item).delete()
    Asset.objects.filter(item=item).delete()
    item.featured_description = None
    item.title_cy = item.title_en = ""
    item.purged_at = timezone.now()
    item.save(update_fields=["featured_description", "title_cy", "title_en", "purged_at", "updated_at"])
    item.history.all().update(title_cy="", title_en="")
    audit_record(item, AuditEvent.Action.PURGED, actor, **counts)
    item_changed_announce(item)
    transaction.on_commit(lambda: _files_remove(item.pk, paths, asset_ids, originals))
    return item


def _files_remove(item_id: int, paths: list[str], asset_ids: list[int], originals: set[str]) -> None:
    from django.core.files.storage import default_storage

    from ingest.derivatives import derivatives_remove

    derivatives_remove(item_id, paths, asset_ids)
    for name in originals:
        if not Asset.objects.filter(original=name).exists():  # not uploaded again meanwhile
            default_storage.delete(name)
