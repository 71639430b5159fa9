"""How descriptions (voices), their moderation and their histories look in the API, and what a request holds."""
from django.urls import reverse
from rest_framework import serializers

from archive.access import can_edit_description
from archive.models import Description
from archive.models.items import LANGUAGES
from archive.services.descriptions import REASON_MAX, TELLER_MAX, TEXT_MAX, description_credit

from ..ids import IdField

KINDS = Description.Kind.values


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class DescriptionSerializer(serializers.ModelSerializer):
    """One voice about an item: its words, kind, language, who wrote (or told) it, and where it stands.

    ``moderation_reason`` (why it was not accepted) is shown to its author and to curators only.
    """

    url = serializers.SerializerMethodField()
    item = serializers.PrimaryKeyRelatedField(read_only=True)
    author = serializers.SerializerMethodField()
    credit = serializers.SerializerMethodField()
    moderation_reason = serializers.SerializerMethodField()
    featured = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()

    class Meta:
        model = Description
        fields = ["id", "url", "item", "kind", "text", "language", "teller_name", "author", "credit", "moderation",
                  "moderation_reason", "featured", "can_edit", "created_at", "updated_at"]
        read_only_fields = fields

    def get_url(self, description) -> str:
        """This description's URL."""
        path = reverse("api:item-description-detail", kwargs={"item_pk": description.item_id, "pk": description.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_author(self, description) -> str:
        """Who wrote the words down, as they wish to be credited."""
        return description.author.credit_name

    def get_credit(self, description) -> str:
        """The credit as shown: the author, or "told by <teller>, written down by <author>"."""
        return description_credit(description)

    def get_moderation_reason(self, description) -> str | None:
        """Why a curator did not accept it: for its author and curators (null for anyone else)."""
        user = _user(self)
        if description.moderation_reason and can_edit_description(user, description):
            return description.moderation_reason
        return None

    def get_featured(self, description) -> bool:
        """Whether a curator chose it as the item's title and summary."""
        return description.item.featured_description_id == description.pk

    def get_can_edit(self, description) -> bool:
        """Whether the caller may change these words (its author; a curator with the author's consent)."""
        return can_edit_description(_user(self), description)


class DescriptionCreateSerializer(serializers.Serializer):
    """New words about an item."""

    text = serializers.CharField(max_length=TEXT_MAX, help_text=f"The words, at most {TEXT_MAX:,} characters.")
    kind = serializers.ChoiceField(choices=Description.Kind.choices, default=Description.Kind.MEMORY)
    language = serializers.ChoiceField(choices=LANGUAGES, default="en",
                                       help_text="cy, en, other (another language) or zxx (no language).")
    teller_name = serializers.CharField(
        max_length=TELLER_MAX, required=False, allow_blank=True, default="",
        help_text="Memory-day mode: whose words these are, when you write them down for someone else.")


class DescriptionEditSerializer(serializers.Serializer):
    """Changed words (only what is sent changes). A curator changing someone else's words says they have
    the author's consent (``with_consent``)."""

    text = serializers.CharField(max_length=TEXT_MAX, required=False)
    kind = serializers.ChoiceField(choices=Description.Kind.choices, required=False)
    language = serializers.ChoiceField(choices=LANGUAGES, required=False)
    teller_name = serializers.CharField(max_length=TELLER_MAX, required=False, allow_blank=True)
    with_consent = serializers.BooleanField(
        required=False, default=False, help_text="Curators: the author agreed to this change to their words.")

    def validate(self, attrs):
        """At least one thing to change."""
        if not {"text", "kind", "language", "teller_name"} & set(attrs):
            raise serializers.ValidationError("Send at least one of: text, kind, language, teller_name.")
        return attrs


class DescriptionRejectSerializer(serializers.Serializer):
    """Why a contribution is not accepted, in plain words: the contributor reads it."""

    reason = serializers.CharField(max_length=REASON_MAX)


class DescriptionBulkApproveSerializer(serializers.Serializer):
    """The ids of waiting descriptions to approve at once."""

    ids = serializers.ListField(child=IdField(), allow_empty=False, max_length=500)


class DescriptionBulkApprovedSerializer(serializers.Serializer):
    """What a bulk approval did."""

    approved = serializers.ListField(child=serializers.IntegerField())
    skipped = serializers.ListField(child=serializers.IntegerField(),
                                    help_text="Ids that were not waiting (unknown, or already approved).")


class RevertSerializer(serializers.Serializer):
    """Which version to go back to (a ``history_id`` from the history)."""

    history_id = IdField()


class VersionSerializer(serializers.Serializer):
    """One version in a history: who, when, what kind of change, which fields changed, and the values then."""

    history_id = serializers.IntegerField()
    at = serializers.DateTimeField()
    by = serializers.CharField(allow_null=True)
    by_id = serializers.IntegerField(allow_null=True)
    change = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    reason = serializers.CharField(allow_blank=True)
    changed = serializers.ListField(child=serializers.CharField())
    values = serializers.DictField()
