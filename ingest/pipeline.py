"""The ingest pipeline: from a received upload to a ready item, or a clear failure.

For each uploaded file of an item:

1. fixity — re-hash the stored original against the digest taken at upload; a file
   whose bytes an earlier item already holds is a duplicate;
2. sniff — the real type, from the bytes;
3. guard — bytes, pixels, shape, metadata and pages checked from the headers;
4. metadata — date taken, camera, orientation, GPS (and the nearest known place);
5. for each page: decode once, make it upright and sRGB, blur any regions a takedown decision
   named (``Asset.redactions``), write the IIIF tile pyramid, the web copy and the thumbnail,
   its perceptual hash and any near-duplicates.

Then the item is marked ready (its date filled from the camera's if the contributor
gave none), every step recorded in the audit log, and the change announced after
commit. Any refusal marks it failed with a reason; what was half-made is removed.

Idempotent: paths are deterministic, rows are upserts, and each step commits on its
own, so a task redelivered after a worker died simply runs again to the same result.
A file that keeps killing workers is set aside after COFIO_INGEST_MAX_ATTEMPTS.
"""
import logging
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction

from archive.models import Asset, Derivative, Item
from archive.services import (
    asset_describe, asset_page_upsert, derivative_upsert, item_date_from_camera, item_derivatives_forget,
    item_mark_failed, item_mark_processing, item_mark_ready,
)

from .derivatives import derivative_path, derivatives_remove, display_copies_write, tiles_path, tiles_write
from .errors import IngestError
from .fixity import duplicate_holder, duplicate_refusal, original_verify
from .images import Limits, image_open, image_pages, page_decode, size_check
from .metadata import camera_metadata
from .redaction import redactions_apply
from .similarity import near_duplicates, perceptual_hash
from .sniff import Sniffed, file_sniff
from .suggestions import place_nearby

log = logging.getLogger(__name__)


def item_process(item_id: int) -> str:
    """Process every file of an item and mark it ready or failed; returns the final status.

    Ready, failed and withdrawn items are left as they are (a redelivered task is harmless).
    """
    item, attempt = _item_start(item_id)
    if item is None:
        log.info("item %s no longer exists; nothing to do", item_id)
        return "missing"
    if item.status != Item.Status.PROCESSING:
        return item.status
    if attempt > settings.COFIO_INGEST_MAX_ATTEMPTS:
        log.error("item %s: processing was cut short %s times; setting it aside", item_id, attempt - 1)
        return _item_fail(item, "keeps_crashing", {"attempts": attempt - 1}, [])
    steps: list[dict] = []
    try:
        _item_ingest(item, steps)
    except IngestError as exc:
        log.info("item %s refused: %s", item_id, exc)
        return _item_fail(item, exc.reason, exc.params, steps)
    except SoftTimeLimitExceeded:
        return _item_fail(item, "too_slow", {}, steps)
    except (OperationalError, InterfaceError):
        raise  # the database went away: the task is retried, and carries on where it can
    except Exception:
        log.exception("unexpected failure processing item %s", item_id)
        return _item_fail(item, "internal", {}, steps)
    return _item_finish(item, steps)


def _item_start(item_id: int) -> tuple[Item | None, int]:
    with transaction.atomic():
        item = Item.objects.select_for_update().filter(pk=item_id).first()
        if item is None or item.status not in (Item.Status.RECEIVED, Item.Status.PROCESSING):
            return item, 0
        return item, item_mark_processing(item)


def _item_ingest(item: Item, steps: list[dict]) -> None:
    limits = Limits.from_settings()
    for upload in item.assets.filter(page=0).order_by("position", "id"):
        asset_ingest(upload, limits, steps)


def asset_ingest(upload: Asset, limits: Limits, steps: list[dict]) -> None:
    """Check one uploaded file and make the display copies of each of its pages (steps appended to ``steps``)."""
    size_check(upload.size_bytes, limits)
    path = original_verify(upload)
    steps.append({"step": "fixity", "asset": upload.pk, "sha256": upload.sha256, "ok": True})
    if holder := duplicate_holder(upload):
        raise duplicate_refusal(upload, holder, steps)  # names the other item only to who may see it
    sniffed = file_sniff(path, upload.size_bytes)
    steps.append({"step": "sniff", "asset": upload.pk, "format": sniffed.format, "media_type": sniffed.media_type})
    with image_open(path, sniffed, limits) as image:
        pages = image_pages(image, sniffed, limits)  # sizes checked before anything can decode (PNG EXIF may)
        camera = camera_metadata(image)
        if nearby := place_nearby(camera.get("gps"), settings.COFIO_PLACE_SUGGESTION_METRES):
            camera["place_nearby"] = nearby
        steps.append({"step": "metadata", "asset": upload.pk, "pages": len(pages),
                      **{k: camera[k] for k in ("date_taken", "camera", "orientation") if k in camera},
                      "gps": "gps" in camera})
        for number, (frame, _, _) in enumerate(pages):
            page_ingest(asset_page_upsert(upload, number), image, frame, sniffed, camera, steps)


def page_ingest(asset: Asset, image, frame: int, sniffed: Sniffed, camera: dict, steps: list[dict]) -> None:
    """Decode one page once; write its tiles, web copy and thumbnail; hash it; record it all."""
    started = time.monotonic()
    picture = redactions_apply(page_decode(image, frame), asset.redactions)  # regions blurred after a takedown
    decoded = time.monotonic()
    pyramid = tiles_write(asset, picture)
    copies = display_copies_write(asset, pyramid.display_source)
    width, height = picture.size
    del picture
    pyramid.display_source = None  # let the decoded page go before hashing and recording
    phash = perceptual_hash(copies[Derivative.Kind.THUMBNAIL])
    similar = near_duplicates(asset, phash, settings.COFIO_NEAR_DUPLICATE_DISTANCE)
    derivative_upsert(asset, Derivative.Kind.TILES, tiles_path(asset), media_type="image/jpeg",
                      width=width, height=height)
    for kind, copy in copies.items():
        derivative_upsert(asset, kind, derivative_path(asset, kind),
                          media_type="image/jpeg", width=copy.width, height=copy.height)
    asset_describe(asset, media_type=sniffed.media_type, width=width, height=height, exif=camera, phash=phash,
                   similar_to=similar)
    steps.append({"step": "derivatives", "asset": asset.pk, "page": asset.page, "width": width, "height": height,
                  "tiles": pyramid.files, "scale_factors": pyramid.scale_factors,
                  "decode_seconds": round(decoded - started, 3), "seconds": round(time.monotonic() - started, 3)})
    if similar:
        steps.append({"step": "near_duplicates", "asset": asset.pk,
                      "similar_to": [entry["accession_number"] for entry in similar]})


def _item_finish(item: Item, steps: list[dict]) -> str:
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.status != Item.Status.PROCESSING:  # withdrawn while it was being processed
            return item.status
        first = item.assets.order_by("position", "id").first()
        taken = (first.exif or {}).get("date_taken") if first else None
        if taken and item_date_from_camera(item, taken):
            steps.append({"step": "date", "source": "camera", "date_text": item.date_text})
        item_mark_ready(item, assets=item.assets.count(), steps=steps)
    return item.status


def _item_fail(item: Item, reason: str, params: dict, steps: list[dict]) -> str:
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        asset_ids = list(item.assets.values_list("id", flat=True))
        paths = item_derivatives_forget(item)
        if item.status == Item.Status.PROCESSING:
            item_mark_failed(item, reason, steps=steps, **params)
    derivatives_remove(item.pk, paths, asset_ids)
    return item.status
