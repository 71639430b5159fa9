"""Following a story trail: the index of trails, the player, one page per stop.

Every page reads a trail's stops through :func:`archive.trail_selectors.trail_stops_for`, so a stop whose
item the reader may not see is a placeholder here as everywhere: its number, narrative and directions,
never the item's picture, title, tiles or region. A draft is a 404 to anyone but its authors and curators.

The player and stop pages may ask for the phone's location (walking mode, ``trails.js``), and only they:
the distance and direction to the next stop are worked out in the browser, and no request carries them.
"""
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from archive.access import can_view_trail
from archive.models import Trail
from archive.trail_selectors import (
    StopShown,
    language_map,
    trail_authors,
    trail_cover_for,
    trail_stops_for,
    trails_built_by,
    trails_for_listing,
)
from config.headers import permissions_policy

from ..bilingual import Localised, current_language, item_title, localised_map

PAGE_SIZE = 24


def trail_title(trail: Trail) -> Localised:
    """The trail's title for the reader, else "Untitled trail"."""
    title = localised_map(language_map(trail, "title"))
    return title or Localised(gettext("Untitled trail"), current_language())


@dataclass
class StopView:
    """What a page shows of one stop: numbers, words in the reader's language, location and address."""

    number: int
    shown: bool
    url: str
    title: Localised | None
    narrative: Localised
    directions: Localised
    lat: float | None
    lon: float | None
    stop: StopShown

    @property
    def located(self) -> bool:
        """Whether the stop has a place on the map."""
        return self.lat is not None and self.lon is not None


def _stop_views(trail: Trail, stops: list[StopShown]) -> list[StopView]:
    return [StopView(number=s.number, shown=s.shown,
                     url=reverse("frontend:trail-stop", args=[trail.pk, s.number]),
                     title=item_title(s.item) if s.shown else None,
                     narrative=localised_map(s.narrative), directions=localised_map(s.directions),
                     lat=s.lat, lon=s.lon, stop=s)
            for s in stops]


def _trail_or_404(request, pk: int) -> Trail:
    trail = Trail.objects.select_related("cover_item").prefetch_related("authors__user").filter(pk=pk).first()
    if trail is None or not can_view_trail(request.user, trail):
        raise Http404("No such trail.")
    return trail


def _map_settings() -> dict:
    """The tile server for maps (none: the route is drawn on a plain background)."""
    return {"tiles_url": getattr(settings, "COFIO_MAP_TILES_URL", ""),
            "tiles_attribution": getattr(settings, "COFIO_MAP_ATTRIBUTION", "")}


def _common(request, trail: Trail) -> dict:
    stops = _stop_views(trail, trail_stops_for(request.user, trail))
    return {"trail": trail, "title": trail_title(trail), "authors": trail_authors(trail), "stops": stops,
            "located_count": sum(stop.located for stop in stops),
            "draft": trail.status == Trail.Status.DRAFT, **_map_settings()}


def _entry(user, trail: Trail) -> dict:
    """One trail in a list (``_trail_card.html``); ``trail`` is annotated with ``stop_count``."""
    return {"trail": trail, "title": trail_title(trail), "authors": trail_authors(trail),
            "cover": trail_cover_for(user, trail), "stop_count": trail.stop_count,
            "draft": trail.status == Trail.Status.DRAFT}


def trail_index(request):
    """Every trail the visitor may see (drafts too for their authors and curators), newest first, 24 to a page."""
    trails = trails_for_listing(request.user).annotate(stop_count=Count("stops", distinct=True))
    page = Paginator(trails, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [_entry(request.user, trail) for trail in page.object_list]
    return render(request, "frontend/trail_index.html", {
        "page": page, "entries": entries, "builds_trails": trails_built_by(request.user).exists(),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    })


@permissions_policy(geolocation=["self"])
def trail_player(request, pk: int):
    """A trail's introduction, its route on a map and its stops; "Start the trail" opens stop 1."""
    trail = _trail_or_404(request, pk)
    context = _common(request, trail)
    context.update({"introduction": localised_map(language_map(trail, "introduction")),
                    "cover": trail_cover_for(request.user, trail),
                    "next_stop": context["stops"][0] if context["stops"] else None})
    return render(request, "frontend/trail_player.html", context)


@permissions_policy(geolocation=["self"])
def trail_stop(request, pk: int, number: int):
    """Stop ``number`` (1-based) of a trail: its own URL, e.g. for a QR code on a plaque; 404 past the ends."""
    trail = _trail_or_404(request, pk)
    context = _common(request, trail)
    stops = context["stops"]
    if not 1 <= number <= len(stops):
        raise Http404("No such stop on this trail.")
    current = stops[number - 1]
    context.update({
        "current": current,
        "item": current.stop.item,
        "asset": current.stop.asset,
        "previous_stop": stops[number - 2] if number > 1 else None,
        "next_stop": stops[number] if number < len(stops) else None,
        "stop_count": len(stops),
    })
    return render(request, "frontend/trail_stop.html", context)


def featured_trails(user, count: int = 3) -> list[dict]:
    """The newest published trails ``user`` may see, as the trails index lists them (the home page's few)."""
    trails = (trails_for_listing(user).filter(status=Trail.Status.PUBLISHED)
              .annotate(stop_count=Count("stops", distinct=True))[:count])
    return [_entry(user, trail) for trail in trails]
