"""Story trails: writing, ordering, publishing and reverting a trail and its stops.

Every function here is atomic: a refused change leaves nothing half-saved. Refusals are
``PermissionDenied`` (who may do what is decided in :mod:`archive.access`) or ``ValidationError``
with a dict naming the field and the problem, in words fit for the person who sent it::

    trail = trail_create(curator, title={"cy": "Llwybr y capel", "en": "The chapel walk"})
    stop = stop_add(trail, curator, item=item, narrative={"en": "Here stood the chapel."}, region=(0, 0, 400, 300))
    trail_publish(trail, curator)

Texts are language maps: ``{"cy": …, "en": …}``; one language is enough, any other key is refused.
"""
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..access import (
    can_create_trail, can_edit_trail, can_invite_trail_author, can_publish_trail, can_use_item_in_trail, is_member,
    shown_to_visitors,
)
from ..models import Asset, Item, Stop, Trail, TrailAuthor
from .notify import contributor_notify
from .tags import region_check

LANGUAGES = ("cy", "en")
TITLE_LENGTH = 300
TEXT_LENGTH = 20000
MAX_STOPS = 200


def language_map_check(value, field: str, *, max_length: int = TEXT_LENGTH, required: bool = False) -> dict[str, str]:
    """``value`` as ``{"cy": str, "en": str}`` (missing languages empty); ValidationError naming ``field``.

    A plain string is refused (say which language it is in); so is any key but ``cy`` and ``en``, a
    text that is not a string, a text longer than ``max_length``, and, with ``required``, a map with
    no words in either language.
    """
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise ValidationError({field: _('Give the words as a language map, e.g. {"cy": "…", "en": "…"}.')})
    unknown = sorted(str(key) for key in value if key not in LANGUAGES)
    if unknown:
        raise ValidationError({field: _("Unknown language “%(key)s”: use “cy” (Welsh) or “en” (English).")
                               % {"key": unknown[0][:20]}})
    texts = {}
    for language in LANGUAGES:
        text = value.get(language, "")
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise ValidationError({field: _("The %(language)s text must be words (a string).")
                                   % {"language": language}})
        text = text.strip()
        if len(text) > max_length:
            raise ValidationError({field: _("The %(language)s text is too long (at most %(limit)s characters).")
                                   % {"language": language, "limit": max_length}})
        texts[language] = text
    if required and not any(texts.values()):
        raise ValidationError({field: _("Write it in Welsh or English (one language is enough).")})
    return texts


def _texts_merge(obj, field: str, given, checked: dict[str, str]) -> None:
    """Set ``obj``'s ``field_cy``/``field_en`` from ``checked`` for the languages ``given`` names (others stay)."""
    for language in LANGUAGES:
        if language in (given or {}):
            setattr(obj, f"{field}_{language}", checked[language])


def _one_line(texts: dict[str, str]) -> dict[str, str]:
    return {language: " ".join(text.split()) for language, text in texts.items()}


def _require_edit(trail: Trail, actor) -> None:
    if not can_edit_trail(actor, trail):
        if trail.status == Trail.Status.PUBLISHED:
            raise PermissionDenied(_("Only a curator can change a published trail."))
        raise PermissionDenied(_("Only the trail's authors and curators can change it."))


def _cover_check(actor, cover_item) -> Item | None:
    if cover_item is None:
        return None
    if not can_use_item_in_trail(actor, cover_item):
        raise ValidationError({"cover_item": _("There is no item with this number that you may use.")})
    return cover_item


def _touch(trail: Trail, actor, reason: str) -> None:
    """Save ``trail`` so its ``updated_at`` (the manifest's version) moves and its history records who did what."""
    trail._history_user, trail._change_reason = actor, reason
    trail.save()


@transaction.atomic
def trail_create(actor, *, title, introduction=None, cover_item: Item | None = None) -> Trail:
    """A curator starts a draft trail and is credited as its creator."""
    if not can_create_trail(actor):
        raise PermissionDenied(_("Only curators can start a story trail; ask one to invite you as a co-author."))
    titles = _one_line(language_map_check(title, "title", max_length=TITLE_LENGTH, required=True))
    intro = language_map_check(introduction, "introduction")
    trail = Trail(title_cy=titles["cy"], title_en=titles["en"], introduction_cy=intro["cy"],
                  introduction_en=intro["en"], cover_item=_cover_check(actor, cover_item), created_by=actor)
    trail._history_user, trail._change_reason = actor, "created"
    trail.save()
    TrailAuthor.objects.create(trail=trail, user=actor, role=TrailAuthor.Role.CREATOR)
    return trail


_UNSET = object()


