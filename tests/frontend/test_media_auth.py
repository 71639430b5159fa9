"""Media files answer API clients as the API does: an API token reads its owner's non-public pictures.

The item JSON of a private item lists ``/media/derivatives/…/web.jpg``; the client that read it with
its token must be able to load that picture with the same token. What any visitor may see is open to
viewers on other sites (``Access-Control-Allow-Origin: *``, like the IIIF tiles); the rest is not.
"""
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.authtoken.models import Token

from archive.models import Item
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def _files(item) -> dict[str, str]:
    """Write the item's thumbnail and web copy (real JPEGs) and return their URLs by kind."""
    urls = {}
    for derivative in item.assets.get().derivatives.all():
        full = Path(settings.MEDIA_ROOT) / derivative.path
        full.parent.mkdir(parents=True, exist_ok=True)
        full.write_bytes(jpeg_bytes())
        urls[derivative.kind] = settings.MEDIA_URL + derivative.path
    return urls


def _token(user) -> str:
    return f"Token {Token.objects.create(user=user).key}"


def test_a_token_reads_its_own_private_pictures_and_no_one_else_s(make_item, villager, make_user, api):
    item = make_item(villager, title_en="Mam-gu's kitchen", visibility=Item.Visibility.PRIVATE)
    urls = _files(item)
    mine, theirs = _token(villager), _token(make_user("neighbour"))
    listed = api.get(f"/api/v1/items/{item.pk}/", HTTP_AUTHORIZATION=mine)
    assert listed.status_code == 200 and urls["web"] in str(listed.json())  # what the client was told to load
    client = Client()
    for kind in ("web", "thumbnail"):
        owner = client.get(urls[kind], HTTP_AUTHORIZATION=mine)
        assert owner.status_code == 200 and b"".join(owner.streaming_content) == jpeg_bytes(), kind
        assert owner["Cache-Control"] == "private, max-age=3600"
        assert "Access-Control-Allow-Origin" not in owner  # not for other sites' pages
        assert {"Cookie", "Authorization"} <= {v.strip() for v in owner["Vary"].split(",")}
        assert client.get(urls[kind], HTTP_AUTHORIZATION=theirs).status_code == 404, kind
        assert client.get(urls[kind]).status_code == 404, kind
        assert client.get(urls[kind], HTTP_AUTHORIZATION="Token not-a-token").status_code == 404, kind
    client.force_login(villager)
    assert client.get(urls["web"]).status_code == 200  # the session, as before


def test_a_public_thumbnail_is_open_to_other_sites_and_shared_caches(make_item, villager):
    item = make_item(villager, title_en="The colliery band")
    urls = _files(item)
    response = Client().get(urls["thumbnail"])
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, no-cache"
    again = Client().get(urls["thumbnail"], HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "*"


def test_a_picture_hidden_by_a_takedown_is_not_open_to_other_sites_even_for_its_contributor(make_item, villager):
    item = make_item(villager, image_hidden=True)
    urls = _files(item)
    response = Client().get(urls["thumbnail"], HTTP_AUTHORIZATION=_token(villager))
    assert response.status_code == 200 and "Access-Control-Allow-Origin" not in response
    assert Client().get(urls["thumbnail"]).status_code == 404


def test_iiif_tiles_of_a_private_item_answer_its_owner_s_token_too(make_item, villager, make_user):
    """The IIIF views sign API clients in the same way (a guard: they accepted tokens before too)."""
    from tests.iiif.conftest import write_tiles

    item = make_item(villager, visibility=Item.Visibility.PRIVATE)
    asset = item.assets.get()
    write_tiles(asset, 600, 400)
    info, tile = f"/iiif/3/{asset.pk}/info.json", f"/iiif/3/{asset.pk}/full/max/0/default.jpg"
    mine, theirs = _token(villager), _token(make_user("neighbour"))
    for url in (info, tile):
        assert Client().get(url, HTTP_AUTHORIZATION=mine).status_code == 200, url
        assert Client().get(url, HTTP_AUTHORIZATION=theirs).status_code == 404, url
        assert Client().get(url).status_code == 404, url
