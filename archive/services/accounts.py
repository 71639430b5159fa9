"""Joining the archive and running its membership: invites, approvals, trust and roles.

A member joins with an invite code (and is a member at once, trusted when the invite says so) or
without one (and waits, ``approved=False``, until a curator approves them; curators are told by
email). Only curators create invites and approve, trust or change the role of members.
"""
import logging
import secrets
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..access import can_curate, can_set_role
from ..models import Invite, User
from ..selectors import curators_to_email
from .notify import contributor_notify

log = logging.getLogger(__name__)

INVITE_CODE_BYTES = 9  # 12 characters of URL-safe base64: easy to read out, impossible to guess


class InviteInvalid(Exception):
    """The invite code cannot be used: unknown, expired or used up. ``str()`` is the reason, in plain words."""


def invite_code_new() -> str:
    """A fresh, unguessable invite code (from :mod:`secrets`), without letters that are easily confused."""
    while True:
        code = secrets.token_urlsafe(INVITE_CODE_BYTES).replace("-", "x").replace("_", "y")
        if not Invite.objects.filter(code=code).exists():
            return code


def invite_create(actor, note: str = "", max_uses: int = 1, expires_at: datetime | None = None,
                  trusted: bool = False) -> Invite:
    """A new invite made by curator ``actor``: up to ``max_uses`` people may join with it until ``expires_at``."""
    if not can_curate(actor):
        raise PermissionDenied(_("Only curators can make invite codes."))
    if max_uses < 1:
        raise ValueError(_("An invite must allow at least one person to join."))
    return Invite.objects.create(code=invite_code_new(), note=note[:200], created_by=actor, max_uses=max_uses,
                                 expires_at=expires_at, trusted=trusted)


def _usable() -> Q:
    return Q(uses__lt=F("max_uses")) & (Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))


def invite_check(code: str) -> Invite:
    """The invite with this code if someone may still join with it; raises :class:`InviteInvalid` saying why not."""
    code = (code or "").strip()
    invite = Invite.objects.filter(code=code).first() if code else None
    if invite is None:
        raise InviteInvalid(_("We do not know that invite code. Please check it, or leave it empty and a curator "
                              "will welcome you."))
    if invite.expires_at is not None and invite.expires_at <= timezone.now():
        raise InviteInvalid(_("That invite code has expired. Ask a curator for a new one, or leave it empty and a "
                              "curator will welcome you."))
    if invite.uses >= invite.max_uses:
        raise InviteInvalid(_("That invite code has already been used as many times as it allows. Ask a curator "
                              "for a new one, or leave it empty and a curator will welcome you."))
    return invite


@transaction.atomic
def member_join(user: User, *, invite_code: str = "", display_name: str | None = None,
                preferred_language: str | None = None) -> User:
    """Save ``user``, a new account (username, email and password already set), as a member who joined.

    With a usable ``invite_code`` the member is approved at once (and trusted when the invite says so),
    and the invite's ``uses`` goes up by one (atomically: two people can never both take its last use).
    Without one the member waits (``approved=False``) and every curator with an email address is told.
    Raises :class:`InviteInvalid` (and saves nothing) when the code cannot be used.
    """
    invite = None
    if invite_code and invite_code.strip():
        invite = invite_check(invite_code)
        taken = Invite.objects.filter(_usable(), pk=invite.pk).update(uses=F("uses") + 1)
        if not taken:  # someone else took its last use a moment ago
            raise InviteInvalid(_("That invite code has just been used up. Ask a curator for a new one, or leave "
                                  "it empty and a curator will welcome you."))
    if display_name is not None:
        user.display_name = display_name.strip()[:150]
    if preferred_language in ("cy", "en"):
        user.preferred_language = preferred_language
    user.role = User.Role.MEMBER
    user.approved = invite is not None
    user.trusted = bool(invite and invite.trusted)
    user.invite = invite
    user.save()
    if not user.approved:
        curators_tell_member_waiting(user)
    return user


