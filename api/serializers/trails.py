"""Story trails in JSON: a trail with its authors and its stops as the reader is shown them.

Texts are language maps (``{"cy": …, "en": …}``, empty languages left out). A stop whose item the
reader may not see is a placeholder: ``placeholder`` true, ``item``, ``title`` and ``region`` null,
its narrative and directions kept.
"""
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from archive.access import can_view_images
from archive.trail_selectors import language_map, trail_authors, trail_stops_for

from ..ids import IdField

LANGUAGE_MAP = {"type": "object", "properties": {"cy": {"type": "string"}, "en": {"type": "string"}},
                "additionalProperties": False}


@extend_schema_field(LANGUAGE_MAP)
class LanguageMapField(serializers.JSONField):
    """``{"cy": …, "en": …}`` (one language is enough); the service checks the keys and the words."""


class AuthorSerializer(serializers.Serializer):
    """Someone credited on a trail."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField(help_text="\"creator\" or \"co-author\".")


class StopSerializer(serializers.Serializer):
    """One stop as the reader is shown it (from :func:`archive.trail_selectors.trail_stops_for`)."""

    id = serializers.IntegerField(source="stop.pk")
    number = serializers.IntegerField()
    placeholder = serializers.SerializerMethodField()
    item = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    region = serializers.SerializerMethodField()
    narrative = LanguageMapField()
    directions = LanguageMapField()
    lat = serializers.FloatField(allow_null=True)
    lon = serializers.FloatField(allow_null=True)

    def get_placeholder(self, shown) -> bool:
        """True when the reader may not see the stop's item (withdrawn, private, held, picture hidden)."""
        return not shown.shown

    def get_item(self, shown) -> int | None:
        """The item's id, when shown."""
        return shown.item.pk if shown.shown else None

    @extend_schema_field({**LANGUAGE_MAP, "nullable": True})
    def get_title(self, shown):
        """The item's title as a language map, when shown."""
        return shown.title if shown.shown else None

    def get_region(self, shown) -> str | None:
        """``"x,y,w,h"`` in the full-size picture's pixels, when the stop shows a detail."""
        return shown.region_text or None


class TrailSerializer(serializers.Serializer):
    """A trail, its authors and its stops."""

    id = serializers.IntegerField(source="pk")
    url = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=["draft", "published"])
    title = serializers.SerializerMethodField()
    introduction = serializers.SerializerMethodField()
    cover_item = serializers.SerializerMethodField()
    authors = serializers.SerializerMethodField()
    stops = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()
    manifest = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_url(self, trail) -> str:
        """This trail's address in the API."""
        path = reverse("api:trail-detail", args=[trail.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, trail) -> str:
        """The trail's player page (``/trails/{id}/``), to follow it."""
        return self._absolute(reverse("frontend:trail", args=[trail.pk]))

    @extend_schema_field(OpenApiTypes.URI)
    def get_manifest(self, trail) -> str:
        """The trail's IIIF Presentation 3 manifest, for any IIIF viewer."""
        return self._absolute(reverse("iiif:trail-manifest", args=[trail.pk]))

    @extend_schema_field(LANGUAGE_MAP)
    def get_title(self, trail):
        """The title as a language map."""
        return language_map(trail, "title")

    @extend_schema_field(LANGUAGE_MAP)
    def get_introduction(self, trail):
        """The introduction as a language map."""
        return language_map(trail, "introduction")

    def get_cover_item(self, trail) -> int | None:
        """The cover picture's item, when the reader may see it."""
        item = trail.cover_item
        return item.pk if item is not None and can_view_images(self._user(), item) else None

    @extend_schema_field(AuthorSerializer(many=True))
    def get_authors(self, trail):
        """Everyone credited, creator first."""
        return trail_authors(trail)

    @extend_schema_field(StopSerializer(many=True))
    def get_stops(self, trail):
        """The stops in order, as the reader is shown them."""
        return StopSerializer(trail_stops_for(self._user(), trail), many=True).data


class TrailWriteSerializer(serializers.Serializer):
    """A new trail, or what changes in one (PATCH)."""

    title = LanguageMapField(required=True)
    introduction = LanguageMapField(required=False)
    cover_item = IdField(required=False, allow_null=True)


class StopWriteSerializer(serializers.Serializer):
    """A new stop, or what changes in one (PATCH)."""

    item = IdField(required=True)
    region = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=100,
                                   help_text='"x,y,w,h" in the full-size picture\'s pixels; empty for all of it.')
    narrative = LanguageMapField(required=False)
    directions = LanguageMapField(required=False)
    lat = serializers.FloatField(required=False, allow_null=True)
    lon = serializers.FloatField(required=False, allow_null=True)


class StopOrderSerializer(serializers.Serializer):
    """Every stop's id, in the new order."""

    ids = serializers.ListField(child=IdField(), allow_empty=False, max_length=1000)


class AuthorInviteSerializer(serializers.Serializer):
    """The member to invite: their id or their username."""

    user = serializers.CharField(max_length=150, help_text="The member's id or username.")


class TrailRevertSerializer(serializers.Serializer):
    """The trail version to go back to (a ``history_id`` of a trail entry in its history)."""

    history_id = IdField()


class HistoryEntrySerializer(serializers.Serializer):
    """One saved change of the trail or of one of its stops."""

    history_id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["trail", "stop"])
    stop = serializers.IntegerField(allow_null=True)
    at = serializers.DateTimeField()
    by = serializers.CharField(allow_null=True)
    change = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)
