"""Template helpers for drawing boxes on pictures: ``{% load regions %}``.

Used by the "Who is in this picture" form and the takedown form, with
``frontend/static/frontend/regions.js``.
"""
from django import template

from ..regions import pictures_for

register = template.Library()


@register.simple_tag(takes_context=True)
def region_pictures(context, item) -> list[dict]:
    """``{% region_pictures item as pictures %}``: the pictures of ``item`` the reader may see and point at
    (see :func:`frontend.regions.pictures_for`)."""
    request = context.get("request")
    return pictures_for(getattr(request, "user", None), item)
