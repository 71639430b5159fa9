"""Who may have manifests, info.json, tiles and search answers: the archive's access rules, everywhere."""
import pytest

from archive.models import Item
from archive.services import item_withdraw

pytestmark = pytest.mark.django_db


def surfaces(item) -> dict[str, str]:
    """Every IIIF URL of an item."""
    asset = item.assets.get()
    return {
        "manifest": f"/iiif/items/{item.pk}/manifest",
        "linked data": f"/iiif/items/{item.pk}/linked-data",
        "search": f"/iiif/items/{item.pk}/search?q=capel",
        "autocomplete": f"/iiif/items/{item.pk}/autocomplete?q=cap",
        "info.json": f"/iiif/3/{asset.pk}/info.json",
        "tile": f"/iiif/3/{asset.pk}/full/300,200/0/default.jpg",
    }


def statuses(client, item) -> dict[str, int]:
    return {name: client.get(url).status_code for name, url in surfaces(item).items()}


def every(status: int) -> dict[str, int]:
    return dict.fromkeys(["manifest", "linked data", "search", "autocomplete", "info.json", "tile"], status)


def test_public_item_is_open_to_everyone(client, make_item):
    assert statuses(client, make_item()) == every(200)


def test_members_only_item_asks_visitors_to_sign_in(client, make_item, make_user):
    item = make_item(visibility=Item.Visibility.MEMBERS)
    assert statuses(client, item) == every(401)
    response = client.get(surfaces(item)["manifest"])
    assert "WWW-Authenticate" in response and response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["detail"]["cy"] and response.json()["detail"]["en"]
    client.force_login(make_user("member"))
    assert statuses(client, item) == every(200)
    tile = client.get(surfaces(item)["tile"])
    assert tile["Cache-Control"] == "private, no-cache"  # never in a shared cache
    manifest = client.get(surfaces(item)["manifest"])
    assert manifest["Cache-Control"] == "private, no-cache"


def test_private_item_is_not_revealed(client, make_item, make_user, villager, curator):
    item = make_item(visibility=Item.Visibility.PRIVATE)
    assert statuses(client, item) == every(404)
    client.force_login(make_user("member"))
    assert statuses(client, item) == every(404)
    client.force_login(villager)  # its contributor
    assert statuses(client, item) == every(200)
    client.force_login(curator)
    assert statuses(client, item) == every(200)


def test_item_not_processed_yet_is_only_for_its_contributor_and_curators(client, make_item, villager):
    item = make_item(status=Item.Status.PROCESSING)
    assert statuses(client, item) == every(404)
    client.force_login(villager)
    assert client.get(surfaces(item)["manifest"]).status_code == 200


def test_withdrawn_item_is_gone(client, make_item, curator, make_user):
    item = make_item()
    item_withdraw(item, curator, reason="consent withdrawn")
    assert statuses(client, item) == every(410)
    client.force_login(curator)
    assert statuses(client, item) == every(410)
    private = make_item(visibility=Item.Visibility.PRIVATE)
    Item.objects.filter(pk=private.pk).update(status=Item.Status.WITHDRAWN)
    client.logout()
    assert statuses(client, private) == every(404)  # a withdrawn private item is not revealed either


def test_no_such_item(client):
    for url in ("/iiif/items/999999/manifest", "/iiif/items/999999/search?q=x", "/iiif/3/999999/info.json"):
        response = client.get(url)
        assert response.status_code == 404 and response["Access-Control-Allow-Origin"] == "*"


def test_tiles_are_never_plain_media_files(client, make_item, curator):
    item = make_item(visibility=Item.Visibility.PRIVATE)
    asset = item.assets.get()
    for user in (None, curator):
        if user:
            client.force_login(user)
        for path in (f"/media/iiif/{asset.pk}/info.json", f"/media/iiif/{asset.pk}/full/300,200/0/default.jpg"):
            assert client.get(path).status_code == 404, path
    public = make_item()
    assert client.get(f"/media/iiif/{public.assets.get().pk}/info.json").status_code == 404


def test_api_token_lets_a_harvester_in(client, make_item, make_user):
    from rest_framework.authtoken.models import Token

    item = make_item(visibility=Item.Visibility.MEMBERS)
    token = Token.objects.create(user=make_user("harvester"))
    url = surfaces(item)["manifest"]
    assert client.get(url, HTTP_AUTHORIZATION="Token not-a-token").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
