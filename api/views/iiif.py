"""IIIF over HTTP: manifests, collections, the Image API (level 0), Content Search 2.0, linked data.

Mounted at ``/iiif/`` (config/urls.py). Every answer carries ``Access-Control-Allow-Origin: *`` so
that any viewer on any site can read what a visitor may see. Who may see what is decided by
:mod:`archive.access` only:

| the item is…                                             | answer |
| --------------------------------------------------------- | ------ |
| visible to the requester                                  | 200 (304 for a conditional request that still matches) |
| members-only and ready, and the requester is not signed in | 401 (signing in would help) |
| withdrawn (and was public, members-only or the requester's) | 410 Gone |
| anything else: no such item, private, not processed yet, not approved, held for review | 404 (not revealed) |
| tiles and info.json of an item whose pictures are hidden, but to its contributor and curators | 404 |

A story trail's manifest (``trails/<id>/manifest``) is a 404 while it is a draft, but to its authors and
curators; its stops whose items the requester may not see are placeholders, with no picture.

Tiles are served only through :func:`image_request`, after the same check; ``/media/iiif/…`` is
not served at all (frontend/views/media.py), and in production nginx sends the bytes from an
internal location (``X-Accel-Redirect``, ``COFIO_MEDIA_ACCEL_PREFIX``), so tiles of non-public
items are never reachable as plain static files.
"""
import hashlib
import json
import mimetypes
from copy import copy
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from api.authentication import authenticate_as_api
from archive.access import can_view_images, can_view_item, can_view_trail, is_published
from archive.iiif import collections, content_search, image
from archive.iiif.caching import (
    manifest_cached, manifest_etag, manifest_version, trail_manifest_cached, trail_manifest_etag,
    trail_manifest_version,
)
from archive.iiif.linked_data import item_linked_data
from archive.iiif.links import Links
from archive.iiif.content_search import autocomplete_answer, search_answer
from archive.iiif.presentation import item_annotations
from archive.iiif.sources import item_for_manifest
from archive.iiif.trails import stops_shown_for
from archive.models import Collection, Derivative, Item, Trail

app_name = "iiif"

PRESENTATION_TYPE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
SEARCH_TYPE = 'application/ld+json;profile="http://iiif.io/api/search/2/context.json"'
LINKED_DATA_TYPE = "application/ld+json"
GATE_FIELDS = ("id", "status", "visibility", "contributor_id", "updated_at", "moderation", "held_for_review",
               "image_hidden", "purged_at")

PROBLEMS = {
    400: ("Nid yw'r cais hwn yn gais IIIF dilys.", "This is not a valid IIIF request."),
    401: ("Mewngofnodwch i weld yr eitem hon: dim ond aelodau sy'n gallu ei gweld.",
          "Sign in to see this item: only members can see it."),
    404: ("Does dim byd yma.", "There is nothing here."),
    405: ("Dim ond GET, HEAD ac OPTIONS sydd ar gael yma.", "Only GET, HEAD and OPTIONS are allowed here."),
    410: ("Mae'r eitem hon wedi'i thynnu'n ôl o'r archif.", "This item has been withdrawn from the archive."),
}


class _AnyMember:
    """Someone signed in, not a curator, who contributed nothing: would signing in let them see it?"""

    is_authenticated = True
    is_active = True
    approved = True
    is_curator = False
    pk = None


ANY_MEMBER = _AnyMember()


def problem(status: int, detail: str | None = None) -> HttpResponse:
    """An error answer, its reason in Welsh and English."""
    welsh, english = PROBLEMS.get(status, PROBLEMS[404])
    body = {"status": status, "detail": {"cy": [welsh], "en": [detail or english]}}
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status,
                            content_type="application/json; charset=utf-8")
    if status == 401:  # sign in through the pages (a session) or the API (a token)
        response["WWW-Authenticate"] = 'Cookie realm="Cofio", Token realm="api"'
    return response


def refusal(user, item: Item | None) -> HttpResponse | None:
    """Why ``user`` may not have ``item`` (a 401, 404 or 410 answer), or None when they may."""
    if item is None:
        return problem(404)
    if item.status == Item.Status.WITHDRAWN:
        published = copy(item)
        published.status, published.purged_at = Item.Status.READY, None
        visible_once = can_view_item(user, published) or can_view_item(ANY_MEMBER, published)
        return problem(410) if visible_once else problem(404)
    if can_view_item(user, item):
        return None
    if not (user and user.is_authenticated) and can_view_item(ANY_MEMBER, item):
        return problem(401)
    return problem(404)


