"""Blurring a region after a takedown decision: every display copy and tile over it is remade, the original kept."""
import io

import numpy as np
from PIL import Image

from archive.models import Asset, Derivative, Item, TakedownRequest
from archive.models.moderation import Moderation
from archive.services.takedown import takedown_request_create, takedown_resolve
from ingest.fixity import path_sha256
from ingest.redaction import redactions_apply
from tests.conftest import wait_for_status
from tests.ingest.conftest import leftovers, media, upload_file
from tests.search.conftest import wait_until

REGION = [400, 100, 300, 300]  # x, y, w, h: inside the first full-size tile (0–511) and the next (512–1023)


def detailed(width: int, height: int, seed: int = 0) -> Image.Image:
    """A picture full of fine detail (6-pixel squares of random colours), as a face close up has."""
    cells = np.random.default_rng(seed).integers(0, 256, (height // 6 + 1, width // 6 + 1, 3), dtype=np.uint8)
    return Image.fromarray(cells).resize((cells.shape[1] * 6, cells.shape[0] * 6), Image.Resampling.NEAREST).crop(
        (0, 0, width, height))


def _variance(picture: Image.Image, box) -> float:
    return float(np.asarray(picture.convert("L").crop(box), dtype=np.float64).var())


def test_redactions_apply_makes_a_region_unrecognisable_and_leaves_the_rest():
    picture = detailed(800, 600, seed=3)
    before = picture.copy()
    redactions_apply(picture, [[100, 100, 200, 200], [700, 500, 500, 500]])  # the second is clipped at the edge
    box = (100, 100, 300, 300)
    assert _variance(picture, box) < _variance(before, box) / 10
    assert np.array_equal(np.asarray(picture.crop((400, 0, 650, 400))), np.asarray(before.crop((400, 0, 650, 400))))


def _photo_bytes() -> bytes:
    buffer = io.BytesIO()
    detailed(1600, 1000, seed=5).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def _open(relative: str) -> Image.Image:
    with Image.open(media(relative)) as image:
        return image.convert("RGB")


def test_blurring_a_region_remakes_tiles_and_thumbnail_and_keeps_the_original(worker, post_files, curator):
    body = post_files(curator, [upload_file("cor.jpg", _photo_bytes())])
    item = wait_for_status(Item.objects.get(pk=body["items"][0]["id"]))
    assert item.status == Item.Status.READY
    Item.objects.filter(pk=item.pk).update(moderation=Moderation.APPROVED)
    asset = Asset.objects.get(item=item)
    original_sha = asset.sha256
    tiles_dir = Derivative.objects.get(asset=asset, kind="tiles").path
    thumb = Derivative.objects.get(asset=asset, kind="thumbnail")
    scale = thumb.width / asset.width
    x, y, w, h = REGION
    thumb_box = (round(x * scale), round(y * scale), round((x + w) * scale), round((y + h) * scale))
    tile_a, tile_b = f"{tiles_dir}/0,0,512,512/512,512/0/default.jpg", f"{tiles_dir}/512,0,512,512/512,512/0/default.jpg"
    far_tile = f"{tiles_dir}/1024,512,512,488/512,488/0/default.jpg"
    before = {"a": _variance(_open(tile_a), (x, y, 512, y + h)), "b": _variance(_open(tile_b), (0, y, x + w - 512, y + h)),
              "thumb": _variance(_open(thumb.path), thumb_box), "far": _open(far_tile)}

    request = takedown_request_create(item, "That is my face.", email="fi@example.org", asset=asset, region=REGION)
    takedown_resolve(request, curator, TakedownRequest.Resolution.BLUR_REGION, "Blurred as you asked.")
    item.refresh_from_db()
    assert item.held_for_review  # hidden until the blur is done
    wait_until(lambda: not Item.objects.get(pk=item.pk).held_for_review, timeout=60, message="the blur")

    asset.refresh_from_db()
    assert asset.redactions == [REGION]
    assert _variance(_open(tile_a), (x, y, 512, y + h)) < before["a"] / 10
    assert _variance(_open(tile_b), (0, y, x + w - 512, y + h)) < before["b"] / 10
    assert _variance(_open(thumb.path), thumb_box) < before["thumb"] / 10
    far = np.asarray(_open(far_tile), dtype=np.int16) - np.asarray(before["far"], dtype=np.int16)
    assert np.abs(far).mean() < 2  # the rest of the picture is as it was
    assert path_sha256(media(asset.original.name)) == original_sha == asset.sha256  # the original is untouched
    assert leftovers() == []
