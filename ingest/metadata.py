"""What a file says about itself: how much metadata it carries, and what the camera recorded.

``metadata_bytes`` measures the metadata before anything is decoded (a guard against
files stuffed with megabytes of EXIF or text); ``camera_metadata`` reads the date
taken, the camera, the orientation and the GPS position from EXIF, falling back to
XMP. Nothing here changes the file; the original is never modified.
"""
import math
import re
import struct
from datetime import datetime
from pathlib import Path

from PIL import ExifTags, Image

# Segment and chunk walks stop after this many entries (a file of endless tiny segments).
MAX_ENTRIES = 100_000
# TIFF tags that locate the image data rather than describe it.
TIFF_DATA_TAGS = {273, 279, 324, 325}  # StripOffsets, StripByteCounts, TileOffsets, TileByteCounts
EARLIEST_PHOTO_YEAR = 1826


def metadata_bytes(path: Path, image_format: str, image: Image.Image | None = None) -> int:
    """Bytes of metadata (EXIF, XMP, ICC, comments, text) in the file, counted without decoding pixels."""
    if image_format == "JPEG":
        return _jpeg_metadata_bytes(path)
    if image_format == "PNG":
        return _png_metadata_bytes(path)
    if image is None:
        return 0
    total = sum(_size(image.info.get(key)) for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile",
                                                        "comment", "extension"))
    if image_format == "TIFF" and hasattr(image, "tag_v2"):
        total += sum(_size(value) for tag, value in image.tag_v2.items() if tag not in TIFF_DATA_TAGS)
    if image_format == "HEIF":
        total += sum(_size(block.get("data")) for block in image.info.get("metadata") or [] if isinstance(block, dict))
    return total


def _size(value) -> int:
    if value is None:
        return 0
    if isinstance(value, (bytes, bytearray, str)):
        return len(value)
    if isinstance(value, (tuple, list)):
        return sum(_size(v) for v in value)
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values())
    return 8


def _jpeg_metadata_bytes(path: Path) -> int:
    """Sum of the APPn and COM segments before the image data starts."""
    total = 0
    with open(path, "rb") as f:
        if f.read(2) != b"\xff\xd8":
            return 0
        for _ in range(MAX_ENTRIES):
            byte = f.read(1)
            while byte == b"\xff":  # fill bytes
                byte = f.read(1)
            if not byte:
                break
            marker = byte[0]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                continue
            if marker in (0xDA, 0xD9):  # start of scan, end of image
                break
            raw = f.read(2)
            if len(raw) < 2:
                break
            length = struct.unpack(">H", raw)[0]
            if 0xE0 <= marker <= 0xEF or marker == 0xFE:
                total += length
            f.seek(length - 2, 1)
    return total


def _png_metadata_bytes(path: Path) -> int:
    """Sum of the ancillary chunks (text, EXIF, ICC…) anywhere in the file."""
    total = 0
    with open(path, "rb") as f:
        f.seek(8)
        for _ in range(MAX_ENTRIES):
            header = f.read(8)
            if len(header) < 8:
                break
            length, kind = struct.unpack(">I4s", header)
            if kind == b"IEND":
                break
            if kind[:1].islower():  # ancillary chunk
                total += length
            f.seek(length + 4, 1)
    return total


def camera_metadata(image: Image.Image) -> dict:
    """What the camera recorded: ``date_taken`` (ISO), ``camera``, ``orientation``, ``gps`` — each only if known.

    EXIF first (DateTimeOriginal: when the picture was taken, not when it was scanned or
    edited), then XMP (exif:DateTimeOriginal, photoshop:DateCreated).
    """
    found = {}
    try:
        exif = image.getexif()
    except Exception:  # a broken EXIF block must not stop the picture being shown
        exif = Image.Exif()
    try:
        sub = exif.get_ifd(ExifTags.IFD.Exif)
    except Exception:
        sub = {}
    if taken := _exif_datetime(sub.get(ExifTags.Base.DateTimeOriginal)):
        found["date_taken"] = taken
    camera = " ".join(_clean(exif.get(tag)) for tag in (ExifTags.Base.Make, ExifTags.Base.Model)).strip()
    if camera:
        found["camera"] = _camera_name(camera)
    orientation = exif.get(ExifTags.Base.Orientation)
    if isinstance(orientation, int) and 1 <= orientation <= 8:
        found["orientation"] = orientation
    try:
        gps = _exif_gps(exif.get_ifd(ExifTags.IFD.GPSInfo))
    except Exception:
        gps = None
    xmp = _xmp_text(image)
    if xmp:
        if "date_taken" not in found and (taken := _xmp_date(xmp)):
            found["date_taken"] = taken
        if "camera" not in found and (camera := _xmp_camera(xmp)):
            found["camera"] = camera
        gps = gps or _xmp_gps(xmp)
    if gps:
        found["gps"] = gps
    return found


