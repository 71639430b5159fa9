"""Rate limits: contributions are throttled per account (per IP address for visitors) with a plain 429."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from archive.licences import LICENCES
from archive.models import Description, Item

from ..conftest import jpeg_bytes


@pytest.fixture
def low_rates(settings):
    """Two contributions an hour; counts start from nothing."""
    cache.clear()
    rates = {"contribute": "2/hour", "takedown": "1/hour"}
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        yield
    cache.clear()


@pytest.fixture
def item(villager):
    return Item.objects.create(contributor=villager, licence=LICENCES[0].uri, consent=True, status=Item.Status.READY,
                               moderation="approved", title_en="The choir")


def _describe(api, item, text="Words"):
    return api.post(f"/api/v1/items/{item.pk}/descriptions/", {"text": text}, format="json")


def test_the_limit_bites_per_account_with_a_plain_429(low_rates, api, item, villager, make_user):
    api.force_authenticate(villager)
    assert _describe(api, item, "One").status_code == 201
    assert _describe(api, item, "Two").status_code == 201
    refused = _describe(api, item, "Three")
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("You have sent a lot in a short time. Please wait a little")
    assert int(refused["Retry-After"]) > 0
    assert Description.objects.count() == 2  # nothing was saved for the refused one
    assert api.get(f"/api/v1/items/{item.pk}/descriptions/").status_code == 200  # reading is never limited
    api.force_authenticate(make_user("someone-else"))
    assert _describe(api, item, "Their own count").status_code == 201


def test_the_limit_is_in_welsh_for_a_welsh_reader(low_rates, api, item, villager):
    api.force_authenticate(villager)
    for text in ("One", "Two"):
        _describe(api, item, text)
    refused = api.post(f"/api/v1/items/{item.pk}/descriptions/", {"text": "Tri"}, format="json",
                       HTTP_ACCEPT_LANGUAGE="cy")
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Rydych wedi anfon llawer mewn amser byr")


def test_uploads_count_towards_the_same_limit(low_rates, api, item, villager):
    api.force_authenticate(villager)
    assert _describe(api, item, "One").status_code == 201
    upload = {"files": [_jpeg("a.jpg")], "licence": LICENCES[0].uri, "consent": "true"}
    assert api.post("/api/v1/items/", upload, format="multipart").status_code == 202
    again = {"files": [_jpeg("b.jpg")], "licence": LICENCES[0].uri, "consent": "true"}
    assert api.post("/api/v1/items/", again, format="multipart").status_code == 429


def test_the_item_page_form_shares_the_limit(low_rates, client, api, item, villager):
    api.force_authenticate(villager)
    for text in ("One", "Two"):
        assert _describe(api, item, text).status_code == 201
    client.force_login(villager)
    response = client.post(f"/items/{item.pk}/voices/", {"text": "Three", "kind": "memory", "language": "en"})
    assert response.status_code == 429
    assert "You have sent a lot in a short time" in response.content.decode()
    assert Description.objects.count() == 2


def _jpeg(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, jpeg_bytes(), content_type="image/jpeg")
