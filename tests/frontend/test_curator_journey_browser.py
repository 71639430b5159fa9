"""A curator approves a picture they can see, in a real browser: at 1280 × 900 in English and at 390 × 844 (a
phone) in Welsh, /moderation/ shows each waiting photograph's thumbnail (a picture that really loaded), the
curator approves it and it leaves the queue; the page never runs off the side of the phone; axe-core finds no
serious or critical problem on /moderation/ or /curate/members/ in Welsh or English, at either size.

Runs Debian's Chromium (bin/services.py installs it) through Playwright against a live server, as
tests/frontend/test_trail_player_browser.py does; axe-core comes from npm (frontend/package.json).
"""
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image

from archive.models import Description, Item
from archive.services.accounts import invite_create

pytestmark = pytest.mark.integration
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
AXE = settings.BASE_DIR / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
AXE_RUN = """() => axe.run(document, {resultTypes: ['violations']}).then((result) => result.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' '))})))"""
LOADED = """(selector) => { const img = document.querySelector(selector);
  return img && img.complete && img.naturalWidth > 0 ? img.naturalWidth : null; }"""
VIEWS = [({"width": 1280, "height": 900}, "en"), ({"width": 390, "height": 844}, "cy")]


def _chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is not installed: run bin/services.py ensure-system-packages (apt-get install chromium)")


def _real_pictures(item, colour):
    """Write the item's thumbnail and web copy as real JPEGs where its derivatives say they are."""
    for derivative in item.assets.get().derivatives.all():
        path = Path(settings.MEDIA_ROOT) / derivative.path
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (derivative.width, derivative.height), colour).save(path, "JPEG")


def _waiting_picture(make_item, newcomer, title, colour):
    item = make_item(newcomer, title_en=title, moderation="pending", date_text="haf 1947")
    Description.objects.create(item=item, kind="caption", text=f"{title}: Mam-gu yn y canol", language="cy",
                               author=newcomer, moderation="pending")
    _real_pictures(item, colour)
    return item


def test_a_curator_approves_a_picture_they_can_see(make_item, make_user, curator, transactional_db, live_server):
    _chromium()
    newcomer = make_user("newydd", display_name="Gwen Morgan")
    items = [_waiting_picture(make_item, newcomer, "Chapel outing", (90, 120, 160)),
             _waiting_picture(make_item, newcomer, "Pit head", (160, 110, 60))]
    make_item(newcomer, title_en="Still being prepared", moderation="pending", status="processing", picture=False)
    make_item(newcomer, title_en="Broken scan", moderation="pending", status="failed", status_reason="damaged",
              picture=False)
    make_user("aros", display_name="Dilys", approved=False)
    invite_create(curator, note="memory day")
    login = Client()
    login.force_login(curator)
    session = login.cookies[settings.SESSION_COOKIE_NAME].value
    seen, axe_found, problems = {}, {}, []

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for (viewport, language), item in zip(VIEWS, items, strict=True):
                where = f"{viewport['width']}×{viewport['height']} {language}"
                context = browser.new_context(viewport=viewport)
                context.add_cookies([
                    {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
                    {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
                context.add_init_script(path=str(AXE))
                page = context.new_page()
                page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
                requests = []
                page.on("request", lambda r: requests.append(r.url))

                page.goto(f"{live_server.url}/moderation/")
                entry = f"#item-{item.pk}"
                width = page.wait_for_function(LOADED, arg=f"{entry} img", timeout=10000).json_value()
                picture = page.locator(f"{entry} img").bounding_box()
                seen[where] = {"natural_width": width, "shown": picture, "overflow": page.evaluate(OVERFLOW),
                               "lang": page.get_attribute("html", "lang")}
                large = page.get_attribute(f"{entry} .moderation-item__picture a", "href")
                assert page.request.get(live_server.url + large).headers["content-type"] == "image/jpeg"
                for path in ("/moderation/", "/curate/members/"):
                    for other in ("en", "cy"):  # axe in both languages at this size
                        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": other,
                                              "url": live_server.url}])
                        page.goto(live_server.url + path)
                        page.wait_for_load_state("load")
                        if path == "/curate/members/":
                            seen[f"{where} members overflow {other}"] = page.evaluate(OVERFLOW)
                        violations = page.evaluate(AXE_RUN)
                        if violations:
                            axe_found[f"{where} {other} {path}"] = violations
                context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                                      "url": live_server.url}])

                page.goto(f"{live_server.url}/moderation/")
                page.locator(f"{entry} button[name=action][value=approve-item]").click()
                page.wait_for_load_state("load")
                seen[f"{where} after"] = {"still_listed": page.locator(entry).count(),
                                          "message": page.locator("#messages").inner_text(),
                                          "others": page.locator(".moderation-queue > li").count()}
                assert all(url.startswith(live_server.url) for url in requests)  # nothing from another host
                context.close()
        finally:
            browser.close()

    assert not problems, problems
    assert not axe_found, axe_found
    for where in ("1280×900 en", "390×844 cy"):
        assert seen[where]["natural_width"] == 400  # the thumbnail really loaded (400 px wide)
        assert seen[where]["shown"]["width"] > 100 and seen[where]["shown"]["height"] > 60
        assert seen[where]["overflow"] <= 0 and seen[f"{where} members overflow en"] <= 0
        assert seen[f"{where} members overflow cy"] <= 0
        assert seen[f"{where} after"]["still_listed"] == 0
    assert seen["390×844 cy"]["lang"] == "cy" and seen["1280×900 en"]["lang"] == "en"
    assert "Approved: the item is shown now." in seen["1280×900 en after"]["message"]
    assert seen["1280×900 en after"]["others"] == 2  # the other picture and the one still being prepared
    assert seen["390×844 cy after"]["others"] == 1
    assert [i.moderation for i in Item.objects.filter(pk__in=[i.pk for i in items])] == ["approved", "approved"]
