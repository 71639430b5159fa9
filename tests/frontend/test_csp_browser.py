"""Every kind of page works under the Content-Security-Policy in a real browser: Chromium reports no violation.

Chromium tells a page each thing its policy blocked (a ``securitypolicyviolation`` event); a listener added
before any page script runs collects them, and the console's messages about the policies are kept too
(a Permissions-Policy feature Chromium does not know, for one). Each page is visited as the person who uses
it: visitors, a member who contributes, a curator (who is also the site's administrator); the item page
with its deep-zoom viewer opened and tiles drawn.

Runs Debian's Chromium (bin/services.py installs it) through Playwright against a live server, as
tests/iiif/test_viewer.py does.
"""
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from PIL import Image

from archive.models import Batch, Item, Place, Subject
from archive.search.indexing import index_rebuild, outbox_drain
from archive.services.takedown import takedown_request_create
from tests.iiif.conftest import picture, write_tiles
from tests.trails import published_trail

pytestmark = pytest.mark.integration
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
OPENSEADRAGON = settings.BASE_DIR / "frontend" / "static" / "vendor" / "openseadragon" / "openseadragon.min.js"

# Registered before any script of the page runs: every violation the page reports, kept on window.
LISTEN = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  {directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber}));"""

DRAWN = """(atLeast) => {
  const section = document.querySelector('[data-viewer]');
  return section.dataset.state === 'failed' || Number(section.dataset.tilesDrawn || 0) >= atLeast;
}"""

# What an attacker's stored text would try if it ever reached a page unescaped.
INJECT = """() => {
  const script = document.createElement('script');
  script.textContent = 'window.__injectedRan = true;';
  document.body.appendChild(script);
}"""

# ReDoc (the API's second docs page) always shows Redocly's logo from Redocly's site; the policy keeps the
# archive's visitors off other sites, so that one picture is blocked (ReDoc then hides it), on purpose.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def _save_jpeg(path: str, width: int, height: int) -> None:
    full = Path(settings.MEDIA_ROOT) / path
    full.parent.mkdir(parents=True, exist_ok=True)
    picture(width, height).save(full, "JPEG")


def _archive(make_item, villager, make_user):
    """An archive with something on every page: a public item with tiles, facets, waiting work for curators."""
    index_rebuild()
    place = Place.objects.create(name_cy="Rhymni", name_en="Rhymney")
    band = Subject.objects.create(slug="bandiau-pres", label_cy="Bandiau pres", label_en="Brass bands")
    item = make_item(villager, title_en="The colliery band", title_cy="Band y lofa", place=place,
                     voices=[("memory", "My grandfather played the cornet.", "en", villager)])
    item.subjects.add(band)
    asset = item.assets.get()
    write_tiles(asset, 1200, 800)
    for derivative in asset.derivatives.exclude(kind="tiles"):
        _save_jpeg(derivative.path, derivative.width, derivative.height)
    takedown_request_create(item, "That is me on the left.", name="Siân", region=[120, 80, 240, 160])
    newcomer = make_user("newcomer", approved=False)
    make_item(newcomer, title_en="A chapel outing", moderation="pending")  # waits for a curator
    Subject.objects.create(slug="gwyl", label_en="Carnival", approved=False, proposed_by=villager)
    batch = Batch.objects.create(contributor=villager)
    make_item(villager, title_en="Still being processed", batch=batch, status=Item.Status.PROCESSING)
    make_user("keeper", role="curator", is_staff=True, is_superuser=True)
    outbox_drain()
    return item, batch


def _chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is not installed: run bin/services.py ensure-system-packages (apt-get install chromium)")
    if not OPENSEADRAGON.is_file():
        pytest.fail(f"OpenSeadragon is not at {OPENSEADRAGON}: run `make install`")


class Visitor:
    """One person's browser tab: visits pages and keeps what the browser reported on each."""

    def __init__(self, browser, base: str, reports: dict):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(LISTEN)
        self.page = self.context.new_page()
        self.base, self.reports, self.url = base, reports, ""
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self._report(f"page error: {error}"))

    def _report(self, what):
        self.reports.setdefault(self.url, []).append(what)

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Permissions-Policy" in text or "Permissions Policy" in text:
            if REDOC_LOGO not in text:
                self._report(f"console: {text[:300]}")

    def visit(self, url: str, ready: str | None = None, status: int = 200):
        """Open ``url``, wait until it is ready (``ready``: a selector), and keep the violations it reported."""
        self.url = url
        response = self.page.goto(self.base + url)
        assert response.status == status, (url, response.status)
        assert "default-src 'self'" in (response.headers.get("content-security-policy") or ""), url
        self.page.wait_for_load_state("load")
        if ready:
            self.page.wait_for_selector(ready, state="attached", timeout=20_000)
        self.settle()

    def settle(self):
        """Give late requests (scripts' fetches, workers, images) a moment, then collect the violations."""
        self.page.wait_for_timeout(700)
        for violation in self.page.evaluate("window.__cspViolations.splice(0)"):
            if violation["blocked"] != REDOC_LOGO:
                self._report(violation)

    def sign_in(self, username: str):
        self.visit("/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", "pw-" + username)
        self.page.click("form.form button[type=submit]")
        self.page.wait_for_load_state("load")
        self.settle()


