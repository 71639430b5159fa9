"""Services: every write to the archive goes through a function here."""
from .audit import audit_record
from .items import (
    Contribution, batch_create, item_create, item_mark_failed, item_mark_processing, item_mark_ready,
    item_retry, item_withdraw,
)
from .vocabulary import person_resolve, place_resolve, subject_resolve

__all__ = [
    "Contribution", "audit_record", "batch_create", "item_create", "item_mark_failed", "item_mark_processing",
    "item_mark_ready", "item_retry", "item_withdraw", "person_resolve", "place_resolve", "subject_resolve",
]
