"""Takedown requests through the API: anyone asks, curators hold and resolve, the requester is told."""
import pytest
from django.core import mail
from django.test import Client

from archive.licences import LICENCES
from archive.models import Asset, AuditEvent, Derivative, Item, TakedownRequest
from archive.models.moderation import Moderation

TAKEDOWNS = "/api/v1/takedown-requests/"


@pytest.fixture
def published(db, villager):
    """A published item (ready, approved, public) with one 1200 × 800 picture and its display copies."""
    item = Item.objects.create(contributor=villager, licence=LICENCES[0].uri, consent=True, title_en="Capel Bethel",
                               status=Item.Status.READY, moderation=Moderation.APPROVED)
    item.accession_number = f"COF-{item.pk:06d}"
    item.save(update_fields=["accession_number"])
    sha = f"{item.pk:064x}"
    asset = Asset.objects.create(item=item, original=f"originals/{sha[:2]}/{sha[2:4]}/{sha}", size_bytes=10,
                                 original_filename="llun.jpg", sha256=sha, media_type="image/jpeg",
                                 width=1200, height=800)
    for kind in ("thumbnail", "web"):
        Derivative.objects.create(asset=asset, kind=kind, path=f"derivatives/{item.pk}/{asset.pk}/{kind}.jpg",
                                  media_type="image/jpeg", width=400, height=267)
    return item


@pytest.fixture
def curator_with_email(make_user):
    return make_user("guradur", role="curator", email="curadur@example.org", preferred_language="cy")


def ask(api, target, **fields):
    return api.post(TAKEDOWNS, {"item": target.pk, "reason": "My grandmother did not want this shown.", **fields},
                    format="json")


