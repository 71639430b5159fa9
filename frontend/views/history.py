"""The curators' history page of an item: every version of its catalogue record and of each description
(who, when, what changed, with the words' changes shown word by word), and "Revert to this version"
(confirmed first) — issue 6, D2.

The versions come from :mod:`archive.services.history` (``item_history``, ``description_history``) and
reverting is done by ``item_revert`` / ``description_revert``, which keep every version; who may use
the page is decided by :func:`archive.access.can_moderate`.
"""
import difflib
import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from archive.ids import parse_id
from archive.models import Collection, Description, Item, Person, Place, Subject
from archive.models.moderation import Moderation
from archive.services.history import description_history, description_revert, item_history, item_revert

from .curation import curators_only, form_decided

# Field names as curators read them.
FIELD_LABELS = {
    "title_cy": gettext_noop("Title in Welsh"), "title_en": gettext_noop("Title in English"),
    "date_text": gettext_noop("Date as written"), "date_start": gettext_noop("Earliest date"),
    "date_end": gettext_noop("Latest date"), "place": gettext_noop("Place"),
    "visibility": gettext_noop("Who can see it"), "moderation": gettext_noop("Moderation"),
    "status": gettext_noop("Status"), "text": gettext_noop("Words"), "kind": gettext_noop("Kind"),
    "language": gettext_noop("Language"), "teller_name": gettext_noop("Told by"),
    "people": gettext_noop("People"), "subjects": gettext_noop("Subjects"), "collections": gettext_noop("Collections"),
}
# Coded values shown by their labels (in the reader's language).
CHOICES = {"visibility": Item.Visibility, "status": Item.Status, "moderation": Moderation, "kind": Description.Kind}
MODERATION_LABELS = [gettext_noop("Approved")]  # the others are already in the pages' catalogue
CHANGE_LABELS = {"created": gettext_noop("Created"), "changed": gettext_noop("Changed"),
                 "deleted": gettext_noop("Deleted")}


def words_diff(before: str, after: str) -> list[tuple[str, str]]:
    """How ``before`` became ``after``, word by word: ``(op, text)`` pairs, op one of ``same``, ``removed``,
    ``added``. Plain text (the page escapes it)."""
    old, new = (before or "").split(), (after or "").split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            parts.append(("added", " ".join(new[j1:j2])))
    return parts


REVERTED = re.compile(r"reverted to version (\d+)")


def _reason(reason: str) -> str:
    """The history's own note, when it is one the page can say in the reader's language (a revert)."""
    match = REVERTED.fullmatch(reason or "")
    return _("Put back as it was in version %(version)s.") % {"version": match[1]} if match else ""


def _shown(field: str, value, names: dict) -> str:
    if value in (None, "", []):
        return "—"
    if field == "place":
        return names.get("place", {}).get(value, _("(a place no longer in the list)"))
    if isinstance(value, list):  # people, subjects or collections, by name
        return ", ".join(names.get(field, {}).get(pk, _("(no longer in the list)")) for pk in value)
    if field in CHOICES and value in CHOICES[field].values:
        return str(CHOICES[field](value).label)
    return str(value)


def _rows(versions: list[dict], names: dict | None = None) -> list[dict]:
    """The versions (newest first) as the page shows them: what changed, old → new, and the words' diff."""
    names = names or {}
    rows = []
    for n, version in enumerate(versions):
        older = versions[n + 1] if n + 1 < len(versions) else None
        changes = []
        for field in version["changed"]:
            before = older["values"].get(field) if older else None
            after = version["values"].get(field)
            change = {"label": _(FIELD_LABELS.get(field, field)), "field": field,
                      "before": _shown(field, before, names), "after": _shown(field, after, names)}
            if field == "text":
                change["diff"] = words_diff(before or "", after or "")
            changes.append(change)
        label = _(CHANGE_LABELS.get(version["change"], version["change"]))
        rows.append({**version, "reason": _reason(version["reason"]), "change_label": label, "changes": changes,
                     "current": n == 0})
    return rows


def _context(item: Item) -> dict:
    versions = item_history(item)
    names = {}
    for field, model, name in (("place", Place, lambda p: p.name_cy or p.name_en), ("people", Person, str),
                               ("subjects", Subject, str), ("collections", Collection, str)):
        ids = set()
        for version in versions:
            value = version["values"].get(field)
            ids |= set(value) if isinstance(value, list) else ({value} - {None})
        names[field] = {obj.pk: name(obj) for obj in model.objects.filter(pk__in=ids)} if ids else {}
    descriptions = [{"description": d, "versions": _rows(description_history(d))}
                    for d in item.descriptions.select_related("author").order_by("created_at", "id")]
    return {"item": item, "item_versions": _rows(versions, names), "descriptions": descriptions}


def _revert(request, item: Item):
    """Confirm, then revert the item or one of its descriptions to the version asked for."""
    target, version = request.POST.get("target", ""), request.POST.get("version", "")
    description = None
    if target.startswith("description-"):
        description = get_object_or_404(Description, pk=parse_id(target.removeprefix("description-")) or 0,
                                        item=item)
    elif target != "item":
        raise DjangoValidationError({"target": [_("Choose what to revert.")]})
    if request.POST.get("confirmed") != "yes":
        what = (_("Put these words back as they were in version %(version)s?") if description else
                _("Put the title, date and place back as they were in version %(version)s?"))
        return render(request, "frontend/confirm_action.html", {
            "item": item, "heading": what % {"version": version},
            "explanation": [_("Nothing is lost: the words as they are now stay in the history, and you can "
                              "revert again.")],
            "action": request.path, "fields": [("target", target), ("version", version)],
            "yes": _("Yes, revert"), "back": request.path,
        })
    if description is not None:
        description_revert(description, version, request.user)
    else:
        item_revert(item, version, request.user)
    return _("Reverted to version %(version)s. The version before it is kept in the history.") % {"version": version}


@curators_only
def item_history_page(request, pk: int):
    """Curators: the history of an item and its words; POST reverts (after a confirmation)."""
    item = get_object_or_404(Item, pk=pk)
    status = 200
    if request.method == "POST":
        done = form_decided(request, lambda: _revert(request, item), reverse("frontend:item-history", args=[item.pk]))
        if done:
            return done
        status = 400
    return render(request, "frontend/item_history.html", _context(item), status=status)
