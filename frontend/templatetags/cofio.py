"""Cofio's template helpers: ``{% load cofio %}``.

Bilingual text with its language, pictures (derivatives) and licences. All of
them read what :func:`archive.selectors.items_for_listing` has already
prefetched, so a page of cards costs no extra queries.
"""
from dataclasses import dataclass

from django import template
from django.conf import settings

from archive import selectors
from archive.access import can_view_images
from archive.licences import licence_get

from .. import bilingual

register = template.Library()

# Languages a ``lang`` attribute can name; "other" is unknown, which HTML spells lang="".
_LANG_ATTRIBUTES = {"cy": "cy", "en": "en", "zxx": "zxx"}


@dataclass(frozen=True)
class Picture:
    """A derivative ready for an ``<img>``: its URL and, when known, its size."""

    url: str
    width: int | None
    height: int | None


@register.filter
def in_language(obj, field: str) -> bilingual.Localised:
    """``{{ item|in_language:"title" }}``: the field in the reader's language, falling back to the other.

    The result prints as text and has ``.lang`` for the ``lang`` attribute.
    """
    return bilingual.localised(obj, field)


@register.filter
def item_title(item) -> bilingual.Localised:
    """``{{ item|item_title }}``: like ``in_language:"title"``, but "Untitled" when there is no title at all."""
    return bilingual.item_title(item)


@register.simple_tag
def both_names(obj, field: str = "name") -> list:
    """``{% both_names item.place as names %}``: Welsh and English names, the reader's first."""
    return bilingual.both_names(obj, field)


@register.filter
def lang_attr(language: str) -> str:
    """The ``lang`` attribute value for a description's language code ("" when unknown)."""
    return _LANG_ATTRIBUTES.get(language, "")


@register.simple_tag(takes_context=True)
def picture(context, item, kind: str = "thumbnail") -> Picture | None:
    """``{% picture item "web" as pic %}``: the first asset's derivative of ``kind``, or None.

    None too when the reader may not see the item's pictures (:func:`archive.access.can_view_images`).
    """
    request = context.get("request")
    if not can_view_images(getattr(request, "user", None), item):
        return None
    for asset in item.assets.all():
        for derivative in asset.derivatives.all():
            if derivative.kind == kind and derivative.path:
                return Picture(settings.MEDIA_URL + derivative.path, derivative.width, derivative.height)
    return None


@register.simple_tag
def licence_of(item) -> dict | None:
    """``{% licence_of item as licence %}``: ``{"label", "uri"}`` in the reader's language, or None."""
    licence = licence_get(item.licence)
    if licence is None:
        return None
    return {"label": licence.label(bilingual.current_language()), "uri": licence.uri}


@register.simple_tag
def archive_name() -> str:
    """The archive's name (``COFIO_ARCHIVE_NAME``)."""
    return getattr(settings, "COFIO_ARCHIVE_NAME", "Cofio")


@register.filter
def subjects_shown(item) -> list:
    """The item's approved subjects (see :func:`archive.selectors.subjects_shown`)."""
    return selectors.subjects_shown(item)
