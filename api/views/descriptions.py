"""Descriptions (many voices per item), their moderation, and item and description histories.

Routes (registered in api/urls.py by hand, nested under the item):

- ``items/{item_pk}/descriptions/`` GET (the voices the caller may read), POST (new words);
- ``items/{item_pk}/descriptions/{id}/`` GET, PATCH (its author; a curator with the author's consent);
  ``…/approve/``, ``…/reject/`` (curators), ``…/feature/`` (curators: the item's title and summary),
  ``…/history/`` and ``…/history/revert/`` (curators);
- ``items/{item_pk}/history/`` and ``items/{item_pk}/history/revert/`` (curators);
- ``moderation/descriptions/`` (curators: the waiting ones) and ``moderation/descriptions/approve/`` (bulk).

Views parse input and call services; access is decided by :mod:`archive.access`.
"""
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a 500
from rest_framework.response import Response

from archive.access import can_describe, can_moderate, descriptions_visible_to, items_visible_to
from archive.models import Item
from archive.selectors import descriptions_waiting
from archive.services import (
    description_approve, description_create, description_edit, description_history, description_reject,
    description_revert, descriptions_bulk_approve, item_feature_description, item_history, item_revert,
)

from ..schema import FORBIDDEN
from ..serializers.descriptions import (
    DescriptionBulkApprovedSerializer, DescriptionBulkApproveSerializer, DescriptionCreateSerializer,
    DescriptionEditSerializer, DescriptionRejectSerializer, DescriptionSerializer, RevertSerializer,
    VersionSerializer,
)
from ..serializers.items import ItemSerializer
from ..throttles import ContributionThrottled

