"""The community's vocabulary: members propose subjects and place names; curators approve and merge.

A merge moves every item (and region tag) from a duplicate to the record it is merged into, keeps
the duplicate's names as aliases or variants of that record (so searches and uploads using the
old names still find it), and keeps the duplicate with ``merged_into`` set so that old links lead
to the right record. The items that change are re-indexed through the search outbox: the
receivers in ``archive/search/receivers.py`` record each item saved or relinked, and the saved
target records every item that now names it.
"""
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..access import can_curate, can_propose_vocabulary
from ..models import Item, Moderation, Person, Place, PlaceNameProposal, RegionTag, Subject
from .vocabulary import merged_target, subject_find, subject_slug_free


class VocabularyError(ValueError):
    """A proposal, approval or merge that cannot be done; ``field`` names what is wrong, ``str()`` says why."""

    def __init__(self, message, field: str = "non_field_errors"):
        super().__init__(message)
        self.field = field


def _require_curator(actor, message) -> None:
    if not can_curate(actor):
        raise PermissionDenied(message)


def _clean(text, field: str, limit: int = 200) -> str:
    text = " ".join(str(text or "").split())
    if not text:
        raise VocabularyError(_("This cannot be empty."), field)
    if len(text) > limit:
        raise VocabularyError(_("Please keep this under %(limit)d characters.") % {"limit": limit}, field)
    return text


def _names_added(existing: list, new, *, besides=()) -> list:
    """``existing`` with each of ``new`` appended unless it is already there or among ``besides`` (any case)."""
    result = list(existing)
    known = {str(n).casefold() for n in [*result, *besides] if n}
    for name in new:
        name = " ".join(str(name or "").split())
        if name and name.casefold() not in known:
            result.append(name)
            known.add(name.casefold())
    return result


# --- Subjects ---------------------------------------------------------------------------------


@transaction.atomic
def subject_propose(actor, label: str, language: str = "en") -> Subject:
    """Member ``actor`` proposes a new subject; it waits for a curator (a curator's own is approved at once).

    Raises VocabularyError (field ``label``) when a subject with that name already exists.
    """
    if not can_propose_vocabulary(actor):
        raise PermissionDenied(_("Only members whom a curator has welcomed can propose subjects."))
    label = _clean(label, "label")
    existing = subject_find(label, actor=actor)
    if existing is not None:
        raise VocabularyError(_("There is already a subject “%(label)s” (number %(id)s).")
                              % {"label": str(existing), "id": existing.pk}, "label")
    field = "label_cy" if language == "cy" else "label_en"
    curator = can_curate(actor)
    return Subject.objects.create(slug=subject_slug_free(label), **{field: label}, approved=curator,
                                  proposed_by=actor)


@transaction.atomic
def subject_approve(subject: Subject, actor, label_cy: str, label_en: str) -> Subject:
    """Curator ``actor`` approves ``subject`` with its Welsh and English labels (both are needed)."""
    _require_curator(actor, _("Only curators can approve subjects."))
    if subject.merged_into_id:
        raise VocabularyError(_("This subject was merged into another one."))
    label_cy, label_en = _clean(label_cy, "label_cy"), _clean(label_en, "label_en")
    old = [subject.label_cy, subject.label_en]
    subject.label_cy, subject.label_en, subject.approved = label_cy, label_en, True
    subject.aliases = _names_added(subject.aliases, old, besides=[label_cy, label_en])
    subject.save()
    return subject


def _check_merge(duplicate, into):
    into = merged_target(into)
    if duplicate.pk == into.pk:
        raise VocabularyError(_("A record cannot be merged into itself."), "into")
    if duplicate.merged_into_id:
        raise VocabularyError(_("This record was already merged into another one."))
    return into


def _links_move(field: str, duplicate, into) -> None:
    """Each item linked to ``duplicate`` (through its ``field``) is linked to ``into`` instead.

    Changed from the item's side, one item at a time, so that each item's history records the move
    (django-simple-history follows an item's links only from the item's side).
    """
    for item in Item.objects.filter(**{field: duplicate}).distinct():
        links = getattr(item, field)
        links.add(into)
        links.remove(duplicate)


def _later_merges_follow(model, duplicate, into) -> None:
    """Records merged into ``duplicate`` earlier now lead straight to ``into``."""
    model.objects.filter(merged_into=duplicate).update(merged_into=into)


@transaction.atomic
def subject_merge(duplicate: Subject, into: Subject, actor) -> Subject:
    """Curator ``actor`` merges ``duplicate`` into ``into``: its items move, its labels become aliases."""
    _require_curator(actor, _("Only curators can merge subjects."))
    into = _check_merge(duplicate, into)
    _links_move("subjects", duplicate, into)
    into.aliases = _names_added(into.aliases, [duplicate.label_cy, duplicate.label_en, *duplicate.aliases],
                                besides=[into.label_cy, into.label_en])
    into.save()  # the search receivers re-index every item that names it, the moved ones included
    duplicate.merged_into = into
    duplicate.save(update_fields=["merged_into"])
    _later_merges_follow(Subject, duplicate, into)
    return into


