"""How search results, facets, map cells and suggestions look in the API.

The query parameters are documented from the search registry, so a newly declared facet
appears here (and in the OpenAPI schema) without further work.
"""
from functools import lru_cache
from urllib.parse import urljoin

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema_serializer
from rest_framework import serializers

from archive.search.query import MAX_PAGE_SIZE, PERHAPS_SHOWN, SORTS
from archive.search.registry import FACETS


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request else path


class FacetValueSerializer(serializers.Serializer):
    """One value of a facet: what to send back to select it, its label, how many items have it."""

    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class GeoCellSerializer(serializers.Serializer):
    """A map cell (geotile ``zoom/x/y``): the centre of its items and how many there are."""

    key = serializers.CharField()
    lat = serializers.FloatField()
    lon = serializers.FloatField()
    count = serializers.IntegerField()


@lru_cache(maxsize=64)
def _hit_urls(root: str, script_prefix: str, language: str | None) -> dict[str, str]:
    """The URLs of a hit's item (``{}`` for its id) and of the media, for a site root: reversing them for every
    search is slow. ``script_prefix`` and ``language`` are what ``reverse`` also depends on."""
    def absolute(path):
        return urljoin(root, path) if root else path

    urls = {name: absolute(reverse(name, args=[0])).replace("/0/", "/{}/")
            for name in ("api:item-detail", "frontend:item", "api:trail-detail", "frontend:trail")}
    urls["media"] = absolute(settings.MEDIA_URL)
    return urls


class SearchHitSerializer(serializers.Serializer):
    """One item found, with highlighted fragments of what matched (HTML-escaped, matches in ``<mark>``)."""

    type = serializers.ChoiceField(choices=["item"], help_text="What was found: an item.")
    id = serializers.IntegerField()
    url = serializers.URLField(help_text="The item in the API.")
    page_url = serializers.URLField(help_text="The item's web page.")
    accession_number = serializers.CharField(allow_null=True)
    title = serializers.DictField(child=serializers.CharField(), help_text="Language map: cy, en.")
    date = serializers.DictField(help_text="text (as written), start and end (the range it was read as).")
    place = serializers.DictField(allow_null=True, help_text="id and name, in the reader's language.")
    thumbnail = serializers.URLField(allow_null=True)
    score = serializers.FloatField(allow_null=True)
    highlight = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                      help_text="Matching fragments: title, text (what is said about it).")

    def to_representation(self, hit) -> dict:
        """The fields above, built directly (a page of results is serialised on every keystroke)."""
        request, language = self.context.get("request"), self.context.get("language", "en")
        source, thumbnail = hit.source, hit.source.get("thumbnail")
        if "_urls" not in self.context:  # once per page
            root = request.build_absolute_uri("/") if request else ""
            self.context["_urls"] = _hit_urls(root, get_script_prefix(), get_language())
        urls = self.context["_urls"]
        if hit.type == "trail":
            return _trail_hit(hit, self.context.get("trails", {}).get(hit.id), urls)
        return {
            "type": "item",
            "id": hit.id,
            "url": urls["api:item-detail"].format(hit.id),
            "page_url": urls["frontend:item"].format(hit.id),
            "accession_number": source.get("accession"),
            "title": {lang: source[f"title_{lang}"] for lang in ("cy", "en") if source.get(f"title_{lang}")},
            "date": {"text": source.get("date_text", ""), "start": source.get("date_start"),
                     "end": source.get("date_end")},
            "place": hit.place(language),
            "thumbnail": urls["media"] + iri_to_uri(thumbnail) if thumbnail else None,
            "score": hit.score,
            "highlight": hit.highlight,
        }


class TrailHitSerializer(serializers.Serializer):
    """A published story trail found (documents only; :class:`SearchHitSerializer` writes both kinds of hit)."""

    type = serializers.ChoiceField(choices=["trail"], help_text="What was found: a story trail.")
    id = serializers.IntegerField()
    url = serializers.URLField(help_text="The trail in the API.")
    page_url = serializers.URLField(help_text="The trail's player page.")
    title = serializers.DictField(child=serializers.CharField(), help_text="Language map: cy, en.")
    stops = serializers.IntegerField(help_text="How many stops it has.")
    thumbnail = serializers.URLField(allow_null=True, help_text="Its cover picture, small.")
    score = serializers.FloatField(allow_null=True)
    highlight = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                      help_text="Matching fragments: title, text (its introduction and stops).")


