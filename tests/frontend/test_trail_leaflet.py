"""A trail's printable leaflet (/trails/<id>/leaflet/): what a visitor takes round the village on paper.

Every QR code the page serves is rasterised (libvips draws the page's own SVG) and read back with
OpenCV's QR detector: each must open its stop's page. Drafts are 404 to visitors; a stop whose item is
withdrawn keeps its words and code but shows nothing of the item; the route map has a numbered marker
for each stop with a place, in order, north up; the page is in Welsh for a Welsh reader.
"""
import re
from html import unescape

import cv2
import numpy as np
import pytest
import pyvips

from archive.models import Derivative
from archive.services import item_withdraw
from archive.services.trails import stop_add, stop_update, trail_create
from tests.frontend.html import elements
from tests.trails import published_trail, ready_item

pytestmark = pytest.mark.django_db(transaction=True)

QR_SVG = re.compile(r'<svg role="img" aria-label="[^"]*" viewBox="[^"]*" class="leaflet-stop__qr">.*?</svg>', re.S)
ROUTE_SVG = re.compile(r'<svg class="route-map".*?</svg>', re.S)


def leaflet(client, trail, language="en"):
    response = client.get(f"/trails/{trail.pk}/leaflet/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def with_pictures(item):
    """Give ``item``'s picture a thumbnail and a web copy (a quarter and half of its full size)."""
    asset = item.assets.get()
    for kind, scale in (("thumbnail", 4), ("web", 2)):
        Derivative.objects.create(asset=asset, kind=kind, path=f"derivatives/{item.pk}/{asset.pk}/{kind}.jpg",
                                  media_type="image/jpeg", width=asset.width // scale, height=asset.height // scale)
    return item


def decoded_qr_codes(html: str) -> list[str]:
    """Every QR code the page carries, as the page serves it, drawn to pixels and read back with OpenCV."""
    texts = []
    for svg in QR_SVG.findall(html):
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
        image = pyvips.Image.svgload_buffer(svg.encode(), scale=8).flatten(background=[255, 255, 255])
        pixels = np.ndarray(buffer=image.colourspace("b-w").write_to_memory(), dtype=np.uint8,
                            shape=(image.height, image.width))
        text, points, _ = cv2.QRCodeDetector().detectAndDecode(pixels)
        assert points is not None and text, "a QR code on the page could not be read"
        texts.append(text)
    return texts


def route_markers(html: str) -> list[tuple[int, float, float]]:
    """The route map's markers: (number shown, x, y) in the order of the walk."""
    svg = ROUTE_SVG.search(html).group(0)
    markers = [(int(g.attrs["data-stop"]), g.text.strip()) for g in elements(svg, "g") if "data-stop" in g.attrs]
    circles = elements(svg, "circle")
    found = [(number, float(c.attrs["cx"]), float(c.attrs["cy"]))
             for (number, shown), c in zip(markers, circles, strict=True) if str(number) == shown]
    assert len(found) == len(markers), "each marker shows its stop's number"
    return sorted(found)


def test_every_qr_code_on_the_leaflet_opens_its_stop_page(client, curator, villager):
    items = [with_pictures(ready_item(villager, title=t)) for t in ("The chapel", "The pit head", "The war memorial")]
    trail = published_trail(curator, items)
    # Stop 3's item is withdrawn: its code still leads to the stop (whose page keeps the words).
    item_withdraw(items[2], curator)
    html = leaflet(client, trail)
    expected = [f"http://testserver/trails/{trail.pk}/stops/{n}/" for n in (1, 2, 3)]
    assert decoded_qr_codes(html) == expected
    # The address is printed under each code too, for a reader without a phone camera.
    for url in expected:
        assert f'<a href="{url}">{url}</a>' in html


def test_the_leaflet_is_for_printing_on_a4_with_a_print_button(client, curator, villager):
    trail = published_trail(curator, [ready_item(villager)])
    html = leaflet(client, trail)
    stylesheets = [e.attrs["href"] for e in elements(html, "link") if e.attrs.get("rel") == "stylesheet"]
    assert any(href.endswith("frontend/trail-leaflet.css") for href in stylesheets)
    buttons = [b for b in elements(html, "button") if "data-leaflet-print" in b.attrs]
    assert [b.text for b in buttons] == ["Print this leaflet"]
    assert "Ctrl+P" in html  # without the script, the page says how to print
    assert "Written by" in html and curator.credit_name in html
    assert "A walk round the village." in html


def test_a_draft_leaflet_is_a_404_to_visitors_and_marked_as_a_draft_for_its_authors(client, curator, villager):
    trail = trail_create(curator, title={"en": "Not ready yet"})
    stop_add(trail, curator, item=ready_item(villager), narrative={"en": "Here."})
    url = f"/trails/{trail.pk}/leaflet/"
    assert client.get(url).status_code == 404
    client.force_login(villager)  # a member who is not one of its authors
    assert client.get(url).status_code == 404
    client.force_login(curator)
    html = leaflet(client, trail)
    assert "Not ready yet" in html and "Draft: not published yet" in html
    assert client.get("/trails/987654/leaflet/").status_code == 404


def test_a_stop_whose_item_is_withdrawn_keeps_its_words_but_not_its_picture_or_title(client, curator, villager):
    shown, hidden = (with_pictures(ready_item(villager, title=t)) for t in ("The chapel", "The pit head"))
    trail = published_trail(curator, [shown, hidden])
    stop_update(trail.stops.get(position=2), curator, directions={"en": "Walk down to the river."})
    before = leaflet(client, trail)
    assert "The pit head" in before and f"derivatives/{hidden.pk}/" in before
    item_withdraw(hidden, curator)

    html = leaflet(client, trail)
    stops = [li for li in elements(html, "li") if "data-stop" in li.attrs]
    assert [s.attrs["data-stop"] for s in stops] == ["1", "2"]
    placeholder = stops[1]
    assert "Stop 2" in placeholder.text and "Walk down to the river." in placeholder.text
    assert "no longer shown" in placeholder.text
    assert "The pit head" not in html and f"derivatives/{hidden.pk}/" not in html
    assert f"/items/{hidden.pk}/" not in html
    assert "The chapel" in stops[0].text and f"derivatives/{shown.pk}/" in html


def test_a_stop_on_a_region_shows_only_that_region(client, curator, villager):
    item = with_pictures(ready_item(villager, title="The chapel", width=2000, height=1000))
    trail = published_trail(curator, [item])
    stop_update(trail.stops.get(), curator, region=[400, 200, 600, 300])
    html = leaflet(client, trail)
    pictures = [e for e in elements(html, "svg") if "leaflet-stop__picture" in e.attrs.get("class", "")]
    # The web copy is half the full size: the region's box halves too.
    assert [p.attrs["viewbox"] for p in pictures] == ["200.0 100.0 300.0 150.0"]
    assert [i.attrs["href"] for i in elements(html, "image")] == [f"/media/derivatives/{item.pk}/"
                                                                   f"{item.assets.get().pk}/web.jpg"]


def test_the_route_map_has_a_numbered_marker_for_each_located_stop_in_order(client, curator, villager):
    items = [ready_item(villager, title=f"Place {n}") for n in range(4)]
    trail = published_trail(curator, items)
    stops = list(trail.stops.order_by("position"))
    # 1 in the south-west, 2 to the north-east of it, 3 without a place, 4 due east of 1.
    for stop, location in zip(stops, [(51.750, -3.270), (51.755, -3.260), None, (51.750, -3.250)], strict=True):
        if location:
            stop_update(stop, curator, lat=location[0], lon=location[1])
    html = leaflet(client, trail)
    markers = route_markers(html)
    assert [m[0] for m in markers] == [1, 2, 4]
    (_, x1, y1), (_, x2, y2), (_, x4, y4) = markers
    assert x1 < x2 < x4 and y2 < y1 and y4 == pytest.approx(y1)  # east is right, north is up
    # The line joins them in the order of the walk.
    line = elements(ROUTE_SVG.search(html).group(0), "polyline")[0].attrs["points"].split()
    assert [tuple(map(float, p.split(","))) for p in line] == [(x1, y1), (x2, y2), (x4, y4)]
    assert "Not on the map (no place given): stop 3." in html


def test_the_leaflet_in_welsh(client, curator, villager):
    trail = published_trail(curator, [ready_item(villager)])
    stop_update(trail.stops.get(), curator, lat=51.75, lon=-3.27, directions={"cy": "Cerddwch i lawr at yr afon."})
    html = leaflet(client, trail, language="cy")
    text = unescape(html)
    assert '<html lang="cy">' in html
    assert "Taith y capel" in text and "Taith o gwmpas y pentref." in text and "Arhosfan 1" in text
    assert "Argraffu'r daflen hon" in text and "Ysgrifennwyd gan" in text and "I'r arhosfan nesaf" in text
    assert "Print this leaflet" not in text and "Written by" not in text and "Stop 1" not in text
    route = unescape(ROUTE_SVG.search(html).group(0))
    assert "Gogledd" in route and "Map o'r llwybr" in route
    assert decoded_qr_codes(html) == [f"http://testserver/trails/{trail.pk}/stops/1/"]