def _clean(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value or "").replace("\x00", "").strip()[:100]


def _camera_name(make_model: str) -> str:
    """'Apple Apple iPhone 12' → 'Apple iPhone 12' (many cameras repeat the make in the model)."""
    words = make_model.split()
    if len(words) > 1 and words[1].lower().startswith(words[0].lower()):
        words = words[1:]
    return " ".join(words)[:120]


def _exif_datetime(value) -> str | None:
    """'2019:07:04 14:03:00' → '2019-07-04T14:03:00'; None for blank ('0000:00:00') or impossible dates."""
    match = re.match(r"(\d{4})[:-](\d{2})[:-](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?", _clean(value))
    if not match:
        return None
    try:
        stamp = datetime(*(int(p or 0) for p in match.groups()))
    except ValueError:
        return None
    return stamp.isoformat() if EARLIEST_PHOTO_YEAR <= stamp.year <= datetime.now().year + 1 else None


def _ratio(value) -> float:
    if isinstance(value, tuple) and len(value) == 2:
        return value[0] / value[1] if value[1] else math.nan
    return float(value)


def _exif_gps(gps: dict) -> dict | None:
    """Decimal degrees from the EXIF GPS block; None when absent, broken, or the 0,0 of no fix."""
    try:
        lat = _degrees(gps[ExifTags.GPS.GPSLatitude], gps.get(ExifTags.GPS.GPSLatitudeRef, "N"), "S")
        lon = _degrees(gps[ExifTags.GPS.GPSLongitude], gps.get(ExifTags.GPS.GPSLongitudeRef, "E"), "W")
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    result = _position(lat, lon)
    if result and ExifTags.GPS.GPSAltitude in gps:
        try:
            altitude = _ratio(gps[ExifTags.GPS.GPSAltitude])
            below = gps.get(ExifTags.GPS.GPSAltitudeRef) in (1, b"\x01")
            if math.isfinite(altitude):
                result["altitude"] = round(-altitude if below else altitude, 1)
        except (TypeError, ValueError, ZeroDivisionError):
            pass
    return result


def _degrees(parts, ref, negative: str) -> float:
    values = [_ratio(p) for p in (parts if isinstance(parts, (tuple, list)) else [parts])]
    degrees = sum(v / 60 ** i for i, v in enumerate(values[:3]))
    return -degrees if _clean(ref).upper().startswith(negative) else degrees


def _position(lat: float, lon: float) -> dict | None:
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        return None
    if abs(lat) < 1e-6 and abs(lon) < 1e-6:
        return None
    return {"latitude": round(lat, 6), "longitude": round(lon, 6)}


def _xmp_text(image: Image.Image) -> str:
    raw = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    return raw[:1_000_000]


def _xmp_value(xmp: str, name: str) -> str | None:
    """The value of an XMP property written as an attribute or as a simple element."""
    match = re.search(rf'{re.escape(name)}\s*=\s*"([^"]*)"', xmp) or \
        re.search(rf"<{re.escape(name)}>([^<]*)</{re.escape(name)}>", xmp)
    return match.group(1).strip() if match else None


def _xmp_date(xmp: str) -> str | None:
    for name in ("exif:DateTimeOriginal", "photoshop:DateCreated"):
        value = _xmp_value(xmp, name)
        if value and (match := re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?)?)?", value)):
            year = int(match[1])
            if not EARLIEST_PHOTO_YEAR <= year <= datetime.now().year + 1:
                continue
            try:
                parts = [int(p) if p else d for p, d in zip(match.groups()[1:], (1, 1, 0, 0, 0))]
                stamp = datetime(year, *parts)
            except ValueError:
                continue
            precise = match[3] is not None
            return stamp.isoformat() if precise else value[:7]
    return None


def _xmp_camera(xmp: str) -> str | None:
    camera = " ".join(v for v in (_xmp_value(xmp, "tiff:Make"), _xmp_value(xmp, "tiff:Model")) if v).strip()
    return _camera_name(camera) if camera else None


def _xmp_gps(xmp: str) -> dict | None:
    """XMP writes positions as 'DDD,MM.mmmmR' or 'DDD,MM,SSR'."""
    def coordinate(name: str, negative: str) -> float:
        """Decimal degrees of one XMP coordinate; ValueError if absent or malformed."""
        value = _xmp_value(xmp, name) or ""
        match = re.fullmatch(r"(\d+),(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?([NSEW])", value.replace(" ", ""))
        if not match:
            raise ValueError(value)
        degrees = int(match[1]) + float(match[2]) / 60 + float(match[3] or 0) / 3600
        return -degrees if match[4] == negative else degrees

    try:
        return _position(coordinate("exif:GPSLatitude", "S"), coordinate("exif:GPSLongitude", "W"))
    except ValueError:
        return None
