"""The API's people, places and subjects: a name typed only on items hidden from the caller is not theirs to read."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.licences import LICENCES
from archive.models import Asset, Item, Person, Place, Subject
from archive.models.moderation import Moderation
from archive.services.vocabulary_curation import place_merge
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db
ITEMS, PEOPLE, PLACES, SUBJECTS = "/api/v1/items/", "/api/v1/people/", "/api/v1/places/", "/api/v1/subjects/"


def post_upload(api, user, **fields):
    """Upload one photo through the API as ``user`` (its processing is never queued: the test never commits)."""
    api.force_authenticate(user)
    data = {"licence": LICENCES[0].uri, "consent": "true", "files": [SimpleUploadedFile(
        "llun.jpg", jpeg_bytes(), content_type="image/jpeg")], **fields}
    response = api.post(ITEMS, data, format="multipart")
    assert response.status_code == 202, response.content
    return Item.objects.get(pk=response.json()["items"][0]["id"])


def listed(api, user) -> dict[str, set]:
    api.force_authenticate(user)
    return {
        "people": {p["name"] for p in api.get(PEOPLE).json()["results"]},
        "places": {p["name"].get("en") for p in api.get(PLACES).json()["results"]},
        "subjects": {s["label"].get("en") for s in api.get(SUBJECTS).json()["results"]},
    }


def test_names_typed_on_waiting_and_private_uploads_are_not_listed_to_others(api, villager, curator, make_user):
    newcomer, other = make_user("newcomer"), make_user("other")  # newcomer: a member whose uploads wait
    waiting = post_upload(api, newcomer, place="Fferm Gudd", people=["Nain Gudd"], subjects=["Cyfrinach"])
    private = post_upload(api, villager, place="Tŷ Preifat", people=["Taid Preifat"], subjects=["Angladd"],
                          visibility="private")
    Item.objects.filter(pk__in=[waiting.pk, private.pk]).update(status=Item.Status.READY)
    nothing = {"people": set(), "places": set(), "subjects": set()}
    assert listed(api, None) == nothing and listed(api, other) == nothing
    assert listed(api, villager) == {"people": {"Taid Preifat"}, "places": {"Tŷ Preifat"}, "subjects": {"Angladd"}}
    assert listed(api, curator)["places"] == {"Fferm Gudd", "Tŷ Preifat"}
    records = [(PEOPLE, Person.objects.get(name="Taid Preifat")), (PLACES, private.place),
               (SUBJECTS, Subject.objects.get(label_en="Angladd")), (PLACES, waiting.place),
               (PEOPLE, Person.objects.get(name="Nain Gudd"))]
    for reader in (None, other):
        api.force_authenticate(reader)
        assert [api.get(f"{path}{record.pk}/").status_code for path, record in records] == [404] * 5
    api.force_authenticate(villager)
    assert [api.get(f"{path}{record.pk}/").status_code for path, record in records[:3]] == [200] * 3
    api.force_authenticate(curator)
    assert [api.get(f"{path}{record.pk}/").status_code for path, record in records] == [200] * 5


def test_a_hidden_places_names_and_merged_duplicates_answer_404(api, villager, curator, make_user):
    private = post_upload(api, villager, place="Cwm Cudd", visibility="private")
    hidden = private.place
    duplicate = Place.objects.create(name_en="Cwm-cudd")
    place_merge(duplicate, hidden, curator)
    other = make_user("other")
    for reader in (None, other):
        api.force_authenticate(reader)
        assert api.get(f"{PLACES}{duplicate.pk}/").status_code == 404  # not a 301 to the hidden place
        assert api.get(f"{PLACES}{hidden.pk}/names/").status_code == 404
    assert api.post(f"{PLACES}{hidden.pk}/names/", {"name": "Cwm Cuddiedig"}).status_code == 404
    api.force_authenticate(villager)
    assert api.get(f"{PLACES}{duplicate.pk}/").status_code == 301


def test_a_region_tag_cannot_name_a_hidden_person_by_number(api, villager, make_user):
    secret = post_upload(api, villager, people=["Taid Preifat"], visibility="private").people.get()
    public = Item.objects.create(contributor=villager, licence=LICENCES[0].uri, consent=True, title_en="Côr",
                                 status=Item.Status.READY, moderation=Moderation.APPROVED)
    Asset.objects.create(item=public, original="originals/aa/bb/x", size_bytes=10, original_filename="llun.jpg",
                         sha256="ab" * 32, media_type="image/jpeg", width=1200, height=800)
    api.force_authenticate(make_user("other"))
    response = api.post(f"{ITEMS}{public.pk}/region-tags/", {"x": 10, "y": 10, "w": 100, "h": 100,
                                                             "person": secret.pk}, format="json")
    assert response.status_code == 400 and "Taid" not in response.content.decode()


def test_a_place_near_the_photo_is_hinted_only_when_the_reader_may_see_it(api, villager, make_user):
    hidden = post_upload(api, villager, place="Fferm Gudd", visibility="private").place
    newcomer = make_user("newcomer")
    item = Item.objects.create(contributor=newcomer, licence=LICENCES[0].uri, consent=True,
                               status=Item.Status.READY)
    Asset.objects.create(item=item, original="originals/cc/dd/y", size_bytes=10, original_filename="llun.jpg",
                         sha256="cd" * 32, media_type="image/jpeg", width=1200, height=800,
                         exif={"place_nearby": {"place": hidden.pk, "metres": 40}})
    api.force_authenticate(newcomer)
    assert api.get(f"{ITEMS}{item.pk}/").json()["hints"] == []
    Item.objects.filter(pk=item.pk).update(contributor=villager)
    api.force_authenticate(villager)
    assert [h["code"] for h in api.get(f"{ITEMS}{item.pk}/").json()["hints"]] == ["place_nearby"]


@pytest.fixture
def hidden_vocabulary(make_user):
    """A place, a person and an approved subject named only on another member's private item."""
    other = make_user("aelod-arall")
    place = Place.objects.create(name_en="Tŷ Cyfrinachol", created_by=other)
    person = Person.objects.create(name="Enw Cyfrinachol", created_by=other)
    subject = Subject.objects.create(slug="angladd-cyfrinachol", label_en="Angladd Cyfrinachol",
                                     label_cy="Angladd Cyfrinachol", approved=True)
    item = Item.objects.create(contributor=other, licence=LICENCES[0].uri, status="ready",
                               moderation=Moderation.APPROVED, visibility="private", place=place)
    item.people.set([person])
    item.subjects.set([subject])
    return {"place": place, "people": person, "subjects": subject}


