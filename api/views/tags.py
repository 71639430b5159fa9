"""Region tags: who or what is on a region of an item's picture.

Routes (registered in api/urls.py, nested under the item): ``items/{item_pk}/region-tags/`` GET
(the tags the caller may see) and POST (members); ``…/{id}/`` GET; ``…/{id}/approve/`` and
``…/{id}/reject/`` POST (curators). Views parse input and call :mod:`archive.services.tags`.
"""
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a 500
from rest_framework.response import Response

from archive.access import (
    can_moderate_region_tags, can_tag_region, items_visible_to, people_visible_to, region_tags_visible_to,
)
from archive.models import Item, RegionTag
from archive.services.tags import region_tag_approve, region_tag_create, region_tag_reject

from ..serializers.tags import RegionTagCreateSerializer, RegionTagRejectSerializer, RegionTagSerializer
from ..throttles import ContributionThrottled

ITEM_PK = OpenApiParameter("item_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="The item's id.")
TAG_PK = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The region tag's id.")
BAD = OpenApiResponse(description="A field is missing or wrong; the body names it and the problem.")
TOO_MANY = OpenApiResponse(description="Too many contributions in a short time; try again later (Retry-After).")



@extend_schema_view(
    list=extend_schema(parameters=[ITEM_PK], description="The region tags on the item's pictures the caller may "
                       "see: approved ones, plus the caller's own (all, for curators). A living person whose "
                       "consent is not recorded is labelled \"a person\" for visitors."),
    create=extend_schema(parameters=[ITEM_PK], request=RegionTagCreateSerializer,
                         responses={201: RegionTagSerializer, 400: BAD, 429: TOO_MANY},
                         description="Say who or what is on a region of a picture (x, y, w, h in full-size "
                                     "pixels, inside the picture). A trusted member's or a curator's tag is "
                                     "approved at once; anyone else's waits for a curator."),
    retrieve=extend_schema(parameters=[ITEM_PK, TAG_PK]),
)
class RegionTagViewSet(ContributionThrottled, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       mixins.CreateModelMixin, viewsets.GenericViewSet):
    """People and things tagged on regions of an item's pictures."""

    serializer_class = RegionTagSerializer
    throttle_scope = "contribute"
    throttle_actions = {"create"}

    def _item(self) -> Item:
        return get_object_or_404(items_visible_to(self.request.user), pk=self.kwargs["item_pk"])

    def get_queryset(self):
        """The item's tags the caller may see."""
        if getattr(self, "swagger_fake_view", False):
            return RegionTag.objects.none()
        return region_tags_visible_to(self.request.user, self._item()).select_related("person", "author", "asset")

    def get_serializer_class(self):
        """The new tag's fields for POST; the tag otherwise."""
        return RegionTagCreateSerializer if self.action == "create" else RegionTagSerializer

    def create(self, request, *args, **kwargs):
        """Tag a region: 201 with the tag."""
        item = self._item()
        if not can_tag_region(request.user, item):
            raise PermissionDenied(_("Sign in as a member to say who or what is in a picture."))
        given = RegionTagCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        assets = item.assets.order_by("position", "page", "id")
        asset = assets.filter(pk=data["asset"]).first() if data["asset"] is not None else assets.first()
        if asset is None:
            raise ValidationError({"asset": _("This picture is not part of this item.")})
        person = None
        if data["person"] is not None:
            # Only someone the tagger may see: naming a person by number must not reveal a hidden name.
            person = people_visible_to(request.user).filter(pk=data["person"]).first()
            if person is None:
                raise ValidationError({"person": _("There is no person with this number.")})
        tag = region_tag_create(item, asset, request.user, data["x"], data["y"], data["w"], data["h"],
                       data["label"], person=person, motivation=data["motivation"],
                       teller_name=data["teller_name"], language=data["language"])
        return Response(RegionTagSerializer(tag, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    def _moderated(self, pk) -> RegionTag:
        if not can_moderate_region_tags(self.request.user):
            raise PermissionDenied(_("Only curators can do this."))
        return get_object_or_404(self.get_queryset(), pk=pk)

    @extend_schema(parameters=[ITEM_PK, TAG_PK], request=None, responses={200: RegionTagSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, item_pk=None, pk=None):
        """Curators: approve the tag (shown to everyone who may see the picture, and in the manifest)."""
        tag = region_tag_approve(self._moderated(pk), request.user)
        return Response(RegionTagSerializer(tag, context=self.get_serializer_context()).data)

    @extend_schema(parameters=[ITEM_PK, TAG_PK], request=RegionTagRejectSerializer,
                   responses={200: RegionTagSerializer, 400: BAD})
    @action(detail=True, methods=["post"])
    def reject(self, request, item_pk=None, pk=None):
        """Curators: do not accept the tag, with a reason its author sees."""
        tag = self._moderated(pk)
        given = RegionTagRejectSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        tag = region_tag_reject(tag, request.user, given.validated_data["reason"])
        return Response(RegionTagSerializer(tag, context=self.get_serializer_context()).data)
