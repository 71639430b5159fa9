"""Region tags: someone or something on a region of a picture ("Mam-gu, second from left").

Moderated like descriptions: a trusted member's or a curator's tag is approved at once, anyone
else's waits for a curator. Regions are in full-size pixels of the asset (upright) and must lie
within it.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..access import can_moderate_region_tags
from ..models import Asset, AuditEvent, Item, Person, RegionTag
from ..models.moderation import Moderation
from ..signals import item_changed_announce
from .audit import audit_record
from .moderation import contribution_moderation
from .notify import contributor_notify

LABEL_LENGTH = 300
TELLER_LENGTH = 150
REASON_LENGTH = 2000


def region_check(asset: Asset | None, region, field: str = "region") -> tuple[int, int, int, int]:
    """``region`` ([x, y, w, h]) as four whole numbers inside ``asset``'s picture; ValidationError naming ``field``."""
    if asset is None:
        raise ValidationError({field: _("There is no picture to point at.")})
    try:
        x, y, w, h = (int(v) for v in region)
        if any(float(v) != int(v) for v in region):
            raise ValueError
    except (TypeError, ValueError, OverflowError):  # float() overflows on more than 308 digits
        raise ValidationError({field: _("Give the region as four whole numbers: x, y, width, height.")}) from None
    if not (asset.width and asset.height):
        raise ValidationError({field: _("This picture has not been processed yet, so its size is not known.")})
    if x < 0 or y < 0:
        raise ValidationError({field: _("The region starts outside the picture (x and y cannot be negative).")})
    if w <= 0 or h <= 0:
        raise ValidationError({field: _("The region is empty (its width and height must be more than 0).")})
    if x + w > asset.width or y + h > asset.height:
        raise ValidationError({field: _("The region goes outside the picture, which is %(width)s × %(height)s "
                                        "pixels.") % {"width": asset.width, "height": asset.height}})
    return x, y, w, h


@transaction.atomic
def region_tag_create(item: Item, asset: Asset, author, x, y, w, h, label: str, person: Person | None = None,
                      motivation: str = RegionTag.Motivation.IDENTIFYING, teller_name: str = "",
                      language: str = "") -> RegionTag:
    """Tag a region of one of ``item``'s pictures; approved at once for trusted members and curators.

    Raises ``ValidationError`` naming the field: a region outside the picture, an empty or long
    label, an unknown motivation, a picture of another item.
    """
    if asset is None or asset.item_id != item.pk:
        raise ValidationError({"asset": _("This picture is not part of this item.")})
    x, y, w, h = region_check(asset, (x, y, w, h))
    label = " ".join((label or "").split())
    if not label and person is not None:
        label = person.name
    if not label:
        raise ValidationError({"label": _("Say who or what is there.")})
    if len(label) > LABEL_LENGTH:
        raise ValidationError({"label": _("Please keep it under %(limit)s characters.") % {"limit": LABEL_LENGTH}})
    if motivation not in RegionTag.Motivation.values:
        raise ValidationError({"motivation": _("Choose one of: %(choices)s.")
                               % {"choices": ", ".join(RegionTag.Motivation.values)}})
    teller_name = " ".join((teller_name or "").split())
    if len(teller_name) > TELLER_LENGTH:
        raise ValidationError({"teller_name": _("Please keep it under %(limit)s characters.")
                               % {"limit": TELLER_LENGTH}})
    approved = contribution_moderation(author) == Moderation.APPROVED
    tag = RegionTag.objects.create(
        item=item, asset=asset, x=x, y=y, w=w, h=h, label=label, person=person, motivation=motivation,
        author=author, teller_name=teller_name, language=language if language in ("cy", "en") else "",
        moderation=Moderation.APPROVED if approved else Moderation.PENDING,
        moderated_by=author if approved else None, moderated_at=timezone.now() if approved else None,
    )
    audit_record(item, AuditEvent.Action.TAGGED, author, tag=tag.pk, asset=asset.pk, region=[x, y, w, h],
                 person=person.pk if person else None, moderation=tag.moderation)
    if approved:
        item_changed_announce(item)
    return tag


def _about(tag: RegionTag) -> dict:
    return {"label": tag.label, "reference": tag.item.accession_number or str(tag.item_id)}


@transaction.atomic
def _require_moderator(actor) -> None:
    if not can_moderate_region_tags(actor):
        raise PermissionDenied(_("Only curators can approve or turn down region tags."))


def region_tag_approve(tag: RegionTag, actor) -> RegionTag:
    """A curator approves ``tag``: it is shown to everyone who may see the picture, and in the manifest."""
    _require_moderator(actor)
    tag.moderation, tag.moderation_reason = Moderation.APPROVED, ""
    tag.moderated_by, tag.moderated_at = actor, timezone.now()
    tag.save(update_fields=["moderation", "moderation_reason", "moderated_by", "moderated_at"])
    audit_record(tag.item, AuditEvent.Action.APPROVED, actor, tag=tag.pk)
    item_changed_announce(tag.item)
    contributor_notify(tag.author, _("Your tag on %(reference)s was approved"),
                       _("Thank you. What you said is in the picture (\"%(label)s\") on %(reference)s is now "
                         "shown in the archive."), **_about(tag))
    return tag


@transaction.atomic
def region_tag_reject(tag: RegionTag, actor, reason: str = "") -> RegionTag:
    """A curator does not accept ``tag``, with a reason its author sees; it is no longer shown to others."""
    _require_moderator(actor)
    reason = (reason or "").strip()
    if len(reason) > REASON_LENGTH:
        raise ValidationError({"reason": _("Please keep it under %(limit)s characters.") % {"limit": REASON_LENGTH}})
    tag.moderation, tag.moderation_reason = Moderation.REJECTED, reason
    tag.moderated_by, tag.moderated_at = actor, timezone.now()
    tag.save(update_fields=["moderation", "moderation_reason", "moderated_by", "moderated_at"])
    audit_record(tag.item, AuditEvent.Action.REJECTED, actor, tag=tag.pk, reason=reason)
    item_changed_announce(tag.item)
    contributor_notify(tag.author, _("Your tag on %(reference)s was not accepted"),
                       _("A curator did not accept your tag (\"%(label)s\") on %(reference)s. Their reason: "
                         "%(reason)s"), reason=reason or "—", **_about(tag))
    return tag
