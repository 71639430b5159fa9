"""The "Add photos" form: what a member types about the photos they upload, checked in plain words.

The same limits as the API's upload (``COFIO_MAX_UPLOAD_FILES``, ``COFIO_MAX_UPLOAD_BYTES``); the checked
fields go to :func:`archive.services.contribution_from_fields`, as the API's do.
"""
import re

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from archive.access import places_visible_to
from archive.ids import written_as_number
from archive.licences import LICENCES
from archive.models import Item, Person, Place
from archive.services.vocabulary import vocabulary_by_id

from .bilingual import current_language

ACCEPT = "image/*,.heic,.heif,.tif,.tiff"
CAPTION_MAX, DATE_MAX, NAME_MAX, PEOPLE_MAX, TELLER_MAX = 5000, 200, 200, 2000, 150
DEFAULT_LICENCE = "http://creativecommons.org/licenses/by-nc/4.0/"
LANGUAGE_CHOICES = [("cy", "Cymraeg"), ("en", "English"), ("other", gettext_lazy("Another language"))]

# What each licence lets other people do, in one plain line (by the licence's code).
LICENCE_MEANING = {
    "CC-BY-4.0": gettext_noop("Anyone may use and share it, for anything, if they say who shared it."),
    "CC-BY-SA-4.0": gettext_noop("Anyone may use and share it, if they say who shared it and share their "
                                 "own versions the same way."),
    "CC-BY-NC-4.0": gettext_noop("Anyone may share it, if they say who shared it, but not to make money."),
    "CC-BY-NC-SA-4.0": gettext_noop("Anyone may share it, not to make money, if they say who shared it and "
                                    "share their own versions the same way."),
    "CC-BY-ND-4.0": gettext_noop("Anyone may share it unchanged, if they say who shared it."),
    "CC-BY-NC-ND-4.0": gettext_noop("Anyone may share it unchanged, not to make money, if they say who "
                                    "shared it."),
    "CC0-1.0": gettext_noop("You give it to everyone: anyone may use it for anything, without asking."),
    "PDM-1.0": gettext_noop("It is already free for everyone (for example, it is very old)."),
    "InC": gettext_noop("Someone owns the copyright: others must ask them before using it."),
    "InC-EDU": gettext_noop("Someone owns the copyright, but schools and teachers may use it."),
    "InC-NC": gettext_noop("Someone owns the copyright, but it may be used when not making money."),
    "InC-RUU": gettext_noop("It is under copyright, but no one knows who owns it now."),
    "NoC-NC": gettext_noop("There is no copyright, but it may only be used when not making money."),
    "NoC-OKLR": gettext_noop("There is no copyright, but another rule limits how it may be used."),
    "CNE": gettext_noop("No one has checked who owns the copyright yet."),
    "UND": gettext_noop("Someone tried, but could not find out who owns the copyright."),
    "NKC": gettext_noop("As far as anyone knows, there is no copyright."),
}
# The Creative Commons licences are offered first; the rest are for photos that someone else owns.
MAIN_CODES = {"CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC-BY-NC-ND-4.0",
              "CC0-1.0"}


def licence_options() -> list[dict]:
    """Every licence with its label (reader's language), its plain meaning, and whether it is a main choice."""
    language = current_language()
    return [{"value": lic.uri, "label": lic.label(language), "meaning": _(LICENCE_MEANING[lic.code]),
             "main": lic.code in MAIN_CODES} for lic in LICENCES]


def known_places(user) -> list[str]:
    """The names of the places already in the archive that ``user`` may see, for the place field's suggestions
    (a place typed only on items hidden from them is not suggested: :func:`archive.access.places_visible_to`)."""
    names = set()
    for place in places_visible_to(user).only("name_cy", "name_en"):
        names.update(n for n in (place.name_cy, place.name_en) if n)
    return sorted(names, key=str.casefold)


