"""A malformed id in a URL is a 404, never a 500 (every nested or hand-looked-up route)."""
import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]  # SQLite overflows on large ids too

URLS = [
    "/api/v1/items/abc/descriptions/",
    "/api/v1/items/abc/region-tags/",
    "/api/v1/items/abc/history/",
    "/api/v1/people/abc/",
    "/api/v1/places/abc/",
    "/api/v1/subjects/abc/",
    "/api/v1/places/abc/names/",
    "/api/v1/members/abc/",
    "/api/v1/takedown-requests/abc/",
    "/api/v1/batches/abc/",
]


@pytest.mark.parametrize("url", URLS)
def test_a_malformed_id_is_not_found(api, curator, url):
    api.force_authenticate(curator)
    assert api.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/api/v1/takedown-requests/abc/hold/", "/api/v1/people/abc/merge/",
                                 "/api/v1/members/abc/approve/", "/api/v1/items/1/region-tags/abc/approve/"])
def test_a_malformed_id_in_an_action_is_not_found(api, curator, url):
    api.force_authenticate(curator)
    assert api.post(url, {"into": 1}, format="json").status_code == 404


# --- Ids that look like numbers but are not ids: "²" (isdigit() accepts it, int() refuses it) and
# numbers past 2**63 - 1 (the largest bigint: past it the database driver overflows). ---------------

SUPERSCRIPT_TWO = "\u00b2"
TOO_BIG = str(2**63)  # one past the largest id
HUGE = "9" * 30


@pytest.mark.parametrize("pk", [TOO_BIG, HUGE])
@pytest.mark.parametrize("url", ["/api/v1/items/{}/", "/api/v1/people/{}/", "/api/v1/places/{}/",
                                 "/api/v1/subjects/{}/", "/api/v1/items/{}/descriptions/",
                                 "/api/v1/items/{}/region-tags/", "/api/v1/batches/{}/",
                                 "/api/v1/takedown-requests/{}/", "/api/v1/members/{}/"])
def test_an_id_past_the_largest_is_not_found(api, curator, url, pk):
    api.force_authenticate(curator)
    assert api.get(url.format(pk)).status_code == 404


@pytest.mark.parametrize("pk", [SUPERSCRIPT_TWO, TOO_BIG, "0", "-1", "1.0"])
def test_more_like_this_refuses_a_bad_item_id_naming_the_parameter(api, pk):
    response = api.get("/api/v1/search/more-like-this/", {"item": pk})
    assert response.status_code == 400
    assert "item" in response.json()


@pytest.mark.parametrize("pk", [SUPERSCRIPT_TWO, TOO_BIG])
def test_a_takedown_request_for_a_bad_item_id_is_a_400_naming_the_item(api, pk):
    response = api.post("/api/v1/takedown-requests/", {"item": pk, "reason": "Fy llun i yw hwn."}, format="json")
    assert response.status_code == 400
    assert "item" in response.json()


def test_a_takedown_request_naming_a_bad_picture_is_a_400_naming_the_asset(api):
    response = api.post("/api/v1/takedown-requests/", {"item": 1, "asset": TOO_BIG, "reason": "Fy llun i."},
                        format="json")
    assert response.status_code == 400
    assert "asset" in response.json()


@pytest.mark.parametrize("field", ["place", "people", "subjects"])
@pytest.mark.parametrize("pk", [SUPERSCRIPT_TWO, TOO_BIG])
def test_an_upload_naming_a_bad_id_is_a_400_naming_the_field(api, villager, field, pk):
    api.force_authenticate(villager)
    response = api.post("/api/v1/items/", {field: pk}, format="multipart")
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("pk", [SUPERSCRIPT_TWO, TOO_BIG, HUGE])
@pytest.mark.parametrize("path", ["", "/info.json", "/full/max/0/default.jpg", "/0,0,256,256/256,/0/default.jpg"])
def test_an_image_service_with_a_bad_id_is_not_found(client, db, pk, path):
    assert client.get(f"/iiif/3/{pk}{path}").status_code == 404


@pytest.mark.parametrize("url", ["/iiif/items/{}/manifest", "/iiif/items/{}/search?q=capel",
                                 "/iiif/items/{}/autocomplete?q=ca", "/iiif/items/{}/linked-data",
                                 "/iiif/collection/{}"])
@pytest.mark.parametrize("pk", [SUPERSCRIPT_TWO, TOO_BIG, HUGE, "0"])
def test_iiif_routes_with_a_bad_id_or_page_are_not_found(client, db, url, pk):
    assert client.get(url.format(pk)).status_code == 404


@pytest.mark.parametrize("pk", [SUPERSCRIPT_TWO, TOO_BIG, HUGE])
def test_a_search_by_a_bad_place_id_is_a_400_naming_the_place(client, db, pk):
    response = client.get("/api/v1/search/", {"place": pk})
    assert response.status_code == 400
    assert "place" in response.json()


def test_a_search_selecting_too_many_values_of_a_facet_is_a_400_naming_it_and_the_limit(client, db):
    response = client.get("/api/v1/search/", {"place": [str(n) for n in range(1, 401)]})
    assert response.status_code == 400
    body = response.json()
    assert "place" in body and "50" in str(body["place"])


def test_a_search_selecting_as_many_values_as_allowed_is_answered(client, db):
    from archive.search.indexing import index_rebuild
    from archive.search.registry import MAX_FACET_VALUES

    index_rebuild()  # a fresh, empty index behind this run's alias
    response = client.get("/api/v1/search/", {"place": [str(n) for n in range(1, MAX_FACET_VALUES + 1)]})
    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/items/", "/api/v1/search/", "/api/v1/people/"])
def test_a_query_with_too_many_parameters_is_a_400_saying_so(client, db, url):
    query = "&".join(f"p{n}=1" for n in range(1001))
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "parameters" in response.json()["detail"]


def test_a_form_with_too_many_fields_sent_to_the_api_is_a_400_saying_so(api, villager):
    api.force_authenticate(villager)
    body = "&".join(f"p{n}=1" for n in range(1001))
    response = api.generic("POST", "/api/v1/items/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "fields" in response.json()["detail"] or "parameters" in response.json()["detail"]


def test_a_takedown_request_with_an_absurd_region_is_a_400_naming_the_region(api, villager):
    from archive.models import Asset, Item

    item = Item.objects.create(contributor=villager, licence="http://creativecommons.org/licenses/by/4.0/",
                               status="ready", moderation="approved")
    Asset.objects.create(item=item, original="originals/aa/bb/x", size_bytes=10, original_filename="llun.jpg",
                         sha256="ab" * 32, media_type="image/jpeg", width=1200, height=800)
    response = api.post("/api/v1/takedown-requests/", {"item": item.pk, "reason": "Fy wyneb i.",
                                                       "region": [10**400, 0, 10, 10]}, format="json")
    assert response.status_code == 400
    assert "region" in response.json()


def test_an_upload_of_too_many_files_at_once_is_a_400_naming_the_limit(api, villager, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api.force_authenticate(villager)
    files = [SimpleUploadedFile(f"{n}.jpg", b"\xff\xd8\xff\xd9", content_type="image/jpeg")
             for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)]
    response = api.post("/api/v1/items/", {"files": files}, format="multipart")
    assert response.status_code == 400
    assert f"at most {settings.DATA_UPLOAD_MAX_NUMBER_FILES}" in response.json()["detail"]
