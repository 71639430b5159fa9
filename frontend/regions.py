"""Boxes drawn on a picture in the pages: percentages of the picture shown, turned into full-size pixels.

The pages (the item page's "Who is in this picture" form and the takedown form) give a box as four
percentages of the picture's width and height, because that is what a person can type and what
``frontend/static/frontend/regions.js`` fills in when they drag on the picture. The services store
regions in full-size pixels of the asset (:func:`archive.services.tags.region_check`); this module
is the one place that converts between the two.
"""
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from archive.access import can_view_images
from archive.services.tags import region_check

EDGES = ("x", "y", "w", "h")


def percent_field(label, required: bool = True) -> forms.DecimalField:
    """A form field for one side of a box: a percentage from 0 to 100 with at most two decimals."""
    return forms.DecimalField(label=label, min_value=0, max_value=100, decimal_places=2, required=required)


def _pixels(percent: Decimal, size: int) -> int:
    return int((Decimal(percent) * size / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def pixels_from_percent(asset, x, y, w, h, field: str = "region") -> tuple[int, int, int, int]:
    """The box ``x, y, w, h`` (percentages of the picture's width and height) in full-size pixels of ``asset``.

    The box's edges are rounded to the nearest pixel (so a box that ends at 100% ends at the
    picture's edge, never one pixel past it). Raises ``ValidationError`` naming ``field`` when a
    number is not a percentage, the box goes past the picture's right or bottom edge, it is
    smaller than a pixel, or the picture's size is not known.
    """
    try:
        x, y, w, h = (Decimal(str(value)) for value in (x, y, w, h))
    except (ArithmeticError, TypeError, ValueError):
        raise ValidationError({field: _("Give the box as four numbers from 0 to 100.")}) from None
    if not all(value.is_finite() and 0 <= value <= 100 for value in (x, y, w, h)):
        raise ValidationError({field: _("Give the box as four numbers from 0 to 100.")})
    if x + w > 100 or y + h > 100:
        raise ValidationError({field: _("The box goes past the edge of the picture: from the left plus the width, "
                                        "and from the top plus the height, can be at most 100%.")})
    if asset is None or not (asset.width and asset.height):
        raise ValidationError({field: _("This picture has not been processed yet, so its size is not known.")})
    left, top = _pixels(x, asset.width), _pixels(y, asset.height)
    right, bottom = _pixels(x + w, asset.width), _pixels(y + h, asset.height)
    if right <= left or bottom <= top:
        raise ValidationError({field: _("The box is too small: make it a little bigger.")})
    return region_check(asset, (left, top, right - left, bottom - top), field=field)


def pictures_for(user, item) -> list[dict]:
    """The pictures of ``item`` that ``user`` may see and point at, in order: each its ``asset``, web ``url``,
    and the ``width`` and ``height`` of that web copy. Empty when the reader may not see its pictures."""
    if not can_view_images(user, item):
        return []
    shown = []
    for asset in item.assets.order_by("position", "page", "id").prefetch_related("derivatives"):
        web = next((d for d in asset.derivatives.all() if d.kind == "web" and d.path), None)
        if web is not None and asset.width and asset.height:
            shown.append({"asset": asset, "url": settings.MEDIA_URL + web.path,
                          "width": web.width or asset.width, "height": web.height or asset.height})
    return shown
