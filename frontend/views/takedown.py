"""Asking for an item to be taken down, from the item page: a simple form that works without signing in.

Who may ask is decided by :func:`archive.access.can_request_takedown`; the request is recorded by
:func:`archive.services.takedown.takedown_request_create` (audit trail, curators emailed).
"""
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.access import can_request_takedown
from archive.models import Item
from archive.services.takedown import REASON_LENGTH, takedown_request_create

from ..bilingual import current_language
from ..regions import EDGES, percent_field, pictures_for, pixels_from_percent
from .limits import over_the_limit


class TakedownForm(forms.Form):
    """Why, and (optionally) who is asking and where to tell them the outcome."""

    reason = forms.CharField(label=gettext_lazy("Why should it be taken down?"), max_length=REASON_LENGTH,
                             widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=gettext_lazy("Your name (if you want to give it)"), max_length=150, required=False)
    email = forms.EmailField(label=gettext_lazy("Your email address (if you want to hear what is decided)"),
                             required=False)
    # "Mark the face or part of the picture" (optional): a box in percentages of the picture shown
    region_x = percent_field(gettext_lazy("From the left (%)"), required=False)
    region_y = percent_field(gettext_lazy("From the top (%)"), required=False)
    region_w = percent_field(gettext_lazy("Width (%)"), required=False)
    region_h = percent_field(gettext_lazy("Height (%)"), required=False)

    def __init__(self, *args, pictures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pictures = list(pictures)
        if len(self.pictures) > 1:  # which picture the box is on
            choices = [(str(p["asset"].pk), _("Picture %(number)s") % {"number": n})
                       for n, p in enumerate(self.pictures, start=1)]
            self.fields["asset"] = forms.ChoiceField(label=gettext_lazy("Which picture?"), choices=choices,
                                                     widget=forms.RadioSelect, initial=choices[0][0],
                                                     required=False)

    def chosen_picture(self):
        """The picture the box is drawn on: the one chosen (when there are several), else the first."""
        chosen = str(self["asset"].value() or "") if "asset" in self.fields else ""
        picture = next((p for p in self.pictures if str(p["asset"].pk) == chosen), None)
        return picture or (self.pictures[0] if self.pictures else None)

    def region_given(self) -> bool:
        """Whether any side of the box was given (so the page opens the box's part of the form)."""
        return any(self[f"region_{edge}"].value() not in (None, "") for edge in EDGES)

    def clean(self):
        """All four sides of the box, or none; the box is turned into full-size pixels of its picture."""
        data = super().clean()
        sides = [f"region_{edge}" for edge in EDGES]
        given = [side for side in sides if data.get(side) is not None]
        data["region"], data["picture"] = None, None
        if not given or any(side in self.errors for side in sides):
            return data
        if len(given) < len(sides):
            for side in sides:
                if side not in given:
                    self.add_error(side, _("Give all four numbers for the box, or none of them."))
            return data
        picture = self.chosen_picture()
        if picture is None:
            self.add_error("region_x", _("There is no picture to point at."))
            return data
        try:
            data["region"] = list(pixels_from_percent(picture["asset"], *(data[side] for side in sides)))
        except DjangoValidationError as exc:
            self.add_error("region_w", exc.message_dict["region"])
        data["picture"] = picture["asset"]
        return data


def takedown(request, pk: int):
    """GET: the form. POST: record the request and say thank you (or show what to fix)."""
    item = Item.objects.filter(pk=pk).first()
    if item is None or not can_request_takedown(request.user, item):
        raise Http404(_("There is no such item."))
    pictures = pictures_for(request.user, item)
    form = TakedownForm(request.POST if request.method == "POST" else None, auto_id="takedown-%s", pictures=pictures)
    if request.method == "POST":
        if over_the_limit(request, "takedown"):
            form.add_error(None, _("You have sent a lot in a short time. Please wait a little and try again."))
            return render(request, "frontend/takedown.html", {"item": item, "form": form}, status=429)
        if form.is_valid():
            try:
                takedown_request_create(item, form.cleaned_data["reason"], requester=request.user,
                                        name=form.cleaned_data["name"], email=form.cleaned_data["email"],
                                        asset=form.cleaned_data["picture"], region=form.cleaned_data["region"],
                                        language=current_language())
            except DjangoValidationError as exc:
                for field, errors in exc.message_dict.items():
                    field = {"region": "region_w", "asset": "region_x"}.get(field, field)
                    form.add_error(field if field in form.fields else None, errors)
            else:
                return render(request, "frontend/takedown.html", {"item": item, "sent": True}, status=201)
        return render(request, "frontend/takedown.html", {"item": item, "form": form}, status=400)
    return render(request, "frontend/takedown.html", {"item": item, "form": form})
