"""The header every page shares: the site's name, a search box that is a plain form (it works without
JavaScript), and a Menu (a <details>, which opens without JavaScript) holding every other link.

The browser test (test_header_browser.py) measures the header on a phone and tries the suggestions.
"""
import pytest

from archive.services.takedown import takedown_request_create
from tests.search.conftest import search_index  # noqa: F401 (a fixture: an empty index, so /search/ answers)

from .html import elements

pytestmark = pytest.mark.django_db


def _search_forms(html):
    return elements(html, "form", class_="site-search")


def _header_search(html, language="en"):
    """The header's search form: a GET to /search/ with one labelled box named q (and no script needed)."""
    [form] = _search_forms(html)
    assert (form.attrs["action"], form.attrs["method"], form.attrs["role"]) == ("/search/", "get", "search")
    [box] = elements(html, "input", id="site-search-q")
    assert (box.attrs["type"], box.attrs["name"]) == ("search", "q")
    label = {"en": "Search the archive", "cy": "Chwilio'r archif"}[language]
    assert [lab.text for lab in elements(html, "label") if lab.attrs.get("for") == "site-search-q"] == [label]
    assert box.attrs["placeholder"] == label
    assert [b.attrs["type"] for b in elements(html, "button", class_="site-search__go")] == ["submit"]
    return box


def test_every_kind_of_page_has_the_search_box_in_its_header(client, make_item, villager, curator, search_index):
    item = make_item(villager, title_en="The colliery band")
    pages = ["/", f"/items/{item.pk}/", "/search/?q=band", "/trails/", "/accounts/login/", "/no-such-page/",
             f"/items/{item.pk}/takedown/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        _header_search(response.content.decode())
    client.force_login(villager)
    for url in ("/contribute/", "/contribute/mine/", "/accounts/password/change/"):
        _header_search(client.get(url).content.decode())
    client.force_login(curator)
    for url in ("/moderation/", "/curate/members/", "/curate/takedowns/", "/curate/vocabulary/", "/trails/mine/"):
        _header_search(client.get(url).content.decode())


def test_the_header_search_works_without_javascript_and_keeps_the_words(client, make_item, villager, search_index):
    item = make_item(villager, title_en="The colliery band")
    html = client.get(f"/items/{item.pk}/").content.decode()
    box = _header_search(html)
    assert "value" not in box.attrs  # empty away from the search page
    # Sending the form is an ordinary GET to its action with the box's name: the search page answers it.
    response = client.get("/search/", {"q": "colliery band"})
    assert response.status_code == 200
    assert _header_search(response.content.decode()).attrs["value"] == "colliery band"


def test_the_header_search_is_in_welsh(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    _header_search(html, "cy")
    [summary] = elements(html, "summary", class_="site-menu__button")
    assert summary.text.strip() == "Dewislen"


def test_a_visitor_finds_everything_else_in_the_menu(client):
    html = client.get("/").content.decode()
    [menu] = elements(html, "details", class_="site-menu")
    assert "open" not in menu.attrs  # closed on arrival: the phone's header stays one row
    [summary] = elements(html, "summary", class_="site-menu__button")
    assert summary.text.strip() == "Menu"
    for needed in ("Cymraeg", "English", "Story trails", "Sign in"):
        assert needed in menu.text, needed
    assert "Sign in" not in html.split('<details class="site-menu">')[0]  # nothing else outside the menu


def test_a_member_s_and_a_curator_s_links_are_all_in_the_menu_with_what_waits(client, make_item, make_user,
                                                                               villager, curator):
    item = make_item(villager, title_en="The choir")
    make_item(make_user("newydd"), title_en="Waiting", moderation="pending")
    takedown_request_create(item, "That is me")
    client.force_login(villager)
    html = client.get("/").content.decode()
    [menu] = elements(html, "details", class_="site-menu")
    for needed in ("Story trails", "Add photos", "My contributions", "Signed in as Megan Evans", "Change password",
                   "Sign out"):
        assert needed in menu.text, needed
    assert not elements(html, "span", class_="count")  # nothing waits for a member
    client.force_login(curator)
    html = client.get("/").content.decode()
    [menu] = elements(html, "details", class_="site-menu")
    assert "Sign out" in menu.text and "Moderation" in menu.text and "Build a trail" in menu.text
    [summary] = elements(html, "summary", class_="site-menu__button")
    assert " ".join(summary.text.split()) == "Menu 2 waiting"  # one item to moderate, one takedown
    hrefs = [a.attrs["href"] for a in elements(html, "a", class_="pill")]
    for href in ("/moderation/", "/curate/takedowns/", "/curate/members/", "/trails/mine/", "/curate/vocabulary/",
                 "/trails/", "/contribute/", "/contribute/mine/", "/accounts/password/change/"):
        assert href in hrefs, href


def test_the_header_loads_one_static_script_and_no_inline_code(client):
    html = client.get("/").content.decode()
    scripts = elements(html, "script")
    assert [(s.attrs["src"], "defer" in s.attrs, s.text.strip()) for s in scripts] == [
        ("/static/frontend/header.js", True, "")]
    assert "style=" not in html and "onclick" not in html
