"""Fixity checks: each time an original was re-hashed, and whether it still matched."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FixityCheck(models.Model):
    """One re-hash of an asset's stored original. Never edited or deleted by the application."""

    asset = models.ForeignKey("archive.Asset", on_delete=models.CASCADE, related_name="fixity_checks")
    checked_at = models.DateTimeField(default=timezone.now, db_index=True)
    ok = models.BooleanField()
    expected = models.CharField(max_length=64, help_text=_("SHA-256 recorded when the file was uploaded."))
    actual = models.CharField(max_length=64, blank=True,
                              help_text=_("SHA-256 found now; empty if the file is missing."))

    class Meta:
        ordering = ["-checked_at", "-id"]

    def __str__(self):
        return f"asset {self.asset_id} {'ok' if self.ok else 'MISMATCH'} at {self.checked_at:%Y-%m-%d %H:%M}"
