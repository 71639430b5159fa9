"""The descriptions API: many voices per item, their moderation queue, histories and reverts."""
import pytest
from django.core import mail

from archive.licences import LICENCES
from archive.models import AuditEvent, Description, Item
from archive.services import description_create, description_edit


@pytest.fixture
def newcomer(make_user):
    """A member whose contributions wait for a curator."""
    return make_user("newcomer", display_name="Dai Newydd", email="dai@example.org")


@pytest.fixture
def item(villager):
    return Item.objects.create(contributor=villager, licence=LICENCES[0].uri, consent=True, status=Item.Status.READY,
                               moderation="approved", title_en="The choir")


def _url(item, description=None, action=""):
    base = f"/api/v1/items/{item.pk}/descriptions/"
    if description is not None:
        base += f"{description.pk}/"
    return base + (f"{action}/" if action else "")


def _as(api, user):
    api.force_authenticate(user)
    return api


def test_a_member_adds_words_that_wait_and_a_trusted_member_words_shown_at_once(api, item, newcomer, villager):
    response = _as(api, newcomer).post(_url(item), {"text": "My grandfather is on the left.", "kind": "memory",
                                                    "language": "en"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["moderation"] == "pending" and body["author"] == "Dai Newydd" and body["item"] == item.pk
    assert response["Location"].endswith(_url(item, Description.objects.get(pk=body["id"])))
    response = _as(api, villager).post(_url(item), {"text": "Côr y pentref", "kind": "caption", "language": "cy"},
                                       format="json")
    assert response.status_code == 201 and response.json()["moderation"] == "approved"


def test_who_sees_which_words(api, item, newcomer, villager, curator):
    waiting = description_create(item, newcomer, "Waiting words", "memory", "en")
    shown = description_create(item, villager, "Shown words", "memory", "en")
    api.force_authenticate(None)
    assert [d["id"] for d in api.get(_url(item)).json()["results"]] == [shown.pk]
    assert api.get(_url(item, waiting)).status_code == 404
    assert [d["id"] for d in _as(api, newcomer).get(_url(item)).json()["results"]] == [waiting.pk, shown.pk]
    assert [d["id"] for d in _as(api, curator).get(_url(item)).json()["results"]] == [waiting.pk, shown.pk]
    # the item's own JSON carries only the approved voices
    assert [d["id"] for d in _as(api, newcomer).get(f"/api/v1/items/{item.pk}/").json()["descriptions"]] == [shown.pk]


def test_words_on_an_item_you_cannot_see_are_not_found(api, item, newcomer):
    item.visibility = Item.Visibility.PRIVATE
    item.save()
    assert _as(api, newcomer).get(_url(item)).status_code == 404
    assert api.post(_url(item), {"text": "Hello"}, format="json").status_code == 404
    assert not Description.objects.exists()


def test_visitors_cannot_add_words(api, item):
    response = api.post(_url(item), {"text": "Spam"}, format="json")
    assert response.status_code == 401  # sign in first
    assert not Description.objects.exists()


@pytest.mark.parametrize("body, field", [
    ({"text": ""}, "text"),
    ({}, "text"),
    ({"text": "x" * 10_001}, "text"),
    ({"text": "Words", "kind": "gossip"}, "kind"),
    ({"text": "Words", "language": "fr"}, "language"),
    ({"text": "Words", "teller_name": "T" * 151}, "teller_name"),
])
def test_bad_words_get_a_400_naming_the_field(api, item, newcomer, body, field):
    response = _as(api, newcomer).post(_url(item), body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Description.objects.exists()


def test_the_author_edits_a_curator_only_with_consent_and_others_not_at_all(api, item, newcomer, villager, curator):
    words = description_create(item, newcomer, "Chapel Bethel", "memory", "en")
    response = _as(api, villager).patch(_url(item, words), {"text": "Changed"}, format="json")
    assert response.status_code == 404  # a waiting description is not even shown to other members
    words.moderation = "approved"
    words.save()
    assert _as(api, villager).patch(_url(item, words), {"text": "Changed"}, format="json").status_code == 403
    response = _as(api, curator).patch(_url(item, words), {"text": "Bethel Chapel"}, format="json")
    assert response.status_code == 400 and "with_consent" in response.json()
    response = _as(api, curator).patch(_url(item, words), {"text": "Bethel Chapel", "with_consent": True},
                                       format="json")
    assert response.status_code == 200 and response.json()["text"] == "Bethel Chapel"
    response = _as(api, newcomer).patch(_url(item, words), {"text": "Capel Bethel", "language": "cy"}, format="json")
    assert response.status_code == 200
    assert response.json()["moderation"] == "pending"  # changed words are read again
    assert _as(api, newcomer).patch(_url(item, words), {}, format="json").status_code == 400


def test_curators_approve_and_reject_with_a_reason_the_author_sees(
        api, item, newcomer, villager, curator, django_capture_on_commit_callbacks):
    first = description_create(item, newcomer, "First", "memory", "en")
    second = description_create(item, newcomer, "Second", "memory", "en")
    assert _as(api, villager).post(_url(item, first, "approve")).status_code == 404  # not visible to them
    assert _as(api, newcomer).post(_url(item, first, "approve")).status_code == 403
    response = _as(api, curator).post(_url(item, first, "approve"))
    assert response.status_code == 200 and response.json()["moderation"] == "approved"
    response = _as(api, curator).post(_url(item, second, "reject"), {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    with django_capture_on_commit_callbacks(execute=True):
        response = _as(api, curator).post(_url(item, second, "reject"), {"reason": "About another photo."},
                                          format="json")
    assert response.status_code == 200 and response.json()["moderation"] == "rejected"
    assert mail.outbox and "About another photo." in mail.outbox[0].body
    mine = _as(api, newcomer).get(_url(item, second)).json()
    assert mine["moderation"] == "rejected" and mine["moderation_reason"] == "About another photo."


def test_the_moderation_queue_and_bulk_approve(api, item, newcomer, villager, curator):
    waiting = [description_create(item, newcomer, f"Words {n}", "memory", "en") for n in range(3)]
    description_create(item, villager, "Already shown", "memory", "en")
    assert _as(api, newcomer).get("/api/v1/moderation/descriptions/").status_code == 403
    queue = _as(api, curator).get("/api/v1/moderation/descriptions/").json()
    assert [d["id"] for d in queue["results"]] == [d.pk for d in waiting]
    assert _as(api, newcomer).post("/api/v1/moderation/descriptions/approve/", {"ids": [waiting[0].pk]},
                                   format="json").status_code == 403
    response = _as(api, curator).post("/api/v1/moderation/descriptions/approve/", {"ids": []}, format="json")
    assert response.status_code == 400 and "ids" in response.json()
    response = _as(api, curator).post("/api/v1/moderation/descriptions/approve/",
                                      {"ids": [waiting[0].pk, waiting[2].pk, 999_999]}, format="json")
    assert response.status_code == 200
    assert response.json() == {"approved": [waiting[0].pk, waiting[2].pk], "skipped": [999_999]}
    assert [d["id"] for d in _as(api, curator).get("/api/v1/moderation/descriptions/").json()["results"]] == [
        waiting[1].pk]


def test_a_curator_features_a_caption_as_the_items_title(api, item, villager, curator):
    caption = description_create(item, villager, "Côr y pentref, haf 1947", "caption", "cy")
    assert _as(api, villager).post(_url(item, caption, "feature")).status_code == 403
    response = _as(api, curator).post(_url(item, caption, "feature"))
    assert response.status_code == 200
    assert response.json()["title"] == {"cy": "Côr y pentref, haf 1947", "en": "The choir"}
    featured = [d for d in response.json()["descriptions"] if d["featured"]]
    assert [d["id"] for d in featured] == [caption.pk]


def test_histories_and_reverts_are_for_curators(api, item, villager, curator):
    words = description_create(item, villager, "Version one", "memory", "en")
    description_edit(words, villager, text="Version two")
    assert _as(api, villager).get(_url(item, words, "history")).status_code == 403
    versions = _as(api, curator).get(_url(item, words, "history")).json()
    assert [v["values"]["text"] for v in versions] == ["Version two", "Version one"]
    assert versions[0]["by"] == "Megan Evans" and versions[0]["changed"] == ["text"] and versions[0]["at"]
    revert = _url(item, words, "history/revert")
    assert _as(api, villager).post(revert, {"history_id": versions[1]["history_id"]}, format="json").status_code == 403
    assert _as(api, curator).post(revert, {"history_id": "x"}, format="json").status_code == 400
    assert _as(api, curator).post(revert, {"history_id": 10**9}, format="json").status_code == 400
    response = _as(api, curator).post(revert, {"history_id": versions[1]["history_id"]}, format="json")
    assert response.status_code == 200 and response.json()["text"] == "Version one"

    item.title_en = "Wrong"
    item.save()
    assert _as(api, villager).get(f"/api/v1/items/{item.pk}/history/").status_code == 403
    versions = _as(api, curator).get(f"/api/v1/items/{item.pk}/history/").json()
    assert versions[0]["values"]["title_en"] == "Wrong" and versions[-1]["values"]["title_en"] == "The choir"
    response = _as(api, curator).post(f"/api/v1/items/{item.pk}/history/revert/",
                                      {"history_id": versions[-1]["history_id"]}, format="json")
    assert response.status_code == 200 and response.json()["title"] == {"en": "The choir"}
    assert item.audit_events.filter(action=AuditEvent.Action.REVERTED).count() == 2


def test_memory_day_words_are_credited_to_the_teller(api, item, curator):
    curator.display_name = "Curadur y Pentref"
    curator.save()
    response = _as(api, curator).post(_url(item), {"text": "We walked up from Pontlottyn.", "kind": "memory",
                                                   "language": "en", "teller_name": "Idris Davies"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["teller_name"] == "Idris Davies" and body["author"] == "Curadur y Pentref"
    assert body["credit"] == "told by Idris Davies, written down by Curadur y Pentref"


def test_the_schema_documents_the_descriptions_api(client, db):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]
    for path, methods in {
        "/api/v1/items/{item_pk}/descriptions/": {"get", "post"},
        "/api/v1/items/{item_pk}/descriptions/{id}/": {"get", "patch"},
        "/api/v1/items/{item_pk}/descriptions/{id}/approve/": {"post"},
        "/api/v1/items/{item_pk}/descriptions/{id}/reject/": {"post"},
        "/api/v1/items/{item_pk}/descriptions/{id}/feature/": {"post"},
        "/api/v1/items/{item_pk}/descriptions/{id}/history/": {"get"},
        "/api/v1/items/{item_pk}/descriptions/{id}/history/revert/": {"post"},
        "/api/v1/items/{item_pk}/history/": {"get"},
        "/api/v1/items/{item_pk}/history/revert/": {"post"},
        "/api/v1/moderation/descriptions/": {"get"},
        "/api/v1/moderation/descriptions/approve/": {"post"},
    }.items():
        assert methods <= set(paths[path]), path
    assert "201" in paths["/api/v1/items/{item_pk}/descriptions/"]["post"]["responses"]
    assert "429" in paths["/api/v1/items/{item_pk}/descriptions/"]["post"]["responses"]


def test_an_upload_at_a_memory_day_credits_the_teller_for_the_caption(api, curator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..conftest import jpeg_bytes

    api.force_authenticate(curator)
    response = api.post("/api/v1/items/", {
        "files": [SimpleUploadedFile("llun.jpg", jpeg_bytes(), content_type="image/jpeg")],
        "licence": LICENCES[0].uri, "consent": "true", "caption": "Mam-gu ar y chwith", "language": "cy",
        "teller_name": "Nansi Thomas"}, format="multipart")
    assert response.status_code == 202, response.json()
    caption = Description.objects.get(text="Mam-gu ar y chwith")
    assert caption.teller_name == "Nansi Thomas" and caption.author == curator
    response = api.post("/api/v1/items/", {
        "files": [SimpleUploadedFile("llun.jpg", jpeg_bytes(), content_type="image/jpeg")],
        "licence": LICENCES[0].uri, "consent": "true", "teller_name": "N" * 151}, format="multipart")
    assert response.status_code == 400 and "teller_name" in response.json()
