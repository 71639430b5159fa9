"""The contributor's controls and the curators' pages in a real browser on a phone (360 px wide): nothing
runs off the side, and changing who can see an item works with the keyboard alone (issue 6, D2).

Runs Debian's Chromium through Playwright against a live server, as tests/iiif/test_viewer.py does.
"""
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from archive.models import Item
from archive.services.descriptions import description_create, description_edit
from archive.services.takedown import takedown_request_create

pytestmark = pytest.mark.integration
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_curation_pages_fit_a_phone_and_work_with_the_keyboard(make_item, make_user, transactional_db, live_server):
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is not installed: run bin/services.py ensure-system-packages (apt-get install chromium)")
    curator = make_user("curadur", role="curator")
    villager = make_user("pentrefwr", display_name="Megan Evans", trusted=True)
    item = make_item(villager, title_en="The village choir outside Bethel chapel on a long summer evening")
    voice = description_create(item, villager, "We sang in the chapel every Sunday.", "memory", "en")
    description_edit(voice, villager, text="We sang in the big chapel every Sunday, Mam-gu at the front.")
    takedown_request_create(item, "That is my grandmother; please ask the family first. " * 5,
                            name="Siân", region=[120, 80, 240, 160])
    login = Client()
    login.force_login(curator)
    session = login.cookies[settings.SESSION_COOKIE_NAME].value

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 740})
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
            page = context.new_page()
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            widths = {}
            for path in (f"/items/{item.pk}/", "/curate/takedowns/", f"/items/{item.pk}/history/",
                         f"/items/{item.pk}/withdraw/"):
                page.goto(live_server.url + path)
                widths[path] = page.evaluate(OVERFLOW)
            assert all(width <= 0 for width in widths.values()), widths
            assert page.locator("nav.curator-nav a").count() == 5  # moderation, members, vocabulary, takedowns, trails
            assert all(url.startswith(live_server.url) for url in requests)  # nothing from elsewhere

            page.goto(live_server.url + f"/items/{item.pk}/")
            page.focus("#visibility-public")
            page.keyboard.press("ArrowDown")  # to "Members only"
            assert page.is_checked("#visibility-members")
            page.keyboard.press("Enter")  # submits the form
            page.wait_for_url("**/visibility/")
            assert "Change who can see this item?" in page.content()
            for _ in range(40):  # the skip link, the header, then the confirmation's own button
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.textContent.trim()") == "Yes, change who can see it":
                    break
            page.keyboard.press("Enter")
            page.wait_for_url(f"**/items/{item.pk}/")
            assert "Saved. Who can see it now: Members only." in page.content()
        finally:
            browser.close()
    assert Item.objects.get(pk=item.pk).visibility == "members"