def _trail_hit(hit, card, urls) -> dict:
    """A story trail hit as :class:`TrailHitSerializer` describes it; ``card`` is its ``TrailCard``."""
    source = hit.source
    return {
        "type": "trail",
        "id": hit.id,
        "url": urls["api:trail-detail"].format(hit.id),
        "page_url": urls["frontend:trail"].format(hit.id),
        "title": {lang: source[f"title_{lang}"] for lang in ("cy", "en") if source.get(f"title_{lang}")},
        "stops": card.stops if card else 0,
        "thumbnail": urls["media"] + iri_to_uri(card.thumbnail) if card and card.thumbnail else None,
        "score": hit.score,
        "highlight": hit.highlight,
    }


SEARCH_HIT = PolymorphicProxySerializer(
    component_name="SearchResult", serializers={"item": SearchHitSerializer, "trail": TrailHitSerializer},
    resource_type_field_name="type", many=True)


@extend_schema_serializer(many=False)  # the search's list action answers one object (a page), not a list
class SearchResponseSerializer(serializers.Serializer):
    """A page of results, the facets (name → values with counts) and the map's cells."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SEARCH_HIT
    perhaps_count = serializers.IntegerField(
        help_text="With a decade chosen: how many items are perhaps from it (their uncertain date reaches into it, "
                  "but is centred in another decade); listed apart, never among the results. 0 otherwise.")
    perhaps = SearchHitSerializer(many=True, help_text=(
        f"The first {PERHAPS_SHOWN} items perhaps from the chosen decade, in the search's order (page through them "
        "all with perhaps=1). Empty unless a decade is chosen."))
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
    facet_titles = serializers.DictField(child=serializers.CharField())
    geo = GeoCellSerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    """Something to search for: a person, place or subject (``value`` is its id, a facet value) or a title."""

    kind = serializers.ChoiceField(choices=["person", "place", "subject", "title"])
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, suggestion) -> str:
        """For a title, the item; otherwise the search for that person, place or subject."""
        request = self.context.get("request")
        if suggestion.kind == "title":
            return _absolute(request, reverse("api:item-detail", args=[suggestion.value]))
        return _absolute(request, f"{reverse('api:search-list')}?{suggestion.kind}={suggestion.value}")


def search_parameters() -> list[OpenApiParameter]:
    """The search's query parameters, facets included, as the registry declares them."""
    facet_names = ", ".join(f.name for f in FACETS)
    return [
        OpenApiParameter("q", str, description="Words to look for (typos and Welsh accents forgiven)."),
        *[OpenApiParameter(f.name, str, many=True, explode=True,
                           description=f"Facet '{f.title_en}' / '{f.title_cy}': keep items with any of these values "
                                       f"(repeat, or separate with commas).") for f in FACETS],
        OpenApiParameter("perhaps", bool, description=(
            "With a decade chosen: list the items perhaps from it (whose uncertain date reaches into it but is "
            "centred in another decade) instead of the decade's own items.")),
        OpenApiParameter("year_from", int, description="Items whose date touches this year or later."),
        OpenApiParameter("year_to", int, description="Items whose date touches this year or earlier."),
        OpenApiParameter("bbox", str, description="Map area: west,south,east,north (degrees)."),
        OpenApiParameter("sort", str, enum=list(SORTS), description="relevance (default), date (oldest first), "
                                                                    "-date (newest first)."),
        OpenApiParameter("page", int), OpenApiParameter("page_size", int, description=f"At most {MAX_PAGE_SIZE}."),
        OpenApiParameter("facets", str, description=f"Which facets to count (default all): {facet_names}."),
        OpenApiParameter("zoom", OpenApiTypes.INT, description="Precision of the map cells (geotile zoom, 0-29)."),
    ]