def iiif_view(view):
    """CORS for everyone, OPTIONS answered, only safe methods, API tokens accepted."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        authenticate_as_api(request)  # harvesters and API clients: an API token (or the session)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = request.headers.get("Access-Control-Request-Headers") or "*"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = problem(405)
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Link"
        return response

    return wrapper


def _revalidate(response: HttpResponse, public: bool) -> HttpResponse:
    """May be kept, but asked about again each time (a withdrawal or a change of visibility shows at once)."""
    response["Cache-Control"] = "public, no-cache" if public else "private, no-cache"
    if not public:
        patch_vary_headers(response, ["Cookie", "Authorization"])
    return response


def _public(item: Item) -> bool:
    """Whether shared caches may keep it: published to visitors, pictures and all."""
    return is_published(item, None) and not item.image_hidden


def _conditional(request, etag: str, last_modified: float | None, public: bool):
    """A 304 when the request's ETag (or date, to the second as HTTP dates are) still matches; None otherwise."""
    last_modified = int(last_modified) if last_modified is not None else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is not None:
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        _revalidate(response, public)
    return response


def _json_response(body, content_type: str, etag: str, last_modified: float | None, public: bool) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return _revalidate(response, public)


def _gated_item(request, pk: int):
    item = Item.objects.only(*GATE_FIELDS).filter(pk=pk).first()
    return item, refusal(request.user, item)


# --- Presentation ---------------------------------------------------------------------------


@iiif_view
def manifest(request, pk: int):
    """An item's manifest (cached per item version; ETag and Last-Modified from that version)."""
    item, refused = _gated_item(request, pk)
    if refused:
        return refused
    links = Links.for_request(request)
    etag = manifest_etag(manifest_version(item.pk, item.updated_at, links))
    modified = item.updated_at.timestamp()
    if not_modified := _conditional(request, etag, modified, _public(item)):
        return not_modified
    body = manifest_cached(item.pk, item.updated_at, links)
    if body is None:
        return problem(404)
    return _json_response(body, PRESENTATION_TYPE, etag, modified, _public(item))


@iiif_view
def trail_manifest(request, pk: int):
    """A story trail's manifest, as the requester is shown its stops (a draft is a 404 to whoever may not see it).

    Cached per trail version and per view of its stops, with an ETag for that pair. No Last-Modified: two
    readers may be shown different stops of the same version, and only the ETag tells them apart.
    """
    trail = Trail.objects.filter(pk=pk).first()
    if trail is None or not can_view_trail(request.user, trail):
        return problem(404)
    links = Links.for_request(request)
    shown = stops_shown_for(request.user, trail)
    version = trail_manifest_version(trail.pk, trail.updated_at, shown.key, links)
    etag, public = trail_manifest_etag(version), shown.public(trail)
    if not_modified := _conditional(request, etag, None, public):
        return not_modified
    body = trail_manifest_cached(trail, request.user, links, version)
    return _json_response(body, PRESENTATION_TYPE, etag, None, public)


@iiif_view
def linked_data(request, pk: int):
    """An item as schema.org JSON-LD (the manifest's ``seeAlso``)."""
    item, refused = _gated_item(request, pk)
    if refused:
        return refused
    links = Links.for_request(request)
    etag = manifest_etag("ld" + manifest_version(item.pk, item.updated_at, links))
    modified = item.updated_at.timestamp()
    if not_modified := _conditional(request, etag, modified, _public(item)):
        return not_modified
    source = item_for_manifest(item.pk)
    if source is None:
        return problem(404)
    body = json.dumps(item_linked_data(source, links), ensure_ascii=False)
    return _json_response(body, LINKED_DATA_TYPE, etag, modified, _public(item))


def _collection_response(request, body: str) -> HttpResponse:
    public = not request.user.is_authenticated
    etag = '"c' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    if not_modified := _conditional(request, etag, None, public):
        return not_modified
    return _json_response(body, PRESENTATION_TYPE, etag, None, public)


@iiif_view
def archive(request, page: int | None = None):
    """The whole archive as a collection: its Cofio collections and every item the requester may see, paged."""
    try:
        body = collections.archive_collection(request.user, Links.for_request(request), page)
    except collections.NoSuchPage:
        return problem(404)
    return _collection_response(request, body)


@iiif_view
def collection(request, slug: str, page: int | None = None):
    """A Cofio collection: the items in it the requester may see, paged."""
    found = Collection.objects.filter(slug=slug).first()
    if found is None:
        return problem(404)
    try:
        body = collections.cofio_collection(found, request.user, Links.for_request(request), page)
    except collections.NoSuchPage:
        return problem(404)
    return _collection_response(request, body)


# --- Content Search 2.0 -----------------------------------------------------------------------


def _searched_item(request, pk: int):
    """The item (gate fields) and everything its manifest publishes, or a refusal."""
    item, refused = _gated_item(request, pk)
    source = None if refused else item_for_manifest(pk)
    if source is None:
        return item, None, refused or problem(404)
    return item, source, None


@iiif_view
def search(request, pk: int):
    """Content Search 2.0: the item's annotations (voices, region tags) containing the words in ``q``."""
    item, source, refused = _searched_item(request, pk)
    if refused:
        return refused
    query = content_search.Query.from_params(request.GET)
    annotations = item_annotations(source, Links.for_request(request))
    hits = content_search.search(annotations, item.pk, query)
    body = search_answer(request.build_absolute_uri(), hits, query.ignored)
    return _revalidate(HttpResponse(body, content_type=SEARCH_TYPE), _public(item))


