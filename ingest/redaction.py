"""Blurring regions of a picture after a takedown request, in every display copy, never in the original.

An asset's ``redactions`` ([x, y, w, h] in full-size upright pixels) are applied to the decoded
page by :func:`redactions_apply`, between the one decode and the tiles and display copies, both at
ingest (so processing an item again keeps them) and by :func:`asset_redact`, which makes an asset's
tiles, web copy and thumbnail again from its original once a curator decided to blur a region.
The region is pixelated into coarse blocks and then blurred, so that a face in it cannot be
recognised at any zoom level. The original file is only read.
"""
import logging

from django.db import transaction
from PIL import Image, ImageFilter

from archive.models import Asset, Item

from .errors import IngestError
from .fixity import original_verify
from .images import Limits, image_open, image_pages
from .sniff import file_sniff

log = logging.getLogger(__name__)

BLOCKS = 8  # the region's longer side becomes this many coarse blocks
MIN_BLOCK = 8  # pixels: never finer than this, however small the region


def _clamped(region, width: int, height: int) -> tuple[int, int, int, int] | None:
    try:
        x, y, w, h = (int(v) for v in region)
    except (TypeError, ValueError):
        log.warning("ignoring a malformed redaction %r", region)
        return None
    left, top = max(0, x), max(0, y)
    right, bottom = min(width, x + w), min(height, y + h)
    if right <= left or bottom <= top:
        return None
    return left, top, right, bottom


def region_blur(picture: Image.Image, box: tuple[int, int, int, int]) -> None:
    """Make ``box`` (left, top, right, bottom) of ``picture`` unrecognisable, in place: pixelated, then blurred."""
    left, top, right, bottom = box
    part = picture.crop(box)
    block = max(MIN_BLOCK, max(part.size) // BLOCKS)
    small = part.resize((max(1, part.width // block), max(1, part.height // block)), Image.Resampling.BOX)
    coarse = small.resize(part.size, Image.Resampling.NEAREST)
    picture.paste(coarse.filter(ImageFilter.GaussianBlur(radius=max(2, block // 2))), (left, top))


def redactions_apply(picture: Image.Image, redactions) -> Image.Image:
    """``picture`` with every region in ``redactions`` blurred (the same picture, changed in place)."""
    for region in redactions or []:
        box = _clamped(region, *picture.size)
        if box is not None:
            region_blur(picture, box)
    return picture


def asset_redact(asset_id: int) -> str:
    """Make the asset's tiles, web copy and thumbnail again from its original, with its redactions blurred.

    Idempotent (the same regions give the same files, written over the old ones; the tile pyramid
    is swapped whole, so no old tile stays reachable). Returns what happened: ``done``, or why not.
    """
    from archive.services.takedown import takedown_redaction_done

    from .pipeline import page_ingest

    with transaction.atomic():
        asset = Asset.objects.select_for_update().select_related("item").filter(pk=asset_id).first()
        if asset is None:
            return "missing"
        if asset.item.status != Item.Status.READY or asset.item.purged_at is not None:
            return asset.item.status if asset.item.purged_at is None else "purged"
        upload = asset if asset.page == 0 else (
            Asset.objects.filter(item_id=asset.item_id, sha256=asset.sha256, page=0).first() or asset)
        limits = Limits.from_settings()
        try:
            path = original_verify(upload)
            sniffed = file_sniff(path, upload.size_bytes)
            with image_open(path, sniffed, limits) as image:
                pages = image_pages(image, sniffed, limits)
                if asset.page >= len(pages):
                    raise IngestError("damaged")
                page_ingest(asset, image, pages[asset.page][0], sniffed, asset.exif or {}, [])
        except IngestError as exc:  # the item stays held: a curator sees why in the log
            log.error("asset %s: could not blur its regions: %s", asset.pk, exc.reason)
            return exc.reason
        takedown_redaction_done(asset)
    log.info("asset %s: %s region(s) blurred in its display copies", asset.pk, len(asset.redactions))
    return "done"

