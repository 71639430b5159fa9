"""Template helper for the "Add photos" link: ``{% load contributing %}``.

Who may contribute is asked of :func:`archive.access.can_contribute`.
"""
from django import template

from archive.access import can_contribute

register = template.Library()


@register.simple_tag(takes_context=True)
def may_contribute(context) -> bool:
    """``{% may_contribute as allowed %}``: whether the signed-in reader may add photos."""
    request = context.get("request")
    return can_contribute(getattr(request, "user", None))
