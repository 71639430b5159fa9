"""The contributor's controls on the item page: who can see it, and withdrawing it (issue 6, D2)."""
import pytest
from django.test import Client
from django.urls import reverse

from archive.models import Asset, AuditEvent, Description, Item

from .html import elements

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(make_item, villager):
    return make_item(villager, title_en="The village choir",
                     voices=[("memory", "We sang in the chapel.", "en", villager)])


def _signed_in(user) -> Client:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    return browser


def _token(browser, item) -> str:
    browser.get(reverse("frontend:item", args=[item.pk]))
    return browser.cookies["csrftoken"].value


def test_the_contributor_and_curators_see_the_controls_others_do_not(client, item, villager, curator, make_user):
    assert "Who can see it" not in client.get(f"/items/{item.pk}/").content.decode()
    client.force_login(make_user("aelod"))
    assert "Who can see it" not in client.get(f"/items/{item.pk}/").content.decode()
    for user in (villager, curator):
        client.force_login(user)
        page = client.get(f"/items/{item.pk}/").content.decode()
        assert "Who can see it" in page and f'href="/items/{item.pk}/withdraw/"' in page
        checked = [e.attrs["value"] for e in elements(page, "input", name="visibility") if "checked" in e.attrs]
        assert checked == ["public"]
        labels = {e.attrs["for"] for e in elements(page, "label")}
        assert {"visibility-public", "visibility-members", "visibility-private"} <= labels
    assert f'href="/items/{item.pk}/history/"' in page  # curators: the history


