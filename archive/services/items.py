"""Creating items from uploads and moving them through their lifecycle."""
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..dates import parse_date_text
from ..models import Asset, AuditEvent, Batch, Description, Item, Person, Place, Subject
from ..models.moderation import Moderation
from ..signals import item_changed_announce
from ..storage import file_sha256, original_store
from .audit import audit_record
from .moderation import contribution_moderation

TITLE_LENGTH = 120


@dataclass
class Contribution:
    """What a contributor says about the files of one upload (shared by every file in it)."""

    licence: str
    consent: bool
    caption: str = ""
    language: str = "en"
    date_text: str = ""
    place: Place | None = None
    people: list[Person] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)
    visibility: str = Item.Visibility.PUBLIC
    share_location: bool = False
    teller_name: str = ""  # memory-day mode: whose words the caption is, written down by the contributor


def _title_from(caption: str) -> str:
    """A short title: the caption's first line, cut at a word boundary."""
    first = caption.strip().splitlines()[0].strip() if caption.strip() else ""
    if len(first) <= TITLE_LENGTH:
        return first
    cut = first[:TITLE_LENGTH].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def _enqueue_ingest(item_id: int) -> None:
    from ingest.tasks import ingest_item

    transaction.on_commit(lambda: ingest_item.delay(item_id))


@transaction.atomic
def item_create(*, contributor, upload, contribution: Contribution, batch: Batch | None = None) -> Item:
    """Catalogue one uploaded file as a new item, store the original untouched, and queue its processing.

    A trusted member's or a curator's contribution is approved at once; anyone else's waits for a curator.
    """
    date = parse_date_text(contribution.date_text)
    title_field = "title_cy" if contribution.language == "cy" else "title_en"
    moderation = contribution_moderation(contributor)  # trusted members and curators: approved at once
    moderated_at = timezone.now() if moderation == Moderation.APPROVED else None
    item = Item.objects.create(
        moderation=moderation, moderated_at=moderated_at,
        **{title_field: _title_from(contribution.caption)},
        date_text=date.text, date_start=date.start, date_end=date.end,
        place=contribution.place, licence=contribution.licence, consent=contribution.consent,
        consent_at=timezone.now() if contribution.consent else None,
        visibility=contribution.visibility, share_location=contribution.share_location,
        contributor=contributor, batch=batch,
    )
    item.accession_number = f"{settings.COFIO_ACCESSION_PREFIX}-{item.pk:06d}"
    item.save(update_fields=["accession_number"])
    item.people.set(contribution.people)
    item.subjects.set(contribution.subjects)
    if contribution.caption.strip():
        Description.objects.create(item=item, kind=Description.Kind.CAPTION, text=contribution.caption.strip(),
                                   language=contribution.language, author=contributor,
                                   teller_name=contribution.teller_name.strip(),
                                   moderation=moderation, moderated_at=moderated_at)
    sha256, size = file_sha256(upload)
    name = original_store(upload, sha256)
    Asset.objects.create(item=item, original=name, original_filename=getattr(upload, "name", "") or "",
                         size_bytes=size, sha256=sha256)
    audit_record(item, AuditEvent.Action.RECEIVED, contributor, filename=getattr(upload, "name", ""),
                 sha256=sha256, size=size, date_parsed=date.is_parsed)
    if moderation == Moderation.APPROVED:
        audit_record(item, AuditEvent.Action.APPROVED, None, automatic=True)
    _enqueue_ingest(item.pk)
    return item


@transaction.atomic
def batch_create(*, contributor, uploads, contribution: Contribution) -> Batch:
    """Catalogue several files in one upload; each becomes an item, all share the contribution."""
    batch = Batch.objects.create(contributor=contributor)
    for upload in uploads:
        item_create(contributor=contributor, upload=upload, contribution=contribution, batch=batch)
    return batch


def item_processing_attempts(item: Item) -> int:
    """How many times processing has started since the item was received or last retried."""
    start = (item.audit_events.filter(action__in=[AuditEvent.Action.RECEIVED, AuditEvent.Action.RETRIED])
             .order_by("-id").values_list("id", flat=True).first())
    return item.audit_events.filter(action=AuditEvent.Action.PROCESSING, id__gt=start or 0).count()


def item_mark_processing(item: Item) -> int:
    """Processing starts (again, if a worker was lost mid-way): record the attempt; return its number."""
    if item.status != Item.Status.PROCESSING:
        item.status = Item.Status.PROCESSING
        item.save(update_fields=["status", "updated_at"])
    attempt = item_processing_attempts(item) + 1
    audit_record(item, AuditEvent.Action.PROCESSING, attempt=attempt)
    return attempt


def item_mark_ready(item: Item, **detail) -> Item:
    """Processing finished: the item can be shown to those allowed to see it (announced after commit)."""
    item.status = Item.Status.READY
    item.status_reason, item.status_params = "", {}
    item.save(update_fields=["status", "status_reason", "status_params", "updated_at"])
    audit_record(item, AuditEvent.Action.PROCESSED, **detail)
    item_changed_announce(item)
    return item


def item_mark_failed(item: Item, reason: str, *, steps: list | None = None, **params) -> Item:
    """Processing failed for ``reason`` (a code from archive.reasons); the original is kept.

    ``steps`` (what processing did before it failed) goes to the audit log only.
    """
    item.status = Item.Status.FAILED
    item.status_reason, item.status_params = reason, params
    item.save(update_fields=["status", "status_reason", "status_params", "updated_at"])
    audit_record(item, AuditEvent.Action.FAILED, reason=reason, **params, **({"steps": steps} if steps else {}))
    item_changed_announce(item)
    return item


def item_date_from_camera(item: Item, taken: str) -> bool:
    """Fill an item's empty date from the day the camera recorded (ISO ``YYYY-MM-DD…``); True if filled.

    What the contributor typed is never overwritten; the change is recorded in the audit log.
    """
    if item.date_text.strip() or item.date_start or item.date_end or len(taken) < 10:
        return False
    date = parse_date_text(taken[:10])
    if not date.is_parsed:
        return False
    item.date_text, item.date_start, item.date_end = date.text, date.start, date.end
    item.save(update_fields=["date_text", "date_start", "date_end", "updated_at"])
    audit_record(item, AuditEvent.Action.EDITED, fields=["date_text", "date_start", "date_end"],
                 source="camera (EXIF/XMP date taken)", date_text=date.text)
    return True


@transaction.atomic
def item_retry(item: Item, actor) -> Item:
    """Send a failed item through processing again."""
    if item.status != Item.Status.FAILED:
        raise ValueError(f"Only failed items can be retried; this one is {item.status}.")
    item.status = Item.Status.RECEIVED
    item.status_reason, item.status_params = "", {}
    item.save(update_fields=["status", "status_reason", "status_params", "updated_at"])
    audit_record(item, AuditEvent.Action.RETRIED, actor)
    _enqueue_ingest(item.pk)
    return item
