"""Items: list, read, and contribute by upload."""
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a 500
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from archive.access import can_contribute, can_edit_item, can_moderate, contribute_refusal
from archive.models import Item
from archive.selectors import batches_visible_to, items_for_listing
from archive.services import (
    batch_create, contribution_from_fields, item_approve, item_reject, item_retry, item_visibility_set,
    item_withdraw,
)

from ..serializers.items import (
    BatchSerializer, ItemChangeSerializer, ItemRejectSerializer, ItemSerializer, ItemUploadSerializer,
    ItemWithdrawSerializer,
)
from ..throttles import ContributionThrottled

UploadResponse = inline_serializer("UploadAccepted", {
    "batch": BatchSerializer(),
    "items": ItemSerializer(many=True),
})


class ItemViewSet(ContributionThrottled, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                  mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Items the caller may see; signed-in members contribute new ones by uploading files.

    An item the caller may not see is answered 404 (not revealed) for every action; one they may
    see but not change is answered 403.
    """

    serializer_class = ItemSerializer
    throttle_scope = "contribute"  # uploads are rate-limited per account (api.throttles)
    throttle_actions = {"create"}
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        """Visible items, optionally only the caller's own (``mine=true``) or in one ``status``."""
        qs = items_for_listing(self.request.user)
        if self.request.query_params.get("mine") in ("1", "true") and self.request.user.is_authenticated:
            qs = qs.filter(contributor=self.request.user)
        wanted = self.request.query_params.get("status")
        if wanted:
            if wanted not in Item.Status.values:
                raise serializers.ValidationError(
                    {"status": f"Unknown status '{wanted}'. Choose one of: {', '.join(Item.Status.values)}."})
            qs = qs.filter(status=wanted)
        return qs

    def get_serializer_class(self):
        """Uploads are described by the upload serializer; everything else by the item serializer."""
        return ItemUploadSerializer if self.action == "create" else ItemSerializer

    @extend_schema(
        request={"multipart/form-data": ItemUploadSerializer},
        responses={202: UploadResponse, 400: OpenApiResponse(description="A field is missing or wrong; "
                                                                         "the body names it and the problem.")},
        description="Upload one or more files (repeat the `files` part). Each becomes an item; processing "
                    "happens in the background. Follow each item's `url`, or the batch's, for progress.",
    )
    def create(self, request, *args, **kwargs):
        """Accept an upload: 202 with the batch and each new item."""
        if not can_contribute(request.user):
            raise PermissionDenied(contribute_refusal(request.user))
        upload = ItemUploadSerializer(data=request.data, context={"request": request})
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        with transaction.atomic():
            fields = {key: value for key, value in data.items() if key != "files"}
            contribution = contribution_from_fields(actor=request.user, **fields)
            batch = batch_create(contributor=request.user, uploads=data["files"], contribution=contribution)
        items = items_for_listing(request.user).filter(batch=batch).order_by("id")
        context = self.get_serializer_context()
        body = {"batch": BatchSerializer(batch, context=context).data,
                "items": ItemSerializer(items, many=True, context=context).data}
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["batch"]["url"]})

    @extend_schema(request=None, responses={202: ItemSerializer})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Curators: send a failed item through processing again."""
        item = self.get_object()
        if not request.user.is_authenticated or not request.user.is_curator:
            raise PermissionDenied("Only curators can retry processing.")
        try:
            item_retry(item, request.user)
        except ValueError as exc:
            raise serializers.ValidationError({"status": str(exc)}) from exc
        return Response(ItemSerializer(item, context=self.get_serializer_context()).data,
                        status=status.HTTP_202_ACCEPTED)


    def _item_data(self, item: Item) -> dict:
        return ItemSerializer(item, context=self.get_serializer_context()).data

    @extend_schema(request=ItemChangeSerializer, responses={
        200: ItemSerializer, 400: OpenApiResponse(description="The body names the field and the valid values."),
        403: OpenApiResponse(description="Only the item's contributor or a curator can change it."),
        404: OpenApiResponse(description="No such item, or not one the caller may see.")})
    def partial_update(self, request, pk=None):
        """The contributor or a curator changes who may see the item (``visibility``: public, members, private)."""
        item = self.get_object()
        if not can_edit_item(request.user, item):
            raise PermissionDenied(_("Only the contributor or a curator can change who may see this item."))
        change = ItemChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        item_visibility_set(item, request.user, change.validated_data["visibility"])
        return Response(self._item_data(item))

    @extend_schema(request=ItemWithdrawSerializer, responses={200: ItemSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The contributor or a curator withdraws the item from every public surface at once.

        It is kept privately for the record; with ``delete`` its files and words are deleted too.
        """
        item = self.get_object()
        if not can_edit_item(request.user, item):
            raise PermissionDenied(_("Only the contributor or a curator can withdraw this item."))
        body = ItemWithdrawSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        item_withdraw(item, request.user, reason=body.validated_data["reason"], delete=body.validated_data["delete"])
        return Response(self._item_data(item))

    @extend_schema(request=None, responses={200: ItemSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Curators: approve the item; its contributor is told by email."""
        item = self.get_object()
        if not can_moderate(request.user):
            raise PermissionDenied(_("Only curators can approve or reject contributions."))
        item_approve(item, request.user)
        return Response(self._item_data(item))

    @extend_schema(request=ItemRejectSerializer, responses={200: ItemSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Curators: do not accept the item, saying why (``reason``); its contributor is told by email."""
        item = self.get_object()
        if not can_moderate(request.user):
            raise PermissionDenied(_("Only curators can approve or reject contributions."))
        body = ItemRejectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        item_reject(item, request.user, body.validated_data["reason"])
        return Response(self._item_data(item))


class BatchViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """An upload's progress, for the contributor who sent it (and curators)."""

    serializer_class = BatchSerializer

    def get_queryset(self):
        """The caller's own batches (all of them for curators)."""
        return batches_visible_to(self.request.user)

    def get_object(self):
        """The batch, or 404 when it is not the caller's."""
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
