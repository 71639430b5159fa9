"""The contributor's controls on the item page (curators have them too): who may see the item, and
withdrawing it (keeping it privately for the record, or deleting its files and words) — issue 6, D2.

Each change is asked for twice: the first POST (or the GET of the withdraw page) shows what will happen
in plain words, and only a second POST with ``confirmed=yes`` does it. The changes are made by
:func:`archive.services.moderation.item_visibility_set` and :func:`~archive.services.moderation.item_withdraw`;
who may make them is decided by :func:`archive.access.can_edit_item`.
"""
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from archive.access import can_edit_item, can_view_item
from archive.models import Item
from archive.services.moderation import REASON_LENGTH, item_visibility_set, item_withdraw

# What each visibility means, in plain words (shown beside the choice and on the confirmation).
VISIBILITY_MEANING = {
    Item.Visibility.PUBLIC: gettext_noop("Everyone can see it, including visitors who are not signed in."),
    Item.Visibility.MEMBERS: gettext_noop("Only signed-in members of the archive can see it."),
    Item.Visibility.PRIVATE: gettext_noop("Only the person who shared it and the curators can see it."),
}


def visibility_meanings() -> list[dict]:
    """The visibility choices with their labels and plain meanings, in the reader's language."""
    return [{"value": value, "label": label, "meaning": _(VISIBILITY_MEANING[value])}
            for value, label in Item.Visibility.choices]


def _editable_item(request, pk: int):
    """The item ``pk`` when the signed-in user may change it; the sign-in page for visitors; else 403/404."""
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    item = Item.objects.filter(pk=pk).first()
    if item is None or not can_view_item(request.user, item):
        raise Http404(_("There is no such item."))
    if not can_edit_item(request.user, item):
        raise PermissionDenied(_("Only the person who shared this item, or a curator, can change it."))
    return item, None


def _confirm(request, item, *, title, explanation, fields, yes, status=200):
    return render(request, "frontend/confirm_action.html", {
        "item": item, "heading": title, "explanation": explanation, "action": request.path,
        "fields": fields, "yes": yes, "back": reverse("frontend:item", args=[item.pk]),
    }, status=status)


def visibility(request, pk: int):
    """POST ``visibility``: first a confirmation saying who will see the item, then (``confirmed=yes``) the change."""
    item, refused = _editable_item(request, pk)
    if refused:
        return refused
    if request.method != "POST":
        return redirect("frontend:item", pk=item.pk)
    wanted = request.POST.get("visibility", "")
    if wanted not in Item.Visibility.values:
        messages.error(request, _("Choose who may see it: public, members only or private."))
        return redirect("frontend:item", pk=item.pk)
    label = Item.Visibility(wanted).label
    if request.POST.get("confirmed") != "yes":
        return _confirm(
            request, item, title=_("Change who can see this item?"),
            explanation=[_("From now on: %(label)s.") % {"label": label}, _(VISIBILITY_MEANING[wanted]),
                         _("You can change this again at any time.")],
            fields=[("visibility", wanted)], yes=_("Yes, change who can see it"))
    item_visibility_set(item, request.user, wanted)
    messages.success(request, _("Saved. Who can see it now: %(label)s.") % {"label": label})
    return redirect("frontend:item", pk=item.pk)


def withdraw(request, pk: int):
    """GET: what withdrawing means, with the choice to delete the files and words too. POST: withdraw."""
    item, refused = _editable_item(request, pk)
    if refused:
        return refused
    context = {"item": item, "reason_length": REASON_LENGTH, "delete": request.POST.get("delete") == "yes"}
    if request.method != "POST":
        return render(request, "frontend/item_withdraw.html", context)
    if request.POST.get("confirmed") != "yes":  # the explanation first, always
        return render(request, "frontend/item_withdraw.html", context)
    reason = context["reason"] = request.POST.get("reason", "").strip()  # kept on the page if it comes back
    if len(reason) > REASON_LENGTH:
        context["error"] = _("Please check what you wrote below.")
        context["reason_error"] = _("Too long: at most %(max)s characters.") % {"max": f"{REASON_LENGTH:,}"}
        return render(request, "frontend/item_withdraw.html", context, status=400)
    try:
        item_withdraw(item, request.user, reason=reason, delete=context["delete"])
    except DjangoValidationError as exc:
        context["error"] = " ".join(exc.messages)
        return render(request, "frontend/item_withdraw.html", context, status=400)
    if context["delete"]:
        done = _("Withdrawn, and its files and words deleted. Only a bare record that it existed remains.")
    else:
        done = _("Withdrawn. Nobody else can see it now; it is kept privately for the record.")
    item.refresh_from_db()
    if can_view_item(request.user, item):
        messages.success(request, done)
        return redirect("frontend:item", pk=item.pk)
    return render(request, "frontend/item_withdrawn.html", {"item": item, "done": done})
