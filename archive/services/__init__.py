"""Services: every write to the archive goes through a function here."""
from .assets import (
    asset_describe, asset_page_upsert, derivative_upsert, fixity_alarms, fixity_due, fixity_record,
    item_derivatives_forget,
)
from .audit import audit_record
from .contributions import contribution_from_fields
from .descriptions import (
    description_approve, description_create, description_credit, description_edit, description_reject,
    descriptions_bulk_approve, item_feature_description,
)
from .history import description_history, description_revert, item_history, item_revert
from .items import (
    Contribution, batch_create, item_create, item_date_from_camera, item_mark_failed, item_mark_processing,
    item_mark_ready, item_processing_attempts, item_retry,
)
from .moderation import (
    contribution_moderation, item_approve, item_purge, item_reject, item_visibility_set, item_withdraw,
    items_bulk_approve, items_pending,
)
from .notify import contributor_notify
from .vocabulary import person_resolve, place_resolve, subject_resolve

__all__ = [
    "contribution_moderation", "contributor_notify", "item_approve", "item_purge", "item_reject",
    "item_visibility_set", "items_bulk_approve", "items_pending",
    "description_approve", "description_create", "description_credit", "description_edit", "description_history",
    "description_reject", "description_revert", "descriptions_bulk_approve", "item_feature_description",
    "item_history", "item_revert",
    "Contribution", "contribution_from_fields",
    "asset_describe", "asset_page_upsert", "audit_record", "batch_create", "derivative_upsert",
    "fixity_alarms", "fixity_due", "fixity_record", "item_create", "item_date_from_camera",
    "item_derivatives_forget", "item_mark_failed", "item_mark_processing", "item_mark_ready",
    "item_processing_attempts", "item_retry", "item_withdraw", "person_resolve", "place_resolve", "subject_resolve",
]