def split_names(text: str) -> list[str]:
    """Names typed one a line or separated by commas, trimmed, without blanks or repeats."""
    names = []
    for name in re.split(r"[\n,;]+", text or ""):
        name = " ".join(name.split())
        if name and name not in names:
            names.append(name)
    return names


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that lets the phone offer several photos from the camera or the gallery."""

    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """One or more files, at most COFIO_MAX_UPLOAD_FILES, each at most COFIO_MAX_UPLOAD_BYTES."""

    widget = MultipleFileInput(attrs={"accept": ACCEPT})

    def clean(self, data, initial=None):
        """The list of uploaded files, or a plain message naming what is wrong."""
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if not files:
            raise forms.ValidationError(_("Choose at least one photo or scan to add."), code="required")
        empty = [f.name for f in files if not f.size]
        if empty:
            raise forms.ValidationError(_("This file is empty: %(names)s. Please choose it again.")
                                        % {"names": ", ".join(empty)}, code="empty")
        limit_files, limit_bytes = settings.COFIO_MAX_UPLOAD_FILES, settings.COFIO_MAX_UPLOAD_BYTES
        if len(files) > limit_files:
            raise forms.ValidationError(
                _("You chose %(count)s files; you can add at most %(limit)s at once. Please choose fewer.")
                % {"count": len(files), "limit": limit_files}, code="too_many")
        too_big = [f.name for f in files if f.size > limit_bytes]
        if too_big:
            raise forms.ValidationError(
                _("Too big: %(names)s. Each file can be at most %(limit)s.")
                % {"names": ", ".join(too_big), "limit": filesizeformat(limit_bytes)}, code="too_big")
        return files


class ContributeForm(forms.Form):
    """Photos and what the member says about them; curators also get "told by" (memory-day mode).

    ``user`` is who uploads: a place or a person given by number must be one they may see.
    """

    files = PhotosField(label=gettext_lazy("Photos or scans"))
    caption = forms.CharField(
        label=gettext_lazy("What is in the picture?"), max_length=CAPTION_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("In your own words: who, what, where. The same words go with every photo you "
                               "add now."))
    language = forms.ChoiceField(label=gettext_lazy("Which language did you write it in?"),
                                 choices=LANGUAGE_CHOICES)
    date_text = forms.CharField(
        label=gettext_lazy("When was it taken?"), max_length=DATE_MAX, required=False,
        help_text=gettext_lazy("In your own words, for example \u201cc. 1950s\u201d, \u201chaf 1947\u201d or "
                               "\u201cwhen Dad was young\u201d. It is fine to guess."))
    place = forms.CharField(label=gettext_lazy("Where was it taken?"), max_length=NAME_MAX, required=False,
                            help_text=gettext_lazy("A village, street, chapel or pit. Choose one we know, or type "
                                                   "a new one."))
    people = forms.CharField(
        label=gettext_lazy("Who is in it?"), max_length=PEOPLE_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One name on each line, or separated by commas. Leave it empty if you don't know."))
    licence = forms.ChoiceField(
        label=gettext_lazy("How may other people use it?"), widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how other people may use your photos."),
                        "invalid_choice": gettext_lazy("Choose one of the ways listed.")})
    consent = forms.BooleanField(
        label=gettext_lazy("I took these photos, or I have the right to share them, and I agree that they may "
                           "be used as I chose above."),
        error_messages={"required": gettext_lazy("Please tick this box to say you may share these photos. "
                                                 "We can't add them without it.")})
    visibility = forms.ChoiceField(label=gettext_lazy("Who may see them?"), widget=forms.RadioSelect,
                                   choices=Item.Visibility.choices, initial=Item.Visibility.PUBLIC)
    share_location = forms.BooleanField(
        label=gettext_lazy("Show where the photos were taken"), required=False,
        help_text=gettext_lazy("Only if the phone or camera saved the place in the photo (GPS). If you leave this "
                               "empty, that place is never shown."))
    teller_name = forms.CharField(
        label=gettext_lazy("Told by"), max_length=TELLER_MAX, required=False,
        help_text=gettext_lazy("Memory-day mode: when you add photos and words for someone else, their name, as "
                               "they want to be credited."))

    def __init__(self, *args, curator: bool = False, user=None, **kwargs):
        kwargs.setdefault("initial", {"language": current_language(), "licence": DEFAULT_LICENCE,
                                      "visibility": Item.Visibility.PUBLIC})
        kwargs.setdefault("auto_id", "contribute-%s")
        super().__init__(*args, **kwargs)
        self.user = user  # who uploads: ids reach only the places and people they may see
        self.fields["licence"].choices = [(lic.uri, lic.label(current_language())) for lic in LICENCES]
        for name in ("language", "visibility"):
            self.fields[name].error_messages["invalid_choice"] = _("Choose one of the ways listed.")
        if not curator:
            del self.fields["teller_name"]  # memory-day mode is for the curators who run the day

    def clean_place(self):
        """A place name (or the number of a place we know)."""
        value = " ".join(self.cleaned_data["place"].split())
        if written_as_number(value) and vocabulary_by_id(Place, value, actor=self.user) is None:
            raise forms.ValidationError(_("We don't know a place numbered %(number)s. Type its name instead.")
                                        % {"number": value})
        return value

    def clean_people(self):
        """The names, one each; each at most 200 characters."""
        names = split_names(self.cleaned_data["people"])
        too_long = [n for n in names if len(n) > NAME_MAX]
        if too_long:
            raise forms.ValidationError(_("A name can be at most %(limit)s characters long.") % {"limit": NAME_MAX})
        missing = [n for n in names if written_as_number(n) and vocabulary_by_id(Person, n, actor=self.user) is None]
        if missing:
            raise forms.ValidationError(_("We don't know a person numbered %(number)s. Type their name instead.")
                                        % {"number": ", ".join(missing)})
        return names

    def contribution_fields(self) -> dict:
        """The checked fields, named as :func:`archive.services.contribution_from_fields` takes them."""
        data = {key: value for key, value in self.cleaned_data.items() if key != "files"}
        data.setdefault("teller_name", "")
        return data
