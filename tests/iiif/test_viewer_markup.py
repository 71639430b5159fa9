"""The deep-zoom viewer's markup on the item page, in Welsh and English (the browser test runs it)."""
import pytest
from django.urls import reverse

from archive.models import Item
from tests.frontend.html import elements

pytestmark = pytest.mark.django_db
HEADER_SCRIPT = "/static/frontend/header.js"  # every page's: the header's search suggestions and menu


def _page(client, item, language="en") -> str:
    response = client.get(reverse("frontend:item", args=[item.pk]), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_item_page_offers_the_viewer_in_the_readers_language(client, make_item):
    item = make_item(title_cy="Y lofa", title_en="The colliery")
    for language, label in (("en", "Look closer at the picture"), ("cy", "Edrych yn fanylach ar y llun")):
        html = _page(client, item, language)
        [section] = elements(html, "section", class_="deep-zoom")
        assert section.attrs["data-manifest"] == f"/iiif/items/{item.pk}/manifest"
        assert "hidden" in section.attrs  # shown by viewer.js only when OpenSeadragon is there
        [button] = elements(html, "button", class_="button deep-zoom__open")
        assert " ".join(button.text.split()) == label and button.attrs["aria-expanded"] == "false"
        scripts = [s.attrs["src"] for s in elements(html, "script") if s.attrs["src"] != HEADER_SCRIPT]
        assert scripts == ["/static/vendor/openseadragon/openseadragon.min.js", "/static/frontend/viewer.js"]


def test_no_viewer_for_an_item_that_is_not_ready(client, make_item, villager):
    item = make_item(status=Item.Status.PROCESSING)
    client.force_login(villager)
    assert elements(_page(client, item), "section", class_="deep-zoom") == []
