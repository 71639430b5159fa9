"""The curators' moderation page: items and words waiting for a curator; approve, reject with a reason,
or approve every selected one at once (issue 6, part A2). Each photograph is shown with what its contributor
wrote; only a ready one may be approved, and photographs whose preparation failed are listed with the reason
and a way to try again (the service the API's ``retry`` uses).

Decisions go through the services (``item_approve``, ``description_reject``…); who may use the page is
decided in :mod:`archive.access`.
"""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from archive.curation_selectors import contributor_words, items_failed, moderation_queue_items
from archive.ids import parse_id
from archive.models import Description, Item
from archive.reasons import reason_text
from archive.selectors import descriptions_waiting
from archive.services import (
    description_approve, description_reject, descriptions_bulk_approve, item_approve, item_reject, item_retry,
    items_bulk_approve,
)
from frontend.bilingual import current_language

from .curation import curators_only, form_decided


def _ids(values) -> list[int]:
    return [pk for pk in map(parse_id, values) if pk is not None]


def _decide(request) -> str:
    """Do what the form asked; the message to show (a ValidationError when something is missing)."""
    action, user = request.POST.get("action", ""), request.user
    reason = request.POST.get("reason", "")
    if action == "approve-selected":
        ready = Item.objects.filter(pk__in=_ids(request.POST.getlist("items")), status=Item.Status.READY)
        items = items_bulk_approve(ready.values_list("pk", flat=True), user)
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
    if action == "retry-item":
        item = get_object_or_404(Item, pk=parse_id(request.POST.get("item")) or 0)
        if item.status != Item.Status.FAILED:
            raise DjangoValidationError(_("Only a photograph whose preparation failed can be tried again."))
        try:
            item_retry(item, user)
        except ValueError as exc:  # another curator retried it a moment ago
            raise DjangoValidationError(_("Only a photograph whose preparation failed can be tried again.")) from exc
        return _("Trying again: the photograph is being prepared once more.")
    if action in ("approve-item", "reject-item"):
        item = get_object_or_404(Item, pk=parse_id(request.POST.get("item")) or 0)
        if action == "approve-item" and item.status != Item.Status.READY:
            raise DjangoValidationError(_("This photograph is not ready yet: approve it once it has been prepared."))
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
    language = current_language()
    return render(request, "frontend/moderation.html", {
        "waiting_items": [{"item": item, "words": contributor_words(item)} for item in moderation_queue_items()],
        "failed_items": [{"item": item, "reason": reason_text(item.status_reason, item.status_params, language)}
                         for item in items_failed()],
        "waiting_descriptions": descriptions_waiting(),
    }, status=status)
