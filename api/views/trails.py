"""Story trails: list, read, write, order, publish, credit and revert.

Routes (api/urls.py): ``trails/`` GET (the trails the caller may see) and POST (curators);
``trails/{id}/`` GET and PATCH (its authors while a draft, curators); ``trails/{id}/publish/``
POST (curators); ``trails/{id}/authors/`` POST (invite a member); ``trails/{id}/history/`` GET
(authors, curators); ``trails/{id}/revert/`` POST (curators); ``trails/{trail_pk}/stops/`` POST,
``…/stops/{id}/`` PATCH and DELETE, ``…/stops/order/`` POST. A draft is a 404 to everyone who may
not see it. Views parse input and call :mod:`archive.services.trails`.
"""
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from archive.access import can_view_trail_history, items_visible_to, trails_visible_to
from archive.ids import parse_id
from archive.models import Stop, Trail
from archive.services.trail_history import trail_history, trail_revert
from archive.services.trails import (
    member_by_name_or_id, stop_add, stop_delete, stop_update, stops_reorder, trail_author_invite, trail_create,
    trail_publish, trail_update,
)
from archive.trail_selectors import trail_stops_for, trails_for_listing

from ..serializers.trails import (
    AuthorInviteSerializer, AuthorSerializer, HistoryEntrySerializer, TrailRevertSerializer, StopOrderSerializer,
    StopSerializer, StopWriteSerializer, TrailSerializer, TrailWriteSerializer,
)

