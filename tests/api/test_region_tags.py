"""Region tags through the API: bounds, moderation, and living people's names."""
import pytest

from archive.licences import LICENCES
from archive.models import Asset, AuditEvent, Item, Person, RegionTag
from archive.models.moderation import Moderation


@pytest.fixture
def published(db, villager):
    """A published item with one 1200 × 800 picture."""
    item = Item.objects.create(contributor=villager, licence=LICENCES[0].uri, consent=True, title_en="Côr",
                               status=Item.Status.READY, moderation=Moderation.APPROVED)
    sha = f"{item.pk:064x}"
    Asset.objects.create(item=item, original=f"originals/{sha[:2]}/{sha[2:4]}/{sha}", size_bytes=10,
                         original_filename="llun.jpg", sha256=sha, media_type="image/jpeg", width=1200, height=800)
    return item


@pytest.fixture
def trusted(make_user):
    return make_user("trusted", trusted=True)


@pytest.fixture
def newcomer(make_user):
    return make_user("newcomer")


@pytest.fixture
def dai(db):
    """A living person whose consent to be named is not recorded."""
    return Person.objects.create(name="Dai Evans", variants=["Dai Bach"], living=True)


def tags_url(item):
    return f"/api/v1/items/{item.pk}/region-tags/"


def tag(api, user, item, **fields):
    api.force_authenticate(user)
    response = api.post(tags_url(item), {"x": 100, "y": 50, "w": 200, "h": 300, "label": "Mam-gu", **fields},
                        format="json")
    api.force_authenticate(None)
    return response


@pytest.mark.parametrize("region, problem", [
    ({"x": 1100, "w": 200}, "outside"),
    ({"y": 700, "h": 101}, "outside"),
    ({"x": -1}, "negative"),
    ({"w": 0}, "empty"),
])
def test_regions_must_lie_inside_the_picture(api, published, trusted, region, problem):
    response = tag(api, trusted, published, **region)
    assert response.status_code == 400, response.content
    assert problem in " ".join(response.json()["region"])
    assert not RegionTag.objects.exists()


def test_a_label_or_a_person_is_needed(api, published, trusted):
    response = tag(api, trusted, published, label="")
    assert response.status_code == 400 and "label" in response.json()
    response = tag(api, trusted, published, person=999999)
    assert response.status_code == 400 and "person" in response.json()


def test_visitors_cannot_tag(api, published):
    assert api.post(tags_url(published), {"x": 1, "y": 1, "w": 1, "h": 1, "label": "x"}).status_code == 401  # sign in first


def test_trusted_members_tags_are_approved_at_once_others_wait(api, published, trusted, newcomer, curator):
    first = tag(api, trusted, published)
    assert first.status_code == 201, first.content
    assert first.json()["moderation"] == "approved" and first.json()["target"] == "xywh=100,50,200,300"
    assert first.json()["percent"] == {"x": 8.333, "y": 6.25, "w": 16.667, "h": 37.5}
    waiting = tag(api, newcomer, published, label="Wncwl Jac").json()
    assert waiting["moderation"] == "pending"
    assert published.audit_events.filter(action=AuditEvent.Action.TAGGED).count() == 2
    assert [t["label"] for t in api.get(tags_url(published)).json()["results"]] == ["Mam-gu"]
    api.force_authenticate(newcomer)  # the author sees their own waiting tag
    assert {t["label"] for t in api.get(tags_url(published)).json()["results"]} == {"Mam-gu", "Wncwl Jac"}
    assert api.post(f"{tags_url(published)}{waiting['id']}/approve/").status_code == 403
    api.force_authenticate(curator)
    assert api.post(f"{tags_url(published)}{waiting['id']}/approve/").json()["moderation"] == "approved"
    api.force_authenticate(None)
    assert len(api.get(tags_url(published)).json()["results"]) == 2
    api.force_authenticate(curator)
    rejected = api.post(f"{tags_url(published)}{waiting['id']}/reject/", {"reason": "That is not Jac."}).json()
    assert rejected["moderation"] == "rejected" and rejected["moderation_reason"] == "That is not Jac."
    api.force_authenticate(None)
    assert [t["label"] for t in api.get(tags_url(published)).json()["results"]] == ["Mam-gu"]


def test_visitors_see_a_person_for_a_living_person_without_consent(api, published, trusted, dai, villager):
    published.people.add(dai)
    tag(api, trusted, published, label="Dai Evans, on the left", person=dai.pk)
    listed = api.get(tags_url(published)).json()["results"][0]
    assert listed["label"] == "a person" and listed["person"] == {"id": dai.pk, "name": "a person"}
    assert api.get(tags_url(published), HTTP_ACCEPT_LANGUAGE="cy").json()["results"][0]["label"] == "rhywun"
    item = api.get(f"/api/v1/items/{published.pk}/").json()
    assert item["people"][0]["name"] == "a person" and item["people"][0]["variants"] == []
    people = api.get("/api/v1/people/").json()
    assert "Dai Evans" not in str(people) and "Dai Bach" not in str(people)
    api.force_authenticate(villager)  # members see the name
    assert api.get(tags_url(published)).json()["results"][0]["label"] == "Dai Evans, on the left"
    assert api.get(f"/api/v1/people/{dai.pk}/").json()["name"] == "Dai Evans"


def test_curators_record_consent(api, dai, villager, curator):
    url = f"/api/v1/people/{dai.pk}/"
    api.force_authenticate(villager)
    assert api.patch(url, {"name_consent": True}, format="json").status_code == 403
    api.force_authenticate(curator)
    response = api.patch(url, {"name_consent": True, "name_consent_note": "Dai said yes at the memory day, 3 May"},
                         format="json")
    assert response.status_code == 200, response.content
    assert response.json()["name_consent"] is True and response.json()["living"] is True
    api.force_authenticate(None)
    public = api.get(url).json()
    assert public["name"] == "Dai Evans" and public["name_consent_note"] is None
    api.force_authenticate(curator)
    assert api.patch(url, {"living": "perhaps"}, format="json").status_code == 400
