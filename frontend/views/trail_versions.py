"""A trail's history: every saved change of the trail and its stops (who, when, what), and "Revert to this
version" for curators, confirmed first.

The versions come from :func:`archive.services.trail_history.trail_history`; reverting is
:func:`archive.services.trail_history.trail_revert`, which keeps every version. Its authors and curators
read the history (:func:`archive.access.can_view_trail_history`); curators revert
(:func:`archive.access.can_revert_trail`).
"""
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from archive.access import can_edit_trail, can_revert_trail, can_view_trail, can_view_trail_history
from archive.models import Trail
from archive.services.trail_history import trail_history, trail_revert
from archive.trail_selectors import in_language, language_map

from ..bilingual import current_language
from .trail_builder import signed_in

# What the history records as the reason for a change, as the page says it.
REASONS = {
    "created": gettext_noop("Trail started"), "edited": gettext_noop("Title, introduction or cover changed"),
    "stop added": gettext_noop("A stop was added"), "stop edited": gettext_noop("A stop was changed"),
    "stop removed": gettext_noop("A stop was removed"), "stops reordered": gettext_noop("Stops put in a new order"),
    "published": gettext_noop("Published"), "returned to draft": gettext_noop("Made a draft again"),
    "added": gettext_noop("Stop added"), "moved": gettext_noop("Stop moved"), "removed": gettext_noop("Stop removed"),
}
KINDS = {"trail": gettext_noop("The trail"), "stop": gettext_noop("A stop")}
REVERTED = re.compile(r"reverted to version (\d+)")


def _said(reason: str) -> str:
    match = REVERTED.fullmatch(reason or "")
    if match:
        return _("Put back as it was in version %(version)s.") % {"version": match[1]}
    return _(REASONS[reason]) if reason in REASONS else reason


def _trail_for_history(request, pk: int) -> Trail:
    trail = get_object_or_404(Trail, pk=pk)
    if not can_view_trail(request.user, trail):
        raise Http404
    if not can_view_trail_history(request.user, trail):
        raise PermissionDenied(_("Only the trail's authors and curators can read its history."))
    return trail


def _versions(trail: Trail) -> list[dict]:
    records = {r.history_id: r for r in trail.history.all()}
    language = current_language()
    rows, latest_trail = [], None
    for entry in trail_history(trail):
        row = {**entry, "said": _said(entry["reason"]), "kind_label": _(KINDS[entry["kind"]])}
        if entry["kind"] == "trail":
            record = records.get(entry["history_id"])
            if record is not None:
                row["title"] = in_language(language_map(record, "title"), language)
                row["status"] = Trail.Status(record.status).label if record.status in Trail.Status.values else ""
            row["current"] = latest_trail is None
            latest_trail = latest_trail or entry["history_id"]
        rows.append(row)
    return rows


@signed_in
def trail_history_page(request, pk: int):
    """The history of a trail; POST (curators) reverts it to a version, after a confirmation."""
    trail = _trail_for_history(request, pk)
    here = reverse("frontend:trail-history", args=[trail.pk])
    problems = []
    if request.method == "POST":
        if not can_revert_trail(request.user):
            raise PermissionDenied(_("Only curators can put a trail back as it was."))
        version = request.POST.get("version", "")
        if request.POST.get("confirmed") != "yes":
            return render(request, "frontend/trail_builder_confirm.html", {
                "trail": trail, "heading": _("Put the trail back as it was in version %(version)s?")
                % {"version": version[:20]},
                "explanation": [_("Its title, introduction, cover, whether it is published, and every stop go back "
                                  "to how they were then."),
                                _("Nothing is lost: the trail as it is now stays in the history, and you can "
                                  "revert again.")],
                "action": here, "fields": [("version", version)], "yes": _("Yes, revert"), "back": here,
            })
        try:
            trail_revert(trail, version, request.user)
        except DjangoValidationError as exc:
            problems = [str(m) for ms in exc.message_dict.values() for m in ms]
        else:
            messages.success(request, _("Reverted to version %(version)s. The version before it is kept in the "
                                        "history.") % {"version": version})
            return redirect(here)
    return render(request, "frontend/trail_history.html", {
        "trail": trail, "versions": _versions(trail), "can_revert": can_revert_trail(request.user),
        "can_edit": can_edit_trail(request.user, trail), "problems": problems,
    }, status=400 if problems else 200)
