"""The IIIF level-0 tile pyramid: the same layout and pixels as libvips' dzsave (IIIF 3), one decode."""
import json

import numpy as np
import pytest
from PIL import Image

from ingest.tiles import LARGEST_SIZE, info_json, level_image, pyramid_publish, pyramid_write, scale_factors, tile_paths
from tests.ingest import samples

pyvips = pytest.importorskip("pyvips")


def files(root):
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("size", [(1300, 700), (512, 512), (513, 200), (300, 2049), (1, 1), (5000, 3333)])
def test_layout_matches_libvips_dzsave_iiif3(tmp_path, size):
    picture = samples.photo(*size, seed=1) if min(size) > 1 else Image.new("RGB", size, (10, 20, 30))
    ours = pyramid_write(picture, tmp_path / "ours", "/media/iiif/1")
    source = tmp_path / "source.png"
    picture.save(source)
    pyvips.Image.new_from_file(str(source)).dzsave(str(tmp_path / "vips"), layout="iiif3", tile_size=512, overlap=0)

    theirs = files(tmp_path / "vips")
    mine = files(tmp_path / "ours")
    assert mine == set(tile_paths(*size)) and ours.files == len(mine)
    assert theirs <= mine  # every file a viewer would ask libvips' pyramid for, ours has too
    extra = mine - theirs
    assert all(path.startswith("full/") for path in extra), extra  # plus whole small sizes ("sizes")
    vips_info = json.loads((tmp_path / "vips/info.json").read_text())
    info = json.loads((tmp_path / "ours/info.json").read_text())
    assert info["tiles"][0]["scaleFactors"] == vips_info["tiles"][0]["scaleFactors"] == scale_factors(*size)
    assert (info["width"], info["height"]) == (vips_info["width"], vips_info["height"]) == size


def test_tiles_hold_the_right_pixels(tmp_path):
    picture = samples.photo(2100, 1400, seed=2)
    pyramid_write(picture, tmp_path, "/x", quality=95)
    pixels = np.asarray(picture, dtype=np.int16)
    # A full-resolution tile, an edge tile at scale factor 2, and the single tile of the smallest level.
    with Image.open(tmp_path / "1536,1024,512,376/512,376/0/default.jpg") as tile:
        assert tile.size == (512, 376)
        assert np.abs(np.asarray(tile, dtype=np.int16) - pixels[1024:1400, 1536:2048]).mean() < 3
    level2 = np.asarray(level_image(picture, 2), dtype=np.int16)
    with Image.open(tmp_path / "2048,1024,52,376/26,188/0/default.jpg") as tile:
        assert tile.size == (26, 188)
        assert np.abs(np.asarray(tile, dtype=np.int16) - level2[512:700, 1024:1050]).mean() < 4
    with Image.open(tmp_path / "full/263,175/0/default.jpg") as smallest:
        reference = picture.resize((263, 175), Image.Resampling.BOX)
        assert np.abs(np.asarray(smallest, dtype=np.int16) - np.asarray(reference, dtype=np.int16)).mean() < 4


def test_info_json_is_iiif_image_3_level_0():
    info = info_json(6000, 4000, "/media/iiif/7")
    assert info == {
        "@context": "http://iiif.io/api/image/3/context.json", "id": "/media/iiif/7", "type": "ImageService3",
        "protocol": "http://iiif.io/api/image", "profile": "level0", "width": 6000, "height": 4000,
        "sizes": [{"width": 375, "height": 250}, {"width": 750, "height": 500}],
        "tiles": [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4, 8, 16]}],
    }
    assert all(max(s["width"], s["height"]) <= LARGEST_SIZE for s in info["sizes"])
    for size in info["sizes"]:  # every listed size exists as a file
        assert f"full/{size['width']},{size['height']}/0/default.jpg" in tile_paths(6000, 4000)


def test_publishing_again_replaces_the_pyramid_and_clears_a_half_built_one(tmp_path):
    target = tmp_path / "iiif" / "5"
    half_built = tmp_path / "iiif" / "5.partial"
    (half_built / "0,0,512,512/512,512/0").mkdir(parents=True)
    (half_built / "0,0,512,512/512,512/0/default.jpg").write_bytes(b"cut short")
    first = pyramid_publish(samples.photo(900, 600), target, "/media/iiif/5")
    assert files(target) == set(tile_paths(900, 600)) and not half_built.exists()
    pyramid_publish(Image.new("RGB", (300, 200), (1, 2, 3)), target, "/media/iiif/5")
    assert files(target) == set(tile_paths(300, 200)) and first.files > len(files(target))
    assert sorted(p.name for p in (tmp_path / "iiif").iterdir()) == ["5"]


def test_greyscale_pictures_make_greyscale_tiles(tmp_path):
    pyramid_write(Image.new("L", (600, 600), 99), tmp_path, "/x")
    with Image.open(tmp_path / "0,0,512,512/512,512/0/default.jpg") as tile:
        assert tile.mode == "L"
