"""The Image API 3 level-0 service over the static tiles the ingest pipeline writes.

For each picture the pipeline writes, under ``MEDIA_ROOT/<tiles derivative path>/``, an
``info.json`` and ``{region}/{size}/0/default.jpg`` files (see ``ingest/tiles.py``) and records a
``Derivative(kind="tiles")``. This module reads them; it never decides access (the views ask
:mod:`archive.access`) and never makes pixels: at level 0 a request is answered only from a file
that exists.

- :func:`public_info`: the stored info.json with ``id`` set to the public service URL; when the
  full-size picture is not among the stored files, ``maxWidth``/``maxHeight`` say how big ``max``
  is, so that ``full/max`` always names a real file.
- :func:`tile_file`: the file for an image request, or why there is none (400 for a request that
  is not Image API syntax, 404 for one this picture's files cannot answer).
"""
import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from archive.models import Derivative

CONTEXT = "http://iiif.io/api/image/3/context.json"
MEDIA_TYPE = f'application/ld+json;profile="{CONTEXT}"'
PROFILE = "level0"

# region / size / rotation / quality.format — the Image API 3 syntax (anything else is a 400).
REQUEST = re.compile(
    r"^(?P<region>full|square|\d+,\d+,\d+,\d+|pct:[\d.]+,[\d.]+,[\d.]+,[\d.]+)"
    r"/(?P<size>\^?(?:max|\d+,|,\d+|\d+,\d+|!\d+,\d+|pct:[\d.]+))"
    r"/(?P<rotation>!?\d+(?:\.\d+)?)"
    r"/(?P<quality>default|color|gray|bitonal)\.(?P<format>jpg|jpeg|tif|tiff|png|gif|jp2|pdf|webp)$"
)
SAFE_PATH = re.compile(r"^iiif/[\w-]+$")


class ImageRequestError(Exception):
    """An image request that cannot be answered: ``status`` 400 (not Image API syntax) or 404."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def tiles_directory(derivative: Derivative) -> Path | None:
    """The folder of a tiles derivative under MEDIA_ROOT (None for a path that is not a tiles folder)."""
    if derivative.kind != Derivative.Kind.TILES or not SAFE_PATH.match(derivative.path or ""):
        return None
    return Path(settings.MEDIA_ROOT) / derivative.path


def stored_info(directory: Path | None) -> dict | None:
    """The info.json the pipeline wrote (None while the pyramid is not complete or is unreadable)."""
    if directory is None:
        return None
    try:
        return json.loads((directory / "info.json").read_text())
    except (OSError, ValueError):
        return None


def _sizes(info: dict) -> list[tuple[int, int]]:
    return [(int(s["width"]), int(s["height"])) for s in info.get("sizes") or []]


def max_size(info: dict) -> tuple[int, int]:
    """How big ``full/max`` is: the full size when it is stored, else the largest stored size."""
    full = (int(info["width"]), int(info["height"]))
    sizes = _sizes(info)
    if full in sizes or not sizes:
        return full
    return max(sizes, key=lambda size: size[0] * size[1])


def public_info(info: dict, service_id: str) -> dict:
    """The info.json to serve: the stored one with its public ``id`` (and ``max`` bounds when needed)."""
    public = {"@context": CONTEXT, **info, "id": service_id, "type": "ImageService3", "protocol":
              "http://iiif.io/api/image", "profile": PROFILE}
    public.pop("@id", None)
    width, height = max_size(info)
    if (width, height) != (info["width"], info["height"]):
        public["maxWidth"], public["maxHeight"] = width, height
    return public


def image_url(service_id: str, size: tuple[int, int] | None = None) -> str:
    """The URL of the whole picture at a stored ``size`` (``max`` when None)."""
    return f"{service_id}/full/{'max' if size is None else f'{size[0]},{size[1]}'}/0/default.jpg"


def thumbnail_size(info: dict, at_least: int = 200) -> tuple[int, int]:
    """The smallest stored size whose longer side is at least ``at_least`` pixels (or the largest one)."""
    sizes = sorted(_sizes(info), key=lambda size: max(size))
    for size in sizes:
        if max(size) >= at_least:
            return size
    return sizes[-1] if sizes else max_size(info)


@dataclass(frozen=True)
class ImageRequest:
    """An image request, parsed."""

    region: str
    size: str
    rotation: str
    quality: str
    format: str

    @classmethod
    def parse(cls, path: str) -> "ImageRequest":
        """``{region}/{size}/{rotation}/{quality}.{format}``; ImageRequestError(400) when it is not that."""
        match = REQUEST.match(path)
        if not match:
            raise ImageRequestError(400, "Not an Image API request: {region}/{size}/{rotation}/{quality}.{format}.")
        return cls(**match.groupdict())


def tile_file(directory: Path, info: dict, path: str) -> Path:
    """The stored file that answers image request ``path`` (raises ImageRequestError otherwise)."""
    request = ImageRequest.parse(path)
    if request.rotation != "0" or request.quality != "default" or request.format != "jpg":
        raise ImageRequestError(404, "This level-0 service has only rotation 0, quality default and format jpg.")
    width, height = int(info["width"]), int(info["height"])
    region = request.region
    if region == "square" and width == height:
        region = "full"
    if region == f"0,0,{width},{height}":
        region = "full"
    size = request.size
    if size == "max":
        if region == "full":
            whole = directory / "full/max/0/default.jpg"
            if whole.is_file():
                return whole
            size = "{},{}".format(*max_size(info))
        elif max_size(info) == (width, height) and not region.startswith(("pct:", "square")):
            x, y, w, h = (int(v) for v in region.split(","))  # pct: and square are refused below
            size = f"{w},{h}"
    elif re.fullmatch(r"\d+,|,\d+", size):
        size = _complete_size(directory / region, size)
    candidate = directory / region / size / "0" / "default.jpg"
    if region.startswith(("pct:", "square")) or not candidate.is_file():
        raise ImageRequestError(404, "This level-0 service has no such region and size; see info.json.")
    return candidate


def _complete_size(folder: Path, size: str) -> str:
    """``w,`` or ``,h`` → the stored ``w,h`` of that region with that width (or height), if there is one."""
    width, height = size.split(",")
    try:
        stored = [entry.name for entry in folder.iterdir() if entry.is_dir()]
    except OSError:
        return size
    for name in stored:
        w, _, h = name.partition(",")
        if (width and w == width) or (height and h == height):
            return name
    return size
