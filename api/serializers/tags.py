"""Region tags in the API: someone or something on a region of a picture."""
from django.urls import reverse
from django.utils.translation import get_language
from rest_framework import serializers

from archive.access import can_moderate_region_tags, person_label, region_tag_label
from archive.models import RegionTag
from archive.services.tags import LABEL_LENGTH, REASON_LENGTH, TELLER_LENGTH

from ..ids import IdField


def _user(serializer):
    return getattr(serializer.context.get("request"), "user", None)


class RegionTagSerializer(serializers.ModelSerializer):
    """A region tag as the caller may see it: the region in full-size pixels (and as percentages of the
    picture), the label ("a person" when it names a living person whose name the caller may not see),
    the person it links to, and where it stands with the curators."""

    url = serializers.SerializerMethodField()
    label = serializers.SerializerMethodField()
    person = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    percent = serializers.SerializerMethodField()
    moderation_reason = serializers.SerializerMethodField()
    target = serializers.SerializerMethodField()

    class Meta:
        model = RegionTag
        fields = ["id", "url", "item", "asset", "x", "y", "w", "h", "percent", "target", "label", "language",
                  "person", "motivation", "author", "teller_name", "moderation", "moderation_reason", "created_at"]
        read_only_fields = fields

    def get_url(self, tag) -> str:
        """This tag's URL."""
        path = reverse("api:item-region-tag-detail", kwargs={"item_pk": tag.item_id, "pk": tag.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_label(self, tag) -> str:
        """What the tagger wrote, or "a person" for someone whose name the caller may not see."""
        return region_tag_label(_user(self), tag, get_language() or "en")

    def get_person(self, tag) -> dict | None:
        """The person linked (id and name as the caller may see it), if any."""
        if tag.person is None:
            return None
        return {"id": tag.person_id, "name": person_label(_user(self), tag.person, get_language() or "en")}

    def get_author(self, tag) -> str:
        """Who tagged it, as they wish to be credited."""
        return tag.author.credit_name

    def get_percent(self, tag) -> dict | None:
        """The region as percentages of the picture's width and height (for drawing it over any size)."""
        width, height = tag.asset.width, tag.asset.height
        if not (width and height):
            return None
        return {"x": round(100 * tag.x / width, 3), "y": round(100 * tag.y / height, 3),
                "w": round(100 * tag.w / width, 3), "h": round(100 * tag.h / height, 3)}

    def get_target(self, tag) -> str:
        """The region as a media fragment: ``xywh=x,y,w,h``."""
        return f"xywh={tag.x},{tag.y},{tag.w},{tag.h}"

    def get_moderation_reason(self, tag) -> str | None:
        """Why a curator did not accept it: for its author and curators (null for anyone else)."""
        user = _user(self)
        if tag.moderation_reason and (can_moderate_region_tags(user) or getattr(user, "pk", None) == tag.author_id):
            return tag.moderation_reason
        return None


class RegionTagCreateSerializer(serializers.Serializer):
    """A new region tag: the region in full-size pixels of the picture (``asset``: the item's first when omitted)."""

    asset = IdField(required=False, allow_null=True, default=None, help_text="Which picture of the item (an asset id).")
    x = serializers.IntegerField(help_text="Left edge, in full-size pixels.")
    y = serializers.IntegerField(help_text="Top edge, in full-size pixels.")
    w = serializers.IntegerField(help_text="Width, in full-size pixels.")
    h = serializers.IntegerField(help_text="Height, in full-size pixels.")
    label = serializers.CharField(max_length=LABEL_LENGTH, required=False, allow_blank=True, default="",
                                  help_text="Who or what is there (\"Mam-gu, second from left\").")
    language = serializers.ChoiceField(choices=["", "cy", "en"], required=False, default="",
                                       help_text="The label's language; empty when it is a name.")
    person = IdField(required=False, allow_null=True, default=None, help_text="The id of the person it is, when known.")
    motivation = serializers.ChoiceField(choices=RegionTag.Motivation.values, default="identifying")
    teller_name = serializers.CharField(max_length=TELLER_LENGTH, required=False, allow_blank=True, default="",
                                        help_text="Who said it, when a facilitator enters it for them.")


class RegionTagRejectSerializer(serializers.Serializer):
    """Why a tag is not accepted (its author reads it)."""

    reason = serializers.CharField(max_length=REASON_LENGTH, required=False, allow_blank=True, default="")
