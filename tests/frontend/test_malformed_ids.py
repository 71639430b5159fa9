"""Pages given ids that are not ids, or more than a request may carry: a 404 or a 400 in words, never a 500.

"²" passes ``str.isdigit()`` but ``int()`` refuses it; 2**63 is one past the largest id (the database
driver overflows on it); Django refuses more than 1,000 parameters in one request.
"""
import pytest
from django.test import Client, override_settings

from archive.models import Item, Person, Place
from archive.search.registry import MAX_FACET_VALUES
from tests.conftest import jpeg_bytes

from .test_contribute import CONTRIBUTE, error_of, form

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]  # SQLite overflows on large ids too

SUPERSCRIPT_TWO = "\u00b2"
TOO_BIG = str(2**63)
HUGE = "9" * 30
MANY = "&".join(f"p{n}=1" for n in range(1001))  # one past DATA_UPLOAD_MAX_NUMBER_FIELDS


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize("pk", [TOO_BIG, HUGE, "0"])
@pytest.mark.parametrize("url", ["/items/{}/", "/items/{}/voices/", "/items/{}/takedown/", "/items/{}/region-tags/",
                                 "/items/{}/history/", "/items/{}/visibility/", "/items/{}/withdraw/",
                                 "/contribute/batches/{}/"])
def test_a_page_for_an_id_past_the_largest_is_not_found(curator, url, pk):
    assert signed_in(curator).get(url.format(pk)).status_code == 404


@pytest.mark.parametrize("pk", [SUPERSCRIPT_TWO, TOO_BIG, HUGE])
def test_the_search_page_explains_a_bad_place_id(client, pk):
    response = client.get("/search/", {"place": pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "is not the number of a record" in response.content.decode()


def test_the_search_page_explains_a_bad_id_in_welsh(client):
    response = client.get("/search/", {"place": SUPERSCRIPT_TWO, "decade": "1955", "sort": "colour"},
                          HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 400
    page = response.content.decode()
    assert "yn rhif cofnod" in page and "yn ddegawd fel 1950" in page and "Trefn anhysbys" in page
    assert "is not" not in page and "Unknown sort" not in page


def test_the_search_page_explains_too_many_places_naming_the_limit(client):
    response = client.get("/search/", {"place": [str(n) for n in range(1, 401)]}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Too many values" in html and f"at most {MAX_FACET_VALUES}" in html
    assert "not available" not in html  # not an outage


@pytest.mark.parametrize("debug", [False, True])
def test_a_page_asked_with_too_many_parameters_answers_400_in_words(client, debug):
    with override_settings(DEBUG=debug):
        response = client.get(f"/search/?{MANY}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Too many parameters: at most 1000" in html
    assert "Traceback" not in html and "TooManyFieldsSent" not in html
    assert "Content-Security-Policy" in response.headers  # answered through every middleware, like a page


def test_the_400_page_is_in_welsh_for_welsh_readers(client):
    response = client.get(f"/search/?{MANY}", HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 400
    assert '<html lang="cy">' in response.content.decode()
    assert "Gormod o baramedrau" in response.content.decode()


@pytest.mark.parametrize("debug", [False, True])
def test_a_form_posted_with_too_many_fields_answers_400_in_words(villager, debug):
    client = signed_in(villager, enforce_csrf_checks=True)
    with override_settings(DEBUG=debug):
        response = client.generic("POST", CONTRIBUTE, MANY, content_type="application/x-www-form-urlencoded",
                                  HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Too many parameters" in html and "Traceback" not in html


@pytest.mark.parametrize("field", ["place", "people"])
@pytest.mark.parametrize("pk", [SUPERSCRIPT_TWO, TOO_BIG])
def test_the_contribute_page_shows_a_bad_id_on_its_field(villager, field, pk):
    response = signed_in(villager).post(CONTRIBUTE, form(**{field: pk}), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "We don't know a" in error_of(response.content.decode(), field)
    assert not Item.objects.exists()


# --- Hidden vocabulary: an id typed on an upload reaches only what the uploader may see. ---------------


@pytest.fixture
def hidden(make_user):
    """A place and a person typed only on another member's private item (no one else may see them)."""
    other = make_user("aelod-arall")
    place = Place.objects.create(name_en="Tŷ Cyfrinachol", created_by=other)
    person = Person.objects.create(name="Enw Cyfrinachol", created_by=other)
    item = Item.objects.create(contributor=other, licence="http://creativecommons.org/licenses/by/4.0/",
                               status="ready", moderation="approved", visibility="private", place=place)
    item.people.set([person])
    return {"place": place, "people": person}


@pytest.mark.parametrize("field", ["place", "people"])
def test_the_contribute_page_refuses_the_id_of_a_hidden_place_or_person(villager, hidden, field):
    response = signed_in(villager).post(CONTRIBUTE, form(**{field: str(hidden[field].pk)}), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert "We don't know a" in error_of(html, field)
    assert "Cyfrinachol" not in html


@pytest.mark.parametrize("field", ["place", "people"])
def test_the_contribute_page_takes_the_id_of_a_place_or_person_the_uploader_may_see(villager, hidden, field):
    hidden[field].created_by = villager  # typed by the uploader: theirs to use again
    hidden[field].save()
    response = signed_in(villager).post(CONTRIBUTE, form(**{field: str(hidden[field].pk)}))
    assert response.status_code == 302


def test_a_hidden_place_s_name_typed_on_an_upload_makes_a_new_place(villager, hidden):
    client = signed_in(villager)
    assert client.post(CONTRIBUTE, form(place="tŷ cyfrinachol", files=[_photo()])).status_code == 302
    item = Item.objects.get(contributor=villager)
    assert item.place_id != hidden["place"].pk and item.place.name_cy == "tŷ cyfrinachol"


def _photo():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("llun.jpg", jpeg_bytes(), content_type="image/jpeg")


@pytest.mark.parametrize("pk", [SUPERSCRIPT_TWO, TOO_BIG, HUGE])
@pytest.mark.parametrize("url, data", [
    ("/moderation/", {"action": "approve-item", "item": "{}"}),
    ("/moderation/", {"action": "reject-description", "description": "{}", "reason": "Na"}),
    ("/curate/members/", {"member": "{}"}),
    ("/curate/vocabulary/", {"action": "approve-subject", "subject": "{}", "label_cy": "A", "label_en": "A"}),
    ("/curate/takedowns/", {"request": "{}", "action": "hold"}),
])
def test_a_curator_s_form_naming_a_bad_id_is_not_found(curator, url, data, pk):
    response = signed_in(curator).post(url, {key: value.format(pk) for key, value in data.items()})
    assert response.status_code == 404


@pytest.mark.parametrize("pk", [SUPERSCRIPT_TWO, TOO_BIG])
def test_approving_a_bad_id_among_others_approves_nothing_and_says_so(curator, pk):
    response = signed_in(curator).post("/moderation/", {"action": "approve-selected", "items": [pk]})
    assert response.status_code == 400


def test_a_form_posted_with_too_many_files_answers_400_naming_the_limit(villager, settings):
    files = [_photo() for _ in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)]
    response = signed_in(villager).post(CONTRIBUTE, form(files=files), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert f"Too many files: at most {settings.DATA_UPLOAD_MAX_NUMBER_FILES}" in response.content.decode()


def test_another_bad_request_is_a_400_that_shows_nothing_of_it(client):
    response = client.get("/search/", HTTP_HOST="not-this-archive.example")  # a host not in ALLOWED_HOSTS
    assert response.status_code == 400
    assert "not-this-archive" not in response.content.decode()
