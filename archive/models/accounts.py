"""Contributor accounts."""
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Anyone with an account: a member of the community (villager) or a curator.

    Visitors have no account. Curators moderate and organise; members contribute.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        CURATOR = "curator", _("Curator")

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    display_name = models.CharField(
        max_length=150, blank=True, help_text=_("How this person is credited on the items they contribute.")
    )
    trusted = models.BooleanField(
        default=False, help_text=_("A trusted member's contributions are approved at once, without waiting.")
    )
    approved = models.BooleanField(
        default=True,
        help_text=_("Members who joined without an invite code wait for a curator before they can contribute."),
    )
    invite = models.ForeignKey("archive.Invite", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="members", help_text=_("The invite code this member joined with."))
    preferred_language = models.CharField(
        max_length=8, choices=[("cy", "Cymraeg"), ("en", "English")], default="en"
    )

    @property
    def is_curator(self) -> bool:
        """Curators (and superusers) moderate, edit the catalogue and see everything."""
        return self.is_superuser or self.role == self.Role.CURATOR

    @property
    def credit_name(self) -> str:
        """The name shown when this person is credited."""
        return self.display_name or self.get_full_name() or self.username
