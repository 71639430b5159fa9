"""Drawing a box on a picture in a real browser (regions.js): a trusted member drags with the mouse on the
item page and tags who is there; an anonymous visitor on a phone drags with a finger on the takedown page to
mark a face on the second of two pictures. The boxes are stored in full-size pixels of the right picture.

Runs Debian's Chromium (bin/services.py installs it) through Playwright against a live server, as
tests/iiif/test_viewer.py does.
"""
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from archive.models import Asset, Derivative, RegionTag, TakedownRequest

pytestmark = pytest.mark.integration
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

# The picture's content box (inside its border) on the screen, in CSS pixels, once it has loaded.
CONTENT_BOX = """(selector) => {
  const img = document.querySelector(selector);
  if (!img.complete || !img.naturalWidth) return null;
  const rect = img.getBoundingClientRect();
  return {left: rect.left + img.clientLeft, top: rect.top + img.clientTop,
          width: img.clientWidth, height: img.clientHeight};
}"""


def _chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is not installed: run bin/services.py ensure-system-packages (apt-get install chromium)")


def _web_copy(asset: Asset, width: int, height: int, colour) -> None:
    """Write the asset's web-size copy (a real JPEG the page shows) and record it."""
    derivative = asset.derivatives.filter(kind="web").first()
    path = f"derivatives/{asset.item_id}/{asset.pk}/web.jpg"
    if derivative is None:
        Derivative.objects.create(asset=asset, kind="web", path=path, media_type="image/jpeg", width=width,
                                  height=height)
    else:
        Derivative.objects.filter(pk=derivative.pk).update(path=path, width=width, height=height)
    full = Path(settings.MEDIA_ROOT) / path
    full.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, height), colour).save(full, "JPEG")


def _picture(item, width, height, position):
    return Asset.objects.create(item=item, position=position, original=f"originals/aa/bb/{item.pk:032x}{position:032x}",
                                original_filename=f"llun-{position}.jpg", size_bytes=1000,
                                sha256=f"{item.pk:032x}{position:032x}", media_type="image/jpeg",
                                width=width, height=height)


def _expected(box, start, end, full_width, full_height):
    """What was dragged, from ``start`` to ``end`` (screen points), in full-size pixels of the picture."""
    left, right = sorted(((start[0] - box["left"]) / box["width"], (end[0] - box["left"]) / box["width"]))
    top, bottom = sorted(((start[1] - box["top"]) / box["height"], (end[1] - box["top"]) / box["height"]))
    return (left * full_width, top * full_height, (right - left) * full_width, (bottom - top) * full_height)


def _close(stored, expected, slack=2):
    return all(abs(s - e) <= slack for s, e in zip(stored, expected, strict=True))


def _at(box, fx, fy):
    """A whole-pixel screen point at fractions ``fx``, ``fy`` of the picture."""
    return round(box["left"] + fx * box["width"]), round(box["top"] + fy * box["height"])