def test_visitors_and_other_members_may_not_change_an_item(client, item, make_user):
    response = client.post(f"/items/{item.pk}/visibility/", {"visibility": "private", "confirmed": "yes"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.get(f"/items/{item.pk}/withdraw/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_user("aelod"))
    changed = client.post(f"/items/{item.pk}/visibility/", {"visibility": "private", "confirmed": "yes"})
    assert changed.status_code == 403
    assert client.post(f"/items/{item.pk}/withdraw/", {"confirmed": "yes"}).status_code == 403
    item.refresh_from_db()
    assert item.visibility == "public" and item.status == "ready"


def test_changing_who_can_see_it_is_confirmed_then_done(item, villager):
    browser = _signed_in(villager)
    token = _token(browser, item)
    assert browser.post(f"/items/{item.pk}/visibility/", {"visibility": "private"}).status_code == 403  # CSRF
    asked = browser.post(f"/items/{item.pk}/visibility/", {"visibility": "private", "csrfmiddlewaretoken": token})
    assert asked.status_code == 200 and "Change who can see this item?" in asked.content.decode()
    assert "Only the person who shared it and the curators can see it." in asked.content.decode()
    item.refresh_from_db()
    assert item.visibility == "public"  # not yet
    done = browser.post(f"/items/{item.pk}/visibility/",
                        {"visibility": "private", "confirmed": "yes", "csrfmiddlewaretoken": token}, follow=True)
    page = done.content.decode()
    # Said once, at the top of the page, where it is seen after the page reloads (not down in another section).
    assert page.count("Saved. Who can see it now: Private.") == 1
    assert page.index("Saved. Who can see it now") < page.index("<h1")
    item.refresh_from_db()
    assert item.visibility == "private"
    assert item.audit_events.filter(action=AuditEvent.Action.VISIBILITY_CHANGED).exists()
    assert Client().get(f"/items/{item.pk}/").status_code == 404  # a visitor no longer sees it


def test_an_unknown_visibility_changes_nothing(client, item, villager):
    client.force_login(villager)
    page = client.post(f"/items/{item.pk}/visibility/", {"visibility": "everyone", "confirmed": "yes"}, follow=True)
    assert "Choose who may see it" in page.content.decode()
    item.refresh_from_db()
    assert item.visibility == "public"


def test_withdrawing_explains_keeping_and_deleting_and_hides_the_item_at_once(item, villager):
    browser = _signed_in(villager)
    page = browser.get(f"/items/{item.pk}/withdraw/").content.decode()
    assert "Keep them privately for the record" in page and "Also delete the files and words" in page
    assert "cannot be undone" in page and 'name="csrfmiddlewaretoken"' in page
    token = browser.cookies["csrftoken"].value
    assert browser.post(f"/items/{item.pk}/withdraw/", {"confirmed": "yes", "delete": "no"}).status_code == 403
    assert Client().get(f"/items/{item.pk}/").status_code == 200
    done = browser.post(f"/items/{item.pk}/withdraw/", {"confirmed": "yes", "delete": "no", "reason": "Mam asked",
                                                        "csrfmiddlewaretoken": token}, follow=True)
    assert "kept privately for the record" in done.content.decode()
    item.refresh_from_db()
    assert item.status == Item.Status.WITHDRAWN and item.purged_at is None
    assert Client().get(f"/items/{item.pk}/").status_code == 404  # gone from a visitor's page at once
    assert Description.objects.filter(item=item).exists() and Asset.objects.filter(item=item).exists()


def test_withdrawing_with_delete_purges_the_files_and_words(client, item, villager):
    client.force_login(villager)
    done = client.post(f"/items/{item.pk}/withdraw/", {"confirmed": "yes", "delete": "yes"})
    assert done.status_code == 200 and "files and words deleted" in done.content.decode()
    item.refresh_from_db()
    assert item.status == Item.Status.WITHDRAWN and item.purged_at is not None
    assert not Description.objects.filter(item=item).exists() and not Asset.objects.filter(item=item).exists()
    assert client.get(f"/items/{item.pk}/").status_code == 404  # the contributor no longer sees it either


def test_a_withdrawn_item_can_be_deleted_later(client, item, villager):
    client.force_login(villager)
    client.post(f"/items/{item.pk}/withdraw/", {"confirmed": "yes", "delete": "no"})
    page = client.get(f"/items/{item.pk}/").content.decode()
    assert "kept privately for the record" in page and "Delete its files and words too" in page
    client.post(f"/items/{item.pk}/withdraw/", {"confirmed": "yes", "delete": "yes"})
    item.refresh_from_db()
    assert item.purged_at is not None


def test_a_post_without_confirmation_only_explains(client, item, villager):
    client.force_login(villager)
    page = client.post(f"/items/{item.pk}/withdraw/", {"delete": "yes"})
    assert page.status_code == 200 and "Withdraw this item" in page.content.decode()
    item.refresh_from_db()
    assert item.status == Item.Status.READY


def test_the_controls_are_in_welsh(client, item, villager):
    client.force_login(villager)
    page = client.get(f"/items/{item.pk}/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Pwy sy'n gallu ei gweld" in page and "Who can see it" not in page
    assert "Newid pwy sy'n gallu ei gweld" in page
    withdraw = client.get(f"/items/{item.pk}/withdraw/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Eu cadw'n breifat ar gyfer y cofnod" in withdraw


def test_the_page_says_why_pictures_are_not_shown(client, item, villager):
    item.image_hidden = True
    item.save()
    page = client.get(f"/items/{item.pk}/").content.decode()
    assert "There is no picture to show yet" not in page
    assert "not shown to the public, after someone asked for them to be taken down" in page
    client.force_login(villager)
    own = client.get(f"/items/{item.pk}/").content.decode()
    assert "Its pictures are hidden from the public" in own
    item.held_for_review = True
    item.save()
    held = client.get(f"/items/{item.pk}/").content.decode()
    assert "Hidden while a curator looks at a request to take it down." in held


def test_a_too_long_reason_is_refused_not_cut(client, item, villager):
    client.force_login(villager)
    response = client.post(f"/items/{item.pk}/withdraw/", {"confirmed": "yes", "delete": "no", "reason": "x" * 2001})
    assert response.status_code == 400 and "Too long: at most 2,000 characters." in response.content.decode()
    item.refresh_from_db()
    assert item.status == Item.Status.READY


def test_a_refused_reason_stays_in_the_box_tied_to_its_error(client, item, villager):
    client.force_login(villager)
    words = "Mam asked <b>me</b> " + "x" * 2000
    page = client.post(f"/items/{item.pk}/withdraw/", {"confirmed": "yes", "delete": "no", "reason": words})
    assert page.status_code == 400
    [box] = elements(page.content.decode(), "textarea", id="withdraw-reason")
    assert box.text == words  # nothing typed is lost (and it is escaped: the parser reads it back as text)
    assert box.attrs["aria-invalid"] == "true" and box.attrs["aria-describedby"] == "withdraw-reason-error"
    [error] = elements(page.content.decode(), "p", id="withdraw-reason-error")
    assert "Too long: at most 2,000 characters." in error.text
