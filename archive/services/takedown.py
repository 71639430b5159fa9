"""Takedown requests: anyone asks for an item, or a face on it, to be taken down; curators decide.

A request is logged in the item's audit trail and the curators are emailed. A curator may hold
the item at once (hidden from everyone but curators and its contributor while they look), then
resolves the request:

- ``keep`` — nothing changes (the hold is released);
- ``hide_image`` — the pictures are hidden from visitors, the words stay (``Item.image_hidden``);
- ``blur_region`` — the request's region is added to the asset's redactions and its display
  copies and IIIF tiles are made again with it blurred (a Celery task, after commit); the item
  stays held until that is done; the original is never touched;
- ``delete`` — files and words are deleted; the record and its audit trail remain.

The requester is told the outcome by email when they gave an address. Every change is announced
(``item_changed_announce``) so search and IIIF caches follow after commit.
"""
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..access import can_handle_takedowns
from ..models import Asset, AuditEvent, Item, TakedownRequest
from ..selectors import curators_to_email
from ..signals import item_changed_announce
from .audit import audit_record
from .notify import contributor_notify
from .tags import region_check

REASON_LENGTH = 5000
NOTE_LENGTH = 5000

OUTCOMES = {
    TakedownRequest.Resolution.KEEP: _("A curator looked at your request about %(reference)s and decided to keep "
                                       "the item as it is."),
    TakedownRequest.Resolution.HIDE_IMAGE: _("A curator looked at your request about %(reference)s: its pictures "
                                             "are no longer shown to the public; the words about it stay."),
    TakedownRequest.Resolution.BLUR_REGION: _("A curator looked at your request about %(reference)s: the part of "
                                              "the picture you pointed out is now blurred."),
    TakedownRequest.Resolution.DELETE: _("A curator looked at your request about %(reference)s: its pictures and "
                                         "words have been deleted from the archive."),
}


def _reference(item: Item) -> str:
    return item.accession_number or str(item.pk)


def _picture_for(item: Item, asset: Asset | None, region) -> Asset | None:
    """The asset a request is about: the one named, else the item's first picture when a region is given."""
    if asset is not None:
        if asset.item_id != item.pk:
            raise ValidationError({"asset": _("This picture is not part of this item.")})
        return asset
    if region is None:
        return None
    first = item.assets.order_by("position", "page", "id").first()
    if first is None:
        raise ValidationError({"region": _("This item has no picture to point at.")})
    return first


def _curators_notify(request: TakedownRequest) -> None:
    for curator in curators_to_email():
        contributor_notify(
            curator, _("Takedown request for %(reference)s"),
            _("Someone asked for %(reference)s to be taken down. Their reason:\n\n%(reason)s\n\n"
              "Please look at the request (number %(number)s) soon; you can hide the item at once while you do."),
            reference=_reference(request.item), reason=request.reason, number=request.pk)


@transaction.atomic
def takedown_request_create(item: Item, reason: str, requester=None, name: str = "", email: str = "",
                            asset: Asset | None = None, region=None, language: str = "en") -> TakedownRequest:
    """Record a request (from anyone, signed in or not) to take ``item`` down, or a region of one of its pictures.

    ``region`` is ``[x, y, w, h]`` in full-size pixels of ``asset`` (the item's first picture when no
    asset is named). Raises ``ValidationError`` naming the field for a missing reason or a region
    outside the picture. Logged in the item's audit trail; curators are emailed after commit.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please say why this should be taken down.")})
    if len(reason) > REASON_LENGTH:
        raise ValidationError({"reason": _("Please keep the reason under %(limit)s characters.")
                               % {"limit": REASON_LENGTH}})
    asset = _picture_for(item, asset, region)
    if region is not None:
        region = list(region_check(asset, region))
    signed_in = requester if getattr(requester, "is_authenticated", False) else None
    request = TakedownRequest.objects.create(
        item=item, asset=asset, region=region, reason=reason, requester=signed_in,
        requester_name=(name or (signed_in.credit_name if signed_in else "")).strip()[:150],
        requester_email=(email or (signed_in.email if signed_in else "")).strip(),
    )
    audit_record(item, AuditEvent.Action.TAKEDOWN_REQUESTED, signed_in, request=request.pk,
                 asset=asset.pk if asset else None, region=region, language=language)
    _curators_notify(request)
    return request


def _require_handler(actor) -> None:
    if not can_handle_takedowns(actor):
        raise PermissionDenied(_("Only curators can hold or resolve takedown requests."))


@transaction.atomic
def takedown_hold(item: Item, actor, request: TakedownRequest | None = None) -> Item:
    """Hide ``item`` at once, pending review: only curators and its contributor still see it."""
    _require_handler(actor)
    item = Item.objects.select_for_update().get(pk=item.pk)
    if not item.held_for_review:
        item.held_for_review = True
        item.save(update_fields=["held_for_review", "updated_at"])
        audit_record(item, AuditEvent.Action.HELD, actor, request=request.pk if request else None)
        item_changed_announce(item)
    return item


@transaction.atomic
def takedown_hold_release(item: Item, actor=None, why: str = "") -> bool:
    """Release ``item``'s hold when no takedown request about it is still open; True when released."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    if not item.held_for_review or item.takedown_requests.filter(status=TakedownRequest.Status.OPEN).exists():
        return False
    item.held_for_review = False
    item.save(update_fields=["held_for_review", "updated_at"])
    audit_record(item, AuditEvent.Action.EDITED, actor, fields=["held_for_review"], held_for_review=False, why=why)
    item_changed_announce(item)
    return True


