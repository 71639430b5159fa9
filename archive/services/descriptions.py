"""Descriptions: many voices per item, written, edited, moderated and featured.

Every change is recorded in the item's audit log and announced (``item_changed_announce``) so
that search and the IIIF caches refresh. Nobody's words are ever changed by someone else
without the author's consent, and every earlier version stays in the description's history.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access import can_edit_description, can_moderate
from ..models import AuditEvent, Description, Item
from ..models.moderation import Moderation
from ..signals import item_changed_announce
from .audit import audit_record
from .notify import contributor_notify

TEXT_MAX = 10_000
TELLER_MAX = 150
REASON_MAX = 2_000
LANGUAGES = ("cy", "en", "other", "zxx")


def _trusted(user) -> bool:
    return bool(getattr(user, "trusted", False) or can_moderate(user))


def _check(text: str, kind: str, language: str, teller_name: str) -> str:
    """The text, stripped; a ValidationError naming the field when something is wrong."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write something first: the text is empty.")})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": _("Too long: at most %(max)s characters.") % {"max": f"{TEXT_MAX:,}"}})
    if kind not in Description.Kind.values:
        raise ValidationError({"kind": _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(Description.Kind.values)}})
    if language not in LANGUAGES:
        raise ValidationError({"language": _("Choose one of: %(languages)s.") % {"languages": ", ".join(LANGUAGES)}})
    if len(teller_name or "") > TELLER_MAX:
        raise ValidationError({"teller_name": _("Too long: at most %(max)s characters.") % {"max": TELLER_MAX}})
    return text


def _save(description: Description, actor, reason: str, fields: list[str] | None = None) -> None:
    """Save with the actor and a reason in the description's history."""
    description._history_user = actor if getattr(actor, "is_authenticated", False) else None
    description._change_reason = reason
    description.save(update_fields=fields)


def description_credit(description: Description) -> str:
    """How the voice is credited: "Megan Evans", or "told by Dai Evans, written down by Megan Evans"."""
    writer = description.author.credit_name
    if description.teller_name:
        return _("told by %(teller)s, written down by %(writer)s") % {"teller": description.teller_name,
                                                                      "writer": writer}
    return writer


@transaction.atomic
def description_create(item: Item, author, text: str, kind: str = Description.Kind.MEMORY, language: str = "en",
                       teller_name: str = "") -> Description:
    """Add ``author``'s words to ``item``: approved at once for trusted members and curators, else pending.

    ``teller_name`` credits whose words these are when a facilitator (memory-day mode) writes them down.
    """
    teller_name = (teller_name or "").strip()
    text = _check(text, kind, language, teller_name)
    approved = _trusted(author)
    description = Description(item=item, author=author, text=text, kind=kind, language=language,
                              teller_name=teller_name,
                              moderation=Moderation.APPROVED if approved else Moderation.PENDING)
    if approved:
        description.moderated_by, description.moderated_at = author, timezone.now()
    _save(description, author, "created")
    audit_record(item, AuditEvent.Action.DESCRIBED, author, description=description.pk, kind=kind,
                 language=language, moderation=description.moderation,
                 **({"teller_name": teller_name} if teller_name else {}))
    item_changed_announce(item)
    return description


@transaction.atomic
def description_edit(description: Description, actor, *, text: str | None = None, language: str | None = None,
                     kind: str | None = None, teller_name: str | None = None,
                     with_consent: bool = False) -> Description:
    """Change a description's words. Only its author may, or a curator who has the author's consent
    (``with_consent``, recorded in the audit log). The earlier version stays in its history.

    A member's edit to words that were already approved waits for a curator again (trusted members and
    curators excepted).
    """
    if not can_edit_description(actor, description):
        raise PermissionDenied(_("Only the person who wrote these words, or a curator, can change them."))
    by_author = description.author_id == actor.pk
    if not by_author and not with_consent:
        raise ValidationError({"with_consent": _("These are someone else's words: change them only with their "
                                                 "consent, and say so.")})
    new = {
        "text": description.text if text is None else text,
        "kind": description.kind if kind is None else kind,
        "language": description.language if language is None else language,
        "teller_name": description.teller_name if teller_name is None else (teller_name or "").strip(),
    }
    new["text"] = _check(new["text"], new["kind"], new["language"], new["teller_name"])
    changed = [field for field, value in new.items() if getattr(description, field) != value]
    if not changed:
        return description
    for field in changed:
        setattr(description, field, new[field])
    detail = {"description": description.pk, "fields": changed}
    if not by_author:
        detail["with_consent"] = True
        detail["author"] = description.author_id
    if by_author and not _trusted(actor) and description.moderation != Moderation.PENDING:
        description.moderation, description.moderation_reason = Moderation.PENDING, ""
        description.moderated_by = description.moderated_at = None
        detail["moderation"] = Moderation.PENDING
    _save(description, actor, "edited with the author's consent" if not by_author else "edited")
    audit_record(description.item, AuditEvent.Action.DESCRIPTION_EDITED, actor, **detail)
    item_changed_announce(description.item)
    return description


