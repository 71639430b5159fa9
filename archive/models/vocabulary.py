"""People, places, subjects and collections: what items are about and where they belong."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BilingualMixin:
    """Choose between ``<field>_cy`` and ``<field>_en`` for a language, falling back to the other."""

    def in_language(self, field: str, language: str = "en") -> str:
        """The value of ``field`` in ``language``, or in the other language when that one is empty."""
        first, second = ("cy", "en") if language == "cy" else ("en", "cy")
        return getattr(self, f"{field}_{first}") or getattr(self, f"{field}_{second}")


class Person(models.Model):
    """Someone who appears in, made, or is remembered by an item."""

    name = models.CharField(max_length=200)
    variants = models.JSONField(default=list, blank=True, help_text=_("Other names and spellings."))
    living = models.BooleanField(null=True, blank=True, help_text=_("Unknown when empty."))
    name_consent = models.BooleanField(
        default=False, help_text=_("Consent is recorded to show this living person's name to visitors. Without it "
                                   "visitors see 'a person'; members see the name."),
    )
    name_consent_note = models.CharField(max_length=300, blank=True, help_text=_("Who gave consent, when, how."))
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged",
                                    help_text=_("A duplicate merged into another record (kept so old links work)."))
    life_dates = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name


class Place(BilingualMixin, models.Model):
    """A place, named in Welsh and English, with its variant spellings and coordinates."""

    name_cy = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)
    variants = models.JSONField(default=list, blank=True, help_text=_("Other names and spellings."))
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged",
                                    help_text=_("A duplicate merged into another record (kept so old links work)."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_en", "name_cy"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name_cy="", name_en=""), name="place_has_a_name"),
            models.CheckConstraint(condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90,
                                                                                        latitude__lte=90),
                                   name="place_latitude_range"),
            models.CheckConstraint(condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180,
                                                                                         longitude__lte=180),
                                   name="place_longitude_range"),
        ]

    def __str__(self):
        if self.name_cy and self.name_en and self.name_cy != self.name_en:
            return f"{self.name_cy} / {self.name_en}"
        return self.name_cy or self.name_en

    def all_names(self) -> list[str]:
        """Every name this place is known by: Welsh, English and variants."""
        names = [self.name_cy, self.name_en, *self.variants]
        return list(dict.fromkeys(n for n in names if n))


class Subject(BilingualMixin, models.Model):
    """A subject heading from the community's own vocabulary."""

    slug = models.SlugField(max_length=100, unique=True)
    label_cy = models.CharField(max_length=200, blank=True)
    label_en = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True,
                               help_text=_("Other labels, e.g. of duplicates merged into this one; searches find them."))
    approved = models.BooleanField(default=True, help_text=_("Proposed by a member and not yet approved when false."))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged",
                                    help_text=_("A duplicate merged into another record (kept so old links work)."))

    class Meta:
        ordering = ["label_en"]

    def __str__(self):
        return self.label_en or self.label_cy


class Collection(BilingualMixin, models.Model):
    """A curated group of items."""

    slug = models.SlugField(max_length=100, unique=True)
    title_cy = models.CharField(max_length=200, blank=True)
    title_en = models.CharField(max_length=200, blank=True)
    description_cy = models.TextField(blank=True)
    description_en = models.TextField(blank=True)

    class Meta:
        ordering = ["title_en"]

    def __str__(self):
        return self.title_en or self.title_cy
