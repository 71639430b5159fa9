"""Voices on the item page: every approved description side by side, the reader's own waiting and not
accepted ones, and the "Add your memory" form (issue 6, part A2).

Who sees which words, and who may add them, is decided in :mod:`archive.access`; the words are
written by :func:`archive.services.description_create`.
"""
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from archive.access import can_describe, can_moderate, descriptions_visible_to
from archive.models import Description, Item
from archive.models.moderation import Moderation
from archive.selectors import items_for_listing
from archive.services import description_create
from archive.services.descriptions import TELLER_MAX, TEXT_MAX

from ..bilingual import current_language
from .limits import over_the_limit

LANGUAGE_CHOICES = [("cy", "Cymraeg"), ("en", "English"), ("other", gettext_lazy("Another language"))]


class VoiceForm(forms.Form):
    """New words about an item, from the item page."""

    text = forms.CharField(label=gettext_lazy("Your words"), max_length=TEXT_MAX, widget=forms.Textarea(
        attrs={"rows": 6}), help_text=gettext_lazy("A memory, a story, who is in the picture, or a correction."))
    kind = forms.ChoiceField(label=gettext_lazy("What are they?"), choices=Description.Kind.choices,
                             initial=Description.Kind.MEMORY)
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=LANGUAGE_CHOICES)
    teller_name = forms.CharField(
        label=gettext_lazy("Whose words are these?"), max_length=TELLER_MAX, required=False,
        help_text=gettext_lazy("Only when you are writing them down for someone else (for example at a memory "
                               "day): their name, as they want to be credited."))


def _form(request, data=None) -> VoiceForm:
    form = VoiceForm(data, initial={"language": current_language()}, auto_id="voice-%s")
    if not can_moderate(request.user):
        del form.fields["teller_name"]  # memory-day mode is for the curators who run the day
    return form


def voices_context(request, item: Item, form: VoiceForm | None = None) -> dict:
    """What the voices partial and the "Add your memory" form need, for ``item``'s page."""
    voices = list(descriptions_visible_to(request.user, item).select_related("author"))
    allowed = can_describe(request.user, item)
    return {
        "voices": [v for v in voices if v.moderation == Moderation.APPROVED],
        "my_voices": [v for v in voices if v.moderation != Moderation.APPROVED],
        "can_add_voice": allowed,
        "voice_form": (form or _form(request)) if allowed else None,
    }


@require_POST
def voice_add(request, pk: int):
    """Add the signed-in member's words to an item; back to the item page, or the page with what to fix."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    item = get_object_or_404(items_for_listing(request.user), pk=pk)
    if not can_describe(request.user, item):
        raise PermissionDenied(_("Only members of the community can add words to items."))
    form = _form(request, request.POST)
    if over_the_limit(request, "contribute"):
        messages.error(request, _("You have sent a lot in a short time. Please wait a little and try again."))
        return _page(request, item, form, status=429)
    if form.is_valid():
        try:
            description = description_create(item, request.user, **form.cleaned_data)
        except DjangoValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if description.moderation == Moderation.APPROVED:
                messages.success(request, _("Thank you. Your words are now shown with the others."))
            else:
                messages.success(request, _("Thank you. Your words will be shown once a curator has read them."))
            return redirect(reverse("frontend:item", args=[item.pk]) + "#messages")
    return _page(request, item, form, status=400)


def _page(request, item: Item, form: VoiceForm, status: int):
    """The item page again, with the form as it was sent and what to fix."""
    return render(request, "frontend/item_detail.html",
                  {"item": item, "reason": "", **voices_context(request, item, form)}, status=status)
