"""Fixity: originals are kept byte for byte, under their SHA-256, and re-checked on a rolling schedule.

At ingest the stored original is re-hashed against the digest taken at upload (the
first fixity check), and an upload whose digest an earlier asset already has is a
duplicate: the bytes are stored once, and the contributor is told which item holds
them when they may see that item (else only that the photo is already in the archive, and
the curators are told which item it is). The scheduled audit (``fixity_audit``) re-hashes the least recently checked
originals and raises the alarm on any mismatch.
"""
import hashlib
import logging
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from archive.access import can_view_item
from archive.models import Asset, Item
from archive.selectors import curators_to_email
from archive.services import fixity_due, fixity_record
from archive.services.notify import contributor_notify
from archive.storage import CHUNK

from .errors import IngestError

log = logging.getLogger(__name__)


def path_sha256(path: Path) -> str:
    """SHA-256 (hex) of a file, read in chunks; '' if it is missing or unreadable."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                digest.update(chunk)
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return ""
    return digest.hexdigest()


def original_path(asset: Asset) -> Path | None:
    """The stored original's path on disk, or None when it is missing."""
    if not asset.original:
        return None
    path = Path(asset.original.path)
    return path if path.is_file() else None


def original_verify(asset: Asset) -> Path:
    """Re-hash the stored original, record the check, and return its path; IngestError if missing or altered."""
    path = original_path(asset)
    actual = path_sha256(path) if path else ""
    fixity_record(asset, actual)
    if not actual:
        raise IngestError("missing_file")
    if actual != asset.sha256:
        raise IngestError("fixity_mismatch")
    return path


def duplicate_holder(asset: Asset) -> Asset | None:
    """The earlier asset, in another item that did not fail, with the same bytes as ``asset`` (or None).

    "Earlier" is by id, so of two identical uploads processed at the same time the
    first one uploaded is kept and the second is the duplicate, whichever runs first.
    """
    return (Asset.objects.filter(sha256=asset.sha256, id__lt=asset.pk)
            .exclude(item_id=asset.item_id).exclude(item__status=Item.Status.FAILED)
            .select_related("item").order_by("id").first())


def duplicate_refusal(asset: Asset, holder: Asset, steps: list[dict]) -> IngestError:
    """The refusal of ``asset``, whose bytes ``holder`` already has, in words its contributor may read.

    The contributor is told which item holds the photo only when they may see that item
    (:func:`archive.access.can_view_item`): the accession number of someone else's private or waiting
    item is not theirs to know. Otherwise the message names nothing, and the curators are emailed which
    item it is. Either way the item is named in the audit log (``steps``), which only curators read.
    """
    reference = holder.item.accession_number or str(holder.item_id)
    steps.append({"step": "duplicate", "asset": asset.pk, "item": holder.item_id, "accession_number": reference})
    item = asset.item
    if can_view_item(item.contributor, holder.item):
        return IngestError("duplicate", accession_number=reference, item_id=holder.item_id)
    for curator in curators_to_email():
        contributor_notify(
            curator, _("A copy of %(reference)s was refused"),
            _("%(contributor)s uploaded a photo (%(upload)s) that is exactly the same file as %(reference)s, an "
              "item they may not see. It was refused without naming %(reference)s to them. Please look at both "
              "items in case anything needs doing."),
            reference=reference, upload=item.accession_number or str(item.pk),
            contributor=item.contributor.credit_name)
    return IngestError("duplicate_unnamed")


def fixity_audit(limit: int) -> dict:
    """Re-hash the originals of the ``limit`` least recently checked assets; record each check.

    Pages of one file share it: it is hashed once and the result recorded for each.
    Returns counts: ``checked``, ``failed`` (and logs an ERROR for each failure).
    """
    digests: dict[str, str] = {}
    checked = failed = 0
    for asset in fixity_due(limit):
        name = asset.original.name
        if name not in digests:
            path = original_path(asset)
            digests[name] = path_sha256(path) if path else ""
        check = fixity_record(asset, digests[name])
        checked += 1
        failed += not check.ok
    if failed:
        log.error("fixity audit: %s of %s originals did not match their SHA-256", failed, checked)
    else:
        log.info("fixity audit: %s originals checked, all match", checked)
    return {"checked": checked, "failed": failed}