def test_anyone_may_ask_without_signing_in_and_it_is_logged_and_curators_told(
        api, published, curator_with_email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(TAKEDOWNS, {"item": f"http://testserver/api/v1/items/{published.pk}/",
                                        "reason": "That is me as a child.", "email": "gofyn@example.org",
                                        "name": "Siân"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "open" and "reason" not in body  # the requester gets a number, not the file
    request = TakedownRequest.objects.get(pk=body["id"])
    assert (request.item, request.requester, request.requester_email) == (published, None, "gofyn@example.org")
    event = published.audit_events.get(action=AuditEvent.Action.TAKEDOWN_REQUESTED)
    assert event.actor is None and event.detail["request"] == request.pk
    assert [m.to for m in mail.outbox] == [["curadur@example.org"]]
    assert published.accession_number in mail.outbox[0].subject and "That is me as a child." in mail.outbox[0].body


def test_a_page_url_names_the_item_too(api, published):
    response = ask(api, published, item=f"http://testserver/items/{published.pk}/")
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("fields, field", [
    ({"reason": "  "}, "reason"),
    ({"item": "not an item"}, "item"),
    ({"item": 999999}, "item"),
    ({"email": "not-an-address"}, "email"),
    ({"region": [1100, 10, 200, 50]}, "region"),  # goes past the right edge (1200 px)
    ({"region": [-5, 10, 20, 20]}, "region"),
    ({"region": [10, 10, 0, 20]}, "region"),
    ({"region": [1, 2, 3]}, "region"),
    ({"asset": 999999, "region": [10, 10, 20, 20]}, "asset"),
])
def test_bad_requests_get_a_400_naming_the_field(api, published, fields, field):
    response = ask(api, published, **fields)
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert TakedownRequest.objects.count() == 0


def test_items_the_asker_cannot_see_are_refused_as_unknown(api, published):
    published.visibility = Item.Visibility.PRIVATE
    published.save()
    response = ask(api, published)
    assert response.status_code == 400 and "item" in response.json()


def test_only_curators_read_the_requests(api, published, villager, curator):
    created = ask(api, published).json()
    assert api.get(TAKEDOWNS).status_code == 401
    api.force_authenticate(villager)
    assert api.get(TAKEDOWNS).status_code == 403
    assert api.get(f"{TAKEDOWNS}{created['id']}/").status_code == 403
    assert api.post(f"{TAKEDOWNS}{created['id']}/hold/").status_code == 403
    api.force_authenticate(curator)
    listed = api.get(TAKEDOWNS, {"status": "open"}).json()
    assert [r["id"] for r in listed["results"]] == [created["id"]]
    assert listed["results"][0]["reason"] == "My grandmother did not want this shown."
    assert api.get(TAKEDOWNS, {"status": "nonsense"}).status_code == 400


def test_hold_hides_the_item_at_once_from_visitors_but_not_its_contributor(api, published, villager, curator):
    created = ask(api, published).json()
    item_url, page_url = f"/api/v1/items/{published.pk}/", f"/items/{published.pk}/"
    manifest_url = f"/iiif/items/{published.pk}/manifest"
    assert api.get(item_url).status_code == 200 and api.get(manifest_url).status_code == 200
    api.force_authenticate(curator)
    response = api.post(f"{TAKEDOWNS}{created['id']}/hold/")
    assert response.status_code == 200 and response.json()["held"] is True
    assert published.audit_events.filter(action=AuditEvent.Action.HELD).exists()
    api.force_authenticate(None)
    assert api.get(item_url).status_code == 404
    assert api.get(manifest_url).status_code == 404
    assert Client().get(page_url).status_code == 404
    assert published.pk not in [i["id"] for i in api.get("/api/v1/items/").json()["results"]]
    api.force_authenticate(villager)  # the contributor still sees it
    assert api.get(item_url).status_code == 200


def _resolve(api, curator, request_id, resolution, note=""):
    api.force_authenticate(curator)
    response = api.post(f"{TAKEDOWNS}{request_id}/resolve/", {"resolution": resolution, "note": note}, format="json")
    api.force_authenticate(None)
    return response


def test_an_unknown_resolution_is_refused_naming_the_valid_ones(api, published, curator):
    created = ask(api, published).json()
    response = _resolve(api, curator, created["id"], "burn")
    assert response.status_code == 400
    message = " ".join(response.json()["resolution"])
    assert all(name in message for name in ("keep", "hide_image", "blur_region", "delete"))


def test_keep_releases_the_hold_and_the_requester_is_told(api, published, curator, django_capture_on_commit_callbacks):
    created = ask(api, published, email="gofyn@example.org").json()
    api.force_authenticate(curator)
    api.post(f"{TAKEDOWNS}{created['id']}/hold/")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _resolve(api, curator, created["id"], "keep", note="It is a public event, widely published.")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "resolved" and response.json()["resolution"] == "keep"
    published.refresh_from_db()
    assert not published.held_for_review and not published.image_hidden
    assert api.get(f"/api/v1/items/{published.pk}/").status_code == 200
    assert [m.to for m in mail.outbox] == [["gofyn@example.org"]]
    assert "keep" in mail.outbox[0].body and "widely published" in mail.outbox[0].body
    assert published.audit_events.filter(action=AuditEvent.Action.TAKEDOWN_RESOLVED,
                                         detail__resolution="keep").exists()
    assert _resolve(api, curator, created["id"], "delete").status_code == 400  # already resolved


def test_hide_image_hides_the_pictures_and_keeps_the_words(api, published, curator, villager):
    created = ask(api, published).json()
    assert _resolve(api, curator, created["id"], "hide_image").status_code == 200
    published.refresh_from_db()
    assert published.image_hidden
    body = api.get(f"/api/v1/items/{published.pk}/").json()
    assert body["title"] and all(a["thumbnail"] is None and a["web"] is None for a in body["assets"])
    api.force_authenticate(villager)  # the contributor still sees their pictures
    assert api.get(f"/api/v1/items/{published.pk}/").json()["assets"][0]["thumbnail"]


def test_delete_purges_files_and_words_but_keeps_the_record(api, published, curator):
    created = ask(api, published).json()
    assert _resolve(api, curator, created["id"], "delete").status_code == 200
    published.refresh_from_db()
    assert published.purged_at is not None
    assert api.get(f"/api/v1/items/{published.pk}/").status_code == 404
    assert published.audit_events.filter(action=AuditEvent.Action.TAKEDOWN_RESOLVED).exists()


def test_blur_needs_a_region(api, published, curator):
    created = ask(api, published).json()
    response = _resolve(api, curator, created["id"], "blur_region")
    assert response.status_code == 400 and "resolution" in response.json()


def test_the_schema_documents_takedown_requests(api):
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/takedown-requests/" in schema["paths"]
    assert "post" in schema["paths"]["/api/v1/takedown-requests/{id}/resolve/"]
    assert "/api/v1/items/{item_pk}/region-tags/" in schema["paths"]
