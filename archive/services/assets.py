"""Recording what processing learnt about assets: pages, display copies, fixity, look-alikes.

Every function here is an upsert or an append, so a redelivered ingest task that
calls them again leaves the same rows behind.
"""
import logging

from django.db import transaction
from django.db.models import F

from ..models import Asset, AuditEvent, Derivative, FixityCheck, Item
from .audit import audit_record

log = logging.getLogger(__name__)


def asset_page_upsert(source: Asset, page: int) -> Asset:
    """The asset for ``page`` of ``source``'s file (``source`` itself for page 0), made once."""
    if page == 0:
        return source
    asset, _ = Asset.objects.get_or_create(
        item_id=source.item_id, sha256=source.sha256, page=page,
        defaults={"position": source.position + page, "original": source.original.name,
                  "original_filename": source.original_filename, "size_bytes": source.size_bytes},
    )
    return asset


def asset_describe(asset: Asset, **fields) -> Asset:
    """Store what processing found about an asset (media_type, width, height, exif, phash, similar_to)."""
    for name, value in fields.items():
        setattr(asset, name, value)
    asset.save(update_fields=list(fields))
    return asset


def derivative_upsert(asset: Asset, kind: str, path: str, *, media_type: str, width: int, height: int) -> Derivative:
    """Record a display copy of ``asset`` (one per kind: a redelivered task replaces, never adds)."""
    derivative, _ = Derivative.objects.update_or_create(
        asset=asset, kind=kind, defaults={"path": path, "media_type": media_type, "width": width, "height": height},
    )
    return derivative


def item_derivatives_forget(item: Item) -> list[str]:
    """Delete the derivative rows of ``item`` and the extra page assets; return the paths they named.

    Used when processing fails, so a failed item shows nothing half-made; the files
    themselves are removed by the caller (ingest), the uploaded originals are kept.
    """
    derivatives = Derivative.objects.filter(asset__item=item)
    paths = list(derivatives.values_list("path", flat=True))
    derivatives.delete()
    Asset.objects.filter(item=item, page__gt=0).delete()
    return paths


@transaction.atomic
def fixity_record(asset: Asset, actual: str) -> FixityCheck:
    """Record one re-hash of ``asset``'s original (``actual`` '' when the file is missing).

    A mismatch logs an ERROR, marks the asset (``fixity_ok=False``: the alarm shown in the
    admin and /healthz) and writes ``fixity_checked`` to the item's audit log; so does the
    first good check after a mismatch (the file was restored).
    """
    ok = actual == asset.sha256
    check = FixityCheck.objects.create(asset=asset, ok=ok, expected=asset.sha256, actual=actual)
    was_ok = asset.fixity_ok
    asset.fixity_ok, asset.fixity_checked_at = ok, check.checked_at
    asset.save(update_fields=["fixity_ok", "fixity_checked_at"])
    if not ok:
        log.error("FIXITY MISMATCH: asset %s (item %s) original %s: expected %s, found %s",
                  asset.pk, asset.item_id, asset.original.name, asset.sha256, actual or "no file")
    if not ok or was_ok is False:
        audit_record(asset.item, AuditEvent.Action.FIXITY_CHECKED, asset=asset.pk, ok=ok, expected=asset.sha256,
                     actual=actual, path=asset.original.name)
    return check


def fixity_alarms():
    """Assets whose original failed its latest fixity check."""
    return Asset.objects.filter(fixity_ok=False)


def fixity_due(limit: int) -> list[Asset]:
    """The ``limit`` assets checked least recently (never-checked first), for the rolling audit."""
    return list(Asset.objects.select_related("item")
                .order_by(F("fixity_checked_at").asc(nulls_first=True), "id")[:limit])
