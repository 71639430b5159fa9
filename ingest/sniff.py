"""What a file really is, from its first and last bytes — never from its name.

``file_sniff`` returns the accepted image format (Pillow's name for it) or raises
IngestError with a reason a contributor can act on: not an image at all (a PDF,
a web page, an SVG drawing…), an image format the archive does not take, an
empty file, or a picture with another file hidden inside it (a polyglot, such as
a JPEG that is also a zip archive).
"""
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import IngestError

HEAD_BYTES = 4096
ZIP_TAIL_BYTES = 65536 + 22  # a zip's end record sits within the last 64 KiB + 22 bytes


@dataclass(frozen=True)
class Sniffed:
    """An accepted image format: Pillow's format name and the media type recorded for the asset."""

    format: str
    media_type: str


ACCEPTED = {
    "JPEG": "image/jpeg", "PNG": "image/png", "TIFF": "image/tiff", "WEBP": "image/webp", "GIF": "image/gif",
}
HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}
HEIF_BRANDS = {b"mif1", b"msf1", b"mif2"}
AVIF_BRANDS = {b"avif", b"avis"}
VIDEO_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"qt  ", b"M4V ", b"M4VH",
                b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"avc1", b"dash", b"f4v ", b"MSNV"}
AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P "}

# Magic numbers at the very start of a file: (prefix, accepted format or refused kind, is_image).
MAGIC = [
    (b"\xff\xd8\xff", "JPEG", True),
    (b"\x89PNG\r\n\x1a\n", "PNG", True),
    (b"GIF87a", "GIF", True),
    (b"GIF89a", "GIF", True),
    (b"II*\x00", "TIFF", True),
    (b"MM\x00*", "TIFF", True),
    (b"II+\x00", "TIFF", True),   # BigTIFF
    (b"MM\x00+", "TIFF", True),
    (b"BM", "bmp", True),
    (b"8BPS", "psd", True),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "jpeg2000", True),
    (b"\xff\x4f\xff\x51", "jpeg2000", True),
    (b"\x00\x00\x01\x00", "icon", True),
    (b"FUJIFILMCCD-RAW", "raw", True),
    (b"%PDF", "pdf", False),
    (b"PK\x03\x04", "zip", False),
    (b"PK\x05\x06", "zip", False),
    (b"Rar!\x1a\x07", "archive", False),
    (b"7z\xbc\xaf\x27\x1c", "archive", False),
    (b"\x1f\x8b", "archive", False),
    (b"BZh", "archive", False),
    (b"\xfd7zXZ\x00", "archive", False),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office", False),
    (b"{\\rtf", "office", False),
    (b"ID3", "audio", False),
    (b"OggS", "audio", False),
    (b"fLaC", "audio", False),
    (b"\x1a\x45\xdf\xa3", "video", False),  # Matroska / WebM
    (b"MZ", "program", False),
    (b"\x7fELF", "program", False),
]
# Raw formats that are TIFF underneath: Pillow would show their tiny preview, so refuse them.
RAW_TIFF_MARKERS = [(8, b"CR"), (0, b"IIRO"), (0, b"IIU\x00"), (0, b"MMOR")]


def file_sniff(path: Path, size: int | None = None) -> Sniffed:
    """The accepted image format of the file at ``path``, judged from its bytes; IngestError if refused."""
    size = path.stat().st_size if size is None else size
    if size == 0:
        raise IngestError("empty")
    with open(path, "rb") as f:
        head = f.read(HEAD_BYTES)
        f.seek(max(0, size - ZIP_TAIL_BYTES))
        tail = f.read(ZIP_TAIL_BYTES)
    sniffed = bytes_sniff(head)
    if _is_zip(path, tail):
        raise IngestError("hidden_content", kind="zip")
    return sniffed


def bytes_sniff(head: bytes) -> Sniffed:
    """The accepted image format of a file starting with ``head``; IngestError naming what it is otherwise."""
    if not head:
        raise IngestError("empty")
    if head[4:8] == b"ftyp":
        return _iso_media(head)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed("WEBP", ACCEPTED["WEBP"])
    if head[:4] == b"RIFF":
        raise IngestError("not_an_image", kind="audio" if head[8:12] == b"WAVE" else "video")
    for prefix, what, is_image in MAGIC:
        if head.startswith(prefix) and (not _weak(prefix) or b"\x00" in head[:64]):
            if what == "TIFF" and any(head[at:at + len(m)] == m for at, m in RAW_TIFF_MARKERS):
                raise IngestError("unsupported_image", kind="raw")
            if what in ACCEPTED:
                return Sniffed(what, ACCEPTED[what])
            raise IngestError("unsupported_image" if is_image else "not_an_image", kind=what)
    raise IngestError("not_an_image", **({"kind": kind} if (kind := _text_kind(head)) else {}))


def _weak(prefix: bytes) -> bool:
    """A short, printable magic number ("BM", "MZ", "ID3") that ordinary text can start with."""
    return len(prefix) <= 3 and prefix.isascii() and prefix.decode("ascii").isprintable()


def _iso_media(head: bytes) -> Sniffed:
    """HEIC/HEIF photos, and the other ISO media files (videos, AVIF, raw) that share their box format."""
    box_size = int.from_bytes(head[:4], "big")
    brands = {head[8:12]}
    end = min(max(box_size, 16), len(head))
    brands.update(head[i:i + 4] for i in range(16, end - 3, 4))
    if brands & HEIC_BRANDS:
        return Sniffed("HEIF", "image/heic")
    if brands & AVIF_BRANDS:
        raise IngestError("unsupported_image", kind="avif")
    if brands & HEIF_BRANDS:
        return Sniffed("HEIF", "image/heif")
    if b"crx " in brands:
        raise IngestError("unsupported_image", kind="raw")
    if brands & AUDIO_BRANDS:
        raise IngestError("not_an_image", kind="audio")
    raise IngestError("not_an_image", kind="video")


def _text_kind(head: bytes) -> str | None:
    """What a file that is not binary looks like: a web page, an SVG drawing, XML, or plain text."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    lowered = text[:1024].lower()
    if b"<svg" in lowered and (lowered.startswith(b"<") or lowered.startswith(b"<?xml")):
        return "svg"
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<meta", b"<!--")) \
            or b"<html" in lowered:
        return "html"
    if lowered.startswith(b"<?xml"):
        return "xml"
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a multi-byte character cut at the end
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return None
    return "text"


def _is_zip(path: Path, tail: bytes) -> bool:
    """Whether the file is also a readable zip archive (its end record at the end, its directory valid)."""
    if b"PK\x05\x06" not in tail:
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return bool(archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False

