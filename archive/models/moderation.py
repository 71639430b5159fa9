"""Moderation: the state a curator gives to what members contribute."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Moderation(models.TextChoices):
    """Where a contribution stands with the curators."""

    PENDING = "pending", _("Waiting for a curator")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not accepted")


class Moderated(models.Model):
    """Fields shared by everything that waits for a curator: items, descriptions, region tags, proposals.

    ``moderation_reason`` is what the contributor is told when it is rejected (their own words, not a code).
    """

    moderation = models.CharField(max_length=16, choices=Moderation.choices, default=Moderation.PENDING,
                                  db_index=True)
    moderation_reason = models.TextField(blank=True, max_length=2000,
                                         help_text=_("Why it was not accepted; the contributor sees this."))
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
