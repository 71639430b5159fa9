"""The curators' links in the header, with how much waits on each page (issue 6, D2)."""
import pytest

from archive.services.takedown import takedown_request_create

from .html import elements

pytestmark = pytest.mark.django_db


def _nav(html):
    return elements(html, "nav", class_="curator-nav")


def test_curators_see_their_pages_with_counts(client, make_item, villager, make_user, curator):
    item = make_item(villager, title_en="The choir")
    make_item(make_user("newydd"), title_en="Waiting", moderation="pending")
    takedown_request_create(item, "That is me")
    make_user("heb-wahoddiad", approved=False)
    assert not _nav(client.get("/").content.decode())
    client.force_login(villager)
    assert not _nav(client.get("/").content.decode())
    client.force_login(curator)
    html = client.get("/").content.decode()
    nav = _nav(html)
    assert len(nav) == 1
    links = {a.attrs["href"]: " ".join(a.text.split()) for a in elements(html, "a", class_="pill")}
    assert links["/moderation/"] == "Moderation 1 waiting"
    assert links["/curate/takedowns/"] == "Takedowns 1 waiting"
    assert links["/curate/members/"] == "Members 1 waiting"
    assert links["/curate/vocabulary/"] == "Vocabulary"


def test_the_curators_links_are_in_welsh(client, curator):
    client.force_login(curator)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    links = {a.attrs["href"]: " ".join(a.text.split()) for a in elements(html, "a", class_="pill")}
    assert links["/curate/takedowns/"] == "Tynnu i lawr" and links["/moderation/"] == "Cymedroli"
