"""Joining (with or without an invite code), and curators running the membership."""
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from archive.access import can_contribute, is_member, items_visible_to
from archive.models import Invite, Item
from archive.services.accounts import (
    InviteInvalid, invite_create, member_approve, member_join, member_role_set, member_trust, members_waiting,
)

pytestmark = pytest.mark.django_db
User = get_user_model()


def new_account(username, email=""):
    user = User(username=username, email=email)
    user.set_password("a long pass phrase")
    return user


def test_only_curators_make_invites_and_codes_are_unguessable(curator, villager):
    with pytest.raises(PermissionDenied):
        invite_create(villager, note="memory day")
    codes = {invite_create(curator, note="memory day").code for _ in range(20)}
    assert len(codes) == 20 and all(len(code) >= 12 and code.isalnum() for code in codes)


def test_joining_with_an_invite_makes_a_trusted_member_at_once(curator, django_capture_on_commit_callbacks):
    invite = invite_create(curator, note="memory day, 3 May", max_uses=2, trusted=True)
    curator.email = "curadur@example.org"
    curator.save()
    with django_capture_on_commit_callbacks(execute=True):
        member = member_join(new_account("gwen"), invite_code=f"  {invite.code} ", display_name="Gwen Morgan",
                             preferred_language="cy")
    member.refresh_from_db()
    assert (member.approved, member.trusted, member.invite_id, member.role) == (True, True, invite.pk, "member")
    assert (member.display_name, member.preferred_language) == ("Gwen Morgan", "cy")
    assert member.check_password("a long pass phrase")
    assert can_contribute(member) and is_member(member)
    invite.refresh_from_db()
    assert invite.uses == 1
    assert mail.outbox == []  # nobody waits: no curator is bothered


def test_an_untrusting_invite_gives_an_approved_but_untrusted_member(curator):
    invite = invite_create(curator)
    member = member_join(new_account("huw"), invite_code=invite.code)
    assert member.approved and not member.trusted


def test_a_used_up_invite_is_refused_and_nothing_is_saved(curator):
    invite = invite_create(curator, max_uses=1)
    member_join(new_account("first"), invite_code=invite.code)
    with pytest.raises(InviteInvalid, match="already been used"):
        member_join(new_account("second"), invite_code=invite.code)
    assert not User.objects.filter(username="second").exists()
    invite.refresh_from_db()
    assert invite.uses == 1


def test_an_expired_or_unknown_invite_is_refused(curator):
    invite = invite_create(curator, expires_at=timezone.now() + timedelta(days=1))
    Invite.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(InviteInvalid, match="expired"):
        member_join(new_account("late"), invite_code=invite.code)
    with pytest.raises(InviteInvalid, match="do not know"):
        member_join(new_account("guess"), invite_code="not-a-code")
    assert not User.objects.filter(username__in=["late", "guess"]).exists()


def test_joining_without_a_code_waits_and_the_curators_are_told(curator, make_user,
                                                                django_capture_on_commit_callbacks):
    curator.email = "curadur@example.org"
    curator.save()
    make_user("nomail", role="curator")  # a curator without an address is simply not emailed
    with django_capture_on_commit_callbacks(execute=True):  # the email goes once the account is committed
        member = member_join(new_account("dilys", "dilys@example.org"), display_name="Dilys")
    assert (member.approved, member.trusted) == (False, False)
    assert list(members_waiting()) == [member]
    assert not can_contribute(member) and not is_member(member)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["curadur@example.org"]
    assert "Dilys" in mail.outbox[0].subject and "/curate/members/" in mail.outbox[0].body


def test_a_waiting_member_reads_as_a_visitor(curator, make_user):
    from archive.licences import LICENCES

    author = make_user("author")
    shown = dict(licence=LICENCES[0].uri, status=Item.Status.READY, moderation="approved", contributor=author)
    public = Item.objects.create(visibility=Item.Visibility.PUBLIC, **shown)
    members_only = Item.objects.create(visibility=Item.Visibility.MEMBERS, **shown)
    waiting = member_join(new_account("newydd"))
    assert set(items_visible_to(waiting)) == {public}
    member_approve(waiting, curator)
    waiting.refresh_from_db()
    assert set(items_visible_to(waiting)) == {public, members_only}


def test_only_curators_approve_trust_and_set_roles(curator, villager, django_capture_on_commit_callbacks):
    waiting = member_join(new_account("aros", "aros@example.org"))
    for change in (lambda: member_approve(waiting, villager), lambda: member_trust(waiting, villager, True),
                   lambda: member_role_set(waiting, villager, "curator")):
        with pytest.raises(PermissionDenied):
            change()
    with django_capture_on_commit_callbacks(execute=True):
        member_approve(waiting, curator)
    member_trust(waiting, curator, True)
    waiting.refresh_from_db()
    assert waiting.approved and waiting.trusted and can_contribute(waiting)
    assert mail.outbox[-1].to == ["aros@example.org"]  # told they were welcomed
    member_role_set(waiting, curator, "curator")
    waiting.refresh_from_db()
    assert waiting.is_curator
    with pytest.raises(ValueError):
        member_role_set(waiting, curator, "emperor")
    with pytest.raises(ValueError):
        member_role_set(curator, curator, "member")  # a curator cannot demote themselves
