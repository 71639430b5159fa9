"""The signup page (with an invite code or without), the welcome page, and the curators' short pages."""
from datetime import timedelta

import pytest
from django.utils import timezone

from archive.models import Invite, PlaceNameProposal, Place, Subject, User
from archive.services.accounts import invite_create

from .html import elements

pytestmark = pytest.mark.django_db
SIGNUP = "/accounts/signup/"


def join(client, **extra):
    data = {"username": "gwen", "display_name": "Gwen Morgan", "email": "", "password1": "hen bethau da 1947",
            "password2": "hen bethau da 1947", "invite_code": "", "preferred_language": "cy"}
    data.update(extra)
    return client.post(SIGNUP, data)


def test_signup_page_has_labelled_fields_csrf_and_the_invite_field(client):
    client = type(client)(enforce_csrf_checks=True)
    response = client.get(SIGNUP)
    assert response.status_code == 200
    html = response.content.decode()
    labels = {lab.attrs["for"]: lab.text for lab in elements(html, "label")}
    for name, label in (("username", "Username"), ("display_name", "Your name"),
                        ("email", "Email address (optional)"), ("password1", "Password"),
                        ("invite_code", "Invite code (if you have one)"),
                        ("preferred_language", "Language for emails and messages")):
        field = (elements(html, "input", name=name) or elements(html, "select", name=name))[0]
        assert labels[field.attrs["id"]] == label
    assert "required" not in elements(html, "input", name="email")[0].attrs
    assert elements(html, "input", name="csrfmiddlewaretoken")
    assert client.post(SIGNUP, {"username": "x"}).status_code == 403  # no CSRF token, no account
    assert [a.attrs["href"] for a in elements(client.get("/accounts/login/").content.decode(), "a")
            if "Join" in a.text] == [SIGNUP]


def test_joining_with_an_invite_code_welcomes_at_once(client, curator):
    invite = invite_create(curator, trusted=True)
    response = join(client, invite_code=invite.code)
    assert response.status_code == 302 and response["Location"] == "/accounts/joined/"
    member = User.objects.get(username="gwen")
    assert (member.approved, member.trusted, member.display_name, member.preferred_language, member.email) == (
        True, True, "Gwen Morgan", "cy", "")
    assert Invite.objects.get(pk=invite.pk).uses == 1
    html = client.get(response["Location"]).content.decode()
    assert "You can share your photographs and memories now" in html
    assert "Signed in as Gwen Morgan" in html


def test_joining_without_a_code_waits_for_a_curator(client):
    response = join(client, username="dilys")
    assert response.status_code == 302
    assert User.objects.get(username="dilys").approved is False
    html = client.get(response["Location"]).content.decode()
    assert "Waiting for a curator" in html and "A curator will welcome you soon" in html


@pytest.mark.parametrize("setup, message", [
    (lambda invite: Invite.objects.filter(pk=invite.pk).update(uses=1), "already been used"),
    (lambda invite: Invite.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - timedelta(hours=1)),
     "has expired"),
])
def test_a_spent_invite_code_is_a_clear_error(client, curator, setup, message):
    invite = invite_create(curator, max_uses=1)
    setup(invite)
    response = join(client, invite_code=invite.code)
    assert response.status_code == 200
    html = response.content.decode()
    field = elements(html, "input", name="invite_code")[0]
    assert field.attrs["aria-invalid"] == "true" and field.attrs["value"] == invite.code
    assert message in elements(html, "p", id=field.attrs["aria-describedby"])[0].text
    assert elements(html, "div", role="alert")
    assert not User.objects.filter(username="gwen").exists()


def test_user_text_is_escaped_on_the_curators_page(client, curator):
    join(client, username="sly", display_name="<script>alert(1)</script>")
    client.force_login(curator)
    html = client.get("/curate/members/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_curators_welcome_waiting_members(client, curator, villager):
    join(client, username="dilys", display_name="Dilys")
    waiting = User.objects.get(username="dilys")
    client.logout()
    assert client.get("/curate/members/")["Location"].startswith("/accounts/login/?next=")
    client.force_login(villager)
    assert client.get("/curate/members/").status_code == 403
    assert client.post("/curate/members/", {"member": waiting.pk}).status_code == 403
    client.force_login(curator)
    html = client.get("/curate/members/").content.decode()
    assert "Welcome Dilys" in [b.text for b in elements(html, "button")]
    response = client.post("/curate/members/", {"member": waiting.pk, "trusted": "on"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.approved and waiting.trusted
    html = client.get("/curate/members/").content.decode()
    assert "Dilys is now a member." in html and "Nobody is waiting." in html


def test_curators_approve_proposals_with_both_labels(client, curator, villager):
    subject = Subject.objects.create(slug="band-pres", label_cy="Band pres", approved=False, proposed_by=villager)
    place = Place.objects.create(name_en="Rhymney")
    proposal = PlaceNameProposal.objects.create(place=place, name="Rhumney", proposed_by=villager)
    client.force_login(villager)
    assert client.get("/curate/vocabulary/").status_code == 403
    client.force_login(curator)
    html = client.get("/curate/vocabulary/").content.decode()
    assert elements(html, "input", name="label_cy")[0].attrs["value"] == "Band pres"
    assert "“Rhumney” for Rhymney" in html
    response = client.post("/curate/vocabulary/", {"action": "approve-subject", "subject": subject.pk,
                                                    "label_cy": "Band pres", "label_en": ""})
    assert response.status_code == 400 and "This cannot be empty." in response.content.decode()
    client.post("/curate/vocabulary/", {"action": "approve-subject", "subject": subject.pk,
                                        "label_cy": "Band pres", "label_en": "Brass band"})
    client.post("/curate/vocabulary/", {"action": "approve-place-name", "proposal": proposal.pk})
    subject.refresh_from_db()
    place.refresh_from_db()
    assert subject.approved and subject.label_en == "Brass band"
    assert place.variants == ["Rhumney"]
    html = client.get("/curate/vocabulary/").content.decode()
    assert "No subjects are waiting." in html and "No place names are waiting." in html


def test_signup_and_welcome_pages_in_welsh(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(SIGNUP).content.decode()
    assert elements(html, "h1")[0].text == "Ymuno â'r archif" and "Cod gwahoddiad (os oes gennych un)" in html
    assert elements(html, "option", value="cy")[0].attrs.get("selected") == ""  # Welsh chosen for a Welsh reader
    response = join(client, username="dilys")
    html = client.get(response["Location"]).content.decode()
    assert "Bydd curadur yn eich croesawu cyn bo hir" in html
