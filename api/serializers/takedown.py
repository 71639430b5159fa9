"""Takedown requests in the API: asking (anyone), and what curators read and decide."""
import re

from django.utils.translation import gettext as _
from rest_framework import serializers

from archive.ids import parse_id, written_as_number
from archive.models import Asset, TakedownRequest

from ..ids import IdField

ITEM_IN_URL = re.compile(r"/items/([0-9]+)/?(?:[?#].*)?$")


def item_id_from(value) -> int | None:
    """An item id from an id (``12``) or an item's URL (API or page: ``…/items/12/``); None if neither."""
    text = str(value).strip()
    if written_as_number(text):
        return parse_id(text)
    match = ITEM_IN_URL.search(text)
    return parse_id(match.group(1)) if match else None


class TakedownRequestCreateSerializer(serializers.Serializer):
    """What someone (signed in or not) sends to ask for an item, or a region of one of its pictures, to go."""

    item = serializers.CharField(max_length=500, help_text="The item's id or URL.")
    reason = serializers.CharField(max_length=5000, help_text="Why it should be taken down, in your own words.")
    name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True,
                                   help_text="Where to tell you what was decided.")
    asset = IdField(required=False, allow_null=True, default=None,
                    help_text="Which picture of the item (an asset id); the first when omitted.")
    region = serializers.ListField(child=serializers.IntegerField(), min_length=4, max_length=4, required=False,
                                   allow_null=True, default=None,
                                   help_text="[x, y, w, h] of a face or a part of the picture, in full-size pixels.")

    def validate_item(self, value) -> int:
        """An id or a URL naming an item."""
        pk = item_id_from(value)
        if pk is None:
            raise serializers.ValidationError(_("Give the item's number or its web address."))
        return pk

    def validate_reason(self, value) -> str:
        """Required, in words."""
        if not value.strip():
            raise serializers.ValidationError(_("Please say why this should be taken down."))
        return value.strip()


class TakedownRequestSerializer(serializers.ModelSerializer):
    """A takedown request as curators see it (the requester sees only its number and state)."""

    item = serializers.HyperlinkedRelatedField(view_name="api:item-detail", read_only=True)
    item_id = serializers.IntegerField(read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:takedown-request-detail")
    held = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True, help_text="open (waiting for a curator) or resolved.")
    # Empty until the request is decided; the requester may have given no address.
    resolution = serializers.ChoiceField(TakedownRequest.Resolution.choices, allow_blank=True, read_only=True)
    requester_email = serializers.CharField(read_only=True, help_text="An email address, or empty if none was given.")

    class Meta:
        model = TakedownRequest
        fields = ["id", "url", "item", "item_id", "asset", "region", "reason", "requester", "requester_name",
                  "requester_email", "status", "resolution", "resolution_note", "resolved_by", "resolved_at",
                  "created_at", "held"]
        read_only_fields = fields

    def get_held(self, request) -> bool:
        """Whether the item is hidden pending review."""
        return request.item.held_for_review


class TakedownReceivedSerializer(serializers.ModelSerializer):
    """What the requester gets back: the request's number and that it is waiting for a curator."""

    message = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True, help_text="open: waiting for a curator.")

    class Meta:
        model = TakedownRequest
        fields = ["id", "status", "created_at", "message"]
        read_only_fields = fields

    def get_message(self, request) -> str:
        """A plain thank-you."""
        return _("Thank you. A curator will look at your request soon.")


class TakedownResolveSerializer(serializers.Serializer):
    """A curator's decision."""

    resolution = serializers.CharField(help_text="keep, hide_image, blur_region or delete.")
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="",
                                 help_text="What the requester is told, besides the decision.")

    def validate_resolution(self, value) -> str:
        """One of the valid resolutions (the message lists them)."""
        if value not in TakedownRequest.Resolution.values:
            raise serializers.ValidationError(
                _("Unknown resolution '%(value)s'. Choose one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(TakedownRequest.Resolution.values)})
        return value


def asset_of(item, asset_id) -> Asset | None:
    """The asset ``asset_id`` of ``item`` (None when not given); ValidationError when it is not the item's."""
    if asset_id is None:
        return None
    asset = Asset.objects.filter(pk=asset_id, item=item).first()
    if asset is None:
        raise serializers.ValidationError({"asset": _("This picture is not part of this item.")})
    return asset
