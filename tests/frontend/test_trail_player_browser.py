"""Following a story trail in a real browser: a visitor follows a three-stop trail with the keyboard and on a
phone (390 × 844), the route map is drawn with the stops numbered and joined (no tile server: a plain
background), the deep-zoom viewer moves to a stop's region, axe-core finds no serious or critical problem on the
trails' pages in Welsh and English, a withdrawn item's stop becomes a placeholder, and walking mode shows the
distance and direction to the next stop without any request carrying the phone's location.

Runs Debian's Chromium (bin/services.py installs it) through Playwright against a live server, as
tests/frontend/test_csp_browser.py does; axe-core comes from npm (frontend/package.json, development only).
"""
import math
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.test import Client

from archive.services.trails import stop_add, trail_create, trail_publish
from tests.iiif.conftest import picture, write_tiles

pytestmark = pytest.mark.integration
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
AXE = settings.BASE_DIR / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
LEAFLET = settings.BASE_DIR / "frontend" / "static" / "vendor" / "leaflet" / "leaflet.js"
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"

# Registered before any script of the page runs: every Content-Security-Policy violation, kept on window.
LISTEN = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  {directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber}));"""

AXE_RUN = """() => axe.run(document, {resultTypes: ['violations']}).then((result) => result.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' '))})))"""

# Counts the page's requests for the phone's position (before any script of the page runs).
COUNT_GEOLOCATION = """window.__geolocationCalls = 0;
for (const name of ['watchPosition', 'getCurrentPosition']) {
  const original = navigator.geolocation[name].bind(navigator.geolocation);
  navigator.geolocation[name] = (...args) => { window.__geolocationCalls += 1; return original(...args); };
}"""

# Where the zoomable picture is looking, in full-size pixels of the picture.
SHOWN = """() => {
  const viewer = document.querySelector('[data-stop-viewer]').viewer;
  const r = viewer.viewport.viewportToImageRectangle(viewer.viewport.getBounds(true));
  return {x: r.x, y: r.y, w: r.width, h: r.height};
}"""

STOPS = [  # title, (lat, lon), region
    ("The chapel", (51.70000, -3.25000), None),
    ("The war memorial", (51.70100, -3.25000), [600, 400, 300, 200]),
    ("The pit head", (51.70200, -3.24800), None),
]


def _chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is not installed: run bin/services.py ensure-system-packages (apt-get install chromium)")
    for path in (AXE, LEAFLET):
        if not path.is_file():
            pytest.fail(f"{path} is missing: run `make install` (npm ci, then the copy to static/vendor/)")


def _three_stop_trail(make_item, villager, curator):
    """A published trail of three stops on pictures with real tiles, thumbnails and web copies."""
    trail = trail_create(curator, title={"en": "The chapel walk", "cy": "Taith y capel"},
                         introduction={"en": "A walk round the village.", "cy": "Taith o gwmpas y pentref."})
    items = []
    for n, (title, (lat, lon), region) in enumerate(STOPS):
        item = make_item(villager, title_en=title)
        asset = item.assets.get()
        write_tiles(asset, 1200, 800, seed=n)
        for derivative in asset.derivatives.exclude(kind="tiles"):
            full = Path(settings.MEDIA_ROOT) / derivative.path
            full.parent.mkdir(parents=True, exist_ok=True)
            picture(derivative.width, derivative.height, seed=n).save(full, "JPEG")
        stop_add(trail, curator, item=item, narrative={"en": f"Words for stop {n + 1}", "cy": f"Geiriau {n + 1}"},
                 region=region, lat=lat, lon=lon, directions={"en": "Walk on up the hill.", "cy": "Cerddwch ymlaen."})
        items.append(item)
    return trail_publish(trail, curator), items


def _axe(page, where: str, found: dict):
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    violations = page.evaluate(AXE_RUN)
    if violations:
        found[where] = violations


def _swipe(page, cdp, from_x, to_x, y=420):
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": from_x, "y": y}]})
    for step in range(1, 6):
        x = from_x + (to_x - from_x) * step / 5
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_a_visitor_follows_a_trail_with_the_keyboard_and_on_a_phone(make_item, villager, curator,
                                                                    transactional_db, live_server):
    _chromium()
    trail, items = _three_stop_trail(make_item, villager, curator)
    base = f"{live_server.url}/trails/{trail.pk}"
    stop_url = [f"{base}/stops/{n}/" for n in (1, 2, 3)]
    withdraw = Client()
    withdraw.force_login(villager)  # the contributor, who withdraws the second item at the end
    session = withdraw.cookies[settings.SESSION_COOKIE_NAME].value
    seen, axe_found, problems = {}, {}, []

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for language in ("en", "cy"):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                                      "url": live_server.url}])
                context.add_init_script(LISTEN)
                context.add_init_script(path=str(AXE))
                page = context.new_page()
                page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
                requests = []
                page.on("request", lambda r: requests.append(r.url))
                page.goto(f"{live_server.url}/trails/")
                _axe(page, f"{language} /trails/", axe_found)
                page.click(f"a[href='/trails/{trail.pk}/']")
                page.wait_for_selector("[data-map][data-state=drawn]")
                _axe(page, f"{language} player", axe_found)
                if language == "en":
                    seen["map"] = page.evaluate("""() => ({
                        markers: [...document.querySelectorAll('.map-marker')].map((m) => m.textContent),
                        lines: document.querySelectorAll('path.map-line').length,
                        plain: document.querySelector('[data-map]').classList.contains('map--plain')})""")
                    # The keyboard alone: the start link, then the arrow keys.
                    page.focus("a.trail__start")
                    page.keyboard.press("Enter")
                    page.wait_for_url(stop_url[0])
                    page.keyboard.press("ArrowRight")
                    page.wait_for_url(stop_url[1])
                    seen["stop 2"] = page.locator(".trail-stop__count").inner_text()
                    _axe(page, f"{language} stop", axe_found)
                    # The zoomable picture opens at the stop's region, and keeps the arrow keys for itself.
                    assert "openseadragon" not in " ".join(requests).lower()  # not loaded until asked for
                    page.click("[data-viewer-open]")
                    page.wait_for_selector("[data-stop-viewer][data-state=open]", timeout=30_000)
                    page.wait_for_timeout(300)
                    seen["region shown"] = page.evaluate(SHOWN)
                    page.focus("[data-viewer-stage] .openseadragon-canvas")
                    page.keyboard.press("ArrowRight")
                    page.wait_for_timeout(400)
                    seen["arrow in viewer"] = page.url
                    page.focus("a.trail-steps__next")
                    page.keyboard.press("ArrowRight")
                    page.wait_for_url(stop_url[2])
                    page.keyboard.press("ArrowRight")  # the last stop: nothing further
                    page.wait_for_timeout(300)
                    seen["after last"] = page.url
                    page.keyboard.press("ArrowLeft")
                    page.wait_for_url(stop_url[1])
                else:
                    page.goto(stop_url[1])
                    seen["cy stop"] = page.locator(".trail-stop__count").inner_text()
                    _axe(page, f"{language} stop", axe_found)
                seen[f"csp {language}"] = page.evaluate("window.__cspViolations")
                seen[f"elsewhere {language}"] = [u for u in requests if not u.startswith(live_server.url)]
                context.close()

            # A phone: nothing runs off the side, the next button is big and in reach, a swipe moves on.
            phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                        has_touch=True, is_mobile=True)
            phone.add_init_script(LISTEN)
            page = phone.new_page()
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            widths = {}
            for language in ("cy", "en"):  # Welsh words are often the longer
                phone.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                                    "url": live_server.url}])
                for url in (f"{live_server.url}/trails/", f"{base}/", *stop_url):
                    page.goto(url)
                    page.wait_for_load_state("load")
                    widths[f"{language} {url}"] = page.evaluate(OVERFLOW)
            page.goto(stop_url[0])
            next_button = page.locator("a.trail-steps__next")
            next_button.scroll_into_view_if_needed()
            seen["next box"] = next_button.bounding_box()
            next_button.tap()
            page.wait_for_url(stop_url[1])
            cdp = phone.new_cdp_session(page)
            _swipe(page, cdp, 330, 60)  # right to left: the next stop
            page.wait_for_url(stop_url[2])
            _swipe(page, cdp, 60, 330)  # left to right: back
            page.wait_for_url(stop_url[1])

            # The contributor withdraws the second item: its stop is a placeholder at once.
            phone.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
            page.goto(f"{live_server.url}/items/{items[1].pk}/withdraw/")
            page.click("form[action$='/withdraw/'] button[type=submit]")
            page.wait_for_load_state("load")
            phone.clear_cookies()
            page.goto(stop_url[1])
            seen["placeholder"] = page.locator("main").inner_text()
            seen["placeholder images"] = page.locator("main img").count()
            seen["placeholder next"] = page.locator("a.trail-steps__next").get_attribute("href")
            seen["csp phone"] = page.evaluate("window.__cspViolations")
        finally:
            browser.close()

    assert not problems, problems
    assert not axe_found, axe_found
    assert seen["map"] == {"markers": ["1", "2", "3"], "lines": 1, "plain": True}, seen["map"]
    assert seen["stop 2"] == "Stop 2 of 3" and seen["cy stop"] == "Arhosfan 2 o 3"
    region = seen["region shown"]  # the region 600,400 300×200 fills the view (the view's shape may be wider)
    assert region["x"] <= 600 + 2 and region["x"] + region["w"] >= 900 - 2, region
    assert region["y"] <= 400 + 2 and region["y"] + region["h"] >= 600 - 2, region
    assert region["w"] < 900 and region["h"] < 600, region  # not the whole 1200 × 800 picture
    assert seen["arrow in viewer"] == stop_url[1] and seen["after last"] == stop_url[2]
    assert all(width <= 0 for width in widths.values()), widths
    box = seen["next box"]
    assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert "The picture for this stop is no longer shown in the archive." in seen["placeholder"]
    assert "Words for stop 2" in seen["placeholder"] and "The war memorial" not in seen["placeholder"]
    assert seen["placeholder images"] == 0 and seen["placeholder next"] == f"/trails/{trail.pk}/stops/3/"
    for key in ("csp en", "csp cy", "csp phone", "elsewhere en", "elsewhere cy"):
        assert seen[key] == [], (key, seen[key])


def _haversine(a, b):
    """Metres between two (lat, lon) points, the same formula as trails.js."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