def _request_language(request: TakedownRequest) -> str:
    """The language the request was made in (recorded in the audit trail), for an anonymous requester."""
    event = request.item.audit_events.filter(action=AuditEvent.Action.TAKEDOWN_REQUESTED,
                                             detail__request=request.pk).first()
    return (event.detail.get("language") if event else None) or "en"


def _requester_notify(request: TakedownRequest) -> bool:
    """Tell the requester what was decided, when they gave an address (their account's, or the one they typed)."""
    address = request.requester_email or (request.requester.email if request.requester else "")
    if not address:
        return False
    language = getattr(request.requester, "preferred_language", None) or _request_language(request)
    recipient = SimpleNamespace(email=address, preferred_language=language)
    body = OUTCOMES[request.resolution]
    if request.resolution_note:
        body = format_lazy("{}\n\n{}", body, _("The curator's note: %(note)s"))
    return contributor_notify(recipient, _("Your takedown request about %(reference)s"), body,
                              reference=_reference(request.item), note=request.resolution_note)


def _enqueue_redaction(asset_id: int) -> None:
    from ingest.tasks import asset_redact

    transaction.on_commit(lambda: asset_redact.delay(asset_id))


@transaction.atomic
def takedown_resolve(request: TakedownRequest, actor, resolution: str, note: str = "") -> TakedownRequest:
    """A curator decides ``request``: ``keep``, ``hide_image``, ``blur_region`` or ``delete`` (see the module).

    Raises ``ValidationError`` naming the field for an unknown resolution, a request already
    resolved, or a blur asked for without a region. The requester is emailed after commit.
    """
    _require_handler(actor)
    request = TakedownRequest.objects.select_for_update(of=("self",)).select_related(
        "item", "asset", "requester").get(pk=request.pk)
    valid = TakedownRequest.Resolution.values
    if resolution not in valid:
        raise ValidationError({"resolution": _("Choose one of: %(choices)s.") % {"choices": ", ".join(valid)}})
    if request.status != TakedownRequest.Status.OPEN:
        raise ValidationError({"resolution": _("This request has already been resolved.")})
    note = (note or "").strip()
    if len(note) > NOTE_LENGTH:
        raise ValidationError({"note": _("Please keep the note under %(limit)s characters.") % {"limit": NOTE_LENGTH}})
    item = Item.objects.select_for_update().get(pk=request.item_id)
    if resolution == TakedownRequest.Resolution.BLUR_REGION and not (request.region and request.asset_id):
        raise ValidationError({"resolution": _("This request does not point at a part of a picture, so there is "
                                               "nothing to blur.")})

    request.status, request.resolution, request.resolution_note = TakedownRequest.Status.RESOLVED, resolution, note
    request.resolved_by, request.resolved_at = actor, timezone.now()
    request.save(update_fields=["status", "resolution", "resolution_note", "resolved_by", "resolved_at"])
    audit_record(item, AuditEvent.Action.TAKEDOWN_RESOLVED, actor, request=request.pk, resolution=resolution)

    if resolution == TakedownRequest.Resolution.HIDE_IMAGE and not item.image_hidden:
        item.image_hidden = True
        item.save(update_fields=["image_hidden", "updated_at"])
    elif resolution == TakedownRequest.Resolution.BLUR_REGION:
        _blur_decide(item, request, actor)
    elif resolution == TakedownRequest.Resolution.DELETE:
        from .moderation import item_withdraw

        item_withdraw(item, actor, reason=f"takedown request {request.pk}", delete=True)
        item.refresh_from_db()
    if resolution != TakedownRequest.Resolution.BLUR_REGION:
        takedown_hold_release(item, actor, why=f"takedown request {request.pk} resolved")
    item_changed_announce(item)
    _requester_notify(request)
    return request


def _blur_decide(item: Item, request: TakedownRequest, actor) -> None:
    """Add the region to the asset's redactions, keep the item held until it is blurred, queue the blur."""
    asset = Asset.objects.select_for_update().get(pk=request.asset_id)
    region = [int(v) for v in request.region]
    if region not in asset.redactions:
        asset.redactions = [*asset.redactions, region]
        asset.save(update_fields=["redactions"])
    if not item.held_for_review:
        item.held_for_review = True
        item.save(update_fields=["held_for_review", "updated_at"])
        audit_record(item, AuditEvent.Action.HELD, actor, request=request.pk, until="the region is blurred")
    _enqueue_redaction(asset.pk)


@transaction.atomic
def takedown_redaction_done(asset: Asset) -> bool:
    """The asset's display copies now carry its redactions: release the item's hold if nothing else is open."""
    audit_record(asset.item, AuditEvent.Action.EDITED, None, fields=["pictures"], asset=asset.pk,
                 redactions=asset.redactions, why="blurred after a takedown request")
    return takedown_hold_release(asset.item, why="region blurred")
