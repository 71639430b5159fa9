"""The printable leaflet in a real browser: its QR codes as Chromium draws them open the stops' pages, axe-core
finds no serious or critical problem in Welsh or English, it prints to A4 PDF, and no stop is split by a page.

Runs Debian's Chromium (bin/services.py installs it) through Playwright against a live server, as
tests/frontend/test_regions_browser.py does; axe-core comes from npm (frontend/node_modules, `make install`).
"""
import re
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest
from django.conf import settings

from archive.models import Derivative
from archive.services import item_withdraw
from archive.services.trails import stop_update
from tests.iiif.conftest import picture
from tests.trails import published_trail, ready_item

pytestmark = pytest.mark.integration
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
AXE = settings.BASE_DIR / "frontend" / "node_modules" / "axe-core" / "axe.min.js"

# axe-core's violations, as (rule, impact, where) for the ones that matter most.
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({rule: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5)}));
}"""

# A page's size in a PDF, in points (A4: 595.28 × 841.89; Chromium rounds to whole CSS pixels, within 1 point).
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]")


def _chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is not installed: run bin/services.py ensure-system-packages (apt-get install chromium)")
    if not AXE.is_file():
        pytest.fail(f"axe-core is not at {AXE}: run `make install` (npm ci in frontend/)")


def _pictured(item, seed):
    """Write real JPEGs for the item's thumbnail and web copy (a quarter and a half of the full size)."""
    asset = item.assets.get()
    for kind, scale in (("thumbnail", 4), ("web", 2)):
        width, height = asset.width // scale, asset.height // scale
        path = f"derivatives/{item.pk}/{asset.pk}/{kind}.jpg"
        full = Path(settings.MEDIA_ROOT) / path
        full.parent.mkdir(parents=True, exist_ok=True)
        picture(width, height, seed).save(full, "JPEG")
        Derivative.objects.create(asset=asset, kind=kind, path=path, media_type="image/jpeg", width=width,
                                  height=height)
    return item


def _decode(png: bytes) -> str:
    pixels = cv2.imdecode(np.frombuffer(png, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
    text, points, _ = cv2.QRCodeDetector().detectAndDecode(pixels)
    return text if points is not None else ""


def _pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """The size of every page of a PDF Chromium printed (its pages are not compressed objects)."""
    return [(float(w), float(h)) for w, h in MEDIA_BOX.findall(pdf)]


def test_the_leaflet_prints_on_a4_its_codes_open_the_stops_and_axe_finds_no_serious_problem(
        curator, villager, transactional_db, live_server):
    _chromium()
    titles = ("The chapel", "The pit head", "The war memorial", "The terraces", "Y Stiwt")
    items = [_pictured(ready_item(villager, title=t, width=1600, height=1200), seed) for seed, t in enumerate(titles)]
    trail = published_trail(curator, items)
    places = [(51.7480, -3.2710), (51.7495, -3.2690), (51.7510, -3.2655), (51.7502, -3.2620), (51.7488, -3.2601)]
    long_words = {"en": "The band played here every Whit Monday, and the whole village came out to listen. " * 6}
    for stop, (lat, lon) in zip(trail.stops.order_by("position"), places, strict=True):
        stop_update(stop, curator, lat=lat, lon=lon, narrative=long_words,
                    directions={"en": "Walk on along the terrace.", "cy": "Cerddwch ymlaen ar hyd y teras."})
    stop_update(trail.stops.get(position=1), curator, region=[400, 300, 600, 450])
    item_withdraw(items[3], curator)  # stop 4 becomes a placeholder: words and code, no picture
    url = f"{live_server.url}/trails/{trail.pk}/leaflet/"
    expected = [f"{live_server.url}/trails/{trail.pk}/stops/{n}/" for n in range(1, 6)]

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    seen = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=2)
            problems = []
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
            axe_source = AXE.read_text()
            for language, switch in (("en", None), ("cy", "Cymraeg")):
                page.emulate_media(media="screen")
                page.goto(url)
                if switch:  # the language switch is on the leaflet's own page
                    page.click(f".language-switcher button:text-is('{switch}')")
                    page.wait_for_load_state("load")
                assert page.get_attribute("html", "lang") == language
                page.wait_for_function("Array.from(document.images).every((i) => i.complete && i.naturalWidth)")
                seen[language, "print button"] = page.locator("[data-leaflet-print]").is_visible()
                codes = page.locator(".leaflet-stop__qr")
                seen[language, "codes"] = [_decode(codes.nth(i).screenshot()) for i in range(codes.count())]
                page.evaluate(axe_source)  # through DevTools: the page's policy does not apply to it
                seen[language, "axe"] = page.evaluate(AXE_RUN)
                page.emulate_media(media="print")
                seen[language, "stops kept whole"] = page.evaluate(
                    "Array.from(document.querySelectorAll('.leaflet-stop'))"
                    ".map((li) => getComputedStyle(li).breakInside)")
                seen[language, "site header printed"] = page.locator(".site-header").is_visible()
                seen[language, "pdf"] = page.pdf(format="A4", print_background=True)
        finally:
            browser.close()

    assert problems == []
    for language in ("en", "cy"):
        assert seen[language, "print button"], language
        assert seen[language, "codes"] == expected, language
        assert seen[language, "axe"] == [], (language, seen[language, "axe"])
        assert seen[language, "stops kept whole"] == ["avoid"] * 5, language
        assert not seen[language, "site header printed"], language
        pdf = seen[language, "pdf"]
        sizes = _pdf_page_sizes(pdf)
        assert pdf.startswith(b"%PDF-") and len(sizes) >= 2, language  # five long stops do not fit one sheet
        assert all(abs(w - 595.28) <= 1 and abs(h - 841.89) <= 1 for w, h in sizes), (language, sizes)
