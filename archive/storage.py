"""Write-once, content-addressed storage of original files."""
import hashlib

from django.core.files.base import File
from django.core.files.storage import default_storage

CHUNK = 1024 * 1024


def file_sha256(fileobj) -> tuple[str, int]:
    """SHA-256 (hex) and size in bytes of a file object, read in chunks; leaves it rewound."""
    digest = hashlib.sha256()
    size = 0
    fileobj.seek(0)
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    fileobj.seek(0)
    return digest.hexdigest(), size


def original_path(sha256: str) -> str:
    """Where the original with this digest lives, relative to the media root."""
    return f"originals/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def original_store(fileobj, sha256: str) -> str:
    """Store ``fileobj`` under its content address, once; returns the storage name.

    An original already stored with the same digest is identical and is never
    rewritten, so originals are write-once by construction.
    """
    name = original_path(sha256)
    if default_storage.exists(name):
        return name
    fileobj.seek(0)
    saved = default_storage.save(name, File(fileobj))
    if saved != name:
        # Another request stored the same bytes at the same moment: keep theirs.
        default_storage.delete(saved)
    return name
