"""A trail's route drawn by the server as SVG: no map tiles, so it prints, and works in a hall with no internet.

The stops' latitudes and longitudes are projected onto a plain background (an equirectangular projection
with longitude scaled by the cosine of the middle latitude: at the scale of a village walk that is the same
shape as a web map), scaled to fit the drawing with a margin, joined by a line in the order of the walk and
marked with their numbers. North is up; a scale bar gives the distance.
"""
import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

EARTH_RADIUS_M = 6_371_000
WIDTH, HEIGHT = 600, 400       # the drawing's own units (viewBox); CSS sets the size on screen and paper
MARGIN = 36                    # room for a marker at the edge
MARGIN_Y = 58                  # above and below: room for the north arrow and the scale bar, clear of markers
MARKER_RADIUS = 14
# Nice lengths for the scale bar, in metres.
SCALE_STEPS = (10, 20, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000, 100_000)


@dataclass(frozen=True)
class RoutePoint:
    """A stop on the route: its number on the trail and where it is."""

    number: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Placed:
    """A stop's marker in the drawing's units."""

    number: int
    x: float
    y: float


def _metres(lat: float, lon: float, mid_lat: float) -> tuple[float, float]:
    """East and north of (0, 0) in metres (equirectangular, longitude shrunk by cos of ``mid_lat``)."""
    east = math.radians(lon) * EARTH_RADIUS_M * math.cos(math.radians(mid_lat))
    north = math.radians(lat) * EARTH_RADIUS_M
    return east, north


def layout(points: list[RoutePoint], width: int = WIDTH, height: int = HEIGHT) -> tuple[list[Placed], float]:
    """The points placed in a ``width`` × ``height`` drawing, scaled to fit, and metres per drawing unit.

    One point (or several at one place) goes in the middle; the scale is then that of a 200 m square.
    """
    if not points:
        return [], 0.0
    mid_lat = (min(p.lat for p in points) + max(p.lat for p in points)) / 2
    metric = [_metres(p.lat, p.lon, mid_lat) for p in points]
    east_min, east_max = min(e for e, _ in metric), max(e for e, _ in metric)
    north_min, north_max = min(n for _, n in metric), max(n for _, n in metric)
    span_east, span_north = east_max - east_min, north_max - north_min
    inner_w, inner_h = width - 2 * MARGIN, height - 2 * MARGIN_Y
    if max(span_east, span_north) < 1:  # everything at one spot
        per_unit = 200 / min(inner_w, inner_h)
    else:
        per_unit = max(span_east / inner_w, span_north / inner_h)
    # Centre the route in the drawing.
    centre_east, centre_north = (east_min + east_max) / 2, (north_min + north_max) / 2
    placed = [Placed(p.number, width / 2 + (e - centre_east) / per_unit, height / 2 - (n - centre_north) / per_unit)
              for p, (e, n) in zip(points, metric, strict=True)]
    return placed, per_unit


def _scale_bar(per_unit: float, width: int, height: int) -> tuple[float, int]:
    """The scale bar's length in drawing units and in metres: the longest nice length up to a quarter of the width."""
    metres = SCALE_STEPS[0]
    for step in SCALE_STEPS:
        if step / per_unit <= width / 4:
            metres = step
    return metres / per_unit, metres


def _distance_text(metres: int) -> str:
    return f"{metres // 1000} km" if metres >= 1000 and metres % 1000 == 0 else (
        f"{metres / 1000:g} km" if metres >= 1000 else f"{metres} m")


def route_svg(points: list[RoutePoint], label: str, north: str = "North", width: int = WIDTH,
              height: int = HEIGHT, css_class: str = "route-map") -> SafeString:
    """The route as an ``<svg>``: background, the line joining the stops in order, a numbered marker for each.

    ``label`` names the map for screen readers, ``north`` is the letter on the north arrow (the reader's
    language: "Gogledd" in Welsh). Markers are drawn in reverse so that the first stop is on top
    where two overlap. An empty ``points`` gives an empty string.
    """
    placed, per_unit = layout(points, width, height)
    if not placed:
        return mark_safe("")
    parts = [f'<svg class="{css_class}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">',
             f'<rect class="{css_class}__ground" x="0" y="0" width="{width}" height="{height}"/>']
    if len(placed) > 1:
        line = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in placed)
        parts.append(f'<polyline class="{css_class}__line" points="{line}"/>')
    for p in reversed(placed):
        parts.append(f'<g class="{css_class}__stop" data-stop="{p.number}">'
                     f'<circle cx="{p.x:.1f}" cy="{p.y:.1f}" r="{MARKER_RADIUS}"/>'
                     f'<text x="{p.x:.1f}" y="{p.y:.1f}" text-anchor="middle" dominant-baseline="central">'
                     f'{p.number}</text></g>')
    # North arrow, top right.
    nx, ny = width - 34, 16  # room for the word ("Gogledd") centred under the arrow
    parts.append(f'<g class="{css_class}__north" aria-hidden="true">'
                 f'<path d="M{nx} {ny} l-7 18 l7 -5 l7 5 z"/>'
                 f'<text x="{nx}" y="{ny + 32}" text-anchor="middle" dominant-baseline="central">{escape(north)}</text>'
                 f'</g>')
    # Scale bar, bottom left.
    bar, metres = _scale_bar(per_unit, width, height)
    bx, by = 12, height - 12
    parts.append(f'<g class="{css_class}__scale" aria-hidden="true">'
                 f'<path d="M{bx} {by - 6} v6 h{bar:.1f} v-6"/>'
                 f'<text x="{bx + bar / 2:.1f}" y="{by - 12}" text-anchor="middle">{_distance_text(metres)}</text>'
                 f'</g>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def points_of(stops) -> list[RoutePoint]:
    """The located stops (``lat`` and ``lon`` both known) of a trail's shown stops, in order."""
    return [RoutePoint(s.number, s.lat, s.lon) for s in stops if s.lat is not None and s.lon is not None]
