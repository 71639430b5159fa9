"""Story trails over the API: the endpoints an outside client uses, who may do what, and refusals that name
the field and save nothing."""
import pytest
from rest_framework.authtoken.models import Token

from archive.models import Stop, Trail
from archive.services import item_withdraw
from tests.trails import published_trail, ready_item

pytestmark = pytest.mark.django_db


def _as(api, user):
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return api


@pytest.fixture
def member(make_user):
    return make_user("gwen", display_name="Gwen Morgan")


def test_a_curator_builds_and_publishes_a_trail_a_visitor_then_reads(api, curator, villager, member):
    photos = [ready_item(villager, title=f"Photo {n}", width=800, height=600) for n in range(3)]
    _as(api, curator)
    made = api.post("/api/v1/trails/", {"title": {"cy": "Taith y capel"}, "introduction": {"en": "A walk."}},
                    format="json")
    assert made.status_code == 201, made.content
    trail = made.json()
    assert (trail["status"], trail["title"], trail["introduction"]) == ("draft", {"cy": "Taith y capel"},
                                                                        {"en": "A walk."})
    assert trail["url"].endswith(f"/api/v1/trails/{trail['id']}/") and trail["stops"] == []
    base = f"/api/v1/trails/{trail['id']}"
    assert api.post(f"{base}/authors/", {"user": "gwen"}, format="json").status_code == 201
    stops = []
    for n, photo in enumerate(photos):
        body = {"item": photo.pk, "narrative": {"en": f"Stop {n}"}}
        if n == 1:
            body["region"] = "100,50,200,150"
        answer = api.post(f"{base}/stops/", body, format="json")
        assert answer.status_code == 201, answer.content
        stops.append(answer.json()["id"])
    assert api.post(f"{base}/stops/order/", {"ids": [stops[2], stops[0], stops[1]]}, format="json").status_code == 200
    assert api.patch(f"{base}/stops/{stops[0]}/", {"narrative": {"cy": "Arhosfan"}}, format="json").status_code == 200
    api.credentials()
    assert api.get(f"{base}/").status_code == 404  # a draft, to visitors
    assert api.get("/api/v1/trails/").json()["results"] == []
    assert _as(api, curator).post(f"{base}/publish/").status_code == 200
    api.credentials()
    shown = api.get(f"{base}/").json()
    assert shown["status"] == "published"
    assert [a["name"] for a in shown["authors"]] == [curator.credit_name, "Gwen Morgan"]
    assert [s["id"] for s in shown["stops"]] == [stops[2], stops[0], stops[1]]
    assert shown["stops"][1]["narrative"] == {"en": "Stop 0", "cy": "Arhosfan"}
    assert shown["stops"][2]["region"] == "100,50,200,150" and shown["stops"][2]["item"] == photos[1].pk
    assert [t["id"] for t in api.get("/api/v1/trails/").json()["results"]] == [trail["id"]]


@pytest.mark.parametrize(("body", "field", "words"), [
    ({"item": "ITEM", "region": "700,0,200,100", "narrative": {"en": "x"}}, "region", "outside the picture"),
    ({"item": "ITEM", "region": "a,b", "narrative": {"en": "x"}}, "region", "four whole numbers"),
    ({"item": "HIDDEN", "narrative": {"en": "x"}}, "item", "withdrawn"),
    ({"item": "ITEM", "narrative": {"fr": "x"}}, "narrative", "Unknown language"),
    ({"item": "ITEM", "lat": 51.7}, "lon", "both"),
])
def test_a_bad_stop_is_refused_naming_the_field_and_nothing_is_saved(api, curator, villager, body, field, words):
    photo, hidden = ready_item(villager, width=800, height=600), ready_item(villager, title="Private")
    item_withdraw(hidden, villager)
    trail = published_trail(curator, [photo])
    body = {**body, "item": {"ITEM": photo.pk, "HIDDEN": hidden.pk}[body["item"]]}
    answer = _as(api, villager).post(f"/api/v1/trails/{trail.pk}/stops/", body, format="json")
    assert answer.status_code == 403  # a villager who is not an author may not add stops
    answer = _as(api, curator).post(f"/api/v1/trails/{trail.pk}/stops/", body, format="json")
    assert answer.status_code == 400 and words in str(answer.json()[field])
    assert Stop.objects.count() == 1


def test_publishing_an_empty_trail_and_unknown_languages_are_400s(api, curator, member):
    _as(api, member)
    assert api.post("/api/v1/trails/", {"title": {"en": "Mine"}}, format="json").status_code == 403
    _as(api, curator)
    refused = api.post("/api/v1/trails/", {"title": {"en": "Walk", "de": "Weg"}}, format="json")
    assert refused.status_code == 400 and "Unknown language" in str(refused.json()["title"])
    trail = api.post("/api/v1/trails/", {"title": {"en": "Walk"}}, format="json").json()
    refused = api.post(f"/api/v1/trails/{trail['id']}/publish/")
    assert refused.status_code == 400 and "stops" in refused.json()
    assert Trail.objects.get().status == "draft"


def test_a_withdrawn_item_is_a_placeholder_in_the_trails_json(api, curator, villager):
    photo = ready_item(villager, title="The pit head")
    trail = published_trail(curator, [photo, ready_item(villager, title="The chapel")])
    item_withdraw(photo, villager)
    first, second = api.get(f"/api/v1/trails/{trail.pk}/").json()["stops"]
    assert first["placeholder"] and first["item"] is None and first["title"] is None
    assert first["narrative"] == {"en": "Stop 1", "cy": "Arhosfan 1"}
    assert "pit head" not in api.get(f"/api/v1/trails/{trail.pk}/").content.decode()
    assert not second["placeholder"] and second["title"] == {"en": "The chapel"}


def test_history_for_authors_and_revert_for_curators(api, curator, villager, member):
    trail = published_trail(curator, [ready_item(villager)])
    first = _as(api, curator).get(f"/api/v1/trails/{trail.pk}/history/").json()[0]
    assert first["kind"] == "trail" and first["by"] == curator.credit_name
    api.patch(f"/api/v1/trails/{trail.pk}/", {"title": {"en": "Renamed"}}, format="json")
    _as(api, member)
    assert api.get(f"/api/v1/trails/{trail.pk}/history/").status_code == 403
    assert api.post(f"/api/v1/trails/{trail.pk}/revert/", {"history_id": first["history_id"]},
                    format="json").status_code == 403
    answer = _as(api, curator).post(f"/api/v1/trails/{trail.pk}/revert/", {"history_id": first["history_id"]},
                                    format="json")
    assert answer.status_code == 200 and answer.json()["title"]["en"] == "The chapel walk"


def test_a_trail_links_to_its_player_page_and_its_iiif_manifest(api, client, curator, villager):
    trail = published_trail(curator, [ready_item(villager, title="The chapel")])
    shown = api.get(f"/api/v1/trails/{trail.pk}/").json()
    assert shown["page"] == f"http://testserver/trails/{trail.pk}/"
    assert shown["manifest"] == f"http://testserver/iiif/trails/{trail.pk}/manifest"
    assert api.get("/api/v1/trails/").json()["results"][0]["manifest"] == shown["manifest"]
    manifest = client.get(shown["manifest"].removeprefix("http://testserver"))
    assert manifest.status_code == 200 and manifest.json()["id"] == shown["manifest"]
