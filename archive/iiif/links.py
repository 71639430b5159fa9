"""Every public IIIF URL, absolute, for the host a request came to.

Identifiers in IIIF documents must be absolute URLs that dereference; the archive may be reached
as ``http://cofio.local`` in the village hall and as ``https://cofio.example.org`` on a cluster,
so they are made from the request (``Links.for_request``), never stored.
"""
from dataclasses import dataclass
from functools import cached_property, lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse


_SLOT = "8675309867"  # an id no URL pattern has otherwise


@lru_cache(maxsize=64)
def _template(name: str) -> str:
    path = reverse(f"iiif:{name}", args=[_SLOT])
    if path.count(_SLOT) != 1:
        raise ValueError(f"cannot make a template of the URL {name!r}: {path}")
    return path


@lru_cache(maxsize=16)
def _page_template(name: str) -> str:
    """Like :func:`_template`, for a page of Cofio's (``frontend:<name>`` with one id)."""
    path = reverse(f"frontend:{name}", args=[_SLOT])
    if path.count(_SLOT) != 1:
        raise ValueError(f"cannot make a template of the URL {name!r}: {path}")
    return path


@dataclass(frozen=True)
class Links:
    """URLs under ``base`` (scheme and host, no trailing slash: ``https://cofio.example.org``)."""

    base: str

    @classmethod
    def for_request(cls, request) -> "Links":
        """Links for the scheme and host of ``request``."""
        return cls(request.build_absolute_uri("/").rstrip("/"))

    def _url(self, name: str, *args) -> str:
        if len(args) == 1:  # the common case, many times per manifest: reverse once, then fill in
            return self.base + _template(name).replace(_SLOT, str(args[0]))
        return self.base + reverse(f"iiif:{name}", args=args)

    # --- Presentation ---------------------------------------------------------------

    def manifest(self, item_id: int) -> str:
        """The item's manifest."""
        return self._url("manifest", item_id)

    def item_root(self, item_id: int) -> str:
        """The prefix of everything inside the item's manifest (canvases, annotations)."""
        return self.manifest(item_id).rsplit("/", 1)[0]

    def canvas(self, item_id: int, asset_id: int) -> str:
        """The canvas of one asset (one picture, or one page of a multi-page file)."""
        return f"{self.item_root(item_id)}/canvas/{asset_id}"

    def search(self, item_id: int, **params) -> str:
        """The item's Content Search service (with a query when ``params`` are given)."""
        url = self._url("search", item_id)
        return f"{url}?{urlencode(params)}" if params else url

    def autocomplete(self, item_id: int) -> str:
        """The item's autocomplete service."""
        return self._url("autocomplete", item_id)

    def linked_data(self, item_id: int) -> str:
        """The item as schema.org JSON-LD."""
        return self._url("linked-data", item_id)

    def item_page(self, item_id: int) -> str:
        """The item's page on Cofio."""
        return self.base + _page_template("item").replace(_SLOT, str(item_id))

    def trail_manifest(self, trail_id: int) -> str:
        """A story trail's manifest."""
        return self._url("trail-manifest", trail_id)

    def trail_root(self, trail_id: int) -> str:
        """The prefix of everything inside a trail's manifest (canvases, ranges, annotations)."""
        return self.trail_manifest(trail_id).rsplit("/", 1)[0]

    def trail_page(self, trail_id: int) -> str:
        """The trail's player page on Cofio."""
        return self.base + _page_template("trail").replace(_SLOT, str(trail_id))

    @cached_property
    def home(self) -> str:
        """Cofio's front page."""
        return self.base + reverse("frontend:home")

    def archive(self, page: int | None = None) -> str:
        """The whole archive as a collection, or one page of it."""
        return self._url("archive-page", page) if page else self._url("archive")

    def collection(self, slug: str, page: int | None = None) -> str:
        """A Cofio collection, or one page of it."""
        return self._url("collection-page", slug, page) if page else self._url("collection", slug)

    # --- Image API ------------------------------------------------------------------

    def image_service(self, asset_id: int) -> str:
        """The Image API 3 service of an asset's tiles (the ``id`` in its info.json)."""
        return self._url("image", asset_id)

    def media(self, path: str) -> str:
        """A media file (a derivative), served after the access rules allow it."""
        return f"{self.base}{settings.MEDIA_URL}{path}"
