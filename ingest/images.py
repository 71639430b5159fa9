"""Opening an original safely, and turning each of its pages into an upright sRGB picture for display.

Everything that could exhaust a worker is checked from the file's headers before a
single pixel is decoded: bytes, pixels, absurd shapes, metadata, number of pages.
Each page is then decoded exactly once; display derivatives and tiles are all
made from that one decoded picture. The original file is only ever read.
"""
import io
import logging
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import ExifTags, Image, ImageCms

from .errors import IngestError
from .metadata import metadata_bytes
from .sniff import Sniffed

log = logging.getLogger(__name__)

# Pillow's exceptions for undecodable data are many and varied; all of them mean "damaged".
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError, AttributeError,
                 ArithmeticError, RuntimeError, AssertionError, UnicodeDecodeError)
TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
             5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
             8: Image.Transpose.ROTATE_90}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Limits:
    """What a worker will take on; every value configurable in settings (COFIO_MAX_*)."""

    max_bytes: int = 100 * 1024 * 1024
    max_pixels: int = 200_000_000
    max_side: int = 65_500
    max_aspect: float = 50.0
    max_metadata_bytes: int = 4 * 1024 * 1024
    max_pages: int = 100

    @classmethod
    def from_settings(cls) -> "Limits":
        """The limits configured for this deployment."""
        from django.conf import settings

        return cls(max_bytes=settings.COFIO_MAX_INGEST_BYTES, max_pixels=settings.COFIO_MAX_PIXELS,
                   max_side=settings.COFIO_MAX_IMAGE_SIDE, max_aspect=settings.COFIO_MAX_ASPECT_RATIO,
                   max_metadata_bytes=settings.COFIO_MAX_METADATA_BYTES, max_pages=settings.COFIO_MAX_PAGES)


def _too_large(en: str, cy: str) -> IngestError:
    return IngestError("too_large", detail_en=en, detail_cy=cy)


def size_check(size: int, limits: Limits) -> None:
    """Refuse a file bigger than the byte limit."""
    if size > limits.max_bytes:
        mb, limit = round(size / 1e6, 1), round(limits.max_bytes / 1e6, 1)
        raise _too_large(f"{mb} MB; the most the archive takes is {limit} MB",
                         f"{mb} MB; y mwyaf y mae'r archif yn ei dderbyn yw {limit} MB")


def dimensions_check(width: int, height: int, limits: Limits) -> None:
    """Refuse pictures with more pixels than the limit (decompression bombs), then absurd shapes."""
    if width * height > limits.max_pixels:
        mp, limit = round(width * height / 1e6), limits.max_pixels // 1_000_000
        raise _too_large(f"{width} × {height} pixels, {mp} megapixels; the most the archive takes is {limit}",
                         f"{width} × {height} picsel, {mp} megapicsel; y mwyaf y mae'r archif yn ei dderbyn yw "
                         f"{limit}")
    if width < 1 or height < 1 or max(width, height) > limits.max_side \
            or max(width, height) / min(width, height) > limits.max_aspect:
        raise IngestError("bad_dimensions", width=width, height=height)


def image_open(path: Path, sniffed: Sniffed, limits: Limits) -> Image.Image:
    """Open the original lazily (headers only) as the sniffed format, after the metadata check."""
    meta = metadata_bytes(path, sniffed.format)
    _metadata_check(meta, limits)
    Image.MAX_IMAGE_PIXELS = limits.max_pixels  # Pillow's own bomb check, as a second line of defence
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path, formats=[sniffed.format])
    except Image.DecompressionBombError as exc:
        raise _too_large(f"more than {limits.max_pixels // 1_000_000} megapixels",
                         f"mwy na {limits.max_pixels // 1_000_000} megapicsel") from exc
    except MemoryError as exc:
        raise _too_large("it needs more memory than the archive has", "mae angen mwy o gof nag sydd gan yr archif") \
            from exc
    except DECODE_ERRORS as exc:
        if "MAX_TEXT" in str(exc):  # a PNG text chunk that decompresses to megabytes
            raise IngestError("metadata_too_large", megabytes=round(limits.max_metadata_bytes / 1e6, 1)) from exc
        log.info("could not open %s as %s: %r", path, sniffed.format, exc)
        raise IngestError("damaged") from exc
    if sniffed.format not in ("JPEG", "PNG"):
        try:
            meta = metadata_bytes(path, sniffed.format, image)
        except DECODE_ERRORS as exc:
            image.close()
            raise IngestError("damaged") from exc
        try:
            _metadata_check(meta, limits)
        except IngestError:
            image.close()
            raise
    return image


def _metadata_check(size: int, limits: Limits) -> None:
    if size > limits.max_metadata_bytes:
        raise IngestError("metadata_too_large", megabytes=round(size / 1e6, 1))