def test_a_member_draws_a_box_with_the_mouse_and_tags_who_is_there(make_item, villager, transactional_db,
                                                                    live_server):
    _chromium()
    item = make_item(villager, title_en="Côr y pentref")
    asset = item.assets.get()
    Asset.objects.filter(pk=asset.pk).update(width=2400, height=1600)   # full size: twice the web copy
    _web_copy(asset, 1200, 800, (90, 120, 160))
    page_url = f"{live_server.url}/items/{item.pk}/"

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
            problems = []
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(f"{live_server.url}/accounts/login/")
            page.fill("#id_username", "villager")
            page.fill("#id_password", "pw-villager")
            page.click("form.form button[type=submit]")
            page.wait_for_load_state()
            page.goto(page_url)
            page.click("text=Say who or what is in the picture")
            page.wait_for_selector("#item-picture .regions-layer.is-drawing")
            hint = page.locator("[data-regions-form] [data-regions-hint]")
            assert hint.is_visible() and "type the numbers with the keyboard" in hint.inner_text()

            # typing moves the box, for keyboard users
            for edge, value in (("x", "5"), ("y", "10"), ("w", "20"), ("h", "30")):
                page.fill(f"#region-tag-{edge}", value)
            draft = page.locator("#item-picture .regions-box--draft")
            assert draft.is_visible()
            typed_style = draft.get_attribute("style")

            page.locator("#item-picture img").scroll_into_view_if_needed()
            box = page.wait_for_function(CONTENT_BOX, arg="#item-picture img").json_value()
            # a first box, then drawn again (right to left, bottom to top): the second one counts
            for start, end in ((_at(box, 0.1, 0.1), _at(box, 0.3, 0.3)), (_at(box, 0.62, 0.71), _at(box, 0.27, 0.18))):
                page.mouse.move(*start)
                page.mouse.down()
                page.mouse.move(*end, steps=8)
                page.mouse.up()
            drawn = _expected(box, start, end, 2400, 1600)
            fields = [page.input_value(f"#region-tag-{edge}") for edge in "xywh"]
            assert draft.is_visible() and draft.get_attribute("style") != typed_style

            page.fill("#region-tag-label", "Mam-gu, second from left")
            page.click("form[data-regions-form] button[type=submit]")
            page.wait_for_selector("#item-picture .regions-box--tag")
            tag_box = page.locator("#item-picture .regions-box--tag")
            shown_label = tag_box.inner_text()
            page.hover("li[data-region-tag]")
            highlighted = "is-highlighted" in tag_box.get_attribute("class")
        finally:
            browser.close()

    assert not problems, problems
    assert all(float(value) > 0 for value in fields), fields
    tag = RegionTag.objects.get()
    assert (tag.asset_id, tag.label, tag.moderation) == (asset.pk, "Mam-gu, second from left", "approved")
    assert _close((tag.x, tag.y, tag.w, tag.h), drawn), ((tag.x, tag.y, tag.w, tag.h), drawn)
    assert shown_label == "Mam-gu, second from left" and highlighted


def test_a_visitor_on_a_phone_marks_a_face_with_a_finger_on_the_second_picture(make_item, villager,
                                                                                  transactional_db, live_server):
    _chromium()
    item = make_item(villager, title_en="Diwrnod y carnifal")
    first = item.assets.get()
    _web_copy(first, 1200, 800, (160, 90, 60))
    second = _picture(item, 1500, 3000, position=1)     # upright, full size; its web copy is half that
    _web_copy(second, 750, 1500, (60, 160, 90))
    page_url = f"{live_server.url}/items/{item.pk}/takedown/"

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=1,
                                          is_mobile=True, has_touch=True)
            page = context.new_page()
            problems = []
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(page_url)
            page.fill("#takedown-reason", "That is my mother; she did not want it shared.")
            page.click("text=Mark the face or part of the picture")
            page.click("text=Picture 2")
            page.wait_for_function("""(src) => document.querySelector('#takedown-picture img')
                                        .getAttribute('src') === src""",
                                   arg=f"/media/derivatives/{item.pk}/{second.pk}/web.jpg")
            page.locator("#takedown-picture img").scroll_into_view_if_needed()
            page.wait_for_selector("#takedown-picture .regions-layer.is-drawing")
            box = page.wait_for_function(CONTENT_BOX, arg="#takedown-picture img").json_value()
            start, end = _at(box, 0.35, 0.2), _at(box, 0.8, 0.45)
            touch = context.new_cdp_session(page)
            touch.send("Input.dispatchTouchEvent", {"type": "touchStart",
                                                    "touchPoints": [{"x": start[0], "y": start[1]}]})
            for step in range(1, 9):
                x = start[0] + (end[0] - start[0]) * step / 8
                y = start[1] + (end[1] - start[1]) * step / 8
                touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
            touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
            drawn = _expected(box, start, end, 1500, 3000)
            fields = [page.input_value(f"#takedown-region_{edge}") for edge in "xywh"]
            page.click("text=Send my request")
            page.wait_for_selector("text=A curator will look at your request soon")
        finally:
            browser.close()

    assert not problems, problems
    assert all(float(value) > 0 for value in fields), fields
    request = TakedownRequest.objects.get()
    assert request.requester is None and request.asset_id == second.pk
    assert _close(request.region, drawn), (request.region, drawn)
