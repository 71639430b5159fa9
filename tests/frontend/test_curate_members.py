"""/curate/members/ as curators use it: every member with their role and trust, searched by name and a page at
a time; roles changed after "are you sure?" (never one's own, never the last curator); trust toggled; invite
codes made, listed used and unused, and revoked. Members cannot reach any of it."""
import pytest
from django.conf import settings

from archive.models import Invite, User
from archive.services.accounts import InviteInvalid, invite_check, invite_create, member_join

from .html import elements

pytestmark = pytest.mark.django_db
PAGE = "/curate/members/"


def _entry(html, member):
    found = elements(html, "li", id=f"member-{member.pk}")
    assert len(found) == 1, f"{member.username} is not listed"
    return " ".join(found[0].text.split())


def test_every_member_is_listed_with_their_role_and_trust(client, curator, villager, make_user):
    newcomer = make_user("newydd", display_name="Gwen Morgan")
    waiting = make_user("aros", display_name="Dilys", approved=False)
    client.force_login(curator)
    html = client.get(PAGE).content.decode()
    assert "Role: Curator" in _entry(html, curator) and "(you)" in _entry(html, curator)
    assert "Role: Member" in _entry(html, villager) and "Trusted: yes" in _entry(html, villager)
    assert "Role: Member" in _entry(html, newcomer) and "Trusted: no" in _entry(html, newcomer)
    assert "Waiting to be welcomed" in _entry(html, waiting)
    waiting_list = elements(html, "ul", class_="curate-list")[0]  # the people waiting, first
    assert " ".join(waiting_list.text.split()).startswith("Dilys Username aros, joined")
    assert html.count("Welcome Dilys") == 2  # in the waiting list and on her row
    assert "Members found: 4" in html


def test_members_are_found_by_name_and_paged(client, curator, make_user):
    for n in range(30):
        make_user(f"aelod{n:02}", display_name=f"Aelod {n:02}")
    make_user("dai", display_name="Dai Evans")
    client.force_login(curator)
    html = client.get(PAGE, {"q": "evans"}).content.decode()
    listed = [li.attrs["id"] for li in elements(html, "li", class_="curate-list__entry member")]
    assert listed == [f"member-{User.objects.get(username='dai').pk}"]
    first = client.get(PAGE).content.decode()
    assert len(elements(first, "li", class_="curate-list__entry member")) == 25
    second = client.get(PAGE, {"page": "2"}).content.decode()
    assert len(elements(second, "li", class_="curate-list__entry member")) == 7
    assert client.get(PAGE, {"page": "nonsense", "q": "x" * 5000}).status_code == 200


def test_a_role_change_is_confirmed_first(client, curator, villager):
    client.force_login(curator)
    response = client.post(PAGE, {"action": "role", "member": villager.pk, "role": "curator"})
    assert response.status_code == 200 and "Make Megan Evans a curator?" in response.content.decode()
    assert User.objects.get(pk=villager.pk).role == "member"
    confirm = elements(response.content.decode(), "input", name="confirmed")
    assert confirm and confirm[0].attrs["value"] == "yes"
    response = client.post(PAGE, {"action": "role", "member": villager.pk, "role": "curator", "confirmed": "yes"})
    assert response.status_code == 302
    assert User.objects.get(pk=villager.pk).role == "curator"
    assert "Megan Evans is a curator now." in client.get(PAGE).content.decode()
    client.post(PAGE, {"action": "role", "member": villager.pk, "role": "member", "confirmed": "yes"})
    assert User.objects.get(pk=villager.pk).role == "member"


def test_a_curator_cannot_change_their_own_role_and_one_curator_always_stays(client, curator, make_user):
    client.force_login(curator)
    html = client.get(PAGE).content.decode()
    own = elements(html, "li", id=f"member-{curator.pk}")[0]
    assert "Another curator can change your role." in own.text and "Make a member" not in own.text
    response = client.post(PAGE, {"action": "role", "member": curator.pk, "role": "member", "confirmed": "yes"})
    assert response.status_code == 400 and "You cannot change your own role" in response.content.decode()
    assert User.objects.get(pk=curator.pk).role == "curator"

    admin = User.objects.create_superuser("admin", "admin@example.org", "pw-admin")  # no curator role of its own
    client.force_login(admin)
    response = client.post(PAGE, {"action": "role", "member": curator.pk, "role": "member", "confirmed": "yes"})
    assert response.status_code == 400 and "at least one curator" in response.content.decode()
    assert User.objects.get(pk=curator.pk).role == "curator"
    response = client.post(PAGE, {"action": "role", "member": curator.pk, "role": "king", "confirmed": "yes"})
    assert response.status_code == 400 and "Choose member or curator." in response.content.decode()


