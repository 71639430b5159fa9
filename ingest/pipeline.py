"""The ingest pipeline: from a received upload to a ready item, or a clear failure.

First version (foundation): sniff and check the image with Pillow, record its
size, make a thumbnail and a web-sized copy (oriented, sRGB, no EXIF), mark the
item ready. Every step is idempotent: output paths are deterministic and
derivative rows are upserts, so a redelivered task does no harm.
"""
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from archive.models import Asset, Derivative, Item
from archive.services import item_mark_failed, item_mark_processing, item_mark_ready

log = logging.getLogger(__name__)

ACCEPTED_FORMATS = {"JPEG", "PNG", "TIFF", "WEBP", "GIF", "HEIF"}
SIZES = {Derivative.Kind.THUMBNAIL: 400, Derivative.Kind.WEB: 1600}
# Magic numbers of things people upload by mistake, for a helpful message.
NOT_IMAGES = [(b"%PDF", "a PDF document"), (b"PK\x03\x04", "a zip archive"), (b"<svg", "an SVG drawing"),
              (b"<!DOCTYPE html", "a web page"), (b"<html", "a web page"), (b"\xd0\xcf\x11\xe0", "an Office document")]


class IngestError(Exception):
    """A failure with a reason code from archive.reasons, shown to the contributor."""

    def __init__(self, reason: str, **params):
        super().__init__(reason)
        self.reason, self.params = reason, params


def _sniff_non_image(path: Path) -> str | None:
    with open(path, "rb") as f:
        head = f.read(512).lstrip()
    for magic, kind in NOT_IMAGES:
        if head[:len(magic)].lower() == magic.lower():
            return kind
    return None


def derivative_path(asset: Asset, kind: str) -> str:
    """Deterministic path of a derivative, relative to MEDIA_ROOT."""
    return f"derivatives/{asset.item_id}/{asset.pk}/{kind}.jpg"


def _write_atomically(image: Image.Image, relative: str) -> None:
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(fd)
    try:
        image.save(tmp, "JPEG", quality=85, optimize=True, progressive=True)  # no exif= : metadata dropped
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _open_checked(path: Path) -> Image.Image:
    """Open an original with Pillow, refusing what is not an accepted, intact, reasonably sized image."""
    Image.MAX_IMAGE_PIXELS = settings.COFIO_MAX_PIXELS
    try:
        with Image.open(path) as probe:
            probe.verify()
        image = Image.open(path)
        if image.format not in ACCEPTED_FORMATS:
            raise IngestError("not_an_image", kind=f"a {image.format} file")
        image.load()
        return image
    except Image.DecompressionBombError as exc:
        raise IngestError("too_large", detail=f"more than {settings.COFIO_MAX_PIXELS // 1_000_000} megapixels") \
            from exc
    except UnidentifiedImageError as exc:
        raise IngestError("not_an_image", **({"kind": k} if (k := _sniff_non_image(path)) else {})) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise IngestError("damaged") from exc


def asset_process(asset: Asset) -> None:
    """Check one asset, record what it is, and write its display derivatives."""
    if not asset.original or not asset.original.storage.exists(asset.original.name):
        raise IngestError("missing_file")
    path = Path(asset.original.path)
    with _open_checked(path) as image:
        asset.media_type = Image.MIME.get(image.format, "application/octet-stream")
        asset.width, asset.height = image.size
        asset.save(update_fields=["media_type", "width", "height"])
        upright = ImageOps.exif_transpose(image)
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        for kind, longest in SIZES.items():
            copy = upright.copy()
            copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)
            relative = derivative_path(asset, kind)
            _write_atomically(copy, relative)
            Derivative.objects.update_or_create(
                asset=asset, kind=kind,
                defaults={"path": relative, "media_type": "image/jpeg", "width": copy.width, "height": copy.height},
            )


def item_process(item_id: int) -> str:
    """Process every asset of an item and mark it ready or failed; returns the final status.

    Ready, failed and withdrawn items are left as they are (a redelivered task is harmless).
    """
    with transaction.atomic():
        item = Item.objects.select_for_update().filter(pk=item_id).first()
        if item is None:
            log.info("item %s no longer exists; nothing to do", item_id)
            return "missing"
        if item.status not in (Item.Status.RECEIVED, Item.Status.PROCESSING):
            return item.status
        item_mark_processing(item)
    try:
        for asset in item.assets.all():
            asset_process(asset)
    except IngestError as exc:
        item_mark_failed(item, exc.reason, **exc.params)
        return item.status
    except Exception:
        log.exception("unexpected failure processing item %s", item_id)
        item_mark_failed(item, "internal")
        return item.status
    item_mark_ready(item, assets=item.assets.count())
    return item.status
