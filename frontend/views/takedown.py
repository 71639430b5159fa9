"""Asking for an item to be taken down, from the item page: a simple form that works without signing in.

Who may ask is decided by :func:`archive.access.can_request_takedown`; the request is recorded by
:func:`archive.services.takedown.takedown_request_create` (audit trail, curators emailed).
"""
from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from api.throttles import ContributionThrottle
from archive.access import can_request_takedown
from archive.models import Item
from archive.services.takedown import REASON_LENGTH, takedown_request_create

from ..bilingual import current_language


class TakedownForm(forms.Form):
    """Why, and (optionally) who is asking and where to tell them the outcome."""

    reason = forms.CharField(label=gettext_lazy("Why should it be taken down?"), max_length=REASON_LENGTH,
                             widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=gettext_lazy("Your name (if you want to give it)"), max_length=150, required=False)
    email = forms.EmailField(label=gettext_lazy("Your email address (if you want to hear what is decided)"),
                             required=False)


def _over_the_limit(request) -> bool:
    """The same limit as the API's takedown requests (COFIO_RATE_TAKEDOWN), per account or address."""
    return not ContributionThrottle().allow_request(request, SimpleNamespace(throttle_scope="takedown",
                                                                             throttle_actions=None))


def takedown(request, pk: int):
    """GET: the form. POST: record the request and say thank you (or show what to fix)."""
    item = Item.objects.filter(pk=pk).first()
    if item is None or not can_request_takedown(request.user, item):
        raise Http404(_("There is no such item."))
    form = TakedownForm(request.POST if request.method == "POST" else None, auto_id="takedown-%s")
    if request.method == "POST":
        if _over_the_limit(request):
            form.add_error(None, _("You have sent a lot in a short time. Please wait a little and try again."))
            return render(request, "frontend/takedown.html", {"item": item, "form": form}, status=429)
        if form.is_valid():
            try:
                takedown_request_create(item, form.cleaned_data["reason"], requester=request.user,
                                        name=form.cleaned_data["name"], email=form.cleaned_data["email"],
                                        language=current_language())
            except DjangoValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                return render(request, "frontend/takedown.html", {"item": item, "sent": True}, status=201)
        return render(request, "frontend/takedown.html", {"item": item, "form": form}, status=400)
    return render(request, "frontend/takedown.html", {"item": item, "form": form})
