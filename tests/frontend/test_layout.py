"""The layout every page shares: landmarks, skip link, language switcher, account, and nothing external."""
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from .html import elements

pytestmark = pytest.mark.django_db


def _get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_page_has_landmarks_skip_link_and_one_h1(client):
    html = _get(client, reverse("frontend:home"))
    assert html.startswith("<!doctype html>")
    skip = elements(html, "a", class_="skip-link")
    assert [(a.attrs["href"], a.text) for a in skip] == [("#main", "Skip to content")]
    assert len(elements(html, "main", id="main")) == 1
    assert len(elements(html, "header")) == 1 and len(elements(html, "footer")) == 1
    assert len(elements(html, "h1")) == 1
    assert elements(html, "html")[0].attrs["lang"] == "en"
    assert elements(html, "meta", name="viewport")


def test_stylesheet_is_local_and_nothing_is_fetched_from_elsewhere(client, make_item, villager):
    item = make_item(villager, title_en="A photo")
    for url in (reverse("frontend:home"), reverse("frontend:item", args=[item.pk]), reverse("frontend:login")):
        html = _get(client, url)
        assert [link.attrs["href"] for link in elements(html, "link", rel="stylesheet")] == [
            "/static/frontend/cofio.css"]
        assert all(script.attrs.get("src", "").startswith("/static/") and not script.text.strip()
                   for script in elements(html, "script")), url
        for tag, attr in (("img", "src"), ("link", "href"), ("script", "src"), ("iframe", "src")):
            for element in elements(html, tag):
                assert not re.match(r"^(https?:)?//", element.attrs.get(attr, "")), (url, element)


def test_stylesheet_is_found_and_imports_nothing():
    path = finders.find("frontend/cofio.css")
    assert path
    css = Path(path).read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css


def test_language_switcher_is_a_form_with_two_buttons(client):
    html = _get(client, reverse("frontend:home") + "?page=1")
    forms = elements(html, "form", class_="language-switcher")
    assert len(forms) == 1
    assert (forms[0].attrs["action"], forms[0].attrs["method"]) == ("/i18n/setlang/", "post")
    assert elements(html, "input", name="next")[0].attrs["value"] == "/?page=1"
    buttons = [(b.attrs["value"], b.attrs["lang"], b.text, b.attrs.get("aria-current"))
               for b in elements(html, "button", name="language")]
    assert buttons == [("cy", "cy", "Cymraeg", None), ("en", "en", "English", "true")]


def test_visitor_sees_sign_in_link(client):
    html = _get(client, reverse("frontend:home"))
    links = [a.attrs["href"] for a in elements(html, "a") if a.text == "Sign in"]
    assert links == ["/accounts/login/?next=/"]


def test_login_page_has_labelled_fields_and_signs_in(client, villager):
    html = _get(client, reverse("frontend:login") + "?next=/")
    for name, label, autocomplete in (("username", "Username", "username"),
                                      ("password", "Password", "current-password")):
        field = elements(html, "input", name=name)[0]
        assert field.attrs["autocomplete"] == autocomplete
        assert [lab.text for lab in elements(html, "label") if lab.attrs["for"] == field.attrs["id"]] == [label]
    assert not [a for a in elements(html, "a") if a.text == "Sign in"]  # no link to the page we are on
    response = client.post(reverse("frontend:login"), {"username": "villager", "password": "pw-villager",
                                                        "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    home = _get(client, "/")
    assert "Signed in as Megan Evans" in home


def test_wrong_password_shows_a_clear_error(client, villager):
    response = client.post(reverse("frontend:login"), {"username": "villager", "password": "nope"})
    assert response.status_code == 200
    alert = elements(response.content.decode(), "div", role="alert")
    assert len(alert) == 1 and "That username and password do not match." in alert[0].text


def test_empty_fields_are_marked_invalid(client, db):
    html = client.post(reverse("frontend:login"), {"username": "", "password": ""}).content.decode()
    for name in ("username", "password"):
        field = elements(html, "input", name=name)[0]
        assert field.attrs["aria-invalid"] == "true"
        assert elements(html, "p", id=field.attrs["aria-describedby"])


def test_sign_out_is_a_post_form(client, villager):
    client.force_login(villager)
    html = _get(client, reverse("frontend:home"))
    forms = elements(html, "form", class_="account")
    assert [(f.attrs["action"], f.attrs["method"]) for f in forms] == [("/accounts/logout/", "post")]
    assert client.get(reverse("frontend:logout")).status_code == 405
    response = client.post(reverse("frontend:logout"))
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Sign in" in _get(client, "/")