@iiif_view
def autocomplete(request, pk: int):
    """Content Search 2.0 autocomplete: words of the item's annotations beginning with ``q``."""
    item, source, refused = _searched_item(request, pk)
    if refused:
        return refused
    query = content_search.Query.from_params(request.GET, autocomplete=True)
    annotations = item_annotations(source, Links.for_request(request))
    body = autocomplete_answer(request.build_absolute_uri(), content_search.autocomplete(annotations, query),
                               query.ignored)
    return _revalidate(HttpResponse(body, content_type=SEARCH_TYPE), _public(item))


# --- Image API 3, level 0 ----------------------------------------------------------------------


def _tiles(request, asset_id: int):
    """The tiles folder and stored info.json of an asset the requester may see, or a refusal."""
    derivative = (Derivative.objects.select_related("asset__item")
                  .filter(asset_id=asset_id, kind=Derivative.Kind.TILES).first())
    item = derivative.asset.item if derivative else None
    if refused := refusal(request.user, item):
        return None, None, None, refused
    if not can_view_images(request.user, item):  # a takedown decision hid the pictures (the words stay)
        return None, None, None, problem(404)
    directory = image.tiles_directory(derivative)
    info = image.stored_info(directory)
    if info is None:
        return None, None, None, problem(404)
    return item, directory, info, None


@iiif_view
def image_base(request, asset_id: int):
    """The service's base URI redirects to its info.json (Image API 3, section 2.2)."""
    return HttpResponseRedirect(f"{request.path}/info.json", status=303)


@iiif_view
def image_info(request, asset_id: int):
    """The info.json of an asset's tiles, its ``id`` the public URL of the service."""
    item, directory, info, refused = _tiles(request, asset_id)
    if refused:
        return refused
    links = Links.for_request(request)
    stat = (directory / "info.json").stat()
    etag = f'"i{stat.st_mtime_ns:x}-{hashlib.sha256(links.base.encode()).hexdigest()[:8]}"'
    if not_modified := _conditional(request, etag, stat.st_mtime, _public(item)):
        return not_modified
    body = json.dumps(image.public_info(info, links.image_service(asset_id)), ensure_ascii=False)
    response = _json_response(body, image.MEDIA_TYPE, etag, stat.st_mtime, _public(item))
    response["Link"] = '<http://iiif.io/api/image/3/level0.json>;rel="profile"'
    return response


@iiif_view
def image_request(request, asset_id: int, request_path: str):
    """One stored image (a tile, or the whole picture at a stored size) of an asset the requester may see."""
    item, directory, info, refused = _tiles(request, asset_id)
    if refused:
        return refused
    try:
        found = image.tile_file(directory, info, request_path)
    except image.ImageRequestError as exc:
        return problem(exc.status, str(exc))
    stat = found.stat()
    etag = f'"t{stat.st_mtime_ns:x}-{stat.st_size:x}"'
    public = _public(item)
    if not_modified := _conditional(request, etag, stat.st_mtime, public):
        return not_modified
    accel = getattr(settings, "COFIO_MEDIA_ACCEL_PREFIX", "")
    if accel:  # nginx sends the bytes from an internal location
        response = HttpResponse(content_type="image/jpeg")
        response["X-Accel-Redirect"] = accel + str(found.relative_to(Path(settings.MEDIA_ROOT)))
    else:
        response = FileResponse(open(found, "rb"), content_type=mimetypes.guess_type(found.name)[0] or "image/jpeg")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stat.st_mtime)
    # Caches keep tiles but ask again each time (a 304 while unchanged), so a withdrawal, a hold or a blurred
    # face takes effect at once even in shared caches; non-public tiles stay out of those altogether.
    # https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cache-Control#no-cache
    response["Cache-Control"] = "public, no-cache" if public else "private, no-cache"
    if not public:
        patch_vary_headers(response, ["Cookie", "Authorization"])
    return response


urlpatterns = [
    path("3/<id:asset_id>", image_base, name="image"),
    path("3/<id:asset_id>/info.json", image_info, name="image-info"),
    path("3/<id:asset_id>/<path:request_path>", image_request, name="image-request"),
    path("items/<id:pk>/manifest", manifest, name="manifest"),
    path("items/<id:pk>/search", search, name="search"),
    path("items/<id:pk>/autocomplete", autocomplete, name="autocomplete"),
    path("items/<id:pk>/linked-data", linked_data, name="linked-data"),
    path("trails/<id:pk>/manifest", trail_manifest, name="trail-manifest"),
    path("collection", archive, name="archive"),
    path("collection/<id:page>", archive, name="archive-page"),
    path("collections/<slug:slug>", collection, name="collection"),
    path("collections/<slug:slug>/<id:page>", collection, name="collection-page"),
]
