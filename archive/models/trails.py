"""Story trails: an ordered walk through archive items, each stop with a bilingual narrative."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Trail(models.Model):
    """A story trail written by its authors; drafts are seen only by authors and curators."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title_cy = models.CharField(max_length=300, blank=True)
    title_en = models.CharField(max_length=300, blank=True)
    introduction_cy = models.TextField(blank=True)
    introduction_en = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    cover_item = models.ForeignKey("archive.Item", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="cover_of_trails")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="trails_created")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self):
        return self.title_cy or self.title_en or f"Trail {self.pk}"


class TrailAuthor(models.Model):
    """Someone credited with writing a trail: its creator or an invited co-author."""

    class Role(models.TextChoices):
        CREATOR = "creator", _("Creator")
        CO_AUTHOR = "co-author", _("Co-author")

    trail = models.ForeignKey(Trail, on_delete=models.CASCADE, related_name="authors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trail_authorships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CO_AUTHOR)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["trail", "user"], name="trail_author_once")]

    def __str__(self):
        return f"{self.user_id} ({self.role}) on trail {self.trail_id}"


class Stop(models.Model):
    """One stop on a trail: an item, optionally a region of its picture, and what to say there.

    The region is in full-size pixels of the item's picture, like region tags; all four or none.
    """

    trail = models.ForeignKey(Trail, on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveIntegerField()
    # An item deleted outright (not the usual withdrawal, which keeps the row) leaves a placeholder stop.
    item = models.ForeignKey("archive.Item", null=True, on_delete=models.SET_NULL, related_name="trail_stops")
    x = models.PositiveIntegerField(null=True, blank=True)
    y = models.PositiveIntegerField(null=True, blank=True)
    w = models.PositiveIntegerField(null=True, blank=True)
    h = models.PositiveIntegerField(null=True, blank=True)
    narrative_cy = models.TextField(blank=True)
    narrative_en = models.TextField(blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    directions_cy = models.TextField(blank=True)
    directions_en = models.TextField(blank=True)
    # Whether visitors were last shown this stop's item: when it flips to False (the item withdrawn,
    # made private, held, its picture hidden) the trail's authors are told (archive/trail_changes.py).
    shown_to_visitors = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "shown_to_visitors"])

    class Meta:
        ordering = ["trail", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(x__isnull=True, y__isnull=True, w__isnull=True, h__isnull=True)
                           | models.Q(x__isnull=False, y__isnull=False, w__gt=0, h__gt=0)),
                name="stop_region_whole_or_none"),
        ]

    @property
    def region(self):
        """The region as {x, y, w, h}, or None when the stop shows the whole picture."""
        if self.x is None:
            return None
        return {"x": self.x, "y": self.y, "w": self.w, "h": self.h}

    def __str__(self):
        return f"Stop {self.position} on trail {self.trail_id}"