def image_pages(image: Image.Image, sniffed: Sniffed, limits: Limits) -> list[tuple[int, int, int]]:
    """The frames to show, as (frame index, width, height): every full page of a TIFF, the first frame otherwise.

    Every page's size is checked here, before anything is decoded.
    """
    pages = []
    try:
        frames = getattr(image, "n_frames", 1) if sniffed.format == "TIFF" else 1
        if frames > limits.max_pages:
            raise _too_large(f"{frames} pages; the most the archive takes is {limits.max_pages}",
                             f"{frames} tudalen; y mwyaf y mae'r archif yn ei dderbyn yw {limits.max_pages}")
        for index in range(frames):
            if index:
                image.seek(index)
            if index and int(getattr(image, "tag_v2", {}).get(254, 0) or 0) & 1:
                continue  # a reduced-resolution copy of another page (NewSubfileType), not a page
            dimensions_check(*image.size, limits)
            pages.append((index, *image.size))
        if frames > 1:
            image.seek(0)
    except IngestError:
        raise
    except DECODE_ERRORS as exc:
        raise IngestError("damaged") from exc
    return pages


def page_decode(image: Image.Image, index: int) -> Image.Image:
    """Decode frame ``index`` once and return it upright, in sRGB, as RGB or L, with no metadata attached."""
    try:
        if index or getattr(image, "n_frames", 1) > 1:
            image.seek(index)
        orientation = _orientation(image)
        icc = image.info.get("icc_profile")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
        picture = _to_srgb(_display_mode(image), icc)
        if orientation in TRANSPOSE:
            picture = picture.transpose(TRANSPOSE[orientation])
    except MemoryError as exc:
        raise _too_large("it needs more memory than the archive has", "mae angen mwy o gof nag sydd gan yr archif") \
            from exc
    except DECODE_ERRORS as exc:
        log.info("could not decode frame %s: %r", index, exc)
        raise IngestError("damaged") from exc
    picture.info = {}  # nothing of the original's EXIF, XMP, ICC or comments goes into what is shown
    return picture


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1–8); HEIF decoders apply it themselves, so it counts as 1 there."""
    if image.format == "HEIF":
        return 1
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _display_mode(image: Image.Image) -> Image.Image:
    """RGB, CMYK (converted later, with its profile) or L; transparency flattened onto white; 16-bit to 8-bit."""
    mode = image.mode
    if mode in ("RGB", "L", "CMYK"):
        return image
    if mode.startswith("I"):  # 16-bit (I;16, I;16B…) or 32-bit integer greyscale: keep the top 8 bits
        data = np.asarray(image)
        if mode == "I" and data.max(initial=0) <= 255:
            return Image.fromarray(data.clip(0, 255).astype(np.uint8))
        return Image.fromarray((data.clip(0, 65535) >> 8).astype(np.uint8))
    if mode == "F":
        data = np.asarray(image)
        scale = 255.0 if data.max(initial=0) <= 1.0 else 255.0 / 65535.0
        return Image.fromarray((data * scale).clip(0, 255).astype(np.uint8))
    if mode == "1":
        return image.convert("L")
    if mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info:
        grey = mode in ("LA", "La")
        rgba = image if mode == "RGBA" else image.convert("LA" if grey else "RGBA")
        background = Image.new("L" if grey else "RGB", rgba.size, 255 if grey else (255, 255, 255))
        background.paste(rgba.convert("L" if grey else "RGB"), mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _to_srgb(picture: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert RGB and CMYK pictures with an embedded ICC profile to sRGB; CMYK without one naively."""
    if picture.mode == "L":
        return picture
    if icc and picture.mode in ("RGB", "CMYK"):
        try:
            transform = _transform_to_srgb(bytes(icc), picture.mode)
        except (OSError, ImageCms.PyCMSError, ValueError, TypeError) as exc:
            log.info("ignoring an unusable ICC profile: %r", exc)
            transform = None
        if transform is not None and picture.mode == "RGB":
            ImageCms.applyTransform(picture, transform, inPlace=True)
            return picture
        if transform is not None:
            return ImageCms.applyTransform(picture, transform)
    return picture.convert("RGB") if picture.mode != "RGB" else picture


@lru_cache(maxsize=16)
def _transform_to_srgb(icc: bytes, mode: str):
    """A colour transform from the profile ``icc`` to sRGB (None when it already is sRGB); cached per profile."""
    profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    if mode == "RGB" and "srgb" in (ImageCms.getProfileDescription(profile) or "").lower().replace(" ", ""):
        return None
    return ImageCms.buildTransform(profile, SRGB, mode, "RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL)
