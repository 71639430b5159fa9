"""Suggestions drawn from what the camera recorded: the nearest known place to a photo's GPS position."""
import math

from archive.models import Place

EARTH_RADIUS_M = 6_371_000


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))


def place_nearby(gps: dict | None, max_metres: float) -> dict | None:
    """The known place nearest to ``gps`` if within ``max_metres``: ``{"place": id, "metres": n}``, else None."""
    if not gps:
        return None
    lat, lon = gps["latitude"], gps["longitude"]
    # A box of about max_metres around the point narrows the query; the exact distance decides.
    dlat = max_metres / 111_000
    dlon = dlat / max(0.01, math.cos(math.radians(lat)))
    best = None
    for place_id, plat, plon in Place.objects.filter(
            latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon),
    ).values_list("id", "latitude", "longitude"):
        metres = distance_metres(lat, lon, plat, plon)
        if metres <= max_metres and (best is None or metres < best["metres"]):
            best = {"place": place_id, "metres": round(metres)}
    return best
