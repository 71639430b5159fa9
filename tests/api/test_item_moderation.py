"""The API of item moderation, visibility and withdrawal: PATCH, withdraw/, approve/, reject/ and the queue."""
import pytest
from django.core import mail

from archive.models import Item

pytestmark = pytest.mark.django_db
CC_BY = "http://creativecommons.org/licenses/by/4.0/"
QUEUE = "/api/v1/moderation/items/"


@pytest.fixture
def people(make_user):
    return {"owner": make_user("owner", email="owner@example.org"), "other": make_user("other"),
            "curator": make_user("keeper", role="curator")}


@pytest.fixture
def item(people):
    return Item.objects.create(licence=CC_BY, contributor=people["owner"], status="ready", moderation="approved",
                               title_cy="Côr y pentref", consent=True)


def url(item, action=""):
    return f"/api/v1/items/{item.pk}/{action + '/' if action else ''}"


def as_(api, user):
    api.force_authenticate(user)
    return api


def test_items_carry_visibility_and_moderation_and_the_reason_only_for_contributor_and_curators(api, people, item):
    Item.objects.filter(pk=item.pk).update(moderation="rejected", moderation_reason="Dyblyg")
    for who, reason in (("owner", "Dyblyg"), ("curator", "Dyblyg")):
        body = as_(api, people[who]).get(url(item)).json()
        assert (body["visibility"], body["moderation"], body["moderation_reason"]) == ("public", "rejected", reason)
    Item.objects.filter(pk=item.pk).update(moderation="approved")
    body = as_(api, people["other"]).get(url(item)).json()
    assert body["moderation"] == "approved" and body["moderation_reason"] is None


def test_patch_visibility(api, people, item):
    response = as_(api, people["owner"]).patch(url(item), {"visibility": "members"}, format="json")
    assert response.status_code == 200 and response.json()["visibility"] == "members"
    response = as_(api, people["owner"]).patch(url(item), {"visibility": "hidden"}, format="json")
    assert response.status_code == 400
    assert "public, members, private" in response.json()["visibility"][0]
    assert as_(api, people["owner"]).patch(url(item), {}, format="json").status_code == 400
    assert as_(api, people["other"]).patch(url(item), {"visibility": "public"}, format="json").status_code == 403
    assert as_(api, people["curator"]).patch(url(item), {"visibility": "private"}, format="json").status_code == 200
    # Private now: another member may not even know it is there.
    assert as_(api, people["other"]).patch(url(item), {"visibility": "public"}, format="json").status_code == 404
    assert as_(api, None).patch(url(item), {"visibility": "public"}, format="json").status_code == 401
    item.refresh_from_db()
    assert item.visibility == "private"
    assert as_(api, people["owner"]).put(url(item), {"visibility": "public"}, format="json").status_code == 405


def test_withdraw_takes_effect_on_every_public_surface_in_the_same_request(api, client, people, item):
    assert client.get(f"/items/{item.pk}/").status_code == 200
    assert f"/items/{item.pk}/" in client.get("/sitemap.xml").content.decode()
    assert as_(api, people["other"]).post(url(item, "withdraw")).status_code == 403
    response = as_(api, people["owner"]).post(url(item, "withdraw"), {"reason": "Mam asked"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn" and response.json()["withdrawn_at"]
    assert as_(api, None).get(url(item)).status_code == 404
    assert client.get(f"/items/{item.pk}/").status_code == 404
    assert client.get(f"/iiif/items/{item.pk}/manifest").status_code == 410
    assert f"/items/{item.pk}/" not in client.get("/sitemap.xml").content.decode()
    assert as_(api, people["owner"]).get(url(item)).status_code == 200  # kept for the record


def test_withdraw_with_delete_purges(api, people, item):
    response = as_(api, people["curator"]).post(url(item, "withdraw"), {"delete": True}, format="json")
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.purged_at is not None and item.title_cy == ""
    assert as_(api, people["owner"]).get(url(item)).status_code == 404  # nothing of it left to show
    assert as_(api, people["curator"]).get(url(item)).status_code == 200  # the record and its audit trail
    response = as_(api, people["owner"]).post(url(item, "withdraw"), {"delete": "perhaps"}, format="json")
    assert response.status_code == 404


def test_approve_and_reject_are_for_curators(api, people, item, django_capture_on_commit_callbacks):
    Item.objects.filter(pk=item.pk).update(moderation="pending")
    assert as_(api, people["owner"]).post(url(item, "approve")).status_code == 403
    assert as_(api, people["other"]).post(url(item, "approve")).status_code == 404  # pending: not theirs to see
    assert as_(api, None).post(url(item, "approve")).status_code == 401
    response = as_(api, people["curator"]).post(url(item, "reject"), {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    response = as_(api, people["curator"]).post(url(item, "reject"), {"reason": "  "}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_(api, people["curator"]).post(url(item, "reject"), {"reason": "Mae'n ddyblyg"}, format="json")
    assert response.status_code == 200
    assert (response.json()["moderation"], response.json()["moderation_reason"]) == ("rejected", "Mae'n ddyblyg")
    with django_capture_on_commit_callbacks(execute=True):
        response = as_(api, people["curator"]).post(url(item, "approve"))
    assert response.status_code == 200 and response.json()["moderation"] == "approved"
    assert [m.to for m in mail.outbox] == [["owner@example.org"], ["owner@example.org"]]
    assert as_(api, people["other"]).get(url(item)).status_code == 200


def test_the_queue_and_bulk_approve(api, people, item):
    waiting = [Item.objects.create(licence=CC_BY, contributor=people["other"], status="ready", title_en=f"W{n}")
               for n in range(3)]
    Item.objects.create(licence=CC_BY, contributor=people["other"], status="withdrawn", title_en="gone")
    assert as_(api, None).get(QUEUE).status_code == 401
    assert as_(api, people["owner"]).get(QUEUE).status_code == 403
    body = as_(api, people["curator"]).get(QUEUE).json()
    assert [r["id"] for r in body["results"]] == [w.pk for w in waiting]  # oldest first, withdrawn left out
    assert as_(api, people["owner"]).post(QUEUE + "approve/", {"ids": [waiting[0].pk]}, format="json").status_code \
        == 403
    for bad in ({}, {"ids": []}, {"ids": ["one"]}):
        response = as_(api, people["curator"]).post(QUEUE + "approve/", bad, format="json")
        assert response.status_code == 400 and "ids" in response.json()
    response = as_(api, people["curator"]).post(QUEUE + "approve/", {"ids": [waiting[0].pk, waiting[1].pk, item.pk]},
                                                format="json")
    assert response.status_code == 200
    assert response.json() == {"approved": [waiting[0].pk, waiting[1].pk], "count": 2}
    assert [r["id"] for r in as_(api, people["curator"]).get(QUEUE).json()["results"]] == [waiting[2].pk]


def test_a_new_members_upload_waits_and_shows_its_state_to_them(api, make_user):
    from tests.conftest import jpeg_bytes
    from django.core.files.uploadedfile import SimpleUploadedFile

    newcomer = make_user("newydd")
    upload = SimpleUploadedFile("llun.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = as_(api, newcomer).post("/api/v1/items/", {"files": [upload], "licence": CC_BY, "consent": True},
                                       format="multipart")
    assert response.status_code == 202
    assert response.json()["items"][0]["moderation"] == "pending"
    unapproved = make_user("aros", approved=False)
    upload = SimpleUploadedFile("llun.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = as_(api, unapproved).post("/api/v1/items/", {"files": [upload], "licence": CC_BY, "consent": True},
                                         format="multipart")
    assert response.status_code == 403
