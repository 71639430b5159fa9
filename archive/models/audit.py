"""The audit log: what happened to each item, when and by whom."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One thing that happened to an item. Never edited or deleted by the application."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSING = "processing", _("Processing started")
        PROCESSED = "processed", _("Processed")
        FAILED = "failed", _("Processing failed")
        EDITED = "edited", _("Edited")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        RETRIED = "retried", _("Processing retried")
        FIXITY_CHECKED = "fixity_checked", _("Fixity checked")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not accepted")
        VISIBILITY_CHANGED = "visibility_changed", _("Visibility changed")
        DESCRIBED = "described", _("Words added")
        DESCRIPTION_EDITED = "description_edited", _("Words edited")
        REVERTED = "reverted", _("Reverted to an earlier version")
        TAGGED = "tagged", _("Region tagged")
        TAKEDOWN_REQUESTED = "takedown_requested", _("Takedown requested")
        HELD = "held", _("Hidden pending review")
        TAKEDOWN_RESOLVED = "takedown_resolved", _("Takedown request resolved")
        PURGED = "purged", _("Files and words deleted")

    item = models.ForeignKey("archive.Item", on_delete=models.CASCADE, related_name="audit_events")
    action = models.CharField(max_length=32, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", help_text=_("Empty when the system did it."))
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.item_id} {self.action} at {self.at:%Y-%m-%d %H:%M}"