def members_waiting():
    """Accounts that joined without an invite and wait for a curator, oldest first."""
    return get_user_model().objects.filter(approved=False, is_active=True).order_by("date_joined", "id")


def curators_tell_member_waiting(member: User) -> int:
    """Email every curator (after commit) that ``member`` joined and waits to be welcomed; how many were told."""
    told = 0
    for curator in curators_to_email():
        told += contributor_notify(
            curator, _("%(name)s is waiting to join the archive"),
            _("%(name)s (username %(username)s) joined the archive without an invite code and is waiting for a "
              "curator. Welcome them on the page “Members waiting” (%(path)s) if you know them."),
            name=member.credit_name, username=member.username, path="/curate/members/")
    return told


def _require_curator(actor, message) -> None:
    if not can_curate(actor):
        raise PermissionDenied(message)


def member_approve(user: User, actor) -> User:
    """Curator ``actor`` welcomes ``user``: they become a member who may contribute. Idempotent."""
    _require_curator(actor, _("Only curators can approve members."))
    if not user.approved:
        user.approved = True
        user.save(update_fields=["approved"])
        contributor_notify(user, _("Welcome to the archive"),
                           _("A curator has welcomed you to the archive. You can now share your photographs and "
                             "memories."))
    return user


def member_trust(user: User, actor, trusted: bool) -> User:
    """Curator ``actor`` trusts ``user`` (their contributions are approved at once) or stops trusting them."""
    _require_curator(actor, _("Only curators can change whether a member is trusted."))
    if user.trusted != bool(trusted):
        user.trusted = bool(trusted)
        user.save(update_fields=["trusted"])
    return user


def member_role_set(user: User, actor, role: str) -> User:
    """Curator ``actor`` makes ``user`` a curator or a member. Admins are superusers and keep their powers."""
    if not can_set_role(actor):
        raise PermissionDenied(_("Only curators can change a member's role."))
    if role not in User.Role.values:
        raise ValueError(_("Unknown role “%(role)s”. Choose one of: %(roles)s.")
                         % {"role": role, "roles": ", ".join(User.Role.values)})
    if user.pk == getattr(actor, "pk", None) and role != User.Role.CURATOR and not actor.is_superuser:
        raise ValueError(_("You cannot take away your own curator role; ask another curator."))
    fields = []
    if user.role != role:
        user.role = role
        fields.append("role")
    if role == User.Role.CURATOR and not user.approved:
        user.approved = True
        fields.append("approved")
    if fields:
        user.save(update_fields=fields)
    return user


@transaction.atomic
def member_role_change(user: User, actor, role: str) -> User:
    """Curator ``actor`` changes ``user``'s role from the members' page, refusing in plain words
    (``ValidationError``): an unknown role, their own role, or the last curator made a member."""
    if not can_set_role(actor):
        raise PermissionDenied(_("Only curators can change a member's role."))
    if role not in User.Role.values:
        raise ValidationError({"role": _("Choose member or curator.")})
    if user.pk == actor.pk:
        raise ValidationError({"role": _("You cannot change your own role; ask another curator.")})
    if role == User.Role.MEMBER and user.role == User.Role.CURATOR:
        others = User.objects.select_for_update().filter(role=User.Role.CURATOR, is_active=True).exclude(pk=user.pk)
        if not others.exists():
            raise ValidationError({"role": _("The archive needs at least one curator.")})
    return member_role_set(user, actor, role)


def invite_revoke(invite: Invite, actor) -> Invite:
    """Curator ``actor`` stops ``invite`` being used: nobody more may join with it (who already did stays a
    member, and the code stays listed). Refuses (``ValidationError``) a code that can no longer be used anyway."""
    _require_curator(actor, _("Only curators can revoke invite codes."))
    now = timezone.now()
    if invite.uses >= invite.max_uses or (invite.expires_at is not None and invite.expires_at <= now):
        raise ValidationError({"invite": _("That invite code can no longer be used: there is nothing to revoke.")})
    invite.expires_at = now
    invite.save(update_fields=["expires_at"])
    return invite