@transaction.atomic
def trail_update(trail: Trail, actor, *, title=_UNSET, introduction=_UNSET, cover_item=_UNSET) -> Trail:
    """An author (a draft) or a curator changes a trail's title, introduction or cover picture.

    Only what is given changes; a language left out of a map keeps its words.
    """
    trail = Trail.objects.select_for_update().get(pk=trail.pk)
    _require_edit(trail, actor)
    if title is not _UNSET:
        _texts_merge(trail, "title", title, _one_line(language_map_check(title, "title", max_length=TITLE_LENGTH)))
        if not (trail.title_cy or trail.title_en):
            raise ValidationError({"title": _("Write it in Welsh or English (one language is enough).")})
    if introduction is not _UNSET:
        _texts_merge(trail, "introduction", introduction, language_map_check(introduction, "introduction"))
    if cover_item is not _UNSET:
        trail.cover_item = _cover_check(actor, cover_item)
    _touch(trail, actor, "edited")
    return trail


def _first_asset(item: Item | None) -> Asset | None:
    if item is None:
        return None
    return Asset.objects.filter(item=item).order_by("position", "id").first()


def _location_check(lat, lon) -> tuple[float | None, float | None]:
    if lat is None and lon is None:
        return None, None
    if lat is None or lon is None:
        raise ValidationError({"lat" if lat is None else "lon": _("Give both latitude and longitude, or neither.")})
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError, OverflowError):
        raise ValidationError({"lat": _("Latitude and longitude are numbers, e.g. 51.77 and -3.25.")}) from None
    if not -90 <= lat <= 90:
        raise ValidationError({"lat": _("Latitude is between -90 and 90.")})
    if not -180 <= lon <= 180:
        raise ValidationError({"lon": _("Longitude is between -180 and 180.")})
    return lat, lon


def _region_set(stop: Stop, region) -> None:
    if region is None:
        stop.x = stop.y = stop.w = stop.h = None
        return
    stop.x, stop.y, stop.w, stop.h = region_check(_first_asset(stop.item), region)


def _item_check(actor, item) -> Item:
    if item is None or not can_use_item_in_trail(actor, item):
        raise ValidationError({"item": _("There is no item with this number that you may use.")})
    if item.status == Item.Status.WITHDRAWN:  # its contributor took it back: not for new stops, even by curators
        raise ValidationError({"item": _("This item was withdrawn, so it cannot be put on a trail.")})
    return item


def _trail_locked(trail: Trail, actor) -> Trail:
    trail = Trail.objects.select_for_update().get(pk=trail.pk)
    _require_edit(trail, actor)
    return trail


@transaction.atomic
def stop_add(trail: Trail, actor, *, item: Item, narrative=None, region=None, lat=None, lon=None,
             directions=None) -> Stop:
    """Add a stop at the end of ``trail``: ``item`` (one its author may see), optionally a region of its picture
    (x, y, w, h in full-size pixels), the narrative, a location and directions to the next stop."""
    trail = _trail_locked(trail, actor)
    if trail.stops.count() >= MAX_STOPS:
        raise ValidationError({"stops": _("A trail has at most %(limit)s stops.") % {"limit": MAX_STOPS}})
    stop = Stop(trail=trail, item=_item_check(actor, item))
    _region_set(stop, region)
    words = language_map_check(narrative, "narrative")
    stop.narrative_cy, stop.narrative_en = words["cy"], words["en"]
    way = language_map_check(directions, "directions")
    stop.directions_cy, stop.directions_en = way["cy"], way["en"]
    stop.lat, stop.lon = _location_check(lat, lon)
    stop.position = (trail.stops.aggregate(last=Max("position"))["last"] or 0) + 1
    stop.shown_to_visitors = shown_to_visitors(stop.item)
    stop._history_user, stop._change_reason = actor, "added"
    stop.save()
    _touch(trail, actor, "stop added")
    return stop


@transaction.atomic
def stop_update(stop: Stop, actor, *, item=_UNSET, narrative=_UNSET, region=_UNSET, lat=_UNSET, lon=_UNSET,
                directions=_UNSET) -> Stop:
    """Change what is given of a stop; a new item without a new region drops the old item's region."""
    trail = _trail_locked(stop.trail, actor)
    stop = Stop.objects.select_for_update().get(pk=stop.pk)
    if item is not _UNSET and item != stop.item:
        stop.item = _item_check(actor, item)
        stop.shown_to_visitors = shown_to_visitors(stop.item)
        if region is _UNSET:
            region = None
    if region is not _UNSET:
        _region_set(stop, region)
    if narrative is not _UNSET:
        _texts_merge(stop, "narrative", narrative, language_map_check(narrative, "narrative"))
    if directions is not _UNSET:
        _texts_merge(stop, "directions", directions, language_map_check(directions, "directions"))
    if lat is not _UNSET or lon is not _UNSET:
        stop.lat, stop.lon = _location_check(stop.lat if lat is _UNSET else lat, stop.lon if lon is _UNSET else lon)
    stop._history_user, stop._change_reason = actor, "edited"
    stop.save()
    _touch(trail, actor, "stop edited")
    return stop