def test_walking_mode_shows_the_way_and_no_request_carries_the_location(make_item, villager, curator,
                                                                        transactional_db, live_server):
    _chromium()
    trail, _ = _three_stop_trail(make_item, villager, curator)
    here = (51.696543, -3.243217)  # south-east of the village: the second stop is to the north-west
    target = STOPS[1][1]
    metres = _haversine(here, target)
    expected = f"{round(metres / 10) * 10} metres"
    # The position as any request might spell it (decimals cut or rounded, signs and encodings aside).
    needles = {"51.696543", "51.69654", "51.6965", "3.243217", "3.24321", "3.2432", "51696", "3243217"}
    recorded = []

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                          geolocation={"latitude": here[0], "longitude": here[1], "accuracy": 5},
                                          permissions=["geolocation"])
            context.add_init_script(COUNT_GEOLOCATION)
            page = context.new_page()
            page.on("request", lambda r: recorded.append((r.url, r.method, dict(r.headers), r.post_data or "")))
            page.goto(f"{live_server.url}/trails/{trail.pk}/stops/1/")
            page.wait_for_timeout(300)
            asked_before = page.evaluate("window.__geolocationCalls")
            page.click("[data-walk-start]")
            page.wait_for_function("() => /[0-9]/.test(document.querySelector('[data-walk-distance]').textContent)")
            shown = {
                "distance": page.locator("[data-walk-distance]").inner_text(),
                "direction": page.locator("[data-walk-direction]").inner_text(),
                "nearest": page.locator("[data-walk-nearest]").inner_text(),
                "nearest href": page.locator("[data-walk-nearest]").get_attribute("href"),
                "pressed": page.locator("[data-walk-start]").get_attribute("aria-pressed"),
                "asked": page.evaluate("window.__geolocationCalls"),
            }
            page.wait_for_timeout(1500)  # anything the page might send meanwhile is recorded too
            page.click("[data-walk-nearest]")  # following the nearest stop's link: a plain address
            page.wait_for_load_state("load")
            page.wait_for_timeout(500)
        finally:
            browser.close()

    assert asked_before == 0 and shown["asked"] == 1  # the location is asked for only once the button is pressed
    assert shown["distance"] == expected, (shown, metres)
    assert shown["direction"] == "to the north-west", shown
    assert shown["nearest"].startswith("Stop 1: The chapel"), shown
    assert shown["nearest href"] == f"/trails/{trail.pk}/stops/1/" and shown["pressed"] == "true"
    assert recorded
    for url, method, headers, body in recorded:
        everything = " ".join([unquote(url), method, *headers.keys(), *headers.values(), unquote(body)])
        assert not [n for n in needles if n in everything.replace("-", "").replace(",", ".")], (url, headers, body)
