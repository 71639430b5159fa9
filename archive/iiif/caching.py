"""Manifests cached per item version, with the ETag and Last-Modified of that version.

A version is the item's id and ``updated_at`` (which :mod:`archive.iiif.receivers` moves whenever
anything a manifest shows changes), plus the host the links are made for and the builder's own
version. A changed item therefore has a new key: nothing needs deleting, and stale entries age out.
Access is decided before anything here is asked.
"""
import hashlib

from django.core.cache import cache

from archive.trail_selectors import trail_stops_for

from .links import Links
from .presentation import manifest_json
from .sources import item_for_manifest
from .trails import trail_for_manifest, trail_manifest_json

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


# --- Story trails ---------------------------------------------------------------------------
# A trail's manifest depends on the trail's version (``Trail.updated_at``, which archive.trail_changes moves
# whenever the trail, a stop, an author or an item a stop uses changes) and on the reader only through which
# stops they are shown (archive.iiif.trails.stops_shown_for): a withdrawal makes a new key in the same request.

TRAIL_BUILDER_VERSION = 1  # bump when the trail manifests' shape changes


def trail_manifest_version(trail_id: int, updated_at, shown_key: str, links: Links) -> str:
    """A short digest naming one version of one trail's manifest, for one view of its stops and one host."""
    raw = f"{TRAIL_BUILDER_VERSION}|{trail_id}|{updated_at.isoformat()}|{shown_key}|{links.base}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def trail_manifest_etag(version: str) -> str:
    """The ETag of a trail manifest version."""
    return f'"t{version}"'


def trail_manifest_cached(trail, user, links: Links, version: str) -> bytes:
    """The JSON of ``trail``'s manifest as ``user`` is shown it, for ``version`` (:func:`trail_manifest_version`
    of the trail and of ``stops_shown_for(user, trail)``), built and cached when it is not cached yet."""
    key = f"iiif:trail-manifest:{version}"
    body = cache.get(key)
    if body is None:
        body = trail_manifest_json(trail_for_manifest(trail, trail_stops_for(user, trail)), links).encode()
        cache.set(key, body, TIMEOUT)
    return body
