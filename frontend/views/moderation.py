"""The curators' moderation page: items and words waiting for a curator; approve, reject with a reason,
or approve every selected one at once (issue 6, part A2).

Decisions go through the services (``item_approve``, ``description_reject``…); who may use the page is
decided in :mod:`archive.access`.
"""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from archive.ids import parse_id
from archive.models import Description, Item
from archive.selectors import descriptions_waiting
from archive.services import (
    description_approve, description_reject, descriptions_bulk_approve, item_approve, item_reject,
    items_bulk_approve, items_pending,
)

from .curation import curators_only, form_decided


def _ids(values) -> list[int]:
    return [pk for pk in map(parse_id, values) if pk is not None]


def _decide(request) -> str:
    """Do what the form asked; the message to show (a ValidationError when something is missing)."""
    action, user = request.POST.get("action", ""), request.user
    reason = request.POST.get("reason", "")
    if action == "approve-selected":
        items = items_bulk_approve(_ids(request.POST.getlist("items")), user)
        words = descriptions_bulk_approve(_ids(request.POST.getlist("descriptions")), user)
        count = len(items) + len(words)
        if not count:
            raise DjangoValidationError(_("Select at least one to approve."))
        return _("Approved: %(count)s.") % {"count": count}
    if action in ("approve-description", "reject-description"):
        description = get_object_or_404(Description, pk=parse_id(request.POST.get("description")) or 0)
        if action == "approve-description":
            description_approve(description, user)
            return _("Approved: the words are shown now.")
        description_reject(description, user, reason)
        return _("Not accepted. The contributor will be told why.")
    if action in ("approve-item", "reject-item"):
        item = get_object_or_404(Item, pk=parse_id(request.POST.get("item")) or 0)
        if action == "approve-item":
            item_approve(item, user)
            return _("Approved: the item is shown now.")
        item_reject(item, user, reason)
        return _("Not accepted. The contributor will be told why.")
    raise DjangoValidationError(_("Choose what to do."))


@curators_only
def moderation(request):
    """Curators: what waits for a curator, oldest first."""
    status = 200
    if request.method == "POST":
        if done := form_decided(request, lambda: _decide(request), reverse("frontend:moderation")):
            return done
        status = 400
    return render(request, "frontend/moderation.html", {
        "waiting_items": items_pending().select_related("contributor"),
        "waiting_descriptions": descriptions_waiting(),
    }, status=status)
