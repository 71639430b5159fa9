"""The forms of the trail builder: a trail's words, a stop, finding an item, inviting a co-author.

The forms only read what a person typed; every rule (who may do what, which item may be used, a
region inside the picture, one language being enough) is the services' (:mod:`archive.services.trails`),
and their refusals are put next to the field they name with :func:`refusal_on_form`. A stop's region
is typed, or drawn by ``regions.js``, as four percentages of the picture, like a region tag's, and
turned into full-size pixels by :func:`frontend.regions.pixels_from_percent`.
"""
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from archive.services.trails import TEXT_LENGTH, TITLE_LENGTH

from .regions import EDGES, percent_field

ONE_LANGUAGE = _("Write it in Welsh or English (one language is enough).")


def _text(label, *, max_length=TEXT_LENGTH, help_text="", textarea=True) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, help_text=help_text, strip=True,
                           widget=forms.Textarea if textarea else forms.TextInput)


class TrailForm(forms.Form):
    """A trail's title and introduction in Welsh and English, and (once it has stops) its cover picture."""

    title_cy = _text(_("Title in Welsh"), max_length=TITLE_LENGTH, textarea=False)
    title_en = _text(_("Title in English"), max_length=TITLE_LENGTH, textarea=False)
    introduction_cy = _text(_("Introduction in Welsh"))
    introduction_en = _text(_("Introduction in English"))

    def __init__(self, *args, covers=None, **kwargs):
        """``covers``: the items that may be the cover (the pictures of the trail's stops); None: no cover field."""
        super().__init__(*args, **kwargs)
        self.covers = covers
        if covers is not None:
            self.fields["cover_item"] = forms.TypedChoiceField(
                label=_("Cover picture"), required=False, coerce=int, empty_value=None,
                choices=[("", _("No cover picture: the first stop's picture is used"))]
                + [(item.pk, str(item.pk)) for item in covers])

    def clean(self):
        """At least one language of the title."""
        data = super().clean()
        if not self.errors and not (data.get("title_cy") or data.get("title_en")):
            self.add_error("title_cy", ONE_LANGUAGE)
        return data

    def title(self) -> dict:
        """The title as a language map."""
        return {"cy": self.cleaned_data["title_cy"], "en": self.cleaned_data["title_en"]}

    def introduction(self) -> dict:
        """The introduction as a language map."""
        return {"cy": self.cleaned_data["introduction_cy"], "en": self.cleaned_data["introduction_en"]}


class ItemFindForm(forms.Form):
    """Finding an item for a new stop: words of its title, its accession number or its number."""

    q = forms.CharField(label=_("Find a photo or document"), max_length=200, required=False,
                        help_text=_("Words from its title, or its number (e.g. COF-000123)."))


def percent_of(pixels: int | None, size: int | None) -> Decimal | None:
    """``pixels`` as a percentage of ``size``, two decimals (what the region fields show); None when unknown."""
    if pixels is None or not size:
        return None
    return (Decimal(pixels) * 100 / size).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class StopForm(forms.Form):
    """A stop: what to say there, optionally a box on the picture, a place to stand and the way on."""

    item = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1, required=False)
    narrative_cy = _text(_("What to say at this stop, in Welsh"))
    narrative_en = _text(_("What to say at this stop, in English"))
    x = percent_field(_("From the left (%)"), required=False)
    y = percent_field(_("From the top (%)"), required=False)
    w = percent_field(_("Width (%)"), required=False)
    h = percent_field(_("Height (%)"), required=False)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90,
                           help_text=_("For example 51.7734"))
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180,
                           help_text=_("For example -3.2583"))
    directions_cy = _text(_("How to walk to the next stop, in Welsh"))
    directions_en = _text(_("How to walk to the next stop, in English"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.region_errors = []   # the region's own problems, shown above its four numbers

    def clean(self):
        """The box is four numbers or none; the place both numbers or none."""
        data = super().clean()
        given = [data.get(edge) is not None for edge in EDGES]
        if not any(edge in self.errors for edge in EDGES) and any(given) and not all(given):
            self.region_problem(_("Give all four numbers of the box, or leave all four empty for the whole picture."))
        if "lat" not in self.errors and "lon" not in self.errors:
            if (data.get("lat") is None) != (data.get("lon") is None):
                self.add_error("lat" if data.get("lat") is None else "lon",
                               _("Give both latitude and longitude, or neither."))
        return data

    def region_problem(self, message) -> None:
        """Refuse the form because of its box: the message shows above the box's four numbers."""
        self.region_errors.append(message)
        self.add_error(None, message)

    def region_given(self) -> bool:
        """Whether the four numbers of a box were given."""
        return all(self.cleaned_data.get(edge) is not None for edge in EDGES)

    def region_changed(self) -> bool:
        """Whether the box differs from the one the form was drawn with (a stop being changed)."""
        return any(edge in self.changed_data for edge in EDGES)

    def narrative(self) -> dict:
        """The narrative as a language map."""
        return {"cy": self.cleaned_data["narrative_cy"], "en": self.cleaned_data["narrative_en"]}

    def directions(self) -> dict:
        """The directions as a language map."""
        return {"cy": self.cleaned_data["directions_cy"], "en": self.cleaned_data["directions_en"]}


class InviteForm(forms.Form):
    """Inviting a member to write the trail too."""

    user = forms.CharField(label=_("Their username on the archive"), max_length=150,
                           help_text=_("They must be a member of the archive. They will be told by email."))


def refusal_on_form(form: forms.Form, exc: ValidationError, fields: dict[str, str] | None = None) -> None:
    """Put a service's refusal on ``form``: each message beside the field it names (``fields`` maps the
    service's names to the form's, e.g. ``title`` to ``title_cy``); a region's above the box; the rest on top."""
    fields = fields or {}
    problems = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for name, messages in problems.items():
        for message in messages:
            if name == "region" and isinstance(form, StopForm):
                form.region_problem(message)
                continue
            target = fields.get(name, name)
            form.add_error(target if target in form.fields else None, message)