ITEM_PK = OpenApiParameter("item_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="The item's id.")
DESCRIPTION_PK = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The description's id.")
BAD = OpenApiResponse(description="A field is missing or wrong; the body names it and the problem.")
TOO_MANY = OpenApiResponse(description="Too many contributions in a short time; try again later (Retry-After).")



def _require_curator(user) -> None:
    if not can_moderate(user):
        raise PermissionDenied(_("Only curators can do this."))


def _visible_item(request, item_pk) -> Item:
    """The item, or 404 when the caller may not see it."""
    return get_object_or_404(items_visible_to(request.user), pk=item_pk)


@extend_schema_view(
    list=extend_schema(parameters=[ITEM_PK], description="The voices about the item the caller may read: "
                       "approved ones, plus the caller's own waiting or not accepted ones (all, for curators)."),
    create=extend_schema(parameters=[ITEM_PK], request=DescriptionCreateSerializer,
                         responses={201: DescriptionSerializer, 400: BAD, 429: TOO_MANY},
                         description="Add words about the item. A trusted member's or a curator's words are "
                                     "approved at once (`moderation`: approved); anyone else's wait for a curator."),
    retrieve=extend_schema(parameters=[ITEM_PK, DESCRIPTION_PK]),
    partial_update=extend_schema(parameters=[ITEM_PK, DESCRIPTION_PK], request=DescriptionEditSerializer,
                                 responses={200: DescriptionSerializer, 400: BAD, 429: TOO_MANY},
                                 description="Change the words: their author, or a curator with the author's "
                                             "consent (`with_consent`). Every earlier version is kept."),
)
class DescriptionViewSet(ContributionThrottled, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         viewsets.GenericViewSet):
    """The many voices about one item."""

    serializer_class = DescriptionSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    throttle_scope = "contribute"
    throttle_actions = {"create", "partial_update"}

    def item(self) -> Item:
        """The item in the URL (404 when the caller may not see it)."""
        if not hasattr(self, "_item"):
            self._item = _visible_item(self.request, self.kwargs["item_pk"])
        return self._item

    def get_queryset(self):
        """The item's descriptions the caller may read, oldest first."""
        if getattr(self, "swagger_fake_view", False):
            return DescriptionSerializer.Meta.model.objects.none()
        return descriptions_visible_to(self.request.user, self.item()).select_related("author", "item")

    def create(self, request, *args, **kwargs):
        """Add words (201, with their ``moderation``)."""
        item = self.item()
        if not can_describe(request.user, item):
            raise PermissionDenied(_("Only members of the community can add words to items."))
        body = DescriptionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        description = description_create(item, request.user, **body.validated_data)
        data = self.get_serializer(description).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})

    def partial_update(self, request, *args, **kwargs):
        """Change the words (their author; a curator with the author's consent)."""
        description = self.get_object()
        body = DescriptionEditSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        description = description_edit(description, request.user, **body.validated_data)
        return Response(self.get_serializer(description).data)

    @extend_schema(parameters=[ITEM_PK, DESCRIPTION_PK], request=None, responses={200: DescriptionSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, item_pk=None, pk=None):
        """Curators: approve the words; everyone who may see the item now sees them."""
        description = self.get_object()
        _require_curator(request.user)
        return Response(self.get_serializer(description_approve(description, request.user)).data)

    @extend_schema(parameters=[ITEM_PK, DESCRIPTION_PK], request=DescriptionRejectSerializer,
                   responses={200: DescriptionSerializer, 400: BAD})
    @action(detail=True, methods=["post"])
    def reject(self, request, item_pk=None, pk=None):
        """Curators: do not accept the words, saying why (`reason`); the author is told by email."""
        description = self.get_object()
        _require_curator(request.user)
        body = DescriptionRejectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        description = description_reject(description, request.user, body.validated_data["reason"])
        return Response(self.get_serializer(description).data)

    @extend_schema(parameters=[ITEM_PK, DESCRIPTION_PK], request=None, responses={200: ItemSerializer, 400: BAD})
    @action(detail=True, methods=["post"])
    def feature(self, request, item_pk=None, pk=None):
        """Curators: make these (approved) words the item's title and summary; nobody's words change."""
        description = self.get_object()
        _require_curator(request.user)
        item = item_feature_description(self.item(), description, request.user)
        return Response(ItemSerializer(item, context=self.get_serializer_context()).data)

    @extend_schema(parameters=[ITEM_PK, DESCRIPTION_PK], responses={200: VersionSerializer(many=True), 403: FORBIDDEN})
    @action(detail=True, methods=["get"], pagination_class=None)  # every version at once, not paged
    def history(self, request, item_pk=None, pk=None):
        """Curators: every version of the words, newest first (who, when, what changed)."""
        description = self.get_object()
        _require_curator(request.user)
        return Response(VersionSerializer(description_history(description), many=True).data)

    @extend_schema(parameters=[ITEM_PK, DESCRIPTION_PK], request=RevertSerializer,
                   responses={200: DescriptionSerializer, 400: BAD})
    @action(detail=True, methods=["post"], url_path="history/revert")
    def revert(self, request, item_pk=None, pk=None):
        """Curators: put the words back as they were in version `history_id` (kept as a new version)."""
        description = self.get_object()
        _require_curator(request.user)
        body = RevertSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        description = description_revert(description, body.validated_data["history_id"], request.user)
        return Response(self.get_serializer(description).data)


@extend_schema_view(list=extend_schema(parameters=[ITEM_PK], responses={200: VersionSerializer(many=True),
                                                                       403: FORBIDDEN}))
class ItemHistoryViewSet(viewsets.GenericViewSet):
    """Curators: an item's catalogue history, and going back to an earlier version."""

    serializer_class = VersionSerializer
    pagination_class = None

    def _item(self) -> Item:
        _require_curator(self.request.user)
        return _visible_item(self.request, self.kwargs["item_pk"])

    def list(self, request, item_pk=None):
        """Every version of the item's record, newest first (who, when, which fields changed)."""
        return Response(VersionSerializer(item_history(self._item()), many=True).data)

    @extend_schema(parameters=[ITEM_PK], request=RevertSerializer, responses={200: ItemSerializer, 400: BAD})
    @action(detail=False, methods=["post"])
    def revert(self, request, item_pk=None):
        """Put the title, date and place back as they were in version `history_id` (kept as a new version)."""
        item = self._item()
        body = RevertSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        item = item_revert(item, body.validated_data["history_id"], request.user)
        return Response(ItemSerializer(item, context=self.get_serializer_context()).data)


@extend_schema_view(list=extend_schema(responses={200: DescriptionSerializer(many=True), 403: FORBIDDEN}))
class DescriptionModerationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Curators: the descriptions waiting for a curator, oldest first, and approving many at once."""

    serializer_class = DescriptionSerializer

    def get_queryset(self):
        """Waiting descriptions (curators only)."""
        if getattr(self, "swagger_fake_view", False):
            return descriptions_waiting().none()
        _require_curator(self.request.user)
        return descriptions_waiting()

    @extend_schema(request=DescriptionBulkApproveSerializer, responses={200: DescriptionBulkApprovedSerializer, 400: BAD})
    @action(detail=False, methods=["post"])
    def approve(self, request):
        """Approve every waiting description in `ids`; says which were approved and which skipped."""
        _require_curator(request.user)
        body = DescriptionBulkApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        ids = body.validated_data["ids"]
        approved = [d.pk for d in descriptions_bulk_approve(ids, request.user)]
        return Response({"approved": approved, "skipped": [i for i in dict.fromkeys(ids) if i not in approved]})
