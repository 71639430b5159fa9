"""The curators' moderation queue of items: what waits, and approving many at once."""
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from archive.access import can_moderate
from archive.services import items_bulk_approve, items_pending

from ..schema import FORBIDDEN
from ..serializers.items import ItemIdsSerializer, ItemSerializer


BulkApproved = inline_serializer("ItemsBulkApproved", {
    "approved": serializers.ListField(child=serializers.IntegerField(), help_text="The ids approved now."),
    "count": serializers.IntegerField(),
})


@extend_schema_view(list=extend_schema(responses={200: ItemSerializer(many=True), 403: FORBIDDEN}))
class ModerationItemViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Curators: items waiting for a curator, oldest first; approve many at once."""

    serializer_class = ItemSerializer

    def check_permissions(self, request):
        """Only curators see the queue (403 for anyone else, 401 when not signed in)."""
        super().check_permissions(request)
        if not request.user.is_authenticated:
            self.permission_denied(request)
        if not can_moderate(request.user):
            raise PermissionDenied(_("Only curators can approve or reject contributions."))

    def get_queryset(self):
        """Pending items (not withdrawn), with what the item JSON shows."""
        return (items_pending().select_related("place", "contributor")
                .prefetch_related("people", "subjects", "collections", "descriptions__author",
                                  "assets__derivatives"))

    @extend_schema(request=ItemIdsSerializer, responses={200: BulkApproved})
    @action(detail=False, methods=["post"])
    def approve(self, request):
        """Approve every pending item among ``ids`` (others are left as they are); their contributors are told."""
        body = ItemIdsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        approved = items_bulk_approve(body.validated_data["ids"], request.user)
        return Response({"approved": [item.pk for item in approved], "count": len(approved)})