@transaction.atomic
def stop_delete(stop: Stop, actor) -> None:
    """Remove a stop; the stops after it move up one place."""
    trail = _trail_locked(stop.trail, actor)
    if trail.status == Trail.Status.PUBLISHED and trail.stops.count() <= 1:
        raise ValidationError({"stops": _("A published trail keeps at least one stop.")})
    stop._history_user, stop._change_reason = actor, "removed"
    stop.delete()
    _renumber(trail, list(trail.stops.order_by("position", "id").values_list("pk", flat=True)), actor)
    _touch(trail, actor, "stop removed")


def _renumber(trail: Trail, ids: list[int], actor) -> None:
    stops = {stop.pk: stop for stop in trail.stops.all()}
    for position, pk in enumerate(ids, start=1):
        stop = stops[pk]
        if stop.position != position:
            stop.position = position
            stop._history_user, stop._change_reason = actor, "moved"
            stop.save(update_fields=["position", "updated_at"])


@transaction.atomic
def stops_reorder(trail: Trail, actor, ids) -> list[Stop]:
    """Put the stops in the order of ``ids``, which must name every stop of the trail exactly once."""
    trail = _trail_locked(trail, actor)
    if not isinstance(ids, (list, tuple)):
        raise ValidationError({"ids": _("Give the stops' numbers as a list, in their new order.")})
    current = set(trail.stops.values_list("pk", flat=True))
    try:
        wanted = [int(pk) for pk in ids]
    except (TypeError, ValueError, OverflowError):
        raise ValidationError({"ids": _("Give the stops' numbers as a list, in their new order.")}) from None
    if len(wanted) != len(set(wanted)):
        raise ValidationError({"ids": _("A stop is named more than once.")})
    if set(wanted) != current:
        raise ValidationError({"ids": _("Name every stop of this trail once, and no other (it has %(count)s).")
                               % {"count": len(current)}})
    _renumber(trail, wanted, actor)
    _touch(trail, actor, "stops reordered")
    return list(trail.stops.order_by("position"))


@transaction.atomic
def trail_publish(trail: Trail, actor) -> Trail:
    """A curator publishes a trail: shown to everyone from now on. It needs a title and at least one stop."""
    if not can_publish_trail(actor):
        raise PermissionDenied(_("Only curators can publish a story trail."))
    trail = Trail.objects.select_for_update().get(pk=trail.pk)
    if not trail.stops.exists():
        raise ValidationError({"stops": _("A trail needs at least one stop before it is published.")})
    if not (trail.title_cy or trail.title_en):
        raise ValidationError({"title": _("Write it in Welsh or English (one language is enough).")})
    if trail.status != Trail.Status.PUBLISHED:
        trail.status, trail.published_at = Trail.Status.PUBLISHED, timezone.now()
        _touch(trail, actor, "published")
    return trail


@transaction.atomic
def trail_unpublish(trail: Trail, actor) -> Trail:
    """A curator takes a trail back to a draft: hidden from visitors again, editable by its authors."""
    if not can_publish_trail(actor):
        raise PermissionDenied(_("Only curators can publish a story trail."))
    trail = Trail.objects.select_for_update().get(pk=trail.pk)
    if trail.status != Trail.Status.DRAFT:
        trail.status = Trail.Status.DRAFT
        _touch(trail, actor, "returned to draft")
    return trail


@transaction.atomic
def trail_author_invite(trail: Trail, actor, user) -> TrailAuthor:
    """Credit ``user`` (a member) as a co-author of ``trail``; they may then edit its drafts. They are told by email."""
    if not can_invite_trail_author(actor, trail):
        raise PermissionDenied(_("Only the trail's authors and curators can invite co-authors."))
    if user is None or not user.is_active or not is_member(user):
        raise ValidationError({"user": _("Only members of the archive can write trails; this account is not one.")})
    author, created = TrailAuthor.objects.get_or_create(trail=trail, user=user,
                                                        defaults={"invited_by": actor})
    if created:  # the new credit moves the trail's updated_at (archive/trail_changes.py)
        contributor_notify(user, _("You are invited to write the story trail %(title)s"),
                           _("%(inviter)s invited you to write the story trail “%(title)s” with them. You can "
                             "add and change its stops while it is a draft."),
                           title=str(trail), inviter=actor.credit_name)
    return author


def member_by_name_or_id(value):
    """The active user named by ``value`` (an id or a username), or None."""
    users = get_user_model().objects.filter(is_active=True)
    text = str(value or "").strip()
    if text.isascii() and text.isdigit() and len(text) < 19:
        return users.filter(pk=int(text)).first()
    return users.filter(username__iexact=text).first() if text else None
