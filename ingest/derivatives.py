"""Display copies of an asset — thumbnail, web size, IIIF tiles — at deterministic paths.

Paths depend only on the item and asset ids, and every file is written under a fixed
working name and renamed into place, so running the same step twice (a redelivered
task) overwrites rather than adds, and a step cut short leaves nothing behind once
it is run again. Nothing written here carries EXIF, GPS, XMP or comments.
"""
import os
import shutil
from pathlib import Path

from django.conf import settings
from PIL import Image

from archive.models import Asset, Derivative

from .tiles import Pyramid, pyramid_publish, pyramid_remove

SIZES = {Derivative.Kind.THUMBNAIL: 400, Derivative.Kind.WEB: 1600}
QUALITY = {Derivative.Kind.THUMBNAIL: 82, Derivative.Kind.WEB: 85}


def media_path(relative: str) -> Path:
    """The absolute path of a file stored under MEDIA_ROOT."""
    return Path(settings.MEDIA_ROOT) / relative


def derivative_path(asset: Asset, kind: str) -> str:
    """Deterministic path of a thumbnail or web copy, relative to MEDIA_ROOT."""
    return f"derivatives/{asset.item_id}/{asset.pk}/{kind}.jpg"


def tiles_path(asset: Asset) -> str:
    """Deterministic directory of an asset's IIIF tiles, relative to MEDIA_ROOT."""
    return f"iiif/{asset.pk}"


def tiles_service_id(asset: Asset) -> str:
    """The ``id`` written into info.json: the path-absolute URL of the tiles directory."""
    return f"{settings.MEDIA_URL}{tiles_path(asset)}"


def tiles_write(asset: Asset, picture: Image.Image) -> Pyramid:
    """Write (or rewrite) the asset's tile pyramid; keeps a level big enough for the web copy."""
    return pyramid_publish(picture, media_path(tiles_path(asset)), tiles_service_id(asset),
                           keep_for_display=max(SIZES.values()))


def display_copies_write(asset: Asset, source: Image.Image) -> dict[str, Image.Image]:
    """Write the web copy and the thumbnail from ``source``; returns each kind's picture (small, in memory)."""
    made = {}
    for kind in sorted(SIZES, key=SIZES.get, reverse=True):  # web first; the thumbnail is made from it
        longest = SIZES[kind]
        if max(source.size) > longest:
            scale = longest / max(source.size)
            size = (max(1, round(source.width * scale)), max(1, round(source.height * scale)))
            source = source.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        _save_atomically(source, media_path(derivative_path(asset, kind)), QUALITY[kind])
        made[kind] = source
    return made


def _save_atomically(picture: Image.Image, target: Path, quality: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    picture.save(partial, "JPEG", quality=quality, optimize=True, progressive=True)  # no exif=, no icc_profile=
    os.replace(partial, target)


def derivatives_remove(item_id: int, paths: list[str], asset_ids: list[int]) -> None:
    """Remove display copies (files and half-made ones) of an item's assets."""
    for relative in paths:
        target = media_path(relative)
        if relative.startswith("iiif/"):
            pyramid_remove(target)
        else:
            for path in (target, target.with_name(target.name + ".part")):
                path.unlink(missing_ok=True)
    for asset_id in asset_ids:
        pyramid_remove(media_path(f"iiif/{asset_id}"))
        shutil.rmtree(media_path(f"derivatives/{item_id}/{asset_id}"), ignore_errors=True)