TRAIL_PK = OpenApiParameter("trail_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="The trail's id.")
ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The id.")
BAD = OpenApiResponse(description="A field is missing or wrong; the body names it and the problem. Nothing is saved.")


def _trail(request, pk) -> Trail:
    """The trail, or 404 when it does not exist or the caller may not see it (a draft, for visitors)."""
    number = parse_id(pk)
    trail = trails_visible_to(request.user).filter(pk=number).first() if number else None
    if trail is None:
        raise Http404
    return trail


def _item(request, pk):
    """The item a stop names, among those the caller may see; a 400 naming ``item`` otherwise."""
    item = items_visible_to(request.user).filter(pk=pk).first()
    if item is None:
        raise ValidationError({"item": _("There is no item with this number that you may use.")})
    return item


def _region(text):
    if text is None or not str(text).strip():
        return None
    return [part.strip() for part in str(text).split(",")]


def _trail_json(request, trail) -> dict:
    trail = trails_for_listing(request.user).get(pk=trail.pk)
    return TrailSerializer(trail, context={"request": request}).data


@extend_schema_view(
    list=extend_schema(description="Published trails; a curator sees drafts too, an author their own drafts."),
    create=extend_schema(request=TrailWriteSerializer, responses={201: TrailSerializer, 400: BAD},
                         description="Curators: start a draft trail (`title`, optional `introduction` and "
                                     "`cover_item`; texts as {\"cy\": …, \"en\": …}, one language is enough)."),
    retrieve=extend_schema(parameters=[ID]),
    partial_update=extend_schema(parameters=[ID], request=TrailWriteSerializer(partial=True),
                                 responses={200: TrailSerializer, 400: BAD},
                                 description="Its authors (while a draft) and curators: change the title, "
                                             "introduction or cover; a language left out keeps its words."),
)
class TrailViewSet(viewsets.GenericViewSet):
    """Story trails: ordered, narrated walks through the archive's items."""

    serializer_class = TrailSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        """The trails the caller may see."""
        if getattr(self, "swagger_fake_view", False):
            return Trail.objects.none()
        return trails_for_listing(self.request.user)

    def list(self, request):
        """The trails the caller may see, newest published first."""
        page = self.paginate_queryset(self.get_queryset())
        data = TrailSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)

    def retrieve(self, request, pk=None):
        """One trail with its authors and stops."""
        return Response(_trail_json(request, _trail(request, pk)))

    def create(self, request):
        """Start a draft trail: 201 with it."""
        given = TrailWriteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        cover = _item(request, data["cover_item"]) if data.get("cover_item") else None
        trail = trail_create(request.user, title=data["title"], introduction=data.get("introduction"),
                             cover_item=cover)
        return Response(_trail_json(request, trail), status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        """Change a trail's words or cover."""
        trail = _trail(request, pk)
        given = TrailWriteSerializer(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        changes = dict(given.validated_data)
        if "cover_item" in changes:
            changes["cover_item"] = _item(request, changes["cover_item"]) if changes["cover_item"] else None
        trail_update(trail, request.user, **changes)
        return Response(_trail_json(request, trail))

    @extend_schema(parameters=[ID], request=None, responses={200: TrailSerializer, 400: BAD})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Curators: publish the trail (it needs at least one stop)."""
        trail = trail_publish(_trail(request, pk), request.user)
        return Response(_trail_json(request, trail))

    @extend_schema(parameters=[ID], request=AuthorInviteSerializer, responses={201: AuthorSerializer, 400: BAD})
    @action(detail=True, methods=["post"])
    def authors(self, request, pk=None):
        """Invite a member (by id or username) as a co-author; they are credited and may edit its drafts."""
        trail = _trail(request, pk)
        given = AuthorInviteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        user = member_by_name_or_id(given.validated_data["user"])
        author = trail_author_invite(trail, request.user, user)
        return Response({"id": author.user_id, "name": author.user.credit_name, "role": author.role},
                        status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[ID], responses={200: HistoryEntrySerializer(many=True)})
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """Authors and curators: every saved change of the trail and its stops, newest first."""
        trail = _trail(request, pk)
        if not can_view_trail_history(request.user, trail):
            raise PermissionDenied(_("Only the trail's authors and curators can see its history."))
        return Response(HistoryEntrySerializer(trail_history(trail), many=True).data)

    @extend_schema(parameters=[ID], request=TrailRevertSerializer, responses={200: TrailSerializer, 400: BAD})
    @action(detail=True, methods=["post"])
    def revert(self, request, pk=None):
        """Curators: put the trail and its stops back as they were at a version of its history."""
        trail = _trail(request, pk)
        given = TrailRevertSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        trail = trail_revert(trail, given.validated_data["history_id"], request.user)
        return Response(_trail_json(request, trail))


@extend_schema_view(
    create=extend_schema(parameters=[TRAIL_PK], request=StopWriteSerializer,
                         responses={201: StopSerializer, 400: BAD},
                         description="Add a stop at the end: `item` (one you may see), optional `region` "
                                     "(\"x,y,w,h\" in the full-size picture's pixels), `narrative`, `lat`/`lon` "
                                     "(else the item's place) and `directions` to the next stop."),
    partial_update=extend_schema(parameters=[TRAIL_PK, ID], request=StopWriteSerializer(partial=True),
                                 responses={200: StopSerializer, 400: BAD}),
    destroy=extend_schema(parameters=[TRAIL_PK, ID], responses={204: None, 400: BAD}),
)
class TrailStopViewSet(viewsets.GenericViewSet):
    """The stops of a trail: added, changed, removed and put in order by its authors and curators."""

    serializer_class = StopSerializer
    http_method_names = ["post", "patch", "delete", "options"]

    def get_queryset(self):
        """The trail's stops."""
        if getattr(self, "swagger_fake_view", False):
            return Stop.objects.none()
        return self._trail().stops.all()

    def _trail(self) -> Trail:
        return _trail(self.request, self.kwargs["trail_pk"])

    def _stop(self, trail, pk) -> Stop:
        number = parse_id(pk)
        stop = trail.stops.filter(pk=number).first() if number else None
        if stop is None:
            raise Http404
        return stop

    def _shown(self, trail, stop):
        shown = next(s for s in trail_stops_for(self.request.user, trail) if s.stop.pk == stop.pk)
        return StopSerializer(shown).data

    def _fields(self, data) -> dict:
        fields = dict(data)
        if "item" in fields:
            fields["item"] = _item(self.request, fields["item"])
        if "region" in fields:
            fields["region"] = _region(fields["region"])
        return fields

    def create(self, request, trail_pk=None):
        """Add a stop: 201 with it."""
        trail = self._trail()
        given = StopWriteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        stop = stop_add(trail, request.user, **self._fields(given.validated_data))
        return Response(self._shown(trail, stop), status=status.HTTP_201_CREATED)

    def partial_update(self, request, trail_pk=None, pk=None):
        """Change what is given of a stop."""
        trail = self._trail()
        stop = self._stop(trail, pk)
        given = StopWriteSerializer(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        stop = stop_update(stop, request.user, **self._fields(given.validated_data))
        return Response(self._shown(trail, stop))

    def destroy(self, request, trail_pk=None, pk=None):
        """Remove a stop; the ones after it move up."""
        trail = self._trail()
        stop_delete(self._stop(trail, pk), request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(parameters=[TRAIL_PK], request=StopOrderSerializer,
                   responses={200: StopSerializer(many=True), 400: BAD})
    @action(detail=False, methods=["post"])
    def order(self, request, trail_pk=None):
        """Put the stops in the order of ``ids`` (every stop once)."""
        trail = self._trail()
        given = StopOrderSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        stops_reorder(trail, request.user, given.validated_data["ids"])
        return Response(StopSerializer(trail_stops_for(request.user, trail), many=True).data)
