"""Manifests cached per item version, with the ETag and Last-Modified of that version.

A version is the item's id and ``updated_at`` (which :mod:`archive.iiif.receivers` moves whenever
anything a manifest shows changes), plus the host the links are made for and the builder's own
version. A changed item therefore has a new key: nothing needs deleting, and stale entries age out.
Access is decided before anything here is asked.
"""
import hashlib

from django.core.cache import cache

from .links import Links
from .presentation import manifest_json
from .sources import item_for_manifest

BUILDER_VERSION = 2  # bump when the manifests' shape changes, so that cached ones are not served
TIMEOUT = 7 * 24 * 3600


def manifest_version(item_id: int, updated_at, links: Links) -> str:
    """A short digest naming one version of one item's manifest for one host."""
    raw = f"{BUILDER_VERSION}|{item_id}|{updated_at.isoformat()}|{links.base}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def manifest_etag(version: str) -> str:
    """The ETag of a manifest version."""
    return f'"m{version}"'


def _key(version: str) -> str:
    return f"iiif:manifest:{version}"


def manifest_cached(item_id: int, updated_at, links: Links) -> bytes | None:
    """The JSON of the manifest of this item version, built and cached when it is not cached yet.

    None when the item has gone (deleted between the access check and now).
    """
    key = _key(manifest_version(item_id, updated_at, links))
    body = cache.get(key)
    if body is None:
        source = item_for_manifest(item_id)
        if source is None:
            return None
        body = manifest_json(source, links).encode()
        cache.set(key, body, TIMEOUT)
    return body
