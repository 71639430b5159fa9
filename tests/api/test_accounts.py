"""Invites, members and /me/ in the API: curators run the membership; waiting members cannot contribute."""
from datetime import timedelta

import pytest
from django.utils import timezone

from archive.models import Invite, User
from archive.services.accounts import member_join
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db
INVITES, MEMBERS, ME, ITEMS = "/api/v1/invites/", "/api/v1/members/", "/api/v1/me/", "/api/v1/items/"
CC_BY = "http://creativecommons.org/licenses/by/4.0/"


def waiting_member(username="newydd"):
    user = User(username=username)
    user.set_password("pw-" + username)
    return member_join(user)


def upload_as(api, user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api.force_authenticate(user)
    return api.post(ITEMS, {"caption": "Y pwll", "language": "cy", "licence": CC_BY, "consent": "true",
                            "files": [SimpleUploadedFile("llun.jpg", jpeg_bytes(), "image/jpeg")]},
                    format="multipart")


def test_only_curators_list_and_make_invites(api, curator, villager):
    assert api.get(INVITES).status_code == 401
    api.force_authenticate(villager)
    response = api.post(INVITES, {"note": "memory day"})
    assert response.status_code == 403 and "curators" in response.json()["detail"]
    assert api.get(INVITES).status_code == 403
    api.force_authenticate(curator)
    response = api.post(INVITES, {"note": "memory day, 3 May", "max_uses": 30, "trusted": True,
                                  "code": "chosen-by-me", "uses": 29})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"] != "chosen-by-me" and len(body["code"]) >= 12  # the archive draws the code
    assert (body["uses"], body["max_uses"], body["trusted"], body["usable"]) == (0, 30, True, True)
    assert body["created_by"] == "curator"
    assert [i["code"] for i in api.get(INVITES).json()["results"]] == [body["code"]]


def test_invite_input_is_checked(api, curator):
    api.force_authenticate(curator)
    response = api.post(INVITES, {"max_uses": 0})
    assert response.status_code == 400 and "max_uses" in response.json()
    response = api.post(INVITES, {"expires_at": (timezone.now() - timedelta(days=1)).isoformat()})
    assert response.status_code == 400 and "expires_at" in response.json()
    response = api.post(INVITES, {"note": "x" * 201})
    assert response.status_code == 400 and "note" in response.json()
    assert not Invite.objects.exists()


def test_a_waiting_member_cannot_upload_until_a_curator_approves(api, curator):
    member = waiting_member()
    response = upload_as(api, member)
    assert response.status_code == 403
    assert "curator has not welcomed you" in response.json()["detail"]
    api.force_authenticate(member)
    assert api.get(ME).json() | {"id": 0} == {
        "id": 0, "username": "newydd", "display_name": "", "credit_name": "newydd", "role": "member",
        "approved": False, "trusted": False, "is_curator": False, "may_contribute": False,
        "preferred_language": "en"}
    assert api.get(MEMBERS).status_code == 403
    assert api.post(f"{MEMBERS}{member.pk}/approve/").status_code == 403  # not by themselves

    api.force_authenticate(curator)
    waiting = api.get(MEMBERS, {"approved": "false"}).json()["results"]
    assert [m["username"] for m in waiting] == ["newydd"]
    response = api.post(f"{MEMBERS}{member.pk}/approve/")
    assert response.status_code == 200 and response.json()["approved"] is True
    assert api.get(MEMBERS, {"approved": "false"}).json()["results"] == []
    assert api.get(MEMBERS, {"approved": "perhaps"}).status_code == 400

    member.refresh_from_db()
    response = upload_as(api, member)
    assert response.status_code == 202, response.content
    api.force_authenticate(member)
    assert api.get(ME).json()["may_contribute"] is True


def test_curators_trust_members_and_change_roles(api, curator, villager):
    api.force_authenticate(villager)
    assert api.patch(f"{MEMBERS}{villager.pk}/", {"trusted": True}).status_code == 403
    api.force_authenticate(curator)
    member = waiting_member("dilys")
    response = api.patch(f"{MEMBERS}{member.pk}/", {"trusted": True, "role": "curator"}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["trusted"], response.json()["role"], response.json()["approved"]) == (True, "curator",
                                                                                                   True)
    response = api.patch(f"{MEMBERS}{member.pk}/", {"role": "king"}, format="json")
    assert response.status_code == 400 and "role" in response.json()
    response = api.patch(f"{MEMBERS}{curator.pk}/", {"role": "member"}, format="json")
    assert response.status_code == 400 and "own curator role" in response.json()["role"][0]
    api.force_authenticate(None)
    assert api.get(ME).status_code == 401


def test_schema_lists_the_membership_and_vocabulary_endpoints(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ("/api/v1/invites/", "/api/v1/members/", "/api/v1/members/{id}/approve/", "/api/v1/me/",
                 "/api/v1/subjects/{id}/approve/", "/api/v1/subjects/{id}/merge/", "/api/v1/places/{id}/names/",
                 "/api/v1/places/{id}/names/{proposal_id}/approve/", "/api/v1/places/{id}/merge/",
                 "/api/v1/people/{id}/merge/"):
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/v1/subjects/"]


def test_a_refused_role_change_changes_nothing_else(api, curator):
    api.force_authenticate(curator)
    response = api.patch(f"{MEMBERS}{curator.pk}/", {"trusted": True, "role": "member"}, format="json")
    assert response.status_code == 400 and "own curator role" in response.json()["role"][0]
    curator.refresh_from_db()
    assert (curator.trusted, curator.role) == (False, "curator")
