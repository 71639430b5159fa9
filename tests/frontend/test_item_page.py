"""The item page: picture, facts, licence, and every voice with its credit and language."""
import pytest
from django.urls import reverse

from archive.licences import licence_get
from archive.models import Description, Person, Place, Subject

from .html import elements

pytestmark = pytest.mark.django_db
VOICE = Description.Kind


@pytest.fixture
def item(make_item, villager, make_user):
    """A choir photo with three voices: a Welsh caption, an English memory and a story in another language."""
    dai = make_user("dai", display_name="Dai Jones")
    place = Place.objects.create(name_cy="Rhymni", name_en="Rhymney")
    item = make_item(
        villager, title_cy="Côr y pentref", title_en="The village choir", date_text="haf 1952", place=place,
        licence="https://creativecommons.org/licenses/by-sa/4.0/", accession_number="COF-0007",
        voices=[
            (VOICE.CAPTION, "Côr y pentref y tu allan i Gapel Bethel", "cy", villager),
            (VOICE.MEMORY, "My father is third from the left.\nHe sang bass.", "en", dai),
            (VOICE.STORY, "Une histoire racontée en français.", "other", dai),
        ],
    )
    item.people.add(Person.objects.create(name="Gwilym Price"), Person.objects.create(name="Nansi Thomas"))
    item.subjects.add(Subject.objects.create(slug="cor", label_cy="Côr", label_en="Choir"))
    return item


def _page(client, item) -> str:
    response = client.get(reverse("frontend:item", args=[item.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_every_voice_is_shown_with_its_kind_credit_and_lang(client, item):
    html = _page(client, item)
    voices = elements(html, "li", class_="voice")
    assert len(voices) == 3
    texts = [(e.attrs["lang"], " ".join(e.text.split())) for e in elements(html, "div", class_="voice__text")]
    assert texts == [
        ("cy", "Côr y pentref y tu allan i Gapel Bethel"),
        ("en", "My father is third from the left.He sang bass."),
        ("", "Une histoire racontée en français."),
    ]
    assert "<p>My father is third from the left.<br>He sang bass.</p>" in html  # line breaks are kept
    assert [e.text for e in elements(html, "h3", class_="voice__kind")] == ["Caption", "Memory", "Story"]
    credits = [" ".join(e.text.split()) for e in elements(html, "p", class_="voice__credit")]
    assert credits == ["by Megan Evans Cymraeg", "by Dai Jones English", "by Dai Jones"]


def test_item_facts_are_shown(client, item):
    html = _page(client, item)
    h1 = elements(html, "h1")
    assert [(h.attrs["lang"], h.text) for h in h1] == [("en", "The village choir")]
    facts = {" ".join(dt.text.split()) for dt in elements(html, "dt")}
    assert {"Date", "Place", "People", "Subjects", "Shared by", "Licence", "Reference number"} <= facts
    assert "haf 1952" in html and "COF-0007" in html
    assert [(s.attrs["lang"], s.text) for s in elements(html, "span") if s.text in ("Rhymni", "Rhymney")] == [
        ("en", "Rhymney"), ("cy", "Rhymni")]
    assert "Gwilym Price" in html and "Nansi Thomas" in html
    assert [(li.attrs["lang"], li.text) for li in elements(html, "li") if li.text == "Choir"] == [("en", "Choir")]
    assert "Megan Evans" in html


def test_licence_is_labelled_and_links_to_its_uri(client, item, settings):
    html = _page(client, item)
    licence = licence_get(item.licence)
    links = elements(html, "a", rel="license")
    assert [(a.attrs["href"], a.text) for a in links] == [(licence.uri, licence.label_en)]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    links = elements(_page(client, item), "a", rel="license")
    assert [a.text for a in links] == [licence.label_cy]


def test_web_image_is_shown_and_linked(client, item):
    html = _page(client, item)
    images = elements(html, "img")
    assert len(images) == 1
    src = images[0].attrs["src"]
    assert src.startswith("/media/derivatives/") and src.endswith("/web.jpg")
    assert images[0].attrs["alt"] == "The village choir"
    assert (images[0].attrs["width"], images[0].attrs["height"]) == ("1200", "800")
    assert any(a.attrs.get("href") == src and "Open the full-size picture" in a.text for a in elements(html, "a"))


def test_welsh_interface_prefers_the_welsh_title_and_place_name(client, item, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = _page(client, item)
    assert [(h.attrs["lang"], h.text) for h in elements(html, "h1")] == [("cy", "Côr y pentref")]
    assert [s.text for s in elements(html, "span") if s.text in ("Rhymni", "Rhymney")] == ["Rhymni", "Rhymney"]
    credits = [" ".join(e.text.split()) for e in elements(html, "p", class_="voice__credit")]
    assert credits[0] == "gan Megan Evans Cymraeg"
    assert [e.text for e in elements(html, "h3", class_="voice__kind")] == ["Capsiwn", "Atgof", "Stori"]


def test_item_without_voices_says_so(client, make_item, villager):
    item = make_item(villager, title_en="Quiet photo")
    assert "No one has written about this item yet." in _page(client, item)
