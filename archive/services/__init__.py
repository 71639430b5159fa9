"""Services: every write to the archive goes through a function here."""
from .assets import (
    asset_describe, asset_page_upsert, derivative_upsert, fixity_alarms, fixity_due, fixity_record,
    item_derivatives_forget,
)
from .audit import audit_record
from .items import (
    Contribution, batch_create, item_create, item_date_from_camera, item_mark_failed, item_mark_processing,
    item_mark_ready, item_processing_attempts, item_retry, item_withdraw,
)
from .vocabulary import person_resolve, place_resolve, subject_resolve

__all__ = [
    "Contribution", "asset_describe", "asset_page_upsert", "audit_record", "batch_create", "derivative_upsert",
    "fixity_alarms", "fixity_due", "fixity_record", "item_create", "item_date_from_camera",
    "item_derivatives_forget", "item_mark_failed", "item_mark_processing", "item_mark_ready",
    "item_processing_attempts", "item_retry", "item_withdraw", "person_resolve", "place_resolve", "subject_resolve",
]
