"""A trail's printable leaflet: the whole walk on A4 sheets to take round the village.

Title, authors, introduction, the route map (SVG drawn here, no tiles: it is printed), then every stop
with its number, a small picture (the stop's region of it when it has one), title, narrative, directions
and a QR code of the stop's own page. Stops are read only through
:func:`archive.trail_selectors.trail_stops_for`, so a stop whose item the reader may not see is a
placeholder here as everywhere: its number, words and QR code, never the item's picture or title.
"""
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from archive.access import can_view_trail
from archive.iiif.links import Links
from archive.models import Derivative, Trail
from archive.trail_selectors import StopShown, language_map, trail_authors, trail_stops_for

from ..bilingual import Localised, current_language, localised_map
from ..qr import qr_svg
from ..route_map import points_of, route_svg
from .trails import trail_title


@dataclass(frozen=True)
class StopPicture:
    """What a stop shows: a derivative's URL and size; ``crop`` (x, y, w, h in the derivative's pixels) when the
    stop points at a region of the picture."""

    url: str
    width: int
    height: int
    crop: tuple[float, float, float, float] | None = None

    @property
    def view_box(self) -> str:
        """The crop as an SVG ``viewBox`` ("x y w h"), which shows only that part of the picture."""
        return " ".join(f"{v:.1f}" for v in self.crop) if self.crop else ""

    @property
    def crop_size(self) -> tuple[int, int]:
        """The crop's width and height in whole pixels (the SVG's size, so it keeps the crop's shape)."""
        return (max(1, round(self.crop[2])), max(1, round(self.crop[3]))) if self.crop else (self.width, self.height)


@dataclass(frozen=True)
class LeafletStop:
    """One stop as the leaflet prints it."""

    number: int
    shown: bool
    title: Localised
    narrative: Localised
    directions: Localised
    picture: StopPicture | None
    url: str
    qr: str
    located: bool


def _derivatives(stops: list[StopShown]) -> dict[int, dict[str, Derivative]]:
    """The shown stops' first pictures' derivatives (asset id → kind → derivative), in one query."""
    asset_ids = [s.asset.pk for s in stops if s.shown and s.asset is not None]
    made: dict[int, dict[str, Derivative]] = {}
    for derivative in Derivative.objects.filter(asset_id__in=asset_ids, kind__in=["thumbnail", "web"]):
        if derivative.path and derivative.width and derivative.height:
            made.setdefault(derivative.asset_id, {})[derivative.kind] = derivative
    return made


def stop_picture(stop: StopShown, made: dict[str, Derivative], media_url: str) -> StopPicture | None:
    """The picture a shown stop prints, as the item cards make their URLs (``MEDIA_URL`` + the derivative's
    path, served after the access rules): the thumbnail, or for a region the web copy (sharper when
    cropped) with the region's box scaled from the full-size pixels it is stored in. The Image API here is
    level 0 (only the stored tiles), so it cannot cut an arbitrary region; the page crops with the SVG's
    viewBox instead. None for a placeholder or a picture not made yet."""
    if not stop.shown or stop.asset is None:
        return None
    region = stop.region
    kinds = ("web", "thumbnail") if region else ("thumbnail", "web")
    derivative = next((made[k] for k in kinds if k in made), None)
    if derivative is None:
        return None
    url = media_url + derivative.path
    if not region or not stop.asset.width or not stop.asset.height:
        return StopPicture(url, derivative.width, derivative.height)
    sx, sy = derivative.width / stop.asset.width, derivative.height / stop.asset.height
    crop = (region["x"] * sx, region["y"] * sy, region["w"] * sx, region["h"] * sy)
    return StopPicture(url, derivative.width, derivative.height, crop)


def leaflet_context(request, trail: Trail) -> dict:
    """What the leaflet template shows of ``trail`` to ``request.user`` in the page's language."""
    language = current_language()
    links = Links.for_request(request)
    stops = trail_stops_for(request.user, trail)
    made = _derivatives(stops)
    printed = []
    for stop in stops:
        url = links.base + reverse("frontend:trail-stop", args=[trail.pk, stop.number])
        picture = stop_picture(stop, made.get(stop.asset.pk, {}) if stop.asset else {},
                               settings.MEDIA_URL)
        printed.append(LeafletStop(
            number=stop.number, shown=stop.shown,
            title=localised_map(stop.title, language) or Localised(_("Untitled") if stop.shown else "", language),
            narrative=localised_map(stop.narrative, language),
            directions=localised_map(stop.directions, language), picture=picture, url=url,
            qr=qr_svg(url, _("QR code for stop %(number)s: %(url)s") % {"number": stop.number, "url": url},
                      css_class="leaflet-stop__qr"),
            located=stop.lat is not None and stop.lon is not None))
    route = route_svg(points_of(stops), _("Map of the route: the stops numbered in the order of the walk"),
                      north=_("North"), css_class="route-map")
    return {
        "trail": trail, "title": trail_title(trail), "introduction": localised_map(language_map(trail, "introduction"), language),
        "authors": [a["name"] for a in trail_authors(trail)], "stops": printed, "route_map": route,
        "draft": trail.status == Trail.Status.DRAFT, "trail_url": links.base + reverse("frontend:trail",
                                                                                       args=[trail.pk]),
        "unlocated": [s.number for s in printed if not s.located],
    }


def trail_leaflet(request, pk: int):
    """The trail on A4: title, route map, each stop with a small picture, narrative and QR code.

    A draft is a 404 to anyone but its authors and curators (:func:`archive.access.can_view_trail`).
    """
    trail = Trail.objects.filter(pk=pk).prefetch_related("authors__user").first()
    if trail is None or not can_view_trail(request.user, trail):
        raise Http404
    return render(request, "frontend/trail_leaflet.html", leaflet_context(request, trail))
