"""Search: public items and published story trails by what is said about them, with facets, map cells,
suggestions and "more like this".

Search covers the public catalogue only (public, ready items; published trails) for everyone, signed in or not.
"""
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from archive.access import can_view_item
from archive.models import Item
from archive.search.engine import EngineError
from archive.search.query import InvalidSearch, search_query_from
from archive.search.registry import FACETS
from archive.search.selectors import items_like, search_items, suggestions_for

from ..ids import id_param
from ..renderers import FastJSONRenderer
from ..schema import NOT_FOUND
from ..serializers.search import (
    SearchHitSerializer, SearchResponseSerializer, SuggestionSerializer, search_parameters,
)


class SearchUnavailable(APIException):
    """The search engine cannot answer just now (503)."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "search_unavailable"


def _language() -> str:
    return "cy" if (get_language() or "").startswith("cy") else "en"


def _unavailable(language: str) -> SearchUnavailable:
    return SearchUnavailable("Nid yw chwilio ar gael ar hyn o bryd; rhowch gynnig arall yn y man." if language == "cy"
                             else "Search is not available just now; please try again shortly.")


class SearchViewSet(viewsets.ViewSet):
    """Search the public catalogue."""

    permission_classes = [AllowAny]
    authentication_classes = []  # the public catalogue, the same for everyone: no credentials are read
    renderer_classes = [FastJSONRenderer, BrowsableAPIRenderer]

    @extend_schema(parameters=search_parameters(), responses={200: SearchResponseSerializer})
    def list(self, request):
        """Items and story trails (``type``) matching ``q`` and the selected facet values, with facet counts, map
        cells and highlights. Each dated item is in one decade, the one its date is centred on; with a decade chosen,
        the items whose date only perhaps falls in it come apart (``perhaps_count``, ``perhaps``; ``perhaps=1``
        pages through them)."""
        language = _language()
        try:
            query = search_query_from(request.query_params)
        except InvalidSearch as exc:
            raise ValidationError(exc.errors) from exc
        try:
            results = search_items(query, language)
        except EngineError as exc:
            raise _unavailable(language) from exc
        url = request.build_absolute_uri()
        pages = -(-results.count // query.page_size)
        hit = SearchHitSerializer(context={"request": request, "language": language,  # one, for every hit of the page
                                           "trails": results.trails})
        return Response({
            "count": results.count,
            "next": replace_query_param(url, "page", query.page + 1) if query.page < pages else None,
            "previous": replace_query_param(url, "page", query.page - 1) if query.page > 1 else None,
            "results": [hit.to_representation(h) for h in results.hits],
            "perhaps_count": results.perhaps_count,
            "perhaps": [hit.to_representation(h) for h in results.perhaps],
            "facets": {name: [vars(v) for v in values] for name, values in results.facets.items()},
            "facet_titles": {f.name: f.title(language) for f in FACETS if f.name in query.facets},
            "geo": [vars(cell) for cell in results.geo],
        })

    @extend_schema(parameters=[OpenApiParameter("q", str, required=True, description="What has been typed so far.")],
                   responses={200: inline_serializer("Suggestions", {"suggestions": SuggestionSerializer(many=True)})})
    @action(detail=False)
    def suggest(self, request):
        """Suggestions as you type: people, places, subjects and titles of public items."""
        language = _language()
        try:
            suggestions = suggestions_for(request.query_params.get("q", ""), language)
        except EngineError as exc:
            raise _unavailable(language) from exc
        data = SuggestionSerializer(suggestions, many=True, context={"request": request}).data
        return Response({"suggestions": data})

    @extend_schema(parameters=[OpenApiParameter("item", int, required=True)],
                   responses={200: inline_serializer("MoreLikeThis", {"results": SearchHitSerializer(many=True)}),
                              404: NOT_FOUND})
    @action(detail=False, url_path="more-like-this")
    def more_like_this(self, request):
        """Public items most like ``item`` in what is said about them (404 unless it is itself public)."""
        language, pk = _language(), id_param(request, "item")
        if pk is None:
            raise ValidationError({"item": _("Give the id of an item.")})
        item = Item.objects.filter(pk=pk).first()
        if item is None or not can_view_item(AnonymousUser(), item):  # search is the public catalogue
            raise NotFound("No public item has that id.")
        try:
            hits = items_like(item.pk)
        except EngineError as exc:
            raise _unavailable(language) from exc
        context = {"request": request, "language": language}
        return Response({"results": SearchHitSerializer(hits or [], many=True, context=context).data})

