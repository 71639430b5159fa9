"""Proposing, approving and merging subjects, place names and people through the API."""
import pytest

from archive.licences import LICENCES
from archive.models import Item, Person, Place, Subject

pytestmark = pytest.mark.django_db
SUBJECTS, PLACES, PEOPLE = "/api/v1/subjects/", "/api/v1/places/", "/api/v1/people/"


def slugs(api):
    return [s["slug"] for s in api.get(SUBJECTS).json()["results"]]


def test_members_propose_subjects_that_others_see_only_once_approved(api, villager, curator, make_user):
    other = make_user("other")
    api.force_authenticate(villager)
    response = api.post(SUBJECTS, {"label": "Band pres", "language": "cy"})
    assert response.status_code == 201, response.content
    proposal = response.json()
    assert (proposal["label"], proposal["approved"]) == ({"cy": "Band pres"}, False)
    assert slugs(api) == ["band-pres"]
    response = api.post(SUBJECTS, {"label": "band pres"})
    assert response.status_code == 400 and "already a subject" in response.json()["label"][0]
    assert api.post(SUBJECTS, {"label": ""}).status_code == 400

    for reader in (other, None):
        api.force_authenticate(reader)
        assert slugs(api) == []
        assert api.get(f"{SUBJECTS}{proposal['id']}/").status_code == 404

    api.force_authenticate(villager)
    response = api.post(f"{SUBJECTS}{proposal['id']}/approve/", {"label_cy": "Band pres", "label_en": "Brass band"})
    assert response.status_code == 403
    api.force_authenticate(curator)
    response = api.post(f"{SUBJECTS}{proposal['id']}/approve/", {"label_cy": "Band pres"})
    assert response.status_code == 400 and "label_en" in response.json()
    response = api.post(f"{SUBJECTS}{proposal['id']}/approve/", {"label_cy": "Band pres", "label_en": "Brass band"})
    assert response.status_code == 200
    assert response.json()["label"] == {"cy": "Band pres", "en": "Brass band"} and response.json()["approved"]
    api.force_authenticate(other)
    assert slugs(api) == ["band-pres"]


def test_waiting_members_and_visitors_cannot_propose(api, make_user):
    assert api.post(SUBJECTS, {"label": "Pit ponies"}).status_code == 401
    api.force_authenticate(make_user("waiting", approved=False))
    response = api.post(SUBJECTS, {"label": "Pit ponies"})
    assert response.status_code == 403 and "curator has welcomed" in response.json()["detail"]
    assert not Subject.objects.exists()


def test_merging_a_subject_answers_old_links_with_a_redirect(api, villager, curator):
    chapel = Subject.objects.create(slug="capel", label_cy="Capel", label_en="Chapel")
    duplicate = Subject.objects.create(slug="chapels", label_en="Chapels")
    item = Item.objects.create(contributor=villager, licence=LICENCES[0].uri)
    item.subjects.set([duplicate])
    url = f"{SUBJECTS}{duplicate.pk}/merge/"
    api.force_authenticate(villager)
    assert api.post(url, {"into": chapel.pk}).status_code == 403
    api.force_authenticate(curator)
    response = api.post(url, {"into": 999999})
    assert response.status_code == 400 and "into" in response.json()
    assert api.post(url, {}).status_code == 400
    response = api.post(url, {"into": chapel.pk})
    assert response.status_code == 200 and response.json()["aliases"] == ["Chapels"]
    assert list(item.subjects.all()) == [chapel]
    assert api.post(url, {"into": chapel.pk}).status_code == 400  # already merged
    response = api.get(f"{SUBJECTS}{duplicate.pk}/")
    assert response.status_code == 301 and response["Location"].endswith(f"{SUBJECTS}{chapel.pk}/")
    assert slugs(api) == ["capel"]


