"""Reads of story trails: which trails a reader sees, and each trail's stops as that reader is shown them.

Every surface (API, player page, leaflet, IIIF manifest, search documents) reads a trail through
:func:`trail_stops_for`, so a stop whose item the reader may not see is a placeholder everywhere
alike: its number, narrative and directions stay, and nothing of the item (no title, picture,
region, id or location taken from the item's place).
"""
from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, QuerySet

from .access import can_publish_trail, can_use_item_in_trail, can_view_images, stop_item_shown, trails_visible_to
from .ids import parse_id
from .models import Asset, Item, Stop, Trail, TrailAuthor
from .selectors import items_for_listing

LANGUAGES = ("cy", "en")
FOUND_AT_MOST = 24  # items offered at once for a new stop


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
    """Trails ``user`` may see, newest published first (drafts after them, on every database), with their
    authors."""
    return (trails_visible_to(user)
            .select_related("cover_item", "created_by")
            .prefetch_related(Prefetch("authors", queryset=TrailAuthor.objects.select_related("user")))
            .order_by(F("published_at").desc(nulls_last=True), "-created_at", "-id"))


def trails_built_by(user) -> QuerySet:
    """The trails ``user`` builds: those they are credited on; every trail for curators (none signed out)."""
    if not getattr(user, "is_authenticated", False):
        return Trail.objects.none()
    trails = trails_for_listing(user)
    return trails if can_publish_trail(user) else trails.filter(authors__user=user).distinct()


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


def items_for_new_stop(user, query: str) -> list[Item]:
    """Items ``user`` may put on a stop that match ``query`` (words of a title or place, an accession number
    or an item's number), newest first, at most :data:`FOUND_AT_MOST`; the newest ones when ``query`` is empty.

    Read from the database, not the search engine: an author may use members-only items and their own.
    """
    items = items_for_listing(user).filter(status=Item.Status.READY)
    query = " ".join(query.split())
    number = parse_id(query)
    if number is not None:
        items = items.filter(Q(pk=number) | Q(accession_number__iexact=query))
    elif query:
        words = Q()
        for word in query.split()[:8]:
            words &= (Q(title_cy__icontains=word) | Q(title_en__icontains=word) | Q(place__name_cy__icontains=word)
                      | Q(place__name_en__icontains=word))
        items = items.filter(Q(accession_number__iexact=query) | words)
    found = []
    for item in items.order_by("-created_at", "-id")[:FOUND_AT_MOST * 2]:
        if can_use_item_in_trail(user, item):
            found.append(item)
        if len(found) == FOUND_AT_MOST:
            break
    return found


def trail_covers_for(user, trails) -> dict[int, Item | None]:
    """:func:`trail_cover_for` of many trails at once, by trail id, in two queries whatever their number (search
    results show a page of trails): the cover when ``user`` may see its pictures, else the first stop's shown item."""
    trails = list(trails)
    stops = list(Stop.objects.filter(trail__in=[t.pk for t in trails], item__isnull=False)
                 .order_by("trail_id", "position", "id").values_list("trail_id", "item_id"))
    # What the access rules read (and the titles), not the items' whole rows: a page of trails may name hundreds.
    items = (Item.objects.only("status", "moderation", "held_for_review", "purged_at", "visibility", "image_hidden",
                               "contributor_id", "title_cy", "title_en")
             .in_bulk({t.cover_item_id for t in trails if t.cover_item_id} | {pk for _, pk in stops}))
    shown = {pk for pk, item in items.items() if can_view_images(user, item)}
    first_shown: dict[int, int] = {}
    for trail_id, item_id in stops:
        if item_id in shown:
            first_shown.setdefault(trail_id, item_id)
    covers = {}
    for trail in trails:
        chosen = trail.cover_item_id if trail.cover_item_id in shown else first_shown.get(trail.pk)
        covers[trail.pk] = items.get(chosen) if chosen else None
    return covers
