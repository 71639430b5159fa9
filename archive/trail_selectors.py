"""Reads of story trails: which trails a reader sees, and each trail's stops as that reader is shown them.

Every surface (API, player page, leaflet, IIIF manifest, search documents) reads a trail through
:func:`trail_stops_for`, so a stop whose item the reader may not see is a placeholder everywhere
alike: its number, narrative and directions stay, and nothing of the item (no title, picture,
region, id or location taken from the item's place).
"""
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from .access import can_view_images, stop_item_shown, trails_visible_to
from .models import Asset, Item, Stop, Trail, TrailAuthor

LANGUAGES = ("cy", "en")


def language_map(obj, field: str) -> dict[str, str]:
    """``{"cy": …, "en": …}`` of ``obj``'s ``field_cy``/``field_en``, leaving out empty languages."""
    texts = {language: getattr(obj, f"{field}_{language}", "") or "" for language in LANGUAGES}
    return {language: text for language, text in texts.items() if text}


def in_language(texts: dict[str, str], language: str) -> str:
    """The text of a language map for a reader of ``language``, else the other language's ("" when none)."""
    return texts.get(language) or next((text for text in texts.values() if text), "")


@dataclass
class StopShown:
    """One stop as a reader is shown it. ``shown`` False: a placeholder (no item, picture, title, region)."""

    stop: Stop
    number: int
    shown: bool
    item: Item | None
    asset: Asset | None
    title: dict
    narrative: dict
    directions: dict
    lat: float | None
    lon: float | None

    @property
    def region(self) -> dict | None:
        """The region of the picture the stop points at, when shown."""
        return self.stop.region if self.shown else None

    @property
    def region_text(self) -> str:
        """The region as ``x,y,w,h`` (an empty string when there is none)."""
        region = self.region
        return ",".join(str(region[k]) for k in "xywh") if region else ""


def trails_for_listing(user) -> QuerySet:
    """Trails ``user`` may see, newest published first, with their authors."""
    return (trails_visible_to(user)
            .select_related("cover_item", "created_by")
            .prefetch_related(Prefetch("authors", queryset=TrailAuthor.objects.select_related("user")))
            .order_by("-published_at", "-created_at", "-id"))


def trail_authors(trail: Trail) -> list[dict]:
    """Everyone credited on ``trail``, creator first: ``{"id", "name", "role"}``."""
    authors = sorted(trail.authors.all(), key=lambda a: (a.role != TrailAuthor.Role.CREATOR, a.created_at, a.pk))
    return [{"id": a.user_id, "name": a.user.credit_name, "role": a.role} for a in authors]


def trail_stops_for(user, trail: Trail) -> list[StopShown]:
    """``trail``'s stops in order, each as ``user`` is shown it (placeholders for items they may not see).

    A stop's location is its own, else its item's place's (only when the item is shown).
    """
    stops = list(trail.stops.order_by("position", "id").select_related("item", "item__place"))
    item_ids = [s.item_id for s in stops if s.item_id]
    first_assets = {}
    for asset in Asset.objects.filter(item_id__in=item_ids).order_by("item_id", "position", "id"):
        first_assets.setdefault(asset.item_id, asset)
    shown_list = []
    for number, stop in enumerate(stops, start=1):
        item = stop.item
        shown = stop_item_shown(user, stop)
        lat, lon = stop.lat, stop.lon
        if lat is None and shown and item.place is not None and item.place.latitude is not None:
            lat, lon = item.place.latitude, item.place.longitude
        shown_list.append(StopShown(
            stop=stop, number=number, shown=shown, item=item if shown else None,
            asset=first_assets.get(stop.item_id) if shown else None,
            title=language_map(item, "title") if shown else {},
            narrative=language_map(stop, "narrative"), directions=language_map(stop, "directions"),
            lat=lat, lon=lon))
    return shown_list


def trail_cover_for(user, trail: Trail) -> Item | None:
    """``trail``'s cover picture when ``user`` may see it, else the first stop's shown item, else None."""
    if trail.cover_item is not None and can_view_images(user, trail.cover_item):
        return trail.cover_item
    return next((s.item for s in trail_stops_for(user, trail) if s.shown), None)


def trails_using_item(user, item: Item) -> QuerySet:
    """Trails ``user`` may see that have a stop on ``item`` ("this photo is in the trail …")."""
    return trails_for_listing(user).filter(stops__item=item).distinct()
