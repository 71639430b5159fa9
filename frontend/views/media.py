"""Media files (derivatives, originals), served only after the access rules allow it.

In production nginx sends the bytes: Django answers with ``X-Accel-Redirect``
to an internal location (docker/nginx.conf), so no media file is reachable as
a plain public static file. Elsewhere Django streams the file itself.

API clients read these files with the same credentials as the API (an ``Authorization: Token …``
header, or the session): the item JSON lists them. What any visitor may see is open to every site
(``Access-Control-Allow-Origin: *``, as the IIIF answers are, for viewers elsewhere showing a
manifest's thumbnails) and may be kept by shared caches; the rest is for the requester alone.
"""
import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from api.authentication import authenticate_as_api
from archive.access import can_view_images, can_view_original
from archive.ids import parse_id
from archive.models import Asset, Item

DERIVATIVE = re.compile(r"^derivatives/(?P<item>[0-9]+)/[0-9]+/[\w.-]+$")
ORIGINAL = re.compile(r"^originals/[0-9a-f]{2}/[0-9a-f]{2}/(?P<sha>[0-9a-f]{64})$")


def _access(user, path: str) -> tuple[bool, bool]:
    """Whether ``user`` may have the file at ``path``, and whether any visitor (not signed in) may."""
    if match := DERIVATIVE.match(path):
        item = Item.objects.filter(pk=parse_id(match["item"]) or 0).first()
        if item is None:
            return False, False
        return can_view_images(user, item), can_view_images(None, item)
    if match := ORIGINAL.match(path):
        items = [asset.item for asset in Asset.objects.filter(sha256=match["sha"]).select_related("item")]
        return any(can_view_original(user, item) for item in items), any(can_view_original(None, item)
                                                                          for item in items)
    return False, False


def _shared_or_private(response: HttpResponse, public: bool) -> HttpResponse:
    """Headers for who may have it: anyone (any site, shared caches) or the requester alone."""
    if public:
        # Kept by any cache, but asked about again each time (a 304 while unchanged), so a withdrawal,
        # a hold or a blurred face takes effect at once, as for the IIIF tiles.
        response["Cache-Control"] = "public, no-cache"
        response["Access-Control-Allow-Origin"] = "*"
    else:
        # Private or members-only media must not sit in shared caches, nor be answered from the cache to
        # another session or token.
        response["Cache-Control"] = "private, max-age=3600"
        patch_vary_headers(response, ["Cookie", "Authorization"])
    return response


@require_safe
def media_serve(request, path: str):
    """Serve a media file if the access rules let the requester (session or API token) see it; 404 otherwise."""
    if ".." in path.split("/"):
        raise Http404("No such file.")
    authenticate_as_api(request)
    allowed, public = _access(request.user, path)
    if not allowed:
        raise Http404("No such file.")
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    accel = getattr(settings, "COFIO_MEDIA_ACCEL_PREFIX", "")
    if accel:  # nginx sends the bytes (and answers conditional requests itself)
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel + path
        return _shared_or_private(response, public)
    full = Path(settings.MEDIA_ROOT) / path
    if not full.is_file():
        raise Http404("No such file.")
    stat = full.stat()
    etag = f'"m{stat.st_mtime_ns:x}-{stat.st_size:x}"'
    response = get_conditional_response(request, etag=etag, last_modified=int(stat.st_mtime))
    if response is None:
        response = FileResponse(open(full, "rb"), content_type=content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stat.st_mtime)
    return _shared_or_private(response, public)
