"""Items (catalogued heritage objects), their assets (files), descriptions and upload batches."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..licences import licence_choices
from .moderation import Moderated
from .vocabulary import BilingualMixin, Collection, Person, Place, Subject

LANGUAGES = [("cy", "Cymraeg"), ("en", "English"), ("other", _("Other language")), ("zxx", _("No language"))]


class Batch(models.Model):
    """The files one contributor sent in one upload; its progress is n of m processed."""

    contributor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="batches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "batches"

    def __str__(self):
        return f"Batch {self.pk}"


class Item(BilingualMixin, Moderated):
    """A catalogued heritage object: a photo, a scan, a document."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")
        PRIVATE = "private", _("Private")

    accession_number = models.CharField(max_length=40, unique=True, null=True, blank=True)
    title_cy = models.CharField(max_length=300, blank=True)
    title_en = models.CharField(max_length=300, blank=True)
    date_text = models.CharField(max_length=200, blank=True, help_text=_("The date as the contributor wrote it."))
    date_start = models.DateField(null=True, blank=True)
    date_end = models.DateField(null=True, blank=True)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    people = models.ManyToManyField(Person, blank=True, related_name="items")
    subjects = models.ManyToManyField(Subject, blank=True, related_name="items")
    collections = models.ManyToManyField(Collection, blank=True, related_name="items")
    licence = models.CharField(max_length=200, choices=licence_choices())
    consent = models.BooleanField(
        default=False, help_text=_("The contributor confirmed they may share this and agree to the licence.")
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC)
    share_location = models.BooleanField(
        default=False, help_text=_("The contributor agreed to show where the photo was taken (from its GPS data).")
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    status_reason = models.CharField(max_length=64, blank=True, help_text=_("Why processing failed (a code)."))
    status_params = models.JSONField(default=dict, blank=True)
    contributor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="items")
    batch = models.ForeignKey(Batch, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    featured_description = models.ForeignKey(
        "archive.Description", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("The caption a curator chose as the item's title and summary (its words are never changed)."),
    )
    held_for_review = models.BooleanField(
        default=False, help_text=_("Hidden from everyone but curators and its contributor while a takedown "
                                   "request is reviewed."),
    )
    image_hidden = models.BooleanField(
        default=False, help_text=_("The pictures are hidden from visitors; the words stay (a takedown decision)."),
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Files and words deleted on request; only this record and its audit "
                                           "trail remain."),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Who is in it, what it is about and where it belongs are part of the catalogue record, so their changes
    # are versions too. https://django-simple-history.readthedocs.io/en/latest/historical_model.html#tracking-many-to-many-relationships
    history = HistoricalRecords(excluded_fields=["updated_at", "status_params"],
                                m2m_fields=[people, subjects, collections])

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["visibility", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_start__isnull=True) | models.Q(date_end__isnull=True)
                | models.Q(date_start__lte=models.F("date_end")),
                name="item_date_range_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.accession_number or self.pk}: {self.title_en or self.title_cy or '(untitled)'}"

    @property
    def is_processed(self) -> bool:
        """Processing has finished, one way or the other."""
        return self.status in (self.Status.READY, self.Status.FAILED, self.Status.WITHDRAWN)


class Description(Moderated):
    """Words about an item in one voice: a caption, a memory, a story, a correction, a transcription."""

    class Kind(models.TextChoices):
        CAPTION = "caption", _("Caption")
        MEMORY = "memory", _("Memory")
        STORY = "story", _("Story")
        CORRECTION = "correction", _("Correction")
        TRANSCRIPTION = "transcription", _("Transcription")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="descriptions")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CAPTION)
    text = models.TextField()
    language = models.CharField(max_length=8, choices=LANGUAGES, default="en")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="descriptions")
    teller_name = models.CharField(
        max_length=150, blank=True,
        help_text=_("Whose words these are, when a facilitator wrote them down for them (\"told to\")."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} by {self.author} on {self.item_id}"


def original_upload_to(asset: "Asset", filename: str) -> str:
    """Originals live at a content-addressed, write-once path: originals/ab/cd/<sha256>."""
    digest = asset.sha256
    return f"originals/{digest[:2]}/{digest[2:4]}/{digest}"


class Asset(models.Model):
    """An uploaded file, kept exactly as it arrived, with what processing learnt about it."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="assets")
    position = models.PositiveIntegerField(default=0)
    original = models.FileField(upload_to=original_upload_to, max_length=255)
    original_filename = models.CharField(max_length=255)
    size_bytes = models.BigIntegerField()
    # Not unique: the pages of a multi-page file share it, and so does a refused duplicate upload.
    sha256 = models.CharField(max_length=64, db_index=True)
    page = models.PositiveIntegerField(default=0, help_text=_("Page of a multi-page file (0 for a single image)."))
    media_type = models.CharField(max_length=100, blank=True, help_text=_("Sniffed from the bytes, not the name."))
    width = models.PositiveIntegerField(null=True, blank=True, help_text=_("Upright (orientation applied)."))
    height = models.PositiveIntegerField(null=True, blank=True, help_text=_("Upright (orientation applied)."))
    exif = models.JSONField(
        default=dict, blank=True,
        help_text=_("What the camera recorded (date taken, camera, orientation, GPS) and the suggestions drawn "
                    "from it. Private: GPS is shown only when the item's contributor agreed to share the location."),
    )
    phash = models.CharField(max_length=16, blank=True, db_index=True,
                             help_text=_("Perceptual hash (hex); empty for pictures too plain to compare."))
    similar_to = models.JSONField(
        default=list, blank=True,
        help_text=_("Assets this one looks like (possible near-duplicates): asset, item, accession_number, distance."),
    )
    fixity_ok = models.BooleanField(null=True, blank=True,
                                    help_text=_("Whether the stored original matched its SHA-256 when last checked."))
    fixity_checked_at = models.DateTimeField(null=True, blank=True, db_index=True)
    redactions = models.JSONField(
        default=list, blank=True,
        help_text=_("Regions [x, y, w, h] (full-size pixels) blurred in every derivative after a takedown request."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "sha256", "page"], name="one_asset_per_page_of_a_file"),
        ]
        indexes = [  # the fixity alarm (/healthz, the admin) looks only for failures
            models.Index(fields=["fixity_ok"], condition=models.Q(fixity_ok=False), name="asset_fixity_alarm"),
        ]

    def __str__(self):
        return f"{self.original_filename} ({self.sha256[:12]})"


class Derivative(models.Model):
    """A file made from an asset for display: a thumbnail, a web-sized image, a tile pyramid."""

    class Kind(models.TextChoices):
        THUMBNAIL = "thumbnail", _("Thumbnail")
        WEB = "web", _("Web size")
        TILES = "tiles", _("IIIF tiles")

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="derivatives")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    path = models.CharField(max_length=255, help_text=_("Relative to MEDIA_ROOT."))
    media_type = models.CharField(max_length=100, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["asset", "kind"], name="one_derivative_per_kind")]

    def __str__(self):
        return f"{self.kind} of asset {self.asset_id}"
