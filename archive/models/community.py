"""What the community does around items: invitations, region tags, takedown requests, vocabulary proposals."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .moderation import Moderated


class Invite(models.Model):
    """A code a curator hands out; whoever joins with it becomes a member at once (no approval wait)."""

    code = models.CharField(max_length=40, unique=True)
    note = models.CharField(max_length=200, blank=True, help_text=_("Who it is for, e.g. 'memory day, 3 May'."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invites")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    max_uses = models.PositiveIntegerField(default=1)
    uses = models.PositiveIntegerField(default=0)
    trusted = models.BooleanField(default=False, help_text=_("Members who join with it are trusted at once."))

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.code


class RegionTag(Moderated):
    """Someone or something on a region of a picture ("Mam-gu, second from left"), in full-size pixels.

    ``person`` links the tag to a Person when known; ``label`` is what the tagger wrote.
    ``motivation`` follows the W3C/IIIF annotation motivations: identifying (who or what this is) or tagging.
    """

    class Motivation(models.TextChoices):
        IDENTIFYING = "identifying", _("Who or what this is")
        TAGGING = "tagging", _("Tag")

    item = models.ForeignKey("archive.Item", on_delete=models.CASCADE, related_name="region_tags")
    asset = models.ForeignKey("archive.Asset", on_delete=models.CASCADE, related_name="region_tags")
    x = models.PositiveIntegerField()
    y = models.PositiveIntegerField()
    w = models.PositiveIntegerField()
    h = models.PositiveIntegerField()
    label = models.CharField(max_length=300)
    language = models.CharField(max_length=8, blank=True, help_text=_("Empty when the label is a name."))
    person = models.ForeignKey("archive.Person", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="region_tags")
    motivation = models.CharField(max_length=16, choices=Motivation.choices, default=Motivation.IDENTIFYING)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="region_tags")
    teller_name = models.CharField(max_length=150, blank=True,
                                   help_text=_("Who said it, when a facilitator entered it for them."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["asset", "y", "x", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(w__gt=0) & models.Q(h__gt=0), name="region_tag_not_empty"),
        ]

    def __str__(self):
        return f"{self.label} on asset {self.asset_id} at {self.x},{self.y},{self.w},{self.h}"


class TakedownRequest(models.Model):
    """Someone (signed in or not) asks for an item, or a face on it, to be taken down."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a curator")
        RESOLVED = "resolved", _("Resolved")

    class Resolution(models.TextChoices):
        KEEP = "keep", _("Kept as it is")
        HIDE_IMAGE = "hide_image", _("Picture hidden, words kept")
        BLUR_REGION = "blur_region", _("Part of the picture blurred")
        DELETE = "delete", _("Deleted")

    item = models.ForeignKey("archive.Item", on_delete=models.CASCADE, related_name="takedown_requests")
    asset = models.ForeignKey("archive.Asset", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    region = models.JSONField(null=True, blank=True, help_text=_("[x, y, w, h] of a face, in full-size pixels."))
    reason = models.TextField(max_length=5000)
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="takedown_requests")
    requester_name = models.CharField(max_length=150, blank=True)
    requester_email = models.EmailField(blank=True, help_text=_("Where to say what was decided."))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True)
    resolution = models.CharField(max_length=16, choices=Resolution.choices, blank=True)
    resolution_note = models.TextField(blank=True, max_length=5000, help_text=_("What the requester is told."))
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Takedown of item {self.item_id} ({self.status})"


class PlaceNameProposal(Moderated):
    """A member proposes another name or spelling for a place; approved, it joins the place's variants."""

    place = models.ForeignKey("archive.Place", on_delete=models.CASCADE, related_name="name_proposals")
    name = models.CharField(max_length=200)
    language = models.CharField(max_length=8, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} for place {self.place_id}"
