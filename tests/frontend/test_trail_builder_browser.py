"""Building a story trail in a real browser, on a phone-sized screen: a curator starts a trail, finds three
items from inside the builder, draws a box on the first one's picture with the mouse, reorders the stops by
dragging one by its handle, and publishes the trail; a visitor then opens it. axe-core finds no serious or
critical problem on the new-trail page, the builder and the history, in Welsh and English, and none of them
scrolls sideways at 390 px.

Runs Debian's Chromium (bin/services.py installs it) through Playwright against a live server, as
tests/frontend/test_regions_browser.py does; axe-core comes from npm (frontend/package.json, development only).
"""
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from archive.models import Stop, Trail
from tests.iiif.conftest import picture

pytestmark = pytest.mark.integration
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
AXE = settings.BASE_DIR / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
AXE_RUN = """() => axe.run(document, {resultTypes: ['violations']}).then((result) => result.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' '))})))"""
# The picture's content box (inside its border) on the screen, in CSS pixels, once it has loaded.
CONTENT_BOX = """(selector) => {
  const img = document.querySelector(selector);
  if (!img.complete || !img.naturalWidth) return null;
  const rect = img.getBoundingClientRect();
  return {left: rect.left + img.clientLeft, top: rect.top + img.clientTop,
          width: img.clientWidth, height: img.clientHeight};
}"""
TITLES = ["Capel Seion", "Cofeb y rhyfel", "Pen y pwll"]


def _chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is not installed: run bin/services.py ensure-system-packages (apt-get install chromium)")
    if not AXE.is_file():
        pytest.fail(f"axe-core is not at {AXE}: run `make install` (npm ci in frontend/)")


def _items(make_item, villager):
    """Three public items whose thumbnails and web copies are real pictures (1200 × 800 at full size)."""
    items = []
    for n, title in enumerate(TITLES):
        item = make_item(villager, title_en=title)
        for derivative in item.assets.get().derivatives.all():
            full = Path(settings.MEDIA_ROOT) / derivative.path
            full.parent.mkdir(parents=True, exist_ok=True)
            picture(derivative.width, derivative.height, seed=n).save(full, "JPEG")
        items.append(item)
    return items


def _check(page, where: str, found: dict):
    """Keep what axe-core and the page's width say about the page now shown."""
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)
    violations = page.evaluate(AXE_RUN)
    if violations:
        found[where] = violations
    overflow = page.evaluate(OVERFLOW)
    if overflow > 0:
        found[where + " (scrolls sideways)"] = overflow


def _add_stop(page, title: str, narrative: str):
    page.click("text=Add a stop")
    page.fill("#find-q", title)
    page.click("form.trail-find button[type=submit]")
    page.click(f"li.trail-found__item:has-text('{title}') >> text=Add to this trail")
    page.fill("#stop-narrative_en", narrative)