def test_trust_is_toggled(client, curator, make_user):
    newcomer = make_user("newydd", display_name="Gwen Morgan")
    client.force_login(curator)
    assert client.post(PAGE, {"action": "trust", "member": newcomer.pk, "trusted": "yes"}).status_code == 302
    assert User.objects.get(pk=newcomer.pk).trusted
    assert "Trusted: yes" in _entry(client.get(PAGE).content.decode(), newcomer)
    client.post(PAGE, {"action": "trust", "member": newcomer.pk, "trusted": "no"})
    assert not User.objects.get(pk=newcomer.pk).trusted
    response = client.post(PAGE, {"action": "trust", "member": newcomer.pk, "trusted": "maybe"})
    assert response.status_code == 400 and "Choose whether to trust them." in response.content.decode()
    assert client.post(PAGE, {"action": "trust", "member": "999999", "trusted": "yes"}).status_code == 404


def test_invites_are_made_listed_used_and_unused_and_revoked(client, curator):
    client.force_login(curator)
    response = client.post(PAGE, {"action": "invite-create", "note": "Dilys from the chapel", "trusted": "on"},
                           follow=True)
    invite = Invite.objects.get(note="Dilys from the chapel")
    assert invite.trusted and invite.max_uses == 1 and invite.created_by == curator
    assert f"New invite code: {invite.code}." in response.content.decode()

    used = invite_create(curator, note="memory day")
    member_join(User(username="dilys", display_name="Dilys Price", email="d@example.org"), invite_code=used.code)
    html = client.get(PAGE).content.decode()
    unused_row = " ".join(elements(html, "li", id=f"invite-{invite.pk}")[0].text.split())
    used_row = " ".join(elements(html, "li", id=f"invite-{used.pk}")[0].text.split())
    assert invite.code in unused_row and "Not used yet" in unused_row and "Revoke" in unused_row
    assert used.code in used_row and "Used by Dilys Price on" in used_row and "Revoke" not in used_row

    assert client.post(PAGE, {"action": "invite-revoke", "invite": invite.pk}).status_code == 302
    invite.refresh_from_db()
    assert "Revoked or expired" in " ".join(elements(client.get(PAGE).content.decode(), "li",
                                                     id=f"invite-{invite.pk}")[0].text.split())
    with pytest.raises(InviteInvalid):  # nobody can join with it any more
        invite_check(invite.code)
    response = client.post(PAGE, {"action": "invite-revoke", "invite": used.pk})
    assert response.status_code == 400 and "nothing to revoke" in response.content.decode()
    response = client.post(PAGE, {"action": "invite-create", "note": "x" * 201})
    assert response.status_code == 400 and "The note is too long" in response.content.decode()


def test_members_cannot_reach_the_page_or_change_anything(client, villager, curator):
    assert client.get(PAGE)["Location"].startswith("/accounts/login/?next=")
    client.force_login(villager)
    assert client.get(PAGE).status_code == 403
    invite = invite_create(curator, note="for Dilys")
    for data in ({"action": "role", "member": villager.pk, "role": "curator", "confirmed": "yes"},
                 {"action": "trust", "member": villager.pk, "trusted": "no"},
                 {"action": "invite-create", "note": "mine"}, {"action": "invite-revoke", "invite": invite.pk}):
        assert client.post(PAGE, data).status_code == 403
    villager.refresh_from_db()
    assert villager.role == "member" and villager.trusted and list(Invite.objects.all()) == [invite]
    client.force_login(curator)  # the same forms work for a curator
    client.post(PAGE, {"action": "trust", "member": villager.pk, "trusted": "no"})
    client.post(PAGE, {"action": "invite-revoke", "invite": invite.pk})
    villager.refresh_from_db()
    assert not villager.trusted and Invite.objects.get().expires_at is not None


def test_the_page_is_in_welsh(client, curator, villager):
    client.force_login(curator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(PAGE).content.decode()
    assert "Pob aelod" in html and "Codau gwahodd" in html and "Gwneud yn guradur" in html
    assert "All members" not in html