def test_every_page_type_loads_with_no_csp_violation(make_item, villager, make_user, transactional_db,
                                                      live_server):
    _chromium()
    item, batch = _archive(make_item, villager, make_user)
    trail = published_trail(make_user("guide", role="curator"), [item])  # its printable leaflet
    trail.stops.update(lat=51.7712, lon=-3.2467)  # and its route on the player's map
    reports, seen = {}, {}
    server_error_page = render_to_string("500.html")

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            # The policy holds and the listener hears it: an injected inline script neither runs nor goes unreported.
            probe = browser.new_page()
            probe.add_init_script(LISTEN)
            probe.goto(live_server.url + "/")
            probe.evaluate(INJECT)
            probe.wait_for_timeout(300)
            seen["injected"] = (probe.evaluate("window.__injectedRan === true"),
                                [v["directive"] for v in probe.evaluate("window.__cspViolations")])
            probe.close()

            visitor = Visitor(browser, live_server.url, reports)
            visitor.visit("/")
            visitor.visit("/search/?q=colliery", ready=f"a[href='/items/{item.pk}/']")
            seen["facets"] = visitor.page.locator("input[name=place]").count()
            visitor.visit(f"/items/{item.pk}/", ready="[data-viewer-open]")
            visitor.page.click("[data-viewer-open]")
            visitor.page.wait_for_function(DRAWN, arg=1, timeout=30_000)
            visitor.page.locator("[data-viewer-stage] [title='Zoom in']").first.click()
            visitor.page.wait_for_function(DRAWN, arg=3, timeout=30_000)
            seen["viewer"] = visitor.page.locator("[data-viewer]").get_attribute("data-state")
            visitor.settle()
            visitor.visit(f"/items/{item.pk}/takedown/")
            visitor.visit(f"/trails/{trail.pk}/leaflet/", ready="svg.leaflet-stop__qr")
            visitor.visit("/trails/")
            visitor.visit(f"/trails/{trail.pk}/", ready="[data-map][data-state=drawn]")
            visitor.visit(f"/trails/{trail.pk}/stops/1/", ready="[data-stop-viewer]:not([hidden])")
            visitor.page.click("[data-stop-viewer] [data-viewer-open]")  # OpenSeadragon, loaded when asked for
            visitor.page.wait_for_selector("[data-stop-viewer][data-state=open]", timeout=30_000)
            visitor.settle()
            visitor.visit("/accounts/signup/")
            visitor.visit("/no-such-page/", status=404)
            # The 500 page is standalone (rendered with no request); shown here with the policy of a real answer.
            policy = visitor.page.request.get(live_server.url + "/").headers["content-security-policy"]
            visitor.page.route("**/server-error/", lambda route: route.fulfill(
                status=500, body=server_error_page, headers={"Content-Type": "text/html; charset=utf-8",
                                                             "Content-Security-Policy": policy}))
            visitor.visit("/server-error/", status=500)
            visitor.visit("/api/v1/items/")
            visitor.visit("/api/v1/search/?q=colliery")  # DRF's "Extra Actions" menu: its one style attribute
            visitor.visit("/api/v1/docs/", ready="#swagger-ui .opblock")
            visitor.visit("/api/v1/redoc/", ready=".api-content")
            visitor.visit("/admin/login/")

            member = Visitor(browser, live_server.url, reports)
            member.sign_in("villager")
            member.visit("/contribute/")
            member.visit(f"/contribute/batches/{batch.pk}/")
            member.page.wait_for_timeout(1500)  # batch.js asks the API for progress meanwhile
            member.settle()
            member.visit("/contribute/mine/")
            member.visit("/accounts/password/change/")

            keeper = Visitor(browser, live_server.url, reports)
            keeper.sign_in("keeper")
            keeper.visit(f"/items/{item.pk}/history/")
            keeper.visit("/trails/new/")  # the trail builder, with its drag handles and a box drawn on a picture
            keeper.visit(f"/trails/{trail.pk}/edit/", ready="[data-trail-drag-hint]:not([hidden])")
            keeper.visit(f"/trails/{trail.pk}/edit/stops/new/?item={item.pk}", ready="#stop-picture .regions-layer")
            keeper.visit(f"/trails/{trail.pk}/history/")
            keeper.visit("/moderation/")
            keeper.visit("/curate/takedowns/", ready="svg.takedown__region")
            keeper.visit("/curate/members/")
            keeper.visit("/curate/vocabulary/")
            keeper.visit("/admin/")
            keeper.visit("/admin/archive/item/")
            keeper.visit(f"/admin/archive/item/{item.pk}/change/")
        finally:
            browser.close()

    assert seen["injected"] == (False, ["script-src-elem"]), seen
    assert not reports, json.dumps(reports, indent=1)
    assert seen["facets"] >= 1 and seen["viewer"] == "open", seen
