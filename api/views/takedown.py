"""Takedown requests: anyone asks (even without signing in); curators read, hold and resolve.

Routes: ``takedown-requests/`` POST (anyone), GET (curators); ``takedown-requests/{id}/`` GET,
``…/hold/`` and ``…/resolve/`` POST (curators). Views parse input and call
:mod:`archive.services.takedown`; access is decided by :mod:`archive.access`.
"""
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a 500
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from archive.access import can_handle_takedowns, can_request_takedown
from archive.models import Item, TakedownRequest
from archive.services.takedown import takedown_hold, takedown_request_create, takedown_resolve

from ..serializers.takedown import (
    TakedownReceivedSerializer, TakedownRequestCreateSerializer, TakedownRequestSerializer, TakedownResolveSerializer,
    asset_of,
)
from ..throttles import ContributionThrottled

BAD = OpenApiResponse(description="A field is missing or wrong; the body names it and the problem.")
TOO_MANY = OpenApiResponse(description="Too many requests in a short time; try again later (Retry-After).")
CURATORS = OpenApiResponse(description="Only curators may do this.")



@extend_schema_view(
    create=extend_schema(request=TakedownRequestCreateSerializer,
                         responses={201: TakedownReceivedSerializer, 400: BAD, 429: TOO_MANY},
                         description="Ask for an item, or a face on one of its pictures (`asset`, `region` "
                                     "[x, y, w, h] in full-size pixels), to be taken down. Anyone may ask, "
                                     "signed in or not, about any item they can see. Curators are told at once; "
                                     "give an `email` to hear what they decide."),
    list=extend_schema(parameters=[OpenApiParameter("status", OpenApiTypes.STR, description="open or resolved")],
                       responses={200: TakedownRequestSerializer(many=True), 403: CURATORS},
                       description="Curators: every takedown request, newest first."),
    retrieve=extend_schema(responses={200: TakedownRequestSerializer, 403: CURATORS}),
)
class TakedownRequestViewSet(ContributionThrottled, mixins.CreateModelMixin, mixins.ListModelMixin,
                             mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Requests to take an item (or a face on it) down, and the curators' decisions."""

    serializer_class = TakedownRequestSerializer
    permission_classes = [AllowAny]  # anyone may ask; reading and deciding are checked below
    throttle_scope = "takedown"
    throttle_actions = {"create"}

    def _require_curator(self):
        if not can_handle_takedowns(self.request.user):
            if not self.request.user.is_authenticated:
                raise NotAuthenticated(_("Sign in as a curator to read takedown requests."))
            raise PermissionDenied(_("Only curators can do this."))

    def get_queryset(self):
        """Every request (curators only), optionally only ``status=open`` or ``resolved``."""
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI schema is being made
            return TakedownRequest.objects.none()
        self._require_curator()
        qs = TakedownRequest.objects.select_related("item")
        wanted = self.request.query_params.get("status")
        if wanted:
            if wanted not in TakedownRequest.Status.values:
                raise ValidationError({"status": _("Unknown status '%(value)s'. Choose one of: %(choices)s.") % {
                    "value": wanted, "choices": ", ".join(TakedownRequest.Status.values)}})
            qs = qs.filter(status=wanted)
        return qs

    def get_serializer_class(self):
        """The request form for POST; the full request for curators otherwise."""
        return TakedownRequestCreateSerializer if self.action == "create" else TakedownRequestSerializer

    def create(self, request, *args, **kwargs):
        """Record the request: 201 with its number."""
        given = TakedownRequestCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        item = Item.objects.filter(pk=data["item"]).first()
        if item is None or not can_request_takedown(request.user, item):
            raise ValidationError({"item": _("There is no such item.")})
        created = takedown_request_create(item, data["reason"], requester=request.user,
                           name=data["name"], email=data.get("email", ""), asset=asset_of(item, data["asset"]),
                           region=data["region"], language=(get_language() or "en")[:2])
        return Response(TakedownReceivedSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: TakedownRequestSerializer, 403: CURATORS},
                   description="Curators: hide the item at once while the request is looked at (only curators "
                               "and its contributor still see it).")
    @action(detail=True, methods=["post"])
    def hold(self, request, pk=None):
        """Hide the item pending review."""
        takedown = get_object_or_404(self.get_queryset(), pk=pk)
        takedown_hold(takedown.item, request.user, takedown)
        takedown.refresh_from_db()
        return Response(TakedownRequestSerializer(takedown, context=self.get_serializer_context()).data)

    @extend_schema(request=TakedownResolveSerializer, responses={200: TakedownRequestSerializer, 400: BAD,
                                                                 403: CURATORS},
                   description="Curators: decide the request. `resolution` is `keep` (nothing changes), "
                               "`hide_image` (pictures hidden from the public, words kept), `blur_region` (the "
                               "request's region is blurred in every display copy and tile; the original is "
                               "kept) or `delete` (files and words deleted; the record stays). The requester "
                               "is emailed the outcome and the `note`.")
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """Resolve the request."""
        takedown = get_object_or_404(self.get_queryset(), pk=pk)
        given = TakedownResolveSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        resolved = takedown_resolve(takedown, request.user, given.validated_data["resolution"],
                            given.validated_data["note"])
        return Response(TakedownRequestSerializer(resolved, context=self.get_serializer_context()).data)
