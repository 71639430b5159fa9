"""QR codes made by Cofio itself (segno), as inline SVG: crisp at any print size, and no request for a picture.

The page's Content-Security-Policy allows no ``data:`` pictures and no inline styles; segno's SVG is a
single path with presentation attributes (``stroke``), which the policy does not govern.
"""
import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Error correction "M" (15% of the code may be lost): survives a fold or a smudge on a printed leaflet
# while keeping a stop's URL to a small code (version 3 or 4 for a usual host name).
ERROR_CORRECTION = "m"
# The quiet zone the standard asks for around the code, in modules.
QUIET_ZONE = 4


def qr_svg(text: str, label: str, css_class: str = "qr-code") -> SafeString:
    """``text`` (a URL) as a QR code: an ``<svg>`` sized by its viewBox (CSS sets the printed size).

    ``label`` names the code for screen readers (``role="img"``, ``aria-label``); it is escaped here.
    """
    code = segno.make(text, error=ERROR_CORRECTION, micro=False)
    svg = code.svg_inline(scale=1, border=QUIET_ZONE, omitsize=True, svgclass=css_class, lineclass=None,
                          dark="#000", light="#fff")
    if not svg.startswith("<svg "):
        raise ValueError("segno did not start its SVG with <svg")
    attributes = f'<svg role="img" aria-label="{escape(label)}" '
    return mark_safe(attributes + svg[len("<svg "):])
