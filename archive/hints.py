"""Hints about a ready item for the people who can act on them, and what of its camera data a reader may see.

Hints come from ingest: a possible near-duplicate ("this may already be in the
archive as COF-000012"), the date the camera recorded when it differs from the
item's date, and a known place near the photo's GPS position. They are shown only
to the item's contributor and curators. Camera data (EXIF/XMP) is shown to them
too; visitors see a photo's location only if the contributor agreed to share it.
"""
from datetime import date

from .access import can_edit_item, can_view_item, places_visible_to
from .models import Asset, Item
from .reasons import hint_text


def item_hints(item: Item, user, language: str = "en") -> list[dict]:
    """Hints about ``item`` for ``user`` (empty unless they may edit it), each with its ``message``."""
    if not can_edit_item(user, item):
        return []
    assets = list(item.assets.all())
    hints = _near_duplicate_hints(assets, user, language)
    first = assets[0] if assets else None
    camera = (first.exif or {}) if first else {}
    if taken := _day(camera.get("date_taken")):
        if not (item.date_start and item.date_end and item.date_start <= taken <= item.date_end):
            hints.append({"code": "date_taken", "date": taken.isoformat(),
                          "message": hint_text("date_taken", {"date": taken.isoformat()}, language)})
    nearby = camera.get("place_nearby")
    if nearby and nearby.get("place") != item.place_id:
        place = places_visible_to(user).filter(pk=nearby.get("place")).first()  # not one typed only on hidden items
        if place is not None:
            hints.append({"code": "place_nearby", "place": {"id": place.pk, "name": str(place)},
                          "metres": nearby.get("metres"),
                          "message": hint_text("place_nearby", {"place": str(place)}, language)})
    return hints


def _near_duplicate_hints(assets: list[Asset], user, language: str) -> list[dict]:
    hints, seen = [], set()
    for asset in assets:
        for entry in asset.similar_to or []:
            other_id = entry.get("item")
            if other_id in seen:
                continue
            seen.add(other_id)
            other = Item.objects.filter(pk=other_id).first()
            if other is None or not can_view_item(user, other):
                continue
            params = {"accession_number": other.accession_number or str(other.pk)}
            hints.append({"code": "near_duplicate", "item": other.pk, "accession_number": params["accession_number"],
                          "distance": entry.get("distance"), "message": hint_text("near_duplicate", params, language)})
    return hints


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value and len(str(value)) >= 10 else None
    except ValueError:
        return None


def asset_camera_data(asset: Asset, user) -> dict:
    """What ``user`` may see of the camera data of ``asset``: all of it for the contributor and curators;
    for anyone else, only the location, and only if the contributor agreed to share it."""
    camera = asset.exif or {}
    item = asset.item
    if can_edit_item(user, item):
        data = {k: camera[k] for k in ("date_taken", "camera") if k in camera}
        if "gps" in camera:
            data["location"] = camera["gps"]
        return data
    if item.share_location and "gps" in camera:
        return {"location": camera["gps"]}
    return {}
