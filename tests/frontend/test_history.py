"""The curators' history page: versions of an item and its words, with a readable diff and revert (issue 6, D2)."""
import pytest
from django.test import Client

from archive.models import Description
from archive.services.descriptions import description_create, description_edit

from .html import elements

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(make_item, villager):
    return make_item(villager, title_en="The village choir")


@pytest.fixture
def voice(item, villager):
    made = description_create(item, villager, "We sang in the chapel every Sunday.", "memory", "en")
    description_edit(made, villager, text="We sang <script>alert(1)</script> in the big chapel every Sunday.")
    return made


def test_only_curators_see_the_history(client, item, villager, make_user, curator):
    response = client.get(f"/items/{item.pk}/history/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for user in (make_user("aelod"), villager):  # members, even the contributor
        client.force_login(user)
        assert client.get(f"/items/{item.pk}/history/").status_code == 403
        assert client.post(f"/items/{item.pk}/history/", {"target": "item", "version": "1",
                                                          "confirmed": "yes"}).status_code == 403
    client.force_login(curator)
    assert client.get(f"/items/{item.pk}/history/").status_code == 200
    assert client.get("/items/999999/history/").status_code == 404


def test_the_words_changes_are_shown_escaped_with_who_and_when(client, item, voice, curator):
    client.force_login(curator)
    page = client.get(f"/items/{item.pk}/history/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    added = " ".join(e.text for e in elements(page, "ins"))
    removed = " ".join(e.text for e in elements(page, "del"))
    assert "added: big" in added and "added: <script>alert(1)</script>" in added  # as text: escaped in the HTML
    assert removed == ""  # words were only added
    assert "by Megan Evans" in page
    buttons = [b.text for b in elements(page, "button") if "Revert these words" in b.text]
    assert len(buttons) == 1  # the older version only; the newest is how it is now


def test_reverting_words_is_confirmed_and_keeps_both_versions(item, voice, curator):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(curator)
    page = browser.get(f"/items/{item.pk}/history/").content.decode()
    token = browser.cookies["csrftoken"].value
    oldest = voice.history.order_by("history_id").first().history_id
    form = {"target": f"description-{voice.pk}", "version": str(oldest)}
    assert browser.post(f"/items/{item.pk}/history/", form).status_code == 403  # CSRF
    asked = browser.post(f"/items/{item.pk}/history/", {**form, "csrfmiddlewaretoken": token})
    assert asked.status_code == 200 and "Put these words back" in asked.content.decode()
    assert "alert" in Description.objects.get(pk=voice.pk).text  # not yet
    done = browser.post(f"/items/{item.pk}/history/", {**form, "confirmed": "yes", "csrfmiddlewaretoken": token},
                        follow=True)
    assert "Reverted to version" in done.content.decode()
    assert f"Put back as it was in version {oldest}." in done.content.decode()
    assert Description.objects.get(pk=voice.pk).text == "We sang in the chapel every Sunday."
    texts = [record.text for record in voice.history.order_by("history_id")]
    assert "We sang in the chapel every Sunday." in texts and any("alert" in t for t in texts)
    assert len(texts) == 3 and f'value="{oldest}"' in page


def test_reverting_the_item_title(client, item, curator):
    first = item.history.order_by("history_id").first().history_id
    item.title_en = "Renamed <i>badly</i>"
    item.save()
    client.force_login(curator)
    page = client.get(f"/items/{item.pk}/history/").content.decode()
    assert "The village choir → Renamed &lt;i&gt;badly&lt;/i&gt;" in page
    client.post(f"/items/{item.pk}/history/", {"target": "item", "version": str(first), "confirmed": "yes"})
    item.refresh_from_db()
    assert item.title_en == "The village choir" and item.history.count() == 3


def test_an_unknown_version_is_a_400_naming_the_problem(client, item, curator):
    client.force_login(curator)
    response = client.post(f"/items/{item.pk}/history/", {"target": "item", "version": "nonsense",
                                                          "confirmed": "yes"})
    assert response.status_code == 400 and "Give the number of a version" in response.content.decode()


def test_the_history_is_in_welsh(client, item, voice, curator):
    client.force_login(curator)
    page = client.get(f"/items/{item.pk}/history/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Hanes y newidiadau" in page and "History of changes" not in page
