"""The header and the search page in a real browser, on a 390 × 844 phone and a 1280 × 900 screen, in Welsh and
English, for a visitor, a member and a curator: the header is measured (one row, at most 64 px, on the phone),
the search page's first result is measured (on the first screen), a visitor searches from the header of an
item page (suggestions as they type; Enter searches; choosing a suggestion goes to it), the Menu opens and is
walked with the keyboard to the curators' links and "Sign out", and axe-core finds no serious or critical
problem on the home, item and search pages (with the Menu open too).

Runs Debian's Chromium (bin/services.py installs it) through Playwright against a live server, as
tests/frontend/test_csp_browser.py does; axe-core comes from npm (frontend/package.json, development only).
"""
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from archive.models import Place
from archive.search.indexing import index_rebuild, outbox_drain
from tests.iiif.conftest import picture

pytestmark = pytest.mark.integration
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
AXE = settings.BASE_DIR / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """() => axe.run(document, {resultTypes: ['violations']}).then((result) => result.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' '))})))"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
HEADER_HEIGHT = "() => document.querySelector('.site-header').getBoundingClientRect().height"
FIRST_RESULT_TOP = "() => document.querySelector('ul.cards > li').getBoundingClientRect().top + window.scrollY"
PHONE, WIDE = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
TITLES = ["The colliery band", "The colliery winding house", "Colliery girls on the tip", "The chapel choir",
          "Miners' outing to Barry", "Carnival on the square"]
WORDS = {"en": {"menu": "Menu", "sign out": "Sign out", "moderation": "Moderation", "filter": "Filter"},
         "cy": {"menu": "Dewislen", "sign out": "Allgofnodi", "moderation": "Cymedroli", "filter": "Hidlo"}}


def _chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is not installed: run bin/services.py ensure-system-packages (apt-get install chromium)")
    if not AXE.is_file():
        pytest.fail(f"axe-core is not at {AXE}: run `make install` (npm ci in frontend/)")


def _archive(make_item, villager, make_user):
    """Six public items with real thumbnails at one place, and an item waiting for a curator."""
    index_rebuild()
    place = Place.objects.create(name_cy="Rhymni", name_en="Rhymney")
    items = []
    for n, title in enumerate(TITLES):
        item = make_item(villager, title_en=title, title_cy=title, place=place)
        for derivative in item.assets.get().derivatives.all():
            full = Path(settings.MEDIA_ROOT) / derivative.path
            full.parent.mkdir(parents=True, exist_ok=True)
            picture(derivative.width, derivative.height, seed=n).save(full, "JPEG")
        items.append(item)
    make_item(make_user("newydd"), title_en="A chapel outing", moderation="pending")  # waits for a curator
    outbox_drain()
    return items, place


def _session(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _context(browser, base, viewport, language, session=None):
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    context.add_init_script(path=str(AXE))
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}]
    if session:
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base})
    context.add_cookies(cookies)
    return context


def _axe(page, where, found):
    page.wait_for_load_state("load")
    violations = page.evaluate(AXE_RUN)
    if violations:
        found[where] = violations


def test_the_header_fits_a_phone_for_everyone_and_the_results_start_on_the_first_screen(
        make_item, villager, curator, make_user, transactional_db, live_server):
    _chromium()
    items, _ = _archive(make_item, villager, make_user)
    sessions = {"visitor": None, "member": _session(villager), "curator": _session(curator)}
    base = live_server.url
    heights, tops, problems, found, seen = {}, {}, [], {}, {}

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for size, viewport in (("phone", PHONE), ("wide", WIDE)):
                for language in ("en", "cy"):
                    for role, session in sessions.items():
                        context = _context(browser, base, viewport, language, session)
                        page = context.new_page()
                        page.on("pageerror", lambda error: problems.append(str(error)))
                        key = (size, language, role)
                        page.goto(f"{base}/")
                        heights[key] = page.evaluate(HEADER_HEIGHT)
                        seen[key, "sideways"] = page.evaluate(OVERFLOW)
                        _axe(page, f"{key} home", found)
                        page.goto(f"{base}/items/{items[0].pk}/")
                        _axe(page, f"{key} item", found)
                        page.goto(f"{base}/search/?q=colliery")
                        page.wait_for_selector("ul.cards > li")
                        tops[key] = page.evaluate(FIRST_RESULT_TOP)
                        seen[key, "filter shown"] = page.is_visible("summary.search__filter-button")
                        seen[key, "facets shown"] = page.is_visible("fieldset.facet")
                        _axe(page, f"{key} search", found)
                        if size == "phone":
                            page.click("summary.search__filter-button")  # the facets, opened
                            seen[key, "facets after Filter"] = page.is_visible("fieldset.facet")
                            _axe(page, f"{key} search, Filter open", found)
                            page.click("summary.site-menu__button")
                            seen[key, "menu opens"] = page.is_visible(".site-menu .language-switcher")
                            _axe(page, f"{key} search, Menu open", found)
                        context.close()
        finally:
            browser.close()

    print("header heights (px):", {" ".join(k): round(v, 1) for k, v in heights.items()})
    print("first result's top (px):", {" ".join(k): round(v, 1) for k, v in tops.items()})
    assert not problems, problems
    assert not found, found
    for key, height in heights.items():
        size = key[0]
        if size == "phone":
            assert height <= 64, (key, height)
            assert tops[key] + 100 <= PHONE["height"], (key, tops)  # the first card's picture shows
            assert seen[key, "filter shown"] and not seen[key, "facets shown"], key
            assert seen[key, "facets after Filter"] and seen[key, "menu opens"], key
        else:  # the facets beside the results, no Filter button; the results on the first screen too
            assert seen[key, "facets shown"] and not seen[key, "filter shown"], key
            assert tops[key] + 100 <= WIDE["height"], (key, tops)
        assert seen[key, "sideways"] <= 0, key


def test_searching_from_the_header_of_an_item_page_and_the_menu_by_keyboard(
        make_item, villager, curator, make_user, transactional_db, live_server):
    _chromium()
    items, place = _archive(make_item, villager, make_user)
    session = _session(curator)
    base = live_server.url
    problems, seen = [], {}

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for language in ("en", "cy"):
                words = WORDS[language]
                # A visitor on a phone types in the header of an item page: suggestions appear as they type.
                context = _context(browser, base, PHONE, language)
                page = context.new_page()
                page.on("pageerror", lambda error: problems.append(str(error)))
                page.goto(f"{base}/items/{items[3].pk}/")
                box = page.locator("#site-search-q")
                box.click()
                box.press_sequentially("collier", delay=60)
                page.wait_for_selector("#site-search-list [role=option]")
                seen[language, "expanded"] = box.get_attribute("aria-expanded")
                seen[language, "options"] = page.locator("#site-search-list [role=option]").all_inner_texts()
                page.keyboard.press("ArrowDown")
                active = box.get_attribute("aria-activedescendant")
                seen[language, "active"] = page.get_attribute(f"#{active}", "aria-selected")
                page.keyboard.press("Escape")  # closes the list, keeps the words
                seen[language, "closed"] = box.get_attribute("aria-expanded")
                box.press_sequentially("y", delay=60)
                page.keyboard.press("Enter")  # nothing chosen: search for the words
                page.wait_for_url(re.compile(r".*/search/\?q=colliery$"))
                page.wait_for_selector("ul.cards > li")
                seen[language, "results"] = page.locator("ul.cards > li").count()
                seen[language, "kept"] = page.input_value("#site-search-q")

                # Choosing a suggestion goes to what it names: the place, as a search for it.
                page.fill("#site-search-q", "")
                page.locator("#site-search-q").press_sequentially("Rhym", delay=60)
                page.wait_for_selector("#site-search-list [role=option]")
                page.keyboard.press("ArrowDown")
                page.keyboard.press("Enter")
                page.wait_for_url(re.compile(rf".*/search/\?place={place.pk}$"))
                seen[language, "place results"] = page.locator("ul.cards > li").count()
                context.close()

                # A curator on a phone opens the Menu with the keyboard and reaches their links and "Sign out".
                context = _context(browser, base, PHONE, language, session)
                page = context.new_page()
                page.on("pageerror", lambda error: problems.append(str(error)))
                page.goto(f"{base}/items/{items[0].pk}/")
                for _ in range(8):  # the skip link, the name, the search box and its button, then the Menu
                    page.keyboard.press("Tab")
                    if page.evaluate("document.activeElement.tagName") == "SUMMARY":
                        break
                seen[language, "menu button"] = page.evaluate("document.activeElement.textContent.trim()")
                page.keyboard.press("Enter")
                reached = []
                for _ in range(30):
                    page.keyboard.press("Tab")
                    text = page.evaluate("document.activeElement.textContent.trim()")
                    visible = page.evaluate("(() => { const r = document.activeElement.getBoundingClientRect();"
                                            " return r.width > 0 && r.height > 0; })()")
                    reached.append((" ".join(text.split()), visible))
                    if text == words["sign out"]:
                        break
                seen[language, "reached"] = reached
                page.keyboard.press("Shift+Tab")
                page.keyboard.press("Escape")  # closes the Menu, back on its button
                seen[language, "menu closed"] = page.evaluate("document.querySelector('.site-menu').open")
                seen[language, "focus back"] = page.evaluate("document.activeElement.tagName")
                context.close()
        finally:
            browser.close()

    assert not problems, problems
    for language in ("en", "cy"):
        words = WORDS[language]
        assert seen[language, "expanded"] == "true"
        assert any("colliery" in option.lower() for option in seen[language, "options"]), seen[language, "options"]
        assert seen[language, "active"] == "true" and seen[language, "closed"] == "false"
        assert seen[language, "results"] == 3 and seen[language, "kept"] == "colliery"
        assert seen[language, "place results"] == len(TITLES)
        assert seen[language, "menu button"].startswith(words["menu"])
        reached = seen[language, "reached"]
        assert [text for text, visible in reached if text.startswith(words["moderation"]) and visible], reached
        assert reached[-1] == (words["sign out"], True) and all(visible for _, visible in reached), reached
        assert seen[language, "menu closed"] is False and seen[language, "focus back"] == "SUMMARY"
