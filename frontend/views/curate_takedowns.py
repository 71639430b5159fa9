"""The curators' takedown page: open requests, newest first; hold the item now, or resolve the request
(keep, hide the pictures, blur the marked part, delete) with a note to the requester (issue 6, D2).

Decisions go through :mod:`archive.services.takedown` (``takedown_hold``, ``takedown_resolve``); who may
use the page is decided by :func:`archive.access.can_handle_takedowns`. Deleting is confirmed first.
"""
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from archive.ids import parse_id
from archive.models import Derivative, TakedownRequest
from archive.services.takedown import NOTE_LENGTH, takedown_hold, takedown_resolve

from .curation import curators_only, form_decided

Resolution = TakedownRequest.Resolution

# The decisions' names (the model's labels, listed here so the pages' catalogue translates them).
RESOLUTION_LABELS = {
    Resolution.KEEP: gettext_noop("Kept as it is"), Resolution.HIDE_IMAGE: gettext_noop("Picture hidden, words kept"),
    Resolution.BLUR_REGION: gettext_noop("Part of the picture blurred"), Resolution.DELETE: gettext_noop("Deleted"),
}
# What each decision does, in plain words for the curator.
RESOLUTION_MEANING = {
    Resolution.KEEP: gettext_noop("Nothing changes; the item is shown again if it was held."),
    Resolution.HIDE_IMAGE: gettext_noop("The pictures are no longer shown to the public; the words about it stay."),
    Resolution.BLUR_REGION: gettext_noop("The part of the picture the requester marked is blurred in every copy "
                                         "shown; the original is kept untouched."),
    Resolution.DELETE: gettext_noop("The item is withdrawn and its files and words are deleted for good."),
}
DONE = {
    Resolution.KEEP: gettext_noop("Resolved: the item is kept as it is."),
    Resolution.HIDE_IMAGE: gettext_noop("Resolved: the pictures are hidden; the words stay."),
    Resolution.BLUR_REGION: gettext_noop("Resolved: the marked part will be blurred; the item stays hidden until "
                                         "that is done."),
    Resolution.DELETE: gettext_noop("Resolved: the item's files and words are deleted."),
}


def _thumbnail(request: TakedownRequest) -> dict | None:
    """The picture the request is about (its thumbnail) and the marked region as percentages of it."""
    asset = request.asset or request.item.assets.order_by("position", "page", "id").first()
    if asset is None:
        return None
    derivative = Derivative.objects.filter(asset=asset, kind=Derivative.Kind.THUMBNAIL).exclude(path="").first()
    if derivative is None:
        return None
    box = None
    if request.region and asset.width and asset.height and request.asset_id == asset.pk:
        x, y, w, h = (float(v) for v in request.region)
        box = {"left": round(100 * x / asset.width, 2), "top": round(100 * y / asset.height, 2),
               "width": round(100 * w / asset.width, 2), "height": round(100 * h / asset.height, 2)}
    return {"url": settings.MEDIA_URL + derivative.path, "box": box}


def _choices(request: TakedownRequest) -> list[dict]:
    """The decisions open for ``request`` (blurring only when it marked a part of a picture)."""
    return [{"value": value, "label": _(RESOLUTION_LABELS[value]), "meaning": _(RESOLUTION_MEANING[value])}
            for value in Resolution.values
            if value != Resolution.BLUR_REGION or (request.region and request.asset_id)]


def open_requests() -> list[dict]:
    """Open takedown requests, newest first, each with its thumbnail, marked region and decisions."""
    requests = (TakedownRequest.objects.filter(status=TakedownRequest.Status.OPEN)
                .select_related("item", "asset", "requester").order_by("-created_at", "-id"))
    return [{"request": r, "thumbnail": _thumbnail(r), "choices": _choices(r)} for r in requests]


def _decide(request):
    """Do what the form asked; a message, or a confirmation page (a response) before deleting."""
    takedown = get_object_or_404(TakedownRequest, pk=parse_id(request.POST.get("request")) or 0)
    action = request.POST.get("action", "")
    if action == "hold":
        takedown_hold(takedown.item, request.user, takedown)
        return _("Held: only curators and the person who shared it can see the item while you decide.")
    if action != "resolve":
        raise DjangoValidationError({"action": [_("Choose what to do.")]})
    resolution, note = request.POST.get("resolution", ""), request.POST.get("note", "")
    if resolution == Resolution.DELETE and request.POST.get("confirmed") != "yes":
        return render(request, "frontend/confirm_action.html", {
            "item": takedown.item, "heading": _("Delete this item's files and words?"),
            "explanation": [_(RESOLUTION_MEANING[Resolution.DELETE]), _("This cannot be undone."),
                            _("The requester will be told.")],
            "action": reverse("frontend:curate-takedowns"),
            "fields": [("request", takedown.pk), ("action", "resolve"), ("resolution", resolution), ("note", note)],
            "yes": _("Yes, delete it"), "back": reverse("frontend:curate-takedowns"),
        })
    takedown_resolve(takedown, request.user, resolution, note)
    if resolution in DONE:
        return _(DONE[resolution])
    return _("Done.")


@curators_only
def takedowns(request):
    """Curators: open takedown requests; hold an item now, or resolve a request."""
    status = 200
    if request.method == "POST":
        if done := form_decided(request, lambda: _decide(request), reverse("frontend:curate-takedowns")):
            return done
        status = 400
    return render(request, "frontend/curate_takedowns.html",
                  {"requests": open_requests(), "note_length": NOTE_LENGTH}, status=status)
