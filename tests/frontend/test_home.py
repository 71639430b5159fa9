"""The home page: cards with pictures and titles, pagination, and escaping of what people wrote."""
import pytest
from django.urls import reverse

from archive.models import Description, Place

from .html import elements

pytestmark = pytest.mark.django_db


def _home(client, query="") -> str:
    response = client.get(reverse("frontend:home") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_card_shows_thumbnail_with_alt_text_title_date_and_place(client, make_item, villager):
    place = Place.objects.create(name_cy="Bargod", name_en="Bargoed")
    item = make_item(villager, title_en="Unveiling the war memorial", date_text="c. 1925", place=place)
    html = _home(client)
    images = elements(html, "img", class_="card__image")
    assert len(images) == 1
    assert images[0].attrs["alt"] == "Unveiling the war memorial"
    assert images[0].attrs["src"] == f"/media/derivatives/{item.pk}/{item.assets.get().pk}/thumbnail.jpg"
    card = elements(html, "li", class_="card")[0]
    assert "Unveiling the war memorial" in card.text and "c. 1925" in card.text and "Bargoed" in card.text


def test_every_image_on_the_page_has_alt_text(client, make_item, villager):
    make_item(villager, title_cy="Trên olaf y cwm")
    make_item(villager)
    images = elements(_home(client), "img")
    assert len(images) == 2
    assert all(img.attrs.get("alt", "").strip() for img in images)


def test_item_without_a_picture_gets_a_placeholder(client, make_item, villager):
    make_item(villager, title_en="Waiting for a picture", picture=False)
    html = _home(client)
    assert elements(html, "img") == []
    assert "No picture yet" in html


def test_title_falls_back_to_the_other_language_then_to_untitled(client, make_item, villager, settings):
    make_item(villager, title_cy="Trên olaf y cwm")
    make_item(villager)
    titles = [(a.attrs["lang"], a.text) for a in elements(_home(client), "a")
              if a.attrs.get("href", "").startswith("/items/")]
    assert titles == [("en", "Untitled"), ("cy", "Trên olaf y cwm")]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    titles = [(a.attrs["lang"], a.text) for a in elements(_home(client), "a")
              if a.attrs.get("href", "").startswith("/items/")]
    assert titles == [("cy", "Heb deitl"), ("cy", "Trên olaf y cwm")]


def test_what_people_wrote_is_escaped(client, make_item, villager):
    item = make_item(villager, title_en="<b>Bold</b> & brave", date_text="<i>1947</i>",
                     voices=[(Description.Kind.CAPTION, "<script>alert(1)</script>", "en", villager)])
    home = _home(client)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; brave" in home
    assert "&lt;i&gt;1947&lt;/i&gt;" in home
    assert "<b>Bold" not in home and "<i>1947" not in home
    page = client.get(reverse("frontend:item", args=[item.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert 'alt="&lt;b&gt;Bold&lt;/b&gt; &amp; brave"' in page


def test_home_is_paginated_24_to_a_page(client, make_item, villager):
    for n in range(25):
        make_item(villager, title_en=f"Photo {n + 1:02d}", picture=False)
    first = _home(client)
    assert len(elements(first, "li", class_="card")) == 24
    nav = elements(first, "nav", class_="pagination")
    assert len(nav) == 1 and nav[0].attrs["aria-label"] == "Pages"
    assert "Page 1 of 2" in nav[0].text
    assert [a.attrs["href"] for a in elements(first, "a", rel="next")] == ["?page=2"]
    assert [a.attrs["href"] for a in elements(first, "a") if a.attrs.get("aria-current") == "page"] == ["?page=1"]
    assert "Photo 25" in first and "Photo 01" not in first  # newest first

    second = _home(client, "?page=2")
    assert [c.text.strip() for c in elements(second, "h2", class_="card__title")] == ["Photo 01"]
    assert [a.attrs["href"] for a in elements(second, "a", rel="prev")] == ["?page=1"]
    assert "Page 2" in elements(second, "title")[0].text


def test_bad_page_numbers_fall_back_gracefully(client, make_item, villager):
    make_item(villager, title_en="Only one")
    assert "Only one" in _home(client, "?page=abc")
    assert "Only one" in _home(client, "?page=999")


def test_no_pagination_when_everything_fits(client, make_item, villager):
    make_item(villager, title_en="Only one")
    assert elements(_home(client), "nav", class_="pagination") == []


def test_empty_archive_says_so(client, db):
    assert "Nothing has been shared here yet." in _home(client)