# --- Places -----------------------------------------------------------------------------------


@transaction.atomic
def place_name_propose(place: Place, actor, name: str, language: str = "") -> PlaceNameProposal:
    """Member ``actor`` proposes another name or spelling for ``place``; it waits for a curator
    (a curator's own is approved at once). Raises VocabularyError (field ``name``) for a name it already has."""
    if not can_propose_vocabulary(actor):
        raise PermissionDenied(_("Only members whom a curator has welcomed can propose place names."))
    place = merged_target(place)
    name = _clean(name, "name")
    if name.casefold() in {n.casefold() for n in place.all_names()}:
        raise VocabularyError(_("“%(name)s” is already one of this place's names.") % {"name": name}, "name")
    if language not in ("", "cy", "en", "other"):
        raise VocabularyError(_("Choose cy, en or other, or leave it empty."), "language")
    proposal = PlaceNameProposal.objects.create(place=place, name=name, language=language, proposed_by=actor)
    if can_curate(actor):
        place_name_approve(proposal, actor)
    return proposal


def _moderate(proposal: PlaceNameProposal, actor, state: str, reason: str = "") -> None:
    proposal.moderation, proposal.moderation_reason = state, reason[:2000]
    proposal.moderated_by, proposal.moderated_at = actor, timezone.now()
    proposal.save(update_fields=["moderation", "moderation_reason", "moderated_by", "moderated_at"])


@transaction.atomic
def place_name_approve(proposal: PlaceNameProposal, actor) -> PlaceNameProposal:
    """Curator ``actor`` approves a proposed place name: it joins the place's variants (searches find it)."""
    _require_curator(actor, _("Only curators can approve place names."))
    place = merged_target(Place.objects.select_for_update().get(pk=proposal.place_id))
    place.variants = _names_added(place.variants, [proposal.name], besides=[place.name_cy, place.name_en])
    place.save()  # forgets the cached place-name synonyms and re-indexes the place's items
    if proposal.place_id != place.pk:
        proposal.place = place
        proposal.save(update_fields=["place"])
    _moderate(proposal, actor, Moderation.APPROVED)
    return proposal


@transaction.atomic
def place_name_reject(proposal: PlaceNameProposal, actor, reason: str = "") -> PlaceNameProposal:
    """Curator ``actor`` does not accept a proposed place name; ``reason`` is shown to who proposed it."""
    _require_curator(actor, _("Only curators can turn down place names."))
    _moderate(proposal, actor, Moderation.REJECTED, reason)
    return proposal


@transaction.atomic
def place_merge(duplicate: Place, into: Place, actor) -> Place:
    """Curator ``actor`` merges place ``duplicate`` into ``into``: its items move, its names become variants."""
    _require_curator(actor, _("Only curators can merge places."))
    into = _check_merge(duplicate, into)
    for item in Item.objects.filter(place=duplicate):
        item.place = into
        item.save(update_fields=["place", "updated_at"])  # recorded in the item's history and the search outbox
    into.variants = _names_added(into.variants, duplicate.all_names(), besides=[into.name_cy, into.name_en])
    if into.latitude is None and duplicate.latitude is not None:
        into.latitude, into.longitude = duplicate.latitude, duplicate.longitude
    into.save()
    PlaceNameProposal.objects.filter(place=duplicate).update(place=into)
    duplicate.merged_into = into
    duplicate.save(update_fields=["merged_into"])
    _later_merges_follow(Place, duplicate, into)
    return into


# --- People -----------------------------------------------------------------------------------


@transaction.atomic
def person_merge(duplicate: Person, into: Person, actor) -> Person:
    """Curator ``actor`` merges person ``duplicate`` into ``into``: items and region tags move, names become
    variants. The target's name consent is kept as it is (consent is never copied from another record)."""
    _require_curator(actor, _("Only curators can merge people."))
    into = _check_merge(duplicate, into)
    _links_move("people", duplicate, into)
    for tag in RegionTag.objects.filter(person=duplicate):
        tag.person = into
        tag.save(update_fields=["person"])
    into.variants = _names_added(into.variants, [duplicate.name, *duplicate.variants], besides=[into.name])
    if into.living is None and duplicate.living is not None:
        into.living = duplicate.living
    into.save()
    duplicate.merged_into = into
    duplicate.save(update_fields=["merged_into"])
    _later_merges_follow(Person, duplicate, into)
    return into
