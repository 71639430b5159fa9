"""Stored XSS: words posted through the API are data everywhere they are shown, never markup.

A description (and a teller's name) holding script and an image with an ``onerror`` handler is posted
through the API, then read back from the API JSON, the item page, the curators' moderation page and
the item's IIIF manifest.
"""
import json

import pytest

from archive.licences import LICENCES
from archive.models import Asset, Derivative, Item

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
TELLER = '"><script>alert(2)</script>'
RAW_MARKUP = ("<script>alert(", "<img src=x", "onerror=alert(1)>")


@pytest.fixture
def item(villager):
    """A public, ready, approved item with a picture (so its manifest has a canvas)."""
    item = Item.objects.create(contributor=villager, licence=LICENCES[0].uri, consent=True, status=Item.Status.READY,
                               moderation="approved", title_en="The choir", accession_number="COF-000777")
    sha = f"{item.pk:064x}"
    asset = Asset.objects.create(item=item, original=f"originals/{sha[:2]}/{sha[2:4]}/{sha}", size_bytes=1000,
                                 original_filename="llun.jpg", sha256=sha, media_type="image/jpeg", width=1200,
                                 height=800)
    for kind, width, height in (("thumbnail", 400, 267), ("web", 1200, 800)):
        Derivative.objects.create(asset=asset, kind=kind, path=f"derivatives/{item.pk}/{asset.pk}/{kind}.jpg",
                                  media_type="image/jpeg", width=width, height=height)
    return item


def _post(api, user, item, **extra):
    api.force_authenticate(user)
    response = api.post(f"/api/v1/items/{item.pk}/descriptions/",
                        {"text": PAYLOAD, "kind": "memory", "language": "en", **extra}, format="json")
    api.force_authenticate(None)
    assert response.status_code == 201, response.content
    return response.json()


def _assert_escaped(html: str):
    assert ESCAPED in html
    for markup in RAW_MARKUP:
        assert markup not in html, markup


def test_words_are_data_in_the_api_and_escaped_on_the_item_page(api, client, item, villager):
    posted = _post(api, villager, item)
    assert posted["text"] == PAYLOAD  # stored and returned exactly as written: data, not HTML
    response = api.get(posted["url"])
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["text"] == PAYLOAD
    page = client.get(f"/items/{item.pk}/")
    assert page.status_code == 200
    _assert_escaped(page.content.decode())


def test_a_tellers_name_is_escaped_in_the_credit(api, client, item, curator):
    _post(api, curator, item, teller_name=TELLER)
    html = client.get(f"/items/{item.pk}/").content.decode()
    assert "told by &quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;, written down by" in html
    assert "<script>alert(2)" not in html


def test_waiting_words_are_escaped_on_the_moderation_page_and_the_authors_view(api, client, item, make_user,
                                                                              curator):
    newcomer = make_user("newcomer")
    assert _post(api, newcomer, item)["moderation"] == "pending"
    client.force_login(curator)
    moderation = client.get("/moderation/")
    assert moderation.status_code == 200
    _assert_escaped(moderation.content.decode())
    client.force_login(newcomer)  # the author sees their own waiting words on the item page
    html = client.get(f"/items/{item.pk}/").content.decode()
    _assert_escaped(html)


def test_words_are_a_plain_text_value_in_the_manifest(api, client, item, villager):
    _post(api, villager, item)
    response = client.get(f"/iiif/items/{item.pk}/manifest")
    assert response.status_code == 200
    manifest = json.loads(response.content)
    bodies = [annotation["body"] for page in manifest["items"][0]["annotations"] for annotation in page["items"]]
    [voice] = [body for body in bodies if body["value"] == PAYLOAD]
    assert voice["format"] == "text/plain"
    assert ESCAPED not in response.content.decode()  # not HTML-escaped either: a viewer shows it as text
