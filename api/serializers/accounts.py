"""Invites, members and the caller's own account in the API."""
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from archive.models import Invite


class InviteSerializer(serializers.ModelSerializer):
    """An invite code: whoever joins with it is a member at once (and trusted when it says so)."""

    created_by = serializers.CharField(source="created_by.username", read_only=True)
    usable = serializers.SerializerMethodField()

    class Meta:
        model = Invite
        fields = ["id", "code", "note", "created_by", "created_at", "expires_at", "max_uses", "uses", "trusted",
                  "usable"]
        read_only_fields = ["code", "created_by", "created_at", "uses"]
        extra_kwargs = {"max_uses": {"min_value": 1, "max_value": 10_000}}

    def get_usable(self, invite) -> bool:
        """Whether someone can still join with it (not expired, not used up)."""
        return invite.uses < invite.max_uses and (invite.expires_at is None or invite.expires_at > timezone.now())

    def validate_expires_at(self, value):
        """An expiry in the future (or none)."""
        if value is not None and value <= timezone.now():
            raise serializers.ValidationError(_("The expiry must be in the future."))
        return value


class MemberSerializer(serializers.ModelSerializer):
    """A member as curators see them; curators change ``trusted`` and ``role`` (with PATCH)."""

    credit_name = serializers.CharField(read_only=True)
    invite = serializers.CharField(source="invite.code", read_only=True, default=None, allow_null=True,
                                   help_text="The invite code they joined with (null: none).")
    email = serializers.CharField(read_only=True, help_text="An email address, or empty if none was given.")

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "display_name", "credit_name", "email", "role", "approved", "trusted",
                  "is_superuser", "invite", "preferred_language", "date_joined"]
        read_only_fields = ["username", "display_name", "email", "approved", "is_superuser", "preferred_language",
                            "date_joined"]


class MemberChangeSerializer(serializers.Serializer):
    """What a curator may change about a member."""

    trusted = serializers.BooleanField(required=False)
    role = serializers.ChoiceField(choices=get_user_model().Role.choices, required=False)


class MeSerializer(serializers.ModelSerializer):
    """The caller's own account: who they are and what they may do."""

    credit_name = serializers.CharField(read_only=True)
    is_curator = serializers.BooleanField(read_only=True)
    may_contribute = serializers.SerializerMethodField()

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "display_name", "credit_name", "role", "approved", "trusted", "is_curator",
                  "may_contribute", "preferred_language"]
        read_only_fields = fields

    def get_may_contribute(self, user) -> bool:
        """Whether the caller may upload and add words now (false while waiting for a curator)."""
        from archive.access import can_contribute

        return can_contribute(user)
