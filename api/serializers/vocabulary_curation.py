"""Proposals, approvals and merges of the community's vocabulary in the API."""
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from archive.models import PlaceNameProposal

from ..ids import IdField


class SubjectProposeSerializer(serializers.Serializer):
    """A member proposes a subject: its label and the label's language."""

    label = serializers.CharField(max_length=200)
    language = serializers.CharField(max_length=2, default="en", help_text="`cy` or `en`: the label's language.")

    def validate_language(self, value):
        """Welsh or English."""
        if value not in ("cy", "en"):
            raise serializers.ValidationError(_("Choose cy or en."))
        return value


class SubjectApproveSerializer(serializers.Serializer):
    """A curator approves a subject with its Welsh and English labels."""

    label_cy = serializers.CharField(max_length=200)
    label_en = serializers.CharField(max_length=200)


class MergeSerializer(serializers.Serializer):
    """The id of the record a duplicate is merged into."""

    into = IdField(help_text="The id of the record to keep.")


class PlaceNameProposalSerializer(serializers.ModelSerializer):
    """A proposed name for a place, with where it stands with the curators."""

    proposed_by = serializers.CharField(source="proposed_by.credit_name", read_only=True)
    language = serializers.CharField(max_length=8, allow_blank=True, default="", required=False,
                                     help_text="`cy`, `en`, `other`, or empty (a name in no one language).")

    class Meta:
        model = PlaceNameProposal
        fields = ["id", "place", "name", "language", "moderation", "moderation_reason", "proposed_by",
                  "created_at"]
        read_only_fields = ["place", "moderation", "moderation_reason", "proposed_by", "created_at"]
        extra_kwargs = {"name": {"max_length": 200}}


class RejectSerializer(serializers.Serializer):
    """Why a proposal is turned down (shown to who proposed it)."""

    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
