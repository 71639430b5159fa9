"""Visitors see public, ready items only: on the home page and on item pages."""
import pytest
from django.urls import reverse

from archive.models import Item

from .html import elements

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(make_item, villager, make_user):
    """One item a visitor may see and four, by someone else, a visitor may not."""
    other = make_user("dai", display_name="Dai Jones")
    return {
        "shown": make_item(villager, title_en="Miners leaving the day shift"),
        "private": make_item(other, title_en="A private family photo", visibility=Item.Visibility.PRIVATE),
        "failed": make_item(other, title_en="A broken upload", status=Item.Status.FAILED, status_reason="damaged"),
        "members": make_item(other, title_en="For members only", visibility=Item.Visibility.MEMBERS),
        "processing": make_item(other, title_en="Still being processed", status=Item.Status.PROCESSING),
    }


def test_home_lists_only_public_ready_items_for_visitors(client, items):
    response = client.get(reverse("frontend:home"))
    assert response.status_code == 200
    html = response.content.decode()
    links = [a.attrs["href"] for a in elements(html, "a") if a.attrs.get("href", "").startswith("/items/")]
    assert links == [reverse("frontend:item", args=[items["shown"].pk])]
    assert "Miners leaving the day shift" in html
    for key in ("private", "failed", "members", "processing"):
        assert items[key].title_en not in html


@pytest.mark.parametrize("key", ["private", "failed", "members", "processing"])
def test_hidden_item_pages_are_404_for_visitors(client, items, key):
    assert client.get(reverse("frontend:item", args=[items[key].pk])).status_code == 404


def test_public_ready_item_page_is_shown_to_visitors(client, items):
    response = client.get(reverse("frontend:item", args=[items["shown"].pk]))
    assert response.status_code == 200
    assert "Miners leaving the day shift" in response.content.decode()


def test_members_see_members_only_items_with_a_badge(client, items, villager):
    client.force_login(villager)
    html = client.get(reverse("frontend:home")).content.decode()
    assert "For members only" in html
    assert [b.text for b in elements(html, "p", class_="badge")] == ["Members only"]
    assert "A private family photo" not in html


def test_contributor_sees_own_failed_item_with_its_status_and_reason(client, make_item, villager):
    item = make_item(villager, title_en="My scan", status=Item.Status.FAILED, status_reason="too_large",
                     status_params={"detail": "300 megapixels"}, picture=False)
    client.force_login(villager)
    html = client.get(reverse("frontend:item", args=[item.pk])).content.decode()
    notice = elements(html, "div", class_="notice notice--error")
    assert len(notice) == 1
    assert "Failed" in notice[0].text
    assert "This picture is too big for the archive to handle (300 megapixels)." in notice[0].text
    assert "There is no picture to show yet." in html


def test_failure_reason_is_in_welsh_on_the_welsh_interface(client, make_item, villager, settings):
    item = make_item(villager, status=Item.Status.FAILED, status_reason="missing_file")
    client.force_login(villager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(reverse("frontend:item", args=[item.pk])).content.decode()
    notice = elements(html, "div", class_="notice notice--error")[0].text
    assert "Wedi methu" in notice
    assert "Mae'r ffeil a lwythwyd ar goll o'r storfa." in notice


def test_processing_item_tells_its_contributor_who_can_see_it(client, make_item, villager):
    item = make_item(villager, status=Item.Status.PROCESSING, title_en="Just sent")
    client.force_login(villager)
    html = client.get(reverse("frontend:item", args=[item.pk])).content.decode()
    notice = elements(html, "div", class_="notice")[0].text
    assert "Processing" in notice
    assert "Only the person who shared this item and the curators can see it" in notice
