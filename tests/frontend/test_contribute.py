"""The "Add photos" page, an upload's progress page and "My contributions" (uploading from a browser or phone)."""
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from archive.models import Batch, Item, Place
from tests.conftest import jpeg_bytes, wait_for_status

from .html import elements

CC_BY = "http://creativecommons.org/licenses/by/4.0/"
CONTRIBUTE = "/contribute/"
MINE = "/contribute/mine/"


def photo(name="llun.jpg", content=None):
    return SimpleUploadedFile(name, content if content is not None else jpeg_bytes(), content_type="image/jpeg")


def form(**extra):
    data = {"caption": "Côr y pentref, haf 1947", "language": "cy", "date_text": "haf 1947",
            "place": "Troedrhiwfuwch", "people": "Mam-gu\nDai Evans, Nansi", "licence": CC_BY,
            "consent": "on", "visibility": "public", "files": [photo()]}
    data.update(extra)
    return {key: value for key, value in data.items() if value is not None}


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def error_of(html: str, field: str) -> str:
    """The error message shown next to the field (the element ``contribute-<field>-error``)."""
    found = elements(html, id=f"contribute-{field}-error")
    return " ".join(e.text.strip() for e in found)


def test_an_upload_through_the_page_ends_ready_and_appears_in_my_contributions(villager, worker):
    client = signed_in(villager)
    page = client.get(CONTRIBUTE).content.decode()
    files = elements(page, "input", type="file")
    assert files and "multiple" in files[0].attrs and files[0].attrs["accept"] == "image/*,.heic,.heif,.tif,.tiff"
    assert elements(page, "datalist", id="contribute-places")

    response = client.post(CONTRIBUTE, form(files=[photo("a.jpg"), photo("b.jpg", jpeg_bytes(color=(9, 9, 9)))]))
    assert response.status_code == 302
    batch = Batch.objects.get(contributor=villager)
    assert response["Location"] == f"/contribute/batches/{batch.pk}/"
    items = list(batch.items.order_by("id"))
    assert len(items) == 2
    for item in items:
        assert wait_for_status(item).status == "ready", item.status_reason
    item = items[0]
    assert item.date_text == "haf 1947" and item.licence == CC_BY and item.consent
    assert item.place.name_cy == "Troedrhiwfuwch"
    assert sorted(p.name for p in item.people.all()) == ["Dai Evans", "Mam-gu", "Nansi"]
    assert item.descriptions.get().text == "Côr y pentref, haf 1947"
    assert item.moderation == "approved"  # a trusted member's photos are shown at once

    progress = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 of 2 processed" in progress
    assert not elements(progress, "script", src="/static/frontend/batch.js")  # nothing left to wait for
    assert "a curator will look" not in progress.lower()

    mine = client.get(MINE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    links = [a.attrs["href"] for a in elements(mine, "a") if a.attrs.get("href", "").startswith("/items/")]
    assert links == [f"/items/{items[1].pk}/", f"/items/{items[0].pk}/"]  # newest first
    assert len(elements(mine, "img", class_="card__image")) == 2
    assert "Ready" in mine and "approved" in mine


def test_a_newcomers_upload_waits_for_a_curator(make_user, worker):
    newcomer = make_user("newcomer")  # a member, not trusted
    client = signed_in(newcomer)
    response = client.post(CONTRIBUTE, form(visibility="members"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    item = Item.objects.get(contributor=newcomer)
    assert item.moderation == "pending" and item.visibility == "members"
    progress = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "a curator will look at your photos" in progress
    assert "1 of 1 processed" in progress or elements(progress, "script", src="/static/frontend/batch.js")
    wait_for_status(item)
    mine = client.get(MINE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "waiting for a curator to look at it" in mine
    assert "Members only" in mine


def test_the_progress_page_polls_while_photos_are_being_prepared(villager, client):
    client.force_login(villager)
    response = client.post(CONTRIBUTE, form())  # no worker: the photo stays "received"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    batch = Batch.objects.get()
    assert "0 of 1 processed" in page
    assert elements(page, "script", src="/static/frontend/batch.js")
    assert all(script.attrs.get("src", "").startswith("/static/") and not script.text.strip()
               for script in elements(page, "script"))  # no inline scripts
    assert elements(page, "div", id="batch-progress")[0].attrs["data-batch-poll"] == f"/api/v1/batches/{batch.pk}/"
    assert "Received" in page
    assert client.get(f"/api/v1/batches/{batch.pk}/").json()["progress"]["processed"] == 0


def test_a_failed_photo_shows_the_plain_reason(villager, client):
    client.force_login(villager)
    response = client.post(CONTRIBUTE, form())
    item = Item.objects.get()
    item.status, item.status_reason, item.status_params = "failed", "not_an_image", {}
    item.save()
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 of 1 processed" in page and "Please upload photos or scans as images" in page


def test_someone_elses_batch_is_not_shown(villager, make_user, client):
    client.force_login(villager)
    location = client.post(CONTRIBUTE, form())["Location"]
    client.force_login(make_user("other"))
    assert client.get(location).status_code == 404


@pytest.mark.parametrize("missing, field, words", [
    ("consent", "consent", "tick this box"),
    ("licence", "licence", "Choose how other people may use your photos"),
    ("files", "files", "Choose at least one photo"),
])
def test_missing_fields_are_named_and_what_was_typed_is_kept(villager, client, missing, field, words):
    client.force_login(villager)
    response = client.post(CONTRIBUTE, form(**{missing: None}, caption="Mam-gu <b>outside</b> the Workmen's Hall"),
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert words in error_of(html, field)
    caption = elements(html, "textarea", id="contribute-caption")[0]
    assert caption.text == "Mam-gu <b>outside</b> the Workmen's Hall"
    assert elements(html, "input", id="contribute-date_text")[0].attrs["value"] == "haf 1947"
    assert "choose them again" in html
    assert Item.objects.count() == 0


def test_an_unknown_licence_and_too_many_files_are_refused(villager, client, settings):
    client.force_login(villager)
    html = client.post(CONTRIBUTE, form(licence="http://example.org/mine"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Choose one of the ways listed" in error_of(html, "licence")
    settings.COFIO_MAX_UPLOAD_FILES = 1
    response = client.post(CONTRIBUTE, form(files=[photo("a.jpg"), photo("b.jpg")]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "at most 1 at once" in error_of(response.content.decode(), "files")
    assert Item.objects.count() == 0


def test_a_visitor_is_sent_to_sign_in(client, db):
    response = client.get(CONTRIBUTE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/contribute/")
    assert client.post(CONTRIBUTE, form()).status_code == 302
    assert client.get(MINE).status_code == 302
    assert Item.objects.count() == 0


def test_a_member_waiting_for_a_curator_is_told_why(make_user, client):
    client.force_login(make_user("waiting", approved=False))
    response = client.get(CONTRIBUTE, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    html = response.content.decode()
    assert "A curator has not welcomed you to the archive yet" in html
    assert not elements(html, "input", type="file")
    assert "Add photos" not in " ".join(a.text for a in elements(html, "a", class_="pill"))
    assert client.post(CONTRIBUTE, form()).status_code == 403
    assert Item.objects.count() == 0


def test_the_header_offers_add_photos_to_members_who_may_contribute(villager, client):
    client.force_login(villager)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert CONTRIBUTE in [a.attrs["href"] for a in elements(html, "a", class_="pill")]


def test_csrf_is_enforced(villager):
    client = signed_in(villager, enforce_csrf_checks=True)
    assert client.post(CONTRIBUTE, form()).status_code == 403
    assert Item.objects.count() == 0
    page = client.get(CONTRIBUTE).content.decode()
    token = elements(page, "input", name="csrfmiddlewaretoken")[0].attrs["value"]
    assert client.post(CONTRIBUTE, form(csrfmiddlewaretoken=token)).status_code == 302
    assert Item.objects.count() == 1


def test_welsh_labels_when_the_language_is_welsh(villager, client, settings):
    Place.objects.create(name_cy="Capel Bethel")
    client.force_login(villager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(CONTRIBUTE).content.decode()
    labels = " ".join(label.text for label in elements(html, "label"))
    assert "Beth sydd yn y llun?" in labels and "Pryd tynnwyd y llun?" in labels
    assert "Ychwanegu lluniau" in html
    assert elements(html, "option", value="Capel Bethel")
    refused = client.post(CONTRIBUTE, form(consent=None)).content.decode()
    assert "Ticiwch y blwch hwn" in error_of(refused, "consent")


def test_a_caption_with_a_script_is_shown_escaped(villager, client):
    client.force_login(villager)
    client.post(CONTRIBUTE, form(caption="<script>alert('x')</script> Côr"))
    html = client.get(MINE).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_contributions_share_the_apis_rate_limit(villager, client, settings):
    cache.clear()
    rates = {"contribute": "1/hour", "takedown": "1/hour"}
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        client.force_login(villager)
        assert client.post(CONTRIBUTE, form()).status_code == 302
        refused = client.post(CONTRIBUTE, form(caption="Eto"), HTTP_ACCEPT_LANGUAGE="en")
        assert refused.status_code == 429
        assert "wait a little" in refused.content.decode()
        assert "Eto" in refused.content.decode()
    cache.clear()
    assert Item.objects.count() == 1


def test_my_contributions_shows_a_not_accepted_reason_and_pages(villager, make_item, client):
    rejected = make_item(villager, title_en="The pithead", moderation="rejected",
                         moderation_reason="This is the same photo as COF-000001.")
    for n in range(21):
        make_item(villager, title_en=f"Photo {n}")
    client.force_login(villager)
    first = client.get(MINE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The pithead" not in first and "Photo 20" in first
    second = client.get(MINE + "?page=2", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The pithead" in second and "not accepted" in second
    assert "This is the same photo as COF-000001." in second
    assert re.search(rf'href="/items/{rejected.pk}/"', second)


CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]


def test_on_a_phone_the_form_fits_and_the_progress_page_updates_itself(villager, transactional_db, live_server,
                                                                        settings):
    import shutil
    import threading
    from pathlib import Path

    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is not installed: run bin/services.py ensure-system-packages (apt-get install chromium)")
    client = signed_in(villager)
    location = client.post(CONTRIBUTE, form())["Location"]
    item = Item.objects.get()
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    from playwright.sync_api import sync_playwright  # after every database call: Playwright runs an event loop

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB")
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session,
                                  "url": live_server.url}])
            page = context.new_page()
            page.goto(f"{live_server.url}{CONTRIBUTE}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing sideways on a phone
            assert page.get_by_label("What is in the picture?").is_visible()
            page.goto(f"{live_server.url}{location}")
            assert "of 1 processed" in page.text_content("#batch-progress")
            # The photo becomes ready, as the worker would make it (in a thread: Playwright runs an event loop).
            finish = threading.Thread(target=lambda: Item.objects.filter(pk=item.pk).update(status="ready"))
            finish.start()
            finish.join()
            page.wait_for_function(
                "() => document.querySelector('#batch-progress').textContent.includes('1 of 1 processed')",
                timeout=30000)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
        finally:
            browser.close()
