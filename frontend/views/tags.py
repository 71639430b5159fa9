"""Saying who or what is in a picture, from the item page: a box given in percentages of the picture.

Who may tag is decided by :func:`archive.access.can_tag_region`; the tag is written by
:func:`archive.services.tags.region_tag_create` (approved at once for trusted members and curators).
"""
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from archive.access import can_tag_region
from archive.models.moderation import Moderation
from archive.selectors import items_for_listing
from archive.services.tags import LABEL_LENGTH, region_tag_create

from ..regions import percent_field, pictures_for, pixels_from_percent
from .limits import over_the_limit


class RegionTagForm(forms.Form):
    """Who or what, and where: a box in percentages of the picture's width and height."""

    label = forms.CharField(label=gettext_lazy("Who or what is there?"), max_length=LABEL_LENGTH,
                            help_text=gettext_lazy("For example: Mam-gu, second from left."))
    x = percent_field(gettext_lazy("From the left (%)"))
    y = percent_field(gettext_lazy("From the top (%)"))
    w = percent_field(gettext_lazy("Width (%)"))
    h = percent_field(gettext_lazy("Height (%)"))
    # the picture the box was drawn on (the one the page shows); the item's first picture when absent
    asset = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


def region_tag_form_for(user, item):
    """An empty form when ``user`` may tag ``item``'s pictures, else None."""
    if not can_tag_region(user, item):
        return None
    pictures = pictures_for(user, item)
    return RegionTagForm(auto_id="region-tag-%s", initial={"asset": pictures[0]["asset"].pk if pictures else None})


@require_POST
def region_tag_add(request, pk: int):
    """Tag a region of the picture the page showed (the item's first); back to the item page with a message."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    item = get_object_or_404(items_for_listing(request.user), pk=pk)
    if not can_tag_region(request.user, item):
        raise PermissionDenied(_("Only members of the community can say who is in a picture."))
    back = reverse("frontend:item", args=[item.pk]) + "#messages"
    if over_the_limit(request, "contribute"):  # counted together with the API's region tags
        messages.error(request, _("You have sent a lot in a short time. Please wait a little and try again."))
        return redirect(back)
    form = RegionTagForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give who or what is there, and a box inside the picture (0 to 100%)."))
        return redirect(back)
    data = form.cleaned_data
    assets = item.assets.order_by("position", "page", "id")
    asset = assets.filter(pk=data["asset"]).first() if data["asset"] else assets.first()
    if asset is None:
        messages.error(request, _("This picture is not part of this item."))
        return redirect(back)
    try:
        x, y, w, h = pixels_from_percent(asset, data["x"], data["y"], data["w"], data["h"])
        tag = region_tag_create(item, asset, request.user, x, y, w, h, data["label"])
    except DjangoValidationError as exc:
        messages.error(request, " ".join(str(m) for problems in exc.message_dict.values() for m in problems))
        return redirect(back)
    if tag.moderation == Moderation.APPROVED:
        messages.success(request, _("Thank you. Your tag is now shown."))
    else:
        messages.success(request, _("Thank you. Your tag will be shown once a curator has looked at it."))
    return redirect(back)
