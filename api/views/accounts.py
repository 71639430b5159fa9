"""Invites, members and the caller's own account (``/api/v1/invites/``, ``/members/``, ``/me/``)."""
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a 500
from rest_framework.response import Response

from archive.access import can_curate
from archive.models import Invite
from archive.services.accounts import invite_create, member_approve, member_role_set, member_trust

from ..serializers.accounts import InviteSerializer, MeSerializer, MemberChangeSerializer, MemberSerializer


class CuratorsOnly(permissions.BasePermission):
    """Curators only (the rule is ``archive.access.can_curate``)."""

    message = "Only curators can manage invites and members."

    def has_permission(self, request, view):
        """Signed in and a curator; else 401 (not signed in) or 403 with a message."""
        if request.user and request.user.is_authenticated and not can_curate(request.user):
            raise PermissionDenied(_("Only curators can manage invites and members."))
        return can_curate(request.user)


class InviteViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    viewsets.GenericViewSet):
    """Invite codes (curators): list them, and make new ones (the code is made by the archive)."""

    serializer_class = InviteSerializer
    permission_classes = [CuratorsOnly]
    queryset = Invite.objects.select_related("created_by")

    def perform_create(self, serializer):
        """Make the invite through the service, which draws an unguessable code."""
        data = serializer.validated_data
        serializer.instance = invite_create(self.request.user, note=data.get("note", ""),
                                            max_uses=data.get("max_uses", 1), expires_at=data.get("expires_at"),
                                            trusted=data.get("trusted", False))


class MemberViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Accounts (curators): ``approved=false`` lists members waiting; approve them, trust them, change roles."""

    serializer_class = MemberSerializer
    permission_classes = [CuratorsOnly]

    def get_queryset(self):
        """Every account, newest first; ``approved`` and ``trusted`` filter (true or false)."""
        qs = get_user_model().objects.select_related("invite").order_by("-date_joined", "-id")
        for name in ("approved", "trusted"):
            raw = self.request.query_params.get(name)
            if raw is not None:
                if raw.lower() not in ("true", "false", "1", "0"):
                    raise serializers.ValidationError({name: _("Use true or false.")})
                qs = qs.filter(**{name: raw.lower() in ("true", "1")})
        return qs

    @extend_schema(parameters=[OpenApiParameter("approved", OpenApiTypes.BOOL),
                               OpenApiParameter("trusted", OpenApiTypes.BOOL)])
    def list(self, request, *args, **kwargs):
        """Accounts; ``?approved=false`` for those waiting for a curator."""
        return super().list(request, *args, **kwargs)

    @extend_schema(request=MemberChangeSerializer, responses=MemberSerializer)
    def partial_update(self, request, pk=None):
        """Change ``trusted`` and/or ``role``."""
        member = self.get_object()
        change = MemberChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        try:
            with transaction.atomic():  # both or neither: a refused role leaves ``trusted`` as it was
                if "trusted" in change.validated_data:
                    member_trust(member, request.user, change.validated_data["trusted"])
                if "role" in change.validated_data:
                    member_role_set(member, request.user, change.validated_data["role"])
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except ValueError as exc:
            raise serializers.ValidationError({"role": [str(exc)]}) from exc
        return Response(MemberSerializer(member, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=MemberSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Welcome a member who joined without an invite: they may contribute from now on."""
        member = member_approve(self.get_object(), request.user)
        return Response(MemberSerializer(member, context=self.get_serializer_context()).data)

    def get_object(self):
        """The account, or 404."""
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
@permission_classes([permissions.IsAuthenticated])
def me(request):
    """The caller's own account: username, role, whether approved and trusted, whether they may contribute."""
    return Response(MeSerializer(request.user).data)
