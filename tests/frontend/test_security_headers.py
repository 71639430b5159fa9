"""Every answer carries a Content-Security-Policy and a Permissions-Policy, and keeps Django's own headers.

The browser test (test_csp_browser.py) checks that the pages work under the policy; this one that no page
type, API answer, IIIF answer or media file goes out without it, and that a view can allow itself a
browser feature (a walking trail's page will ask for the walker's location) without opening it elsewhere.
"""
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path

from archive.models import Batch, TakedownRequest
from archive.search.indexing import index_rebuild
from config.headers import permissions_policy
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


@permissions_policy(geolocation=["self"])
def _walking(request):
    """A stand-in for the walking mode of a trail: the one kind of page that may ask where the walker is."""
    return HttpResponse("walking")


# This module is also the URLconf of the test that needs the stand-in page (pytest.mark.urls).
urlpatterns = [path("test-walking/", _walking), path("", include("config.urls"))]


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def _features(header: str) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in header.split(","))


@pytest.fixture
def pages(make_item, villager, curator, make_user):
    """Every kind of page and answer, as ``(client, path)``: signed out, as a member and as a curator."""
    index_rebuild()  # a fresh, empty search index for the search page
    item = make_item(villager, title_en="Côr y pentref")
    derivative = item.assets.get().derivatives.get(kind="thumbnail")
    full = Path(settings.MEDIA_ROOT) / derivative.path
    full.parent.mkdir(parents=True, exist_ok=True)
    full.write_bytes(jpeg_bytes())
    batch = Batch.objects.create(contributor=villager)
    TakedownRequest.objects.create(item=item, reason="Please")
    admin = make_user("keeper", role="curator", is_staff=True, is_superuser=True)
    visitor, member, keeper = Client(), Client(), Client()
    member.force_login(villager)
    keeper.force_login(admin)
    return [(visitor, url) for url in (
        "/", "/search/", f"/items/{item.pk}/", f"/items/{item.pk}/takedown/", "/accounts/login/",
        "/accounts/signup/", "/no-such-page/", "/api/v1/", "/api/v1/items/", f"/api/v1/items/{item.pk}/",
        "/api/v1/docs/", "/api/v1/redoc/", "/api/v1/schema/", "/admin/login/", f"/iiif/items/{item.pk}/manifest",
        "/iiif/collection", settings.MEDIA_URL + derivative.path, "/sitemap.xml", "/healthz",
    )] + [(member, url) for url in (
        "/contribute/", f"/contribute/batches/{batch.pk}/", "/contribute/mine/",
    )] + [(keeper, url) for url in (
        f"/items/{item.pk}/history/", "/moderation/", "/curate/takedowns/", "/curate/members/",
        "/curate/vocabulary/", "/admin/", "/admin/archive/item/",
    )]


def test_every_answer_carries_the_policies_and_django_s_own_headers(pages):
    for client, url in pages:
        response = client.get(url, HTTP_ACCEPT="text/html,*/*;q=0.8")  # as a browser asks
        assert response.status_code in (200, 404), (url, response.status_code)  # /no-such-page/: 404
        policy = _directives(response.get("Content-Security-Policy", ""))
        assert policy.get("default-src") == ["'self'"], (url, policy)
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], url
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"], url
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], url
        features = _features(response.get("Permissions-Policy", ""))
        assert features["geolocation"] == "()" and features["camera"] == "()", (url, features)
        assert features["microphone"] == "()" and features["payment"] == "()" and features["usb"] == "()", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        if response["Content-Type"].startswith("text/html"):
            assert response["X-Frame-Options"] == "DENY", url


def test_the_site_s_own_pages_allow_no_inline_code_at_all(client, make_item, villager):
    item = make_item(villager, title_en="Côr y pentref")
    for url in ("/", f"/items/{item.pk}/", "/accounts/login/"):
        policy = _directives(client.get(url)["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], (url, policy)
        # styles: Cofio's own files, and the one element the deep-zoom viewer adds, by its hash
        assert policy["style-src"][0] == "'self'" and all(v.startswith("'sha256-") for v in policy["style-src"][1:])
        assert policy["img-src"] == ["'self'"], url


def test_only_the_api_docs_page_that_needs_it_may_add_styles_as_it_runs(client):
    redoc = _directives(client.get("/api/v1/redoc/")["Content-Security-Policy"])
    swagger = _directives(client.get("/api/v1/docs/")["Content-Security-Policy"])
    assert "'unsafe-inline'" in redoc["style-src"] and "'unsafe-inline'" not in swagger["style-src"]
    for policy in (redoc, swagger):  # their scripts run by the page's nonce, never by 'unsafe-inline'
        assert any(value.startswith("'nonce-") for value in policy["script-src"])
        assert "'unsafe-inline'" not in policy["script-src"]


@pytest.mark.urls(__name__)
def test_a_view_may_allow_itself_the_walker_s_location_and_no_other_page_gets_it(client):
    walking = _features(client.get("/test-walking/")["Permissions-Policy"])
    assert walking["geolocation"] == "(self)" and walking["camera"] == "()"
    assert _features(client.get("/")["Permissions-Policy"])["geolocation"] == "()"


def test_iiif_answers_stay_open_to_viewers_on_other_sites(client, make_item, villager):
    item = make_item(villager, title_en="Côr y pentref")
    response = client.get(f"/iiif/items/{item.pk}/manifest", HTTP_ORIGIN="https://viewer.example.org")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    assert "Content-Security-Policy" in response