@pytest.mark.parametrize("field", ["place", "people", "subjects"])
def test_an_upload_cannot_name_a_hidden_place_person_or_subject_by_number(api, villager, hidden_vocabulary, field):
    api.force_authenticate(villager)
    pk = hidden_vocabulary[field].pk
    response = api.post(ITEMS, {"licence": LICENCES[0].uri, "consent": "true", field: str(pk), "files": [
        SimpleUploadedFile("llun.jpg", jpeg_bytes(), content_type="image/jpeg")]}, format="multipart")
    assert response.status_code == 400
    assert response.json()[field] == [f"There is no {({'people': 'person', 'subjects': 'subject'}).get(field, field)}"
                                      f" with id {pk}."]  # word for word as for a number no record has
    assert "Cyfrinachol" not in response.content.decode()
    assert not Item.objects.filter(contributor=villager).exists()


@pytest.mark.parametrize("field", ["place", "people", "subjects"])
def test_an_upload_may_name_by_number_what_the_uploader_may_see(api, villager, hidden_vocabulary, field):
    Item.objects.filter(contributor__username="aelod-arall").update(visibility="public")  # now on a public item
    item = post_upload(api, villager, **{field: str(hidden_vocabulary[field].pk)})
    linked = item.place if field == "place" else getattr(item, field).get()
    assert linked == hidden_vocabulary[field]


def test_a_hidden_entry_s_name_typed_on_an_upload_links_nothing_hidden(api, villager, hidden_vocabulary):
    """Linking the item to the hidden record would show the uploader its other names, place and aliases."""
    item = post_upload(api, villager, place="tŷ cyfrinachol", people="enw cyfrinachol",
                       subjects="Angladd Cyfrinachol")
    assert item.place != hidden_vocabulary["place"]
    assert item.people.get() != hidden_vocabulary["people"]
    assert item.subjects.get() != hidden_vocabulary["subjects"]  # new records, which curators may merge


def test_proposing_a_hidden_subject_s_label_reveals_nothing_of_it(api, make_user, hidden_vocabulary):
    api.force_authenticate(make_user("cynigydd"))
    response = api.post(SUBJECTS, {"label": "angladd cyfrinachol", "language": "cy"})
    assert str(hidden_vocabulary["subjects"].pk) not in response.content.decode()
    assert response.status_code == 201  # a proposal of its own, which a curator may merge
    assert response.json()["id"] != hidden_vocabulary["subjects"].pk
