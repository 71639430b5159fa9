"""IIIF Image API 3 level-0 static tiles: a pyramid of 512 px JPEG tiles and its info.json.

Built from ONE decoded picture: the full-resolution level is tiled, then halved
(2×2 box average, as libvips does) into the next level, and so on until a level fits
in a single tile; no tile ever re-decodes the original. Tiles are encoded on a few
threads (Pillow releases the GIL while it encodes).

Layout under the asset's directory (what OpenSeadragon, Mirador and the Universal
Viewer request from a level-0 service; the same layout as libvips ``dzsave
--layout iiif3``)::

    info.json
    {x},{y},{w},{h}/{sw},{sh}/0/default.jpg   a tile: region in full-size pixels, size at its scale factor
    full/{w},{h}/0/default.jpg                each level that fits one tile, and each size in info.json
    full/max/0/default.jpg                    only when the whole picture fits one tile

``info.json`` is written last, so its presence means the pyramid is complete. Its
``id`` is the path-absolute URL of the directory (``/media/iiif/<asset id>`` by
default): the view serving IIIF rewrites it to an absolute URL for the request's host.
"""
import json
import math
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

TILE = 512
QUALITY = 80
LARGEST_SIZE = 1024  # levels no bigger than this are also written whole, and listed in "sizes"
THREADS = max(1, min(4, os.cpu_count() or 1))


@dataclass
class Pyramid:
    """What was written: the picture's size, its scale factors and sizes, and how many files."""

    width: int
    height: int
    scale_factors: list[int]
    sizes: list[tuple[int, int]]
    files: int
    display_source: Image.Image | None = field(default=None, repr=False)


def scale_factors(width: int, height: int, tile: int = TILE) -> list[int]:
    """1, 2, 4 … up to the first factor at which the whole picture fits in one tile."""
    factors = [1]
    while math.ceil(width / factors[-1]) > tile or math.ceil(height / factors[-1]) > tile:
        factors.append(factors[-1] * 2)
    return factors


def tile_paths(width: int, height: int, tile: int = TILE) -> list[str]:
    """Every file a pyramid of a ``width`` × ``height`` picture consists of, relative to its directory."""
    paths = ["info.json"]
    for factor in scale_factors(width, height, tile):
        level_w, level_h = math.ceil(width / factor), math.ceil(height / factor)
        paths.extend(path for path, _ in _level_files(width, height, factor, level_w, level_h, tile))
    return sorted(set(paths))


def _level_files(width, height, factor, level_w, level_h, tile):
    """(path, crop box in level pixels) for each file of one level."""
    if level_w <= tile and level_h <= tile:
        yield f"full/{level_w},{level_h}/0/default.jpg", (0, 0, level_w, level_h)
        if factor == 1:
            yield "full/max/0/default.jpg", (0, 0, level_w, level_h)
        return
    for y in range(0, level_h, tile):
        for x in range(0, level_w, tile):
            box = (x, y, min(x + tile, level_w), min(y + tile, level_h))
            rx, ry = x * factor, y * factor
            rw, rh = min(tile * factor, width - rx), min(tile * factor, height - ry)
            yield f"{rx},{ry},{rw},{rh}/{box[2] - x},{box[3] - y}/0/default.jpg", box
    if max(level_w, level_h) <= LARGEST_SIZE:
        yield f"full/{level_w},{level_h}/0/default.jpg", (0, 0, level_w, level_h)


def info_json(width: int, height: int, service_id: str, tile: int = TILE) -> dict:
    """The IIIF Image API 3 info.json of a level-0 static pyramid."""
    factors = scale_factors(width, height, tile)
    sizes = sorted({(math.ceil(width / f), math.ceil(height / f)) for f in factors
                    if max(math.ceil(width / f), math.ceil(height / f)) <= max(LARGEST_SIZE, tile)})
    return {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": width,
        "height": height,
        "sizes": [{"width": w, "height": h} for w, h in sizes],
        "tiles": [{"width": tile, "height": tile, "scaleFactors": factors}],
    }


def pyramid_write(picture: Image.Image, directory: Path, service_id: str, *, tile: int = TILE,
                  quality: int = QUALITY, keep_for_display: int = 0, threads: int = THREADS) -> Pyramid:
    """Write the tiles and info.json of ``picture`` (RGB or L, already upright and sRGB) into ``directory``.

    ``keep_for_display``: also return the smallest level whose longer side is at least
    this many pixels (or the full picture), to make display copies from without
    resizing the full-size picture again.
    """
    width, height = picture.size
    directory.mkdir(parents=True, exist_ok=True)
    factors = scale_factors(width, height, tile)
    display_source, files = picture, 0
    made_dirs: set[str] = set()
    pool = ThreadPoolExecutor(max_workers=threads)
    try:
        pending = []
        level = picture
        for factor in factors:
            level_w, level_h = level.size
            for relative, box in _level_files(width, height, factor, level_w, level_h, tile):
                folder = relative.rsplit("/", 1)[0]
                if folder not in made_dirs:
                    (directory / folder).mkdir(parents=True, exist_ok=True)
                    made_dirs.add(folder)
                pending.append(pool.submit(_save_tile, level, box, directory / relative, quality))
                files += 1
            if max(level_w, level_h) >= keep_for_display:
                display_source = level
            if factor != factors[-1]:
                level = level.reduce(2)
        for future in pending:
            future.result()
    finally:  # on any error or a time limit, drop the tiles not yet started rather than finish them
        pool.shutdown(wait=True, cancel_futures=True)
    info = info_json(width, height, service_id, tile)
    _write_json(directory / "info.json", info)
    return Pyramid(width, height, factors, [(s["width"], s["height"]) for s in info["sizes"]], files + 1,
                   display_source if keep_for_display else None)


def _save_tile(level: Image.Image, box: tuple, target: Path, quality: int) -> None:
    region = level if box == (0, 0, *level.size) else level.crop(box)
    region.save(target, "JPEG", quality=quality)


def _write_json(target: Path, data: dict) -> None:
    partial = target.with_name(target.name + ".part")
    partial.write_text(json.dumps(data, indent=2))
    os.replace(partial, target)


def pyramid_publish(picture: Image.Image, directory: Path, service_id: str, **options) -> Pyramid:
    """Build the pyramid beside ``directory`` and swap it into place, replacing any earlier one.

    The working names are fixed (``<dir>.partial``, ``<dir>.old``), so a build cut short
    (a worker killed mid-way) is cleared by the next attempt: no orphan files remain.
    """
    partial, old = _partial_dir(directory), directory.with_name(directory.name + ".old")
    for leftover in (partial, old):
        shutil.rmtree(leftover, ignore_errors=True)
    pyramid = pyramid_write(picture, partial, service_id, **options)
    if directory.exists():
        os.replace(directory, old)
    os.replace(partial, directory)
    shutil.rmtree(old, ignore_errors=True)
    return pyramid


def pyramid_remove(directory: Path) -> None:
    """Remove a pyramid and any half-built copy of it."""
    for path in (directory, _partial_dir(directory), directory.with_name(directory.name + ".old")):
        shutil.rmtree(path, ignore_errors=True)


def _partial_dir(directory: Path) -> Path:
    return directory.with_name(directory.name + ".partial")


def level_image(picture: Image.Image, factor: int) -> Image.Image:
    """The picture at a power-of-two scale factor, as the pyramid makes it (for tests and tools)."""
    level = picture
    while factor > 1:
        level, factor = level.reduce(2), factor // 2
    return level
