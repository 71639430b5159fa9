"""The contribution API: uploading files, with a real worker processing them."""
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from archive.models import AuditEvent, Item
from tests.conftest import jpeg_bytes, png_bytes, wait_for_status

CC_BY = "http://creativecommons.org/licenses/by/4.0/"
ITEMS = "/api/v1/items/"


def upload(name="photo.jpg", content=None, kind="image/jpeg"):
    return SimpleUploadedFile(name, content if content is not None else jpeg_bytes(), content_type=kind)


def fields(**extra):
    data = {"caption": "Côr Meibion outside Capel Bethel", "language": "cy", "date_text": "summer 1947",
            "place": "Troedrhiwfuwch", "people": ["Mam-gu", "Dai Evans"], "licence": CC_BY, "consent": "true"}
    data.update(extra)
    return data


def test_anonymous_users_cannot_contribute(api, db):
    response = api.post(ITEMS, {**fields(), "files": [upload()]}, format="multipart")
    assert response.status_code in (401, 403)
    assert Item.objects.count() == 0


def test_token_authentication_and_upload_reaches_ready(api, villager, worker):
    token = api.post("/api/v1/auth/token/", {"username": "villager", "password": "pw-villager"}).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.post(ITEMS, {**fields(), "files": [upload()]}, format="multipart")
    assert response.status_code == 202, response.content
    body = response.json()
    assert len(body["items"]) == 1
    new = body["items"][0]
    assert new["url"].endswith(f"/api/v1/items/{new['id']}/")
    assert new["status"] in ("received", "processing", "ready")
    assert response["Location"] == body["batch"]["url"]

    item = wait_for_status(Item.objects.get(pk=new["id"]))
    assert item.status == "ready", item.status_reason
    detail = api.get(new["url"]).json()
    assert detail["status"] == "ready"
    assert detail["status_reason"] is None
    assert detail["title"] == {"cy": "Côr Meibion outside Capel Bethel"}
    assert detail["date"] == {"text": "summer 1947", "start": "1947-06-01", "end": "1947-08-31"}
    assert detail["place"]["name"] == {"cy": "Troedrhiwfuwch"}
    assert sorted(p["name"] for p in detail["people"]) == ["Dai Evans", "Mam-gu"]
    assert detail["licence"]["uri"] == CC_BY
    assert detail["contributor"] == "Megan Evans"
    assert detail["descriptions"][0]["text"] == "Côr Meibion outside Capel Bethel"
    asset = detail["assets"][0]
    assert (asset["width"], asset["height"], asset["media_type"]) == (64, 48, "image/jpeg")
    assert asset["thumbnail"] and asset["web"]
    actions = list(item.audit_events.values_list("action", flat=True))
    # The villager is a trusted member: their contribution is approved at once (recorded as automatic).
    assert actions == [AuditEvent.Action.RECEIVED, AuditEvent.Action.APPROVED, AuditEvent.Action.PROCESSING,
                       AuditEvent.Action.PROCESSED]
    assert detail["moderation"] == "approved"


def test_batch_of_files_reports_progress_and_one_bad_file_does_not_stop_the_rest(api, villager, worker):
    api.force_authenticate(villager)
    files = [upload("a.jpg"), upload("b.png", png_bytes(), "image/png"),
             upload("c.jpg", b"%PDF-1.4 this is not a photo", "image/jpeg")]
    response = api.post(ITEMS, {**fields(), "files": files}, format="multipart")
    assert response.status_code == 202, response.content
    batch_url = response.json()["batch"]["url"]
    assert response.json()["batch"]["progress"]["total"] == 3
    for new in response.json()["items"]:
        wait_for_status(Item.objects.get(pk=new["id"]))
    progress = api.get(batch_url).json()["progress"]
    assert progress == {"total": 3, "processed": 3, "ready": 2, "failed": 1, "withdrawn": 0, "done": True}
    failed = Item.objects.get(batch_id=response.json()["batch"]["id"], status="failed")
    detail = api.get(f"{ITEMS}{failed.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert detail["status_reason_code"] == "not_an_image"
    assert "PDF" in detail["status_reason"] and "upload photos or scans" in detail["status_reason"].lower()
    welsh = api.get(f"{ITEMS}{failed.pk}/", HTTP_ACCEPT_LANGUAGE="cy").json()["status_reason"]
    assert welsh.startswith("Dydy'r ffeil hon ddim")


def test_unreadable_date_is_kept_as_text_and_not_refused(api, villager, db):
    api.force_authenticate(villager)
    response = api.post(ITEMS, {**fields(date_text="when Dad was young"), "files": [upload()]}, format="multipart")
    assert response.status_code == 202, response.content
    item = Item.objects.get()
    assert (item.date_text, item.date_start, item.date_end) == ("when Dad was young", None, None)


def test_missing_file_is_named(api, villager, db):
    api.force_authenticate(villager)
    response = api.post(ITEMS, fields(), format="multipart")
    assert response.status_code == 400
    assert "files" in response.json()


def test_empty_file_is_refused(api, villager, db):
    api.force_authenticate(villager)
    response = api.post(ITEMS, {**fields(), "files": [upload(content=b"")]}, format="multipart")
    assert response.status_code == 400
    assert "empty" in str(response.json()["files"]).lower()


def test_unknown_licence_names_the_field_and_the_choices(api, villager, db):
    api.force_authenticate(villager)
    response = api.post(ITEMS, {**fields(licence="all rights mine"), "files": [upload()]}, format="multipart")
    assert response.status_code == 400
    message = response.json()["licence"][0]
    assert "Unknown licence 'all rights mine'" in message and CC_BY in message
    assert Item.objects.count() == 0


def test_licence_uri_with_https_and_no_slash_is_accepted(api, villager, db):
    api.force_authenticate(villager)
    response = api.post(ITEMS, {**fields(licence="https://rightsstatements.org/vocab/InC/1.0"),
                                "files": [upload()]}, format="multipart")
    assert response.status_code == 202, response.content
    assert Item.objects.get().licence == "http://rightsstatements.org/vocab/InC/1.0/"


def test_consent_is_required(api, villager, db):
    api.force_authenticate(villager)
    data = fields()
    del data["consent"]
    response = api.post(ITEMS, {**data, "files": [upload()]}, format="multipart")
    assert response.status_code == 400
    assert "Consent is needed" in response.json()["consent"][0]


@override_settings(COFIO_MAX_UPLOAD_BYTES=1000)
def test_oversize_upload_names_the_file_and_the_limit(api, villager, db):
    api.force_authenticate(villager)
    big = upload("big.jpg", jpeg_bytes(400, 400) + b"\0" * 2000)
    response = api.post(ITEMS, {**fields(), "files": [big]}, format="multipart")
    assert response.status_code == 400
    message = response.json()["files"][0]
    assert message.startswith("Too large: 'big.jpg' (")
    assert message.endswith("Each file can be at most 1000 bytes.")
    assert Item.objects.count() == 0


@override_settings(COFIO_MAX_UPLOAD_FILES=2)
def test_too_many_files(api, villager, db):
    api.force_authenticate(villager)
    response = api.post(ITEMS, {**fields(), "files": [upload(f"{i}.jpg") for i in range(3)]}, format="multipart")
    assert response.status_code == 400
    assert "Too many files: 3" in response.json()["files"][0]


def test_unknown_place_id_is_refused(api, villager, db):
    api.force_authenticate(villager)
    response = api.post(ITEMS, {**fields(place="999999"), "files": [upload()]}, format="multipart")
    assert response.status_code == 400
    assert "no place with id 999999" in response.json()["place"][0]
