"""The moderation queue as curators use it: each waiting photograph with its picture (opening the large copy)
and what its contributor wrote; Approve only for a ready one; photographs whose preparation failed listed with
the reason in words and a Retry that sends them through processing again (a real worker, in the last test)."""
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import AuditEvent, Description, Item, Place
from archive.services import batch_create, contribution_from_fields
from tests.conftest import jpeg_bytes, wait_for_status

from .html import elements

pytestmark = pytest.mark.django_db
CC_BY = "http://creativecommons.org/licenses/by/4.0/"


@pytest.fixture
def newcomer(make_user):
    """A member who is not trusted: what they send waits for a curator."""
    return make_user("newydd", display_name="Gwen Morgan")


def _waiting(make_item, newcomer, title, status="ready", **fields):
    item = make_item(newcomer, title_en=title, moderation="pending", status=status, **fields)
    Description.objects.create(item=item, kind="caption", text=f"{title}, as Gwen remembers it", language="cy",
                               author=newcomer, moderation="pending")
    return item


def _entry(html, item):
    found = elements(html, "li", id=f"item-{item.pk}")
    assert len(found) == 1, f"item {item.pk} is not in the queue"
    return found[0]


def test_a_waiting_ready_item_shows_its_picture_what_was_written_and_approve(client, make_item, newcomer, curator):
    place = Place.objects.create(name_en="Tredegar", name_cy="Tredegar")
    item = _waiting(make_item, newcomer, "Chapel outing", date_text="summer 1947", place=place)
    client.force_login(curator)
    html = client.get("/moderation/").content.decode()

    thumb = f"/media/derivatives/{item.pk}/{item.assets.get().pk}/thumbnail.jpg"
    web = f"/media/derivatives/{item.pk}/{item.assets.get().pk}/web.jpg"
    images = [img for img in elements(html, "img") if img.attrs.get("src") == thumb]
    assert len(images) == 1 and images[0].attrs["alt"] == "Chapel outing"
    links = [a for a in elements(html, "a") if a.attrs.get("href") == web]
    assert len(links) == 1 and "Open the picture large" in links[0].text  # the thumbnail opens the large copy
    entry = _entry(html, item)
    text = " ".join(entry.text.split())
    assert "Chapel outing, as Gwen remembers it" in text and "by Gwen Morgan" in text and "Cymraeg" in text
    assert "summer 1947" in text and "Tredegar" in text
    assert elements(html, "button", name="action", value="approve-item")
    assert elements(html, "input", id=f"select-item-{item.pk}")

    response = client.post("/moderation/", {"action": "approve-item", "item": item.pk})
    assert response.status_code == 302
    assert Item.objects.get(pk=item.pk).moderation == "approved"
    assert not elements(client.get("/moderation/").content.decode(), "li", id=f"item-{item.pk}")


def test_an_item_still_processing_says_so_and_cannot_be_approved(client, make_item, newcomer, curator):
    item = _waiting(make_item, newcomer, "Pit head", status="processing", picture=False)
    client.force_login(curator)
    html = client.get("/moderation/").content.decode()
    entry = _entry(html, item)
    assert "Still being prepared" in entry.text
    assert not elements(html, "button", name="action", value="approve-item")
    assert not elements(html, "input", id=f"select-item-{item.pk}")

    response = client.post("/moderation/", {"action": "approve-item", "item": item.pk})
    assert response.status_code == 400 and "not ready yet" in response.content.decode()
    client.post("/moderation/", {"action": "approve-selected", "items": [item.pk]})
    assert Item.objects.get(pk=item.pk).moderation == "pending"


def test_failed_items_are_listed_with_the_reason_and_a_retry_not_approve(client, make_item, newcomer, curator):
    failed = _waiting(make_item, newcomer, "Broken scan", status="failed", picture=False,
                      status_reason="damaged")
    client.force_login(curator)
    html = client.get("/moderation/").content.decode()
    assert not elements(html, "li", id=f"item-{failed.pk}")  # not among the items to approve
    assert not elements(html, "button", name="action", value="approve-item")
    entry = elements(html, "li", id=f"failed-{failed.pk}")
    assert len(entry) == 1
    assert "We couldn't read this picture: the file seems to be damaged or incomplete." in entry[0].text
    assert elements(html, "button", name="action", value="retry-item")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    welsh = client.get("/moderation/").content.decode()
    assert "Doedd dim modd darllen y llun hwn" in welsh and "Lluniau na ellid eu paratoi" in welsh
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post("/moderation/", {"action": "retry-item", "item": failed.pk})
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.status_reason) == ("received", "")
    assert failed.audit_events.filter(action=AuditEvent.Action.RETRIED, actor=curator).exists()
    assert "Trying again" in client.get("/moderation/").content.decode()

    response = client.post("/moderation/", {"action": "retry-item", "item": failed.pk})  # not failed any more
    assert response.status_code == 400 and "Only a photograph whose preparation failed" in response.content.decode()


def test_only_curators_retry(client, make_item, newcomer, villager, curator):
    item = _waiting(make_item, newcomer, "Broken scan", status="failed", picture=False, status_reason="damaged")
    assert client.get("/moderation/").status_code == 302
    client.force_login(villager)
    assert client.get("/moderation/").status_code == 403
    assert client.post("/moderation/", {"action": "retry-item", "item": item.pk}).status_code == 403
    assert Item.objects.get(pk=item.pk).status == "failed"
    client.force_login(curator)
    assert client.post("/moderation/", {"action": "retry-item", "item": item.pk}).status_code == 302
    assert Item.objects.get(pk=item.pk).status == "received"


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_retry_from_the_page_sends_the_item_through_the_real_worker(client, newcomer, curator, worker):
    photo = jpeg_bytes(320, 240, (30, 90, 150))

    def upload():
        contribution = contribution_from_fields(actor=newcomer, licence=CC_BY, consent=True, caption="Côr",
                                                language="cy")
        batch = batch_create(contributor=newcomer, contribution=contribution,
                             uploads=[SimpleUploadedFile("llun.jpg", photo, content_type="image/jpeg")])
        return wait_for_status(batch.items.get())

    first, second = upload(), upload()
    assert (first.status, second.status) == ("ready", "failed")  # the same photo twice: a duplicate
    client.force_login(curator)
    html = client.get("/moderation/").content.decode()
    assert elements(html, "li", id=f"failed-{second.pk}") and elements(html, "li", id=f"item-{first.pk}")
    Item.objects.filter(pk=first.pk).delete()  # the curator removes the first copy; the second may now stay
    assert client.post("/moderation/", {"action": "retry-item", "item": second.pk}).status_code == 302
    second = wait_for_status(second, ("ready",))
    html = client.get("/moderation/").content.decode()
    assert not elements(html, "li", id=f"failed-{second.pk}")
    assert elements(html, "button", name="action", value="approve-item")  # ready now: it can be approved