def _moderate(description: Description, actor, state: str, reason: str = "") -> Description:
    if not can_moderate(actor):
        raise PermissionDenied(_("Only curators can approve or reject contributions."))
    description.moderation, description.moderation_reason = state, reason
    description.moderated_by, description.moderated_at = actor, timezone.now()
    _save(description, actor, state)
    action = AuditEvent.Action.APPROVED if state == Moderation.APPROVED else AuditEvent.Action.REJECTED
    audit_record(description.item, action, actor, description=description.pk,
                 **({"reason": reason} if reason else {}))
    item_changed_announce(description.item)
    return description


@transaction.atomic
def description_approve(description: Description, actor) -> Description:
    """A curator approves a description: everyone who may see the item now sees it."""
    return _moderate(description, actor, Moderation.APPROVED)


@transaction.atomic
def description_reject(description: Description, actor, reason: str) -> Description:
    """A curator does not accept a description, saying why; the author is told by email in their language.

    A featured description that is rejected stops being featured.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, in plain words: the contributor will read it.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("Too long: at most %(max)s characters.") % {"max": f"{REASON_MAX:,}"}})
    _moderate(description, actor, Moderation.REJECTED, reason)
    item = description.item
    if item.featured_description_id == description.pk:
        item.featured_description = None
        item.save(update_fields=["featured_description", "updated_at"])
    contributor_notify(
        description.author, gettext_lazy("Your words were not added to the archive"),
        gettext_lazy("Thank you for writing about item %(item)s. A curator did not add your words, because:"
                     "\n\n%(reason)s\n\nWhat you wrote:\n\n%(text)s"),
        item=item.accession_number or item.pk, reason=reason, text=description.text)
    return description


@transaction.atomic
def descriptions_bulk_approve(ids, actor) -> list[Description]:
    """A curator approves many waiting descriptions at once; returns the ones approved (unknown ids are skipped)."""
    if not can_moderate(actor):
        raise PermissionDenied(_("Only curators can approve or reject contributions."))
    waiting = (Description.objects.select_for_update().select_related("item")
               .filter(pk__in=list(ids)).exclude(moderation=Moderation.APPROVED).order_by("id"))
    return [_moderate(description, actor, Moderation.APPROVED) for description in waiting]


@transaction.atomic
def item_feature_description(item: Item, description: Description, actor) -> Item:
    """A curator chooses which approved caption is the item's title and summary.

    The item's title in the caption's language is taken from its first line; the caption itself is
    never changed (nor anyone else's words).
    """
    from .items import _title_from

    if not can_moderate(actor):
        raise PermissionDenied(_("Only curators choose which words are the item's title."))
    if description.item_id != item.pk:
        raise ValidationError({"description": _("These words are about another item.")})
    if description.moderation != Moderation.APPROVED:
        raise ValidationError({"description": _("Only approved words can be the item's title.")})
    field = "title_cy" if description.language == "cy" else "title_en"
    item.featured_description = description
    setattr(item, field, _title_from(description.text)[:300])
    item._history_user, item._change_reason = actor, f"featured description {description.pk}"
    item.save(update_fields=["featured_description", field, "updated_at"])
    audit_record(item, AuditEvent.Action.EDITED, actor, fields=["featured_description", field],
                 description=description.pk)
    item_changed_announce(item)
    return item