def test_a_curator_builds_a_three_stop_trail_with_a_box_reorders_it_by_dragging_and_publishes_it(
        make_item, villager, curator, transactional_db, live_server):
    _chromium()
    _items(make_item, villager)
    found, problems, seen = {}, [], {}

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
            context.add_init_script(path=str(AXE))
            page = context.new_page()
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.goto(f"{live_server.url}/accounts/login/")
            page.fill("#id_username", "curator")
            page.fill("#id_password", "pw-curator")
            page.click("form.form button[type=submit]")
            page.wait_for_load_state()

            page.click("summary.site-menu__button")  # on a phone the curators' links are in the header's Menu
            page.click("a.pill:has-text('Build a trail')")
            page.click("text=Start a new trail")
            _check(page, "en new trail", found)
            page.fill("#trail-title_en", "The chapel walk")
            page.fill("#trail-title_cy", "Taith y capel")
            page.fill("#trail-introduction_en", "A walk round the village.")
            page.click("form.form button[type=submit]")
            page.wait_for_selector("text=Your trail is started as a draft")
            builder = page.url
            seen["builder"] = builder

            # the first stop, with a box drawn with the mouse on its picture
            _add_stop(page, TITLES[0], "The chapel was built in 1841.")
            page.click("text=Show only part of the picture")
            page.wait_for_selector("#stop-picture .regions-layer.is-drawing")
            _check(page, "en stop form", found)
            page.locator("#stop-picture img").scroll_into_view_if_needed()
            box = page.wait_for_function(CONTENT_BOX, arg="#stop-picture img").json_value()
            start = (round(box["left"] + 0.25 * box["width"]), round(box["top"] + 0.25 * box["height"]))
            end = (round(box["left"] + 0.75 * box["width"]), round(box["top"] + 0.5 * box["height"]))
            page.mouse.move(*start)
            page.mouse.down()
            page.mouse.move(*end, steps=8)
            page.mouse.up()
            seen["fields"] = [page.input_value(f"#stop-{edge}") for edge in "xywh"]
            page.click("form.form button[type=submit]:has-text('Add the stop')")
            page.wait_for_selector("text=Stop 1 is added.")
            for title in TITLES[1:]:
                _add_stop(page, title, f"Words about {title}.")
                page.click("form.form button[type=submit]:has-text('Add the stop')")
                page.wait_for_selector("text=is added.")
            _check(page, "en builder", found)

            # drag the third stop to the top by its handle (a tall window, so that all three are in view)
            page.set_viewport_size({"width": 390, "height": 3000})
            page.wait_for_selector("[data-trail-handle]:visible")
            page.evaluate("window.scrollTo(0, 0)")
            grip = page.locator("[data-trail-handle]").nth(2).bounding_box()
            top = page.locator("li.trail-stop").first.bounding_box()
            page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
            page.mouse.down()
            page.mouse.move(grip["x"] + grip["width"] / 2, top["y"] + 5, steps=12)
            page.mouse.up()
            page.wait_for_function("() => document.querySelector('[data-trail-announce]').textContent !== ''")
            page.set_viewport_size({"width": 390, "height": 844})
            seen["announced"] = page.text_content("[data-trail-announce]")
            seen["numbers"] = page.eval_on_selector_all(
                "li.trail-stop .trail-stop__number [data-trail-number]", "(spans) => spans.map((s) => s.textContent)")

            page.click("text=Publish the trail")
            page.wait_for_selector("text=Published: everyone can follow the trail now.")
            page.click("text=History of changes")
            _check(page, "en history", found)

            # the same pages in Welsh
            context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "cy", "url": live_server.url}])
            for where, url in (("cy new trail", "/trails/new/"), ("cy builder", builder),
                               ("cy history", builder.replace("/edit/", "/history/"))):
                page.goto(url if url.startswith("http") else live_server.url + url)
                assert page.locator("html").get_attribute("lang") == "cy"
                _check(page, where, found)

            # a visitor follows the published trail
            visitor = browser.new_context(viewport={"width": 390, "height": 844})
            answer = visitor.new_page().goto(builder.replace("/edit/", "/"))
            seen["visitor"] = answer.status
        finally:
            browser.close()

    assert not problems, problems
    assert not found, found
    trail = Trail.objects.get()
    assert trail.status == "published"
    stops = list(Stop.objects.filter(trail=trail).order_by("position").select_related("item"))
    assert [s.item.title_en for s in stops] == [TITLES[2], TITLES[0], TITLES[1]], seen
    assert seen["announced"] == "Stop moved to place 1 of 3." and seen["numbers"] == ["1", "2", "3"], seen
    boxed = stops[1]
    assert all(float(value) > 0 for value in seen["fields"]), seen
    # dragged from a quarter to three quarters across and a quarter to half down a 1200 × 800 picture
    assert all(abs(a - b) <= 12 for a, b in zip((boxed.x, boxed.y, boxed.w, boxed.h), (300, 200, 600, 200),
                                                 strict=True)), (boxed.x, boxed.y, boxed.w, boxed.h)
    assert stops[0].region is None and stops[2].region is None
    assert seen["visitor"] == 200
