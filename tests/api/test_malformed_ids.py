"""A malformed id in a URL is a 404, never a 500 (every nested or hand-looked-up route)."""
import pytest

pytestmark = pytest.mark.django_db

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
