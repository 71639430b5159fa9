"""Media files (derivatives, originals), served only after the access rules allow it.

In production nginx sends the bytes: Django answers with ``X-Accel-Redirect``
to an internal location (docker/nginx.conf), so no media file is reachable as
a plain public static file. Elsewhere Django streams the file itself.
"""
import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_safe

from archive.access import can_view_images, can_view_original
from archive.models import Asset, Item

DERIVATIVE = re.compile(r"^derivatives/(?P<item>\d+)/\d+/[\w.-]+$")
ORIGINAL = re.compile(r"^originals/[0-9a-f]{2}/[0-9a-f]{2}/(?P<sha>[0-9a-f]{64})$")


def _allowed(user, path: str) -> bool:
    if match := DERIVATIVE.match(path):
        item = Item.objects.filter(pk=int(match["item"])).first()
        return item is not None and can_view_images(user, item)
    if match := ORIGINAL.match(path):
        assets = Asset.objects.filter(sha256=match["sha"]).select_related("item")
        return any(can_view_original(user, asset.item) for asset in assets)
    return False


@require_safe
def media_serve(request, path: str):
    """Serve a media file if the access rules let ``request.user`` see it; 404 otherwise."""
    if ".." in path.split("/") or not _allowed(request.user, path):
        raise Http404("No such file.")
    accel = getattr(settings, "COFIO_MEDIA_ACCEL_PREFIX", "")
    if accel:
        response = HttpResponse(content_type=mimetypes.guess_type(path)[0] or "application/octet-stream")
        response["X-Accel-Redirect"] = accel + path
    else:
        full = Path(settings.MEDIA_ROOT) / path
        if not full.is_file():
            raise Http404("No such file.")
        response = FileResponse(open(full, "rb"), content_type=mimetypes.guess_type(path)[0]
                                or "application/octet-stream")
    # Private or members-only media must not sit in shared caches.
    response["Cache-Control"] = "private, max-age=3600"
    return response
