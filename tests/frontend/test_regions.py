"""Boxes drawn on pictures in the pages: percentages of the picture shown, stored in full-size pixels.

The item page's "Who is in this picture" form and the takedown form send a box as four percentages
(what regions.js fills in when someone drags on the picture, or what they type); the views turn it
into full-size pixels of the asset with :func:`frontend.regions.pixels_from_percent`.
"""
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from archive.models import Asset, Derivative, RegionTag, TakedownRequest
from archive.models.moderation import Moderation
from frontend.regions import pixels_from_percent

from .html import elements


def picture(width, height):
    return SimpleNamespace(width=width, height=height)


@pytest.fixture
def english():
    """Messages in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize(("box", "size", "pixels"), [
    (("10", "20", "30", "40"), (3000, 2000), (300, 400, 900, 800)),
    (("0", "0", "100", "100"), (1200, 800), (0, 0, 1200, 800)),
    # each edge is rounded, not each length: the box ends exactly at the picture's right edge
    (("33.33", "0", "66.67", "100"), (1000, 1000), (333, 0, 667, 1000)),
    (("0.05", "0.05", "12.5", "12.5"), (1000, 999), (1, 0, 125, 125)),   # 0.5 px rounds up; 0.4995 down
    ((Decimal("12.34"), 56.78, 7, "8.9"), (4000, 3000), (494, 1703, 280, 267)),
])
def test_percentages_become_full_size_pixels(box, size, pixels):
    assert pixels_from_percent(picture(*size), *box) == pixels


def test_a_box_that_just_fits_stays_inside_on_every_size():
    for width in range(1, 400):
        x, y, w, h = pixels_from_percent(picture(width, width + 7), "33.34", "66.66", "66.66", "33.34")
        assert 0 <= x and x + w <= width and 0 <= y and y + h <= width + 7, width


@pytest.mark.parametrize(("box", "words"), [
    (("90", "0", "20", "5"), "goes past the edge"),
    (("0", "50.01", "10", "50"), "goes past the edge"),
    (("-1", "0", "10", "10"), "from 0 to 100"),
    (("0", "0", "101", "10"), "from 0 to 100"),
    (("nan", "0", "10", "10"), "from 0 to 100"),
    (("ten", "0", "10", "10"), "from 0 to 100"),
    ((None, "0", "10", "10"), "from 0 to 100"),
    (("10", "10", "0", "10"), "too small"),
    (("10", "10", "0.01", "10"), "too small"),    # less than half a pixel of a 1200-pixel picture
])
def test_boxes_outside_the_picture_or_empty_are_refused_naming_the_field(english, box, words):
    with pytest.raises(ValidationError) as raised:
        pixels_from_percent(picture(1200, 800), *box, field="region_w")
    assert list(raised.value.message_dict) == ["region_w"]
    assert words in raised.value.message_dict["region_w"][0]


def test_a_picture_of_unknown_size_is_refused(english):
    with pytest.raises(ValidationError, match="size is not known"):
        pixels_from_percent(picture(None, None), "10", "10", "10", "10")
    with pytest.raises(ValidationError, match="size is not known"):
        pixels_from_percent(None, "10", "10", "10", "10")


# --- the item page --------------------------------------------------------------------------------


@pytest.fixture
def item(make_item, villager):
    made = make_item(villager, title_en="Côr y pentref")
    Asset.objects.filter(item=made).update(width=2400, height=1600)  # full size: twice the web copy
    return made


def add_picture(item, width, height, position):
    asset = Asset.objects.create(item=item, position=position, original=f"originals/aa/bb/{position:064x}",
                                 original_filename="ail.jpg", size_bytes=1000, sha256=f"{item.pk:032x}{position:032x}",
                                 media_type="image/jpeg", width=width, height=height)
    Derivative.objects.create(asset=asset, kind="web", path=f"derivatives/{item.pk}/{asset.pk}/web.jpg",
                              media_type="image/jpeg", width=width // 2, height=height // 2)
    return asset


def test_the_tag_form_is_ready_for_drawing_and_typing(client, item, villager):
    client.force_login(villager)
    page = client.get(f"/items/{item.pk}/").content.decode()
    asset = item.assets.get()
    figure = elements(page, "figure", id="item-picture")[0]
    assert "data-regions-picture" in figure.attrs
    form = elements(page, "form", action=f"/items/{item.pk}/region-tags/")[0]
    web = f"/media/derivatives/{item.pk}/{asset.pk}/web.jpg"
    assert (form.attrs["data-regions-picture"], form.attrs["data-regions-src"]) == ("item-picture", web)
    assert elements(page, "img", src=web)  # the picture the form says it draws on is the one shown
    assert elements(page, "input", name="asset", type="hidden")[0].attrs["value"] == str(asset.pk)
    for edge in "xywh":
        field = elements(page, "input", name=edge)[0]
        assert (field.attrs["type"], field.attrs["step"], field.attrs["min"], field.attrs["max"],
                field.attrs["data-region-field"]) == ("number", "0.01", "0", "100", edge)
        assert elements(page, "label", **{"for": field.attrs["id"]})  # a visible label for each
    assert "type the numbers with the keyboard" in page
    assert [s.attrs["src"] for s in elements(page, "script") if "regions" in s.attrs["src"]] == [
        "/static/frontend/regions.js"]


def test_approved_tags_on_the_picture_shown_carry_their_box(client, item, villager):
    asset = item.assets.get()
    other = add_picture(item, 1000, 1000, position=1)
    RegionTag.objects.create(item=item, asset=asset, x=240, y=160, w=480, h=800, label="<i>Mam-gu</i>",
                             author=villager, moderation=Moderation.APPROVED)
    RegionTag.objects.create(item=item, asset=other, x=1, y=1, w=10, h=10, label="On the second picture",
                             author=villager, moderation=Moderation.APPROVED)
    RegionTag.objects.create(item=item, asset=asset, x=1, y=1, w=10, h=10, label="Waiting",
                             author=villager, moderation=Moderation.PENDING)
    client.force_login(villager)
    page = client.get(f"/items/{item.pk}/").content.decode()
    boxes = elements(page, "li", **{"data-region-tag": ""})
    assert [(b.attrs["data-x"], b.attrs["data-y"], b.attrs["data-w"], b.attrs["data-h"], b.text.split("(")[0].strip())
            for b in boxes] == [("10.0", "10.0", "20.0", "50.0", "<i>Mam-gu</i>")]
    assert "&lt;i&gt;Mam-gu&lt;/i&gt;" in page and "On the second picture" in page and "Waiting" in page


def test_a_tag_is_stored_in_full_size_pixels_of_the_picture_drawn_on(client, item, make_user):
    client.force_login(make_user("aelod", trusted=True))
    asset = item.assets.get()
    response = client.post(f"/items/{item.pk}/region-tags/", {"label": "Mam-gu", "x": "12.5", "y": "33.33",
                                                               "w": "25.05", "h": "50", "asset": asset.pk})
    assert response.status_code == 302
    tag = RegionTag.objects.get()
    assert (tag.asset_id, tag.x, tag.y, tag.w, tag.h) == (asset.pk, 300, 533, 601, 800)


def test_a_tag_on_another_items_picture_or_past_the_edge_is_refused(client, item, make_item, make_user, villager):
    client.force_login(make_user("aelod", trusted=True))
    elsewhere = make_item(villager, title_en="Arall").assets.get()
    box = {"label": "Mam-gu", "x": "10", "y": "10", "w": "10", "h": "10"}
    client.post(f"/items/{item.pk}/region-tags/", {**box, "asset": elsewhere.pk})
    page = client.post(f"/items/{item.pk}/region-tags/", {**box, "x": "95"}, follow=True).content.decode()
    assert not RegionTag.objects.exists()
    assert "goes past the edge of the picture" in page


# --- the takedown page ----------------------------------------------------------------------------


def test_the_takedown_page_offers_a_box_on_the_picture(client, item):
    page = client.get(f"/items/{item.pk}/takedown/").content.decode()
    asset = item.assets.get()
    web = f"/media/derivatives/{item.pk}/{asset.pk}/web.jpg"
    assert "Mark the face or part of the picture" in page
    assert elements(page, "figure", id="takedown-picture") and elements(page, "img", src=web)
    assert elements(page, "div", **{"data-regions-form": "", "data-regions-src": web})
    assert [elements(page, "input", name=f"region_{edge}")[0].attrs["data-region-field"] for edge in "xywh"] == list(
        "xywh")
    assert not elements(page, "input", name="asset")  # one picture: nothing to choose


def test_an_anonymous_takedown_request_marks_a_face_in_full_size_pixels(client, item):
    response = client.post(f"/items/{item.pk}/takedown/", {
        "reason": "That is my mother.", "region_x": "50", "region_y": "12.5", "region_w": "10.01",
        "region_h": "20"})
    assert response.status_code == 201
    request = TakedownRequest.objects.get()
    assert (request.asset_id, request.region) == (item.assets.get().pk, [1200, 200, 240, 320])


def test_with_several_pictures_the_request_names_the_one_chosen(client, item):
    second = add_picture(item, 3000, 1000, position=1)
    page = client.get(f"/items/{item.pk}/takedown/").content.decode()
    choices = elements(page, "input", name="asset", type="radio")
    assert [c.attrs["value"] for c in choices] == [str(item.assets.get(position=0).pk), str(second.pk)]
    assert [c.attrs["data-src"] for c in choices][1] == f"/media/derivatives/{item.pk}/{second.pk}/web.jpg"
    assert "checked" in choices[0].attrs and "checked" not in choices[1].attrs
    response = client.post(f"/items/{item.pk}/takedown/", {
        "reason": "Fi yw hwn.", "asset": second.pk, "region_x": "90", "region_y": "0", "region_w": "10",
        "region_h": "100"})
    assert response.status_code == 201
    request = TakedownRequest.objects.get()
    assert (request.asset_id, request.region) == (second.pk, [2700, 0, 300, 1000])


def test_a_request_without_a_box_names_no_picture(client, item):
    assert client.post(f"/items/{item.pk}/takedown/", {"reason": "Please."}).status_code == 201
    request = TakedownRequest.objects.get()
    assert (request.asset, request.region) == (None, None)


@pytest.mark.parametrize(("box", "field", "words"), [
    ({"region_x": "10", "region_y": "10"}, "takedown-region_w", "Give all four numbers"),
    ({"region_x": "95", "region_y": "0", "region_w": "10", "region_h": "10"}, "takedown-region_w",
     "goes past the edge"),
    ({"region_x": "10", "region_y": "0", "region_w": "10", "region_h": "200"}, "takedown-region_h", "100"),
])
def test_a_broken_box_is_sent_back_with_what_to_fix(client, item, box, field, words):
    response = client.post(f"/items/{item.pk}/takedown/", {"reason": "That is me.", **box})
    assert response.status_code == 400
    page = response.content.decode()
    error = elements(page, "p", class_="field__error", id=f"{field}-error")
    assert error and words in error[0].text, page
    assert elements(page, "details", class_="regions-mark")[0].attrs.get("open") == ""  # opened to show it
    assert not TakedownRequest.objects.exists()


def test_a_box_in_welsh(client, item):
    response = client.post(f"/items/{item.pk}/takedown/", {"reason": "Fi.", "region_x": "95", "region_y": "0",
                                                           "region_w": "10", "region_h": "10"},
                           HTTP_ACCEPT_LANGUAGE="cy")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Marciwch yr wyneb neu ran o'r llun" in page and "goes past" not in page


def test_no_box_when_the_pictures_are_hidden(client, item):
    item.image_hidden = True
    item.save()
    page = client.get(f"/items/{item.pk}/takedown/").content.decode()
    assert "Mark the face" not in page and "/media/" not in page
    response = client.post(f"/items/{item.pk}/takedown/", {"reason": "Hi.", "region_x": "1", "region_y": "1",
                                                           "region_w": "1", "region_h": "1"})
    assert response.status_code == 400 and not TakedownRequest.objects.exists()


def test_the_pages_with_boxes_load_only_static_scripts(client, item, villager):
    client.force_login(villager)
    for url in (f"/items/{item.pk}/", f"/items/{item.pk}/takedown/"):
        scripts = elements(client.get(url).content.decode(), "script")
        assert "/static/frontend/regions.js" in [s.attrs.get("src") for s in scripts], url
        assert all(s.attrs.get("src", "").startswith("/static/") and not s.text.strip() for s in scripts), url
