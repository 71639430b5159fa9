"""The curators' takedown page: open requests, hold now, and the four decisions (issue 6, D2)."""
import pytest
from django.core import mail
from django.test import Client

from archive.models import Description, Item, TakedownRequest
from archive.services.takedown import takedown_request_create

from .html import elements

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(make_item, villager):
    return make_item(villager, title_en="The village choir",
                     voices=[("memory", "We sang in the chapel.", "en", villager)])


@pytest.fixture
def asked(item):
    return takedown_request_create(item, "That is me <script>alert(1)</script>", name="Siân",
                                   email="sian@example.org", region=[120, 80, 240, 160])


def test_only_curators_may_use_the_page(client, asked, make_user, curator):
    response = client.get("/curate/takedowns/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_user("aelod"))
    assert client.get("/curate/takedowns/").status_code == 403
    assert client.post("/curate/takedowns/", {"request": asked.pk, "action": "hold"}).status_code == 403
    asked.item.refresh_from_db()
    assert not asked.item.held_for_review
    client.force_login(curator)
    assert client.get("/curate/takedowns/").status_code == 200


def test_open_requests_newest_first_with_reason_escaped_region_and_requester(client, asked, item, make_item,
                                                                               villager, curator):
    other = make_item(villager, title_en="The colliery band")
    takedown_request_create(other, "Please remove", email="")
    client.force_login(curator)
    page = client.get("/curate/takedowns/").content.decode()
    headings = [h.text.strip() for h in elements(page, "h2")]
    assert headings.index("The colliery band") < headings.index("The village choir")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "by Siân" in page and "sian@example.org" in page
    box = elements(page, "rect", class_="takedown__region-line")  # in percentages of the picture
    assert len(box) == 1 and box[0].attrs["x"] == "10.0" and box[0].attrs["width"] == "20.0"
    blur = [e.attrs["value"] for e in elements(page, "input", name="resolution")]
    assert blur.count("blur_region") == 1 and blur.count("keep") == 2  # blurring only where a region was given


def test_hold_now_hides_the_item_from_visitors(asked, item, curator):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(curator)
    token = (browser.get("/curate/takedowns/"), browser.cookies["csrftoken"].value)[1]
    assert browser.post("/curate/takedowns/", {"request": asked.pk, "action": "hold"}).status_code == 403  # CSRF
    done = browser.post("/curate/takedowns/", {"request": asked.pk, "action": "hold", "csrfmiddlewaretoken": token},
                        follow=True)
    assert "Held:" in done.content.decode()
    item.refresh_from_db()
    assert item.held_for_review
    assert Client().get(f"/items/{item.pk}/").status_code == 404


def _resolve(client, asked, resolution, **extra):
    return client.post("/curate/takedowns/", {"request": asked.pk, "action": "resolve", "resolution": resolution,
                                              "note": "Thank you <b>for asking</b>", **extra}, follow=True)


def test_keep_releases_the_hold_and_tells_the_requester(client, asked, item, curator,
                                                        django_capture_on_commit_callbacks):
    client.force_login(curator)
    client.post("/curate/takedowns/", {"request": asked.pk, "action": "hold"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _resolve(client, asked, "keep")
    asked.refresh_from_db()
    item.refresh_from_db()
    assert asked.status == "resolved" and asked.resolution == "keep" and not item.held_for_review
    assert Client().get(f"/items/{item.pk}/").status_code == 200
    assert any("sian@example.org" in m.to and "Thank you <b>for asking</b>" in m.body for m in mail.outbox)
    assert "No takedown requests are waiting." in client.get("/curate/takedowns/").content.decode()


def test_hide_image_keeps_the_words(client, asked, item, curator):
    client.force_login(curator)
    _resolve(client, asked, "hide_image")
    item.refresh_from_db()
    assert item.image_hidden
    page = Client().get(f"/items/{item.pk}/").content.decode()
    assert "We sang in the chapel." in page and f"derivatives/{item.pk}/" not in page


def test_blur_region_marks_the_region_and_holds_until_blurred(client, asked, item, curator,
                                                              django_capture_on_commit_callbacks):
    client.force_login(curator)
    with django_capture_on_commit_callbacks(execute=False):
        _resolve(client, asked, "blur_region")
    asset = item.assets.get()
    item.refresh_from_db()
    assert asset.redactions == [[120, 80, 240, 160]] and item.held_for_review


def test_blur_is_refused_without_a_region(client, item, curator):
    plain = takedown_request_create(item, "No region")
    client.force_login(curator)
    response = client.post("/curate/takedowns/", {"request": plain.pk, "action": "resolve",
                                                  "resolution": "blur_region"})
    assert response.status_code == 400 and "nothing to blur" in response.content.decode()
    plain.refresh_from_db()
    assert plain.status == "open"


def test_delete_is_confirmed_then_purges(client, asked, item, curator):
    client.force_login(curator)
    asking = _resolve(client, asked, "delete")
    assert "Delete this item&#x27;s files and words?" in asking.content.decode()
    assert Item.objects.get(pk=item.pk).purged_at is None
    _resolve(client, asked, "delete", confirmed="yes")
    item.refresh_from_db()
    assert item.purged_at is not None and item.status == "withdrawn"
    assert not Description.objects.filter(item=item).exists()
    assert TakedownRequest.objects.get(pk=asked.pk).resolution == "delete"


def test_the_page_is_in_welsh(client, asked, curator):
    client.force_login(curator)
    page = client.get("/curate/takedowns/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Ceisiadau i dynnu i lawr" in page and "Takedown requests" not in page