def test_place_names_are_proposed_and_moderated(api, villager, curator, make_user):
    rhymni = Place.objects.create(name_cy="Rhymni", name_en="Rhymney")
    names = f"{PLACES}{rhymni.pk}/names/"
    assert api.post(names, {"name": "Rhumney"}).status_code == 401
    api.force_authenticate(villager)
    response = api.post(names, {"name": "Rhumney", "language": "en"})
    assert response.status_code == 201, response.content
    proposal = response.json()
    assert (proposal["moderation"], proposal["proposed_by"]) == ("pending", "Megan Evans")
    assert api.post(names, {"name": "RHYMNEY"}).status_code == 400
    assert api.post(names, {"name": "x", "language": "fr"}).status_code == 400
    assert [p["name"] for p in api.get(names).json()] == ["Rhumney"]
    assert api.post(f"{names}{proposal['id']}/approve/").status_code == 403
    api.force_authenticate(make_user("other"))
    assert api.get(names).json() == []
    api.force_authenticate(curator)
    response = api.post(f"{names}{proposal['id']}/approve/")
    assert response.status_code == 200 and response.json()["moderation"] == "approved"
    assert api.get(f"{PLACES}{rhymni.pk}/").json()["variants"] == ["Rhumney"]
    wrong = api.post(names, {"name": "Tredegar"}).json()  # a curator's own is approved at once
    assert wrong["moderation"] == "approved"
    api.force_authenticate(villager)
    other = api.post(names, {"name": "Merthyr"}).json()
    api.force_authenticate(curator)
    response = api.post(f"{names}{other['id']}/reject/", {"reason": "Another town."})
    assert response.json()["moderation"] == "rejected" and response.json()["moderation_reason"] == "Another town."
    assert api.post(f"{PLACES}999999/names/1/approve/").status_code == 404


def test_places_and_people_are_merged_by_curators(api, villager, curator):
    troed = Place.objects.create(name_cy="Troedrhiwfuwch", name_en="Troedrhiwfuwch")
    duplicate = Place.objects.create(name_en="Troed-rhiw-fuwch")
    dai = Person.objects.create(name="Dai Evans")
    bach = Person.objects.create(name="Dai Bach")
    api.force_authenticate(villager)
    assert api.post(f"{PLACES}{duplicate.pk}/merge/", {"into": troed.pk}).status_code == 403
    assert api.post(f"{PEOPLE}{bach.pk}/merge/", {"into": dai.pk}).status_code == 403
    api.force_authenticate(curator)
    response = api.post(f"{PLACES}{duplicate.pk}/merge/", {"into": troed.pk})
    assert response.status_code == 200 and response.json()["variants"] == ["Troed-rhiw-fuwch"]
    response = api.post(f"{PEOPLE}{bach.pk}/merge/", {"into": dai.pk})
    assert response.status_code == 200 and response.json()["variants"] == ["Dai Bach"]
    assert api.get(f"{PLACES}{duplicate.pk}/").status_code == 301
    assert api.get(f"{PEOPLE}{bach.pk}/")["Location"].endswith(f"{PEOPLE}{dai.pk}/")
    assert [p["id"] for p in api.get(PEOPLE).json()["results"]] == [dai.pk]
    assert [p["id"] for p in api.get(PLACES).json()["results"]] == [troed.pk]


def test_a_new_subject_named_in_an_untrusted_upload_is_a_proposal_shown_once_approved(api, villager, curator,
                                                                                      make_user):
    from tests.conftest import jpeg_bytes
    from tests.ingest.conftest import ITEMS, contribution, upload_file

    newcomer = make_user("newcomer")  # a member, not trusted
    api.force_authenticate(newcomer)
    fields = contribution(subjects=["Côr meibion"], language="cy")
    response = api.post(ITEMS, {**fields, "files": [upload_file("cor.jpg", jpeg_bytes())]}, format="multipart")
    assert response.status_code == 202, response.content
    item = Item.objects.get(pk=response.json()["items"][0]["id"])
    subject = item.subjects.get()
    assert (subject.label_cy, subject.approved, subject.proposed_by) == ("Côr meibion", False, newcomer)

    api.force_authenticate(curator)  # even a curator reading the item sees only approved subjects on it
    assert api.get(f"{ITEMS}{item.pk}/").json()["subjects"] == []
    approve = api.post(f"{SUBJECTS}{subject.pk}/approve/", {"label_cy": "Côr meibion", "label_en": "Male voice choir"})
    assert approve.status_code == 200, approve.content
    assert [s["label"] for s in api.get(f"{ITEMS}{item.pk}/").json()["subjects"]] == [
        {"cy": "Côr meibion", "en": "Male voice choir"}]

    api.force_authenticate(villager)  # a trusted member's new subject is approved at once
    fields = contribution(subjects=["Band pres"])
    response = api.post(ITEMS, {**fields, "files": [upload_file("band.jpg", jpeg_bytes(color=(9, 9, 9)))]},
                        format="multipart")
    assert response.status_code == 202 and Subject.objects.get(label_en="Band pres").approved
