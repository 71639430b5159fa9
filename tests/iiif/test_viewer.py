"""The item page's deep-zoom viewer in a real browser: OpenSeadragon (from npm, served by Cofio) opens
the item's manifest, requests its tiles from the Image API and draws them.

Runs Debian's Chromium (bin/services.py installs it) through Playwright against a live server.
"""
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import ROOT

pytestmark = pytest.mark.integration
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
OPENSEADRAGON = ROOT / "frontend" / "static" / "vendor" / "openseadragon" / "openseadragon.min.js"

# Colours in the middle of the viewer: the test picture is squares of many colours on a blue ground.
PIXELS = """() => {
  const canvas = document.querySelector('[data-viewer-stage] canvas');
  const context = canvas.getContext('2d');
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Set();
  for (let i = 0; i < data.length; i += 4 * 97) {
    if (data[i + 3] > 0) colours.add(`${data[i] >> 4},${data[i + 1] >> 4},${data[i + 2] >> 4}`);
  }
  return {width: canvas.width, height: canvas.height, colours: colours.size};
}"""


DRAWN = """(atLeast) => {
  const section = document.querySelector('[data-viewer]');
  return section.dataset.state === 'failed' || Number(section.dataset.tilesDrawn || 0) >= atLeast;
}"""


def test_viewer_requests_and_draws_tiles(make_item, transactional_db, live_server):
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is not installed: run bin/services.py ensure-system-packages (apt-get install chromium)")
    if not OPENSEADRAGON.is_file():
        pytest.fail(f"OpenSeadragon is not at {OPENSEADRAGON}: run `make install` (npm ci --prefix frontend, then "
                    "it is copied from node_modules/openseadragon/build/openseadragon/)")
    item = make_item(pictures=[(1800, 1200)], title_en="The colliery from the mountain", title_cy="Y lofa o'r mynydd")
    asset_id = item.assets.get().pk
    page_url = f"{live_server.url}/items/{item.pk}/"
    assert settings.STATIC_URL == "/static/"

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 412, "height": 915}, device_scale_factor=1)  # a phone
            requested, failed, problems = [], [], []
            page.on("request", lambda r: requested.append(r.url))
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(page_url)
            button = page.locator("[data-viewer-open]")
            button.wait_for(state="visible", timeout=10_000)
            assert button.inner_text() == "Look closer at the picture"
            button.click()
            page.wait_for_function(DRAWN, arg=1, timeout=30_000)  # the whole picture, at the size the phone needs
            zoom_in = page.locator("[data-viewer-stage] [title='Zoom in']").first
            for _ in range(3):  # as a villager would: the + button (or a pinch)
                zoom_in.click()
            page.wait_for_function(DRAWN, arg=3, timeout=30_000)  # and the full-size tiles of where they looked
            section = page.locator("[data-viewer]")
            assert section.get_attribute("data-state") == "open", section.get_attribute("data-error")
            drawn = int(section.get_attribute("data-tiles-drawn"))
            pixels = page.evaluate(PIXELS)
            assert button.inner_text() == "Close the close-up view"
            assert button.get_attribute("aria-expanded") == "true"
        finally:
            browser.close()

    service = f"{live_server.url}/iiif/3/{asset_id}"
    assert f"{live_server.url}/iiif/items/{item.pk}/manifest" in requested
    assert f"{service}/info.json" in requested
    images = [url for url in requested if url.startswith(service + "/") and url.endswith("/0/default.jpg")]
    regions = [url for url in images if not url.startswith(f"{service}/full/")]
    assert images and regions, f"no full-size tile was requested: {requested}"
    assert any(url.startswith(f"{live_server.url}/static/vendor/openseadragon/") for url in requested)
    assert not failed and not problems, (failed, problems)
    assert drawn >= 3, f"only {drawn} tile(s) drawn"
    assert pixels["width"] > 0 and pixels["colours"] > 20, pixels  # the picture, not a blank canvas
