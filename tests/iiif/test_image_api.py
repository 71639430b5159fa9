"""The Image API 3 level-0 service: info.json with its public id, the static tiles, CORS and errors."""
import io

import pytest
from PIL import Image

from archive.models import Item

from .conftest import IMAGE_TYPE, get_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(make_item):
    """A public photo of 1200 × 800 (three levels: 1200 × 800 in tiles, 600 × 400 and 300 × 200 whole)."""
    return make_item(title_en="Colliery")


def service(item) -> str:
    return f"/iiif/3/{item.assets.get().pk}"


def test_info_json_has_the_public_id_and_everything_a_viewer_needs(client, photo):
    response = get_json(client, f"{service(photo)}/info.json")
    info = response.data
    assert response["Content-Type"] == IMAGE_TYPE
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Link"] == '<http://iiif.io/api/image/3/level0.json>;rel="profile"'
    assert info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert info["id"] == f"http://testserver{service(photo)}"  # not the stored /media/… path
    assert (info["type"], info["protocol"], info["profile"]) == ("ImageService3", "http://iiif.io/api/image", "level0")
    assert (info["width"], info["height"]) == (1200, 800)
    assert info["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4]}]
    assert info["sizes"] == [{"width": 300, "height": 200}, {"width": 600, "height": 400}]
    # The full size is not stored whole: "max" is the largest stored size, and says so.
    assert (info["maxWidth"], info["maxHeight"]) == (600, 400)


def test_base_uri_redirects_to_info_json(client, photo):
    response = client.get(service(photo))
    assert response.status_code == 303
    assert response["Location"] == f"{service(photo)}/info.json"
    assert response["Access-Control-Allow-Origin"] == "*"


def _jpeg(response) -> Image.Image:
    picture = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert picture.format == "JPEG"
    return picture


def test_tiles_and_sizes_are_served_from_the_stored_files(client, photo):
    base = service(photo)
    for path, size in [("0,0,512,512/512,512/0/default.jpg", (512, 512)),
                       ("1024,512,176,288/176,288/0/default.jpg", (176, 288)),
                       ("0,0,1024,800/512,400/0/default.jpg", (512, 400)),
                       ("1024,0,176,800/88,400/0/default.jpg", (88, 400)),
                       ("full/300,200/0/default.jpg", (300, 200)),
                       ("full/300,/0/default.jpg", (300, 200)),  # w, as well as w,h
                       ("full/max/0/default.jpg", (600, 400))]:
        response = client.get(f"{base}/{path}")
        assert response.status_code == 200, path
        assert response["Content-Type"] == "image/jpeg"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cache-Control"] == "public, no-cache"
        assert _jpeg(response).size == size, path


def test_a_small_picture_has_its_full_size_as_max(client, make_item):
    item = make_item(pictures=[(400, 300)])
    info = get_json(client, f"{service(item)}/info.json").data
    assert "maxWidth" not in info
    response = client.get(f"{service(item)}/full/max/0/default.jpg")
    assert response.status_code == 200 and _jpeg(response).size == (400, 300)
    # max of a region the service does not store: a plain 404, not a server error
    for path in ("pct:10,10,10,10/max/0/default.jpg", "square/max/0/default.jpg"):
        assert client.get(f"{service(item)}/{path}").status_code == 404, path


@pytest.mark.parametrize("path, status", [
    ("full/full/0/default.jpg", 400),  # "full" is not a size in version 3
    ("nonsense", 400),
    ("full/max/0/default.png", 404),  # level 0: jpg only
    ("full/max/90/default.jpg", 404),  # level 0: no rotation
    ("full/max/0/gray.jpg", 404),
    ("0,0,100,100/100,100/0/default.jpg", 404),  # a region that is not a stored tile
    ("pct:10,10,10,10/max/0/default.jpg", 404),
    ("../../../etc/passwd", 400),
])
def test_requests_a_level_0_service_cannot_answer(client, photo, path, status):
    response = client.get(f"{service(photo)}/{path}")
    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"


def test_unknown_asset_and_asset_without_tiles(client, make_item):
    assert client.get("/iiif/3/999999/info.json").status_code == 404
    no_tiles = make_item(tiles=False)
    assert client.get(f"{service(no_tiles)}/info.json").status_code == 404
    assert client.get(f"{service(no_tiles)}/full/max/0/default.jpg").status_code == 404


def test_cors_preflight_and_unsafe_methods(client, photo):
    preflight = client.options(f"{service(photo)}/info.json", HTTP_ORIGIN="https://viewer.example",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                               HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert client.post(f"{service(photo)}/info.json").status_code == 405


def test_conditional_requests_for_tiles_and_info(client, photo):
    for path in ("info.json", "full/300,200/0/default.jpg"):
        first = client.get(f"{service(photo)}/{path}")
        again = client.get(f"{service(photo)}/{path}", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, path
        since = client.get(f"{service(photo)}/{path}", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert since.status_code == 304, path
    # Caches must ask again each time, and once the item is withdrawn the answer is no longer "unchanged".
    tile = client.get(f"{service(photo)}/full/300,200/0/default.jpg")
    assert "no-cache" in tile["Cache-Control"]
    photo.status = Item.Status.WITHDRAWN
    photo.save()
    assert client.get(f"{service(photo)}/full/300,200/0/default.jpg",
                      HTTP_IF_NONE_MATCH=tile["ETag"]).status_code == 410


def test_production_hands_the_bytes_to_nginx(client, photo, settings):
    settings.COFIO_MEDIA_ACCEL_PREFIX = "/protected/"
    asset = photo.assets.get()
    response = client.get(f"{service(photo)}/full/300,200/0/default.jpg")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/iiif/{asset.pk}/full/300,200/0/default.jpg"
    assert response.content == b""
