"""Following a story trail in the browser's pages: the index, the player, each stop's own page, walking mode's
permission, the home page's and item page's links to trails, drafts kept to their authors, placeholders."""
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from archive.models import Trail
from archive.services.moderation import item_withdraw
from archive.services.trails import stop_add, trail_author_invite, trail_create, trail_publish
from tests.trails import published_trail

from .html import elements

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_stops(make_item, villager, curator):
    """A published trail of three stops on pictures with thumbnails and web copies; the second has a region."""
    items = [make_item(villager, title_en=title) for title in ("The chapel", "The war memorial", "The pit head")]
    trail = trail_create(curator, title={"en": "The chapel walk", "cy": "Taith y capel"},
                         introduction={"en": "A walk round the village.", "cy": "Taith o gwmpas y pentref."})
    stop_add(trail, curator, item=items[0], narrative={"en": "Stop 1", "cy": "Arhosfan 1"},
             lat=51.7000, lon=-3.2500, directions={"en": "Walk up the hill.", "cy": "Cerddwch i fyny'r bryn."})
    stop_add(trail, curator, item=items[1], narrative={"en": "Stop 2", "cy": "Arhosfan 2"}, region=[100, 50, 300, 200],
             lat=51.7010, lon=-3.2500)
    stop_add(trail, curator, item=items[2], narrative={"en": "Stop 3", "cy": "Arhosfan 3"})
    return trail_publish(trail, curator), items


def _classed(html: str, tag: str, name: str) -> list:
    """Elements ``tag`` of ``html`` with ``name`` among their classes."""
    return [e for e in elements(html, tag) if name in e.attrs.get("class", "").split()]


def _get(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def _stop_url(trail, number):
    return reverse("frontend:trail-stop", args=[trail.pk, number])


def test_the_index_lists_published_trails_with_cover_title_authors_and_stops(client, three_stops, curator):
    trail, items = three_stops
    html = _get(client, reverse("frontend:trails"))
    card = _classed(html, "li", "trail-card")
    assert len(card) == 1
    assert "The chapel walk" in card[0].text and "3 stops" in card[0].text and "curator" in card[0].text
    links = [a.attrs["href"] for a in elements(html, "a") if a.attrs.get("href", "").startswith("/trails/")]
    assert f"/trails/{trail.pk}/" in links
    cover = _classed(html, "img", "card__image")
    assert cover and cover[0].attrs["src"].endswith(f"/{items[0].pk}/{items[0].assets.get().pk}/thumbnail.jpg")


def test_a_draft_is_a_404_to_visitors_and_other_members_and_a_preview_to_its_authors_and_curators(
        client, make_item, villager, curator, make_user):
    item = make_item(villager, title_en="The chapel")
    draft = trail_create(curator, title={"en": "Not ready yet"})
    stop_add(draft, curator, item=item, narrative={"en": "Words to come"})
    co_author = make_user("dai")
    trail_author_invite(draft, curator, co_author)
    make_user("sian")
    urls = [reverse("frontend:trail", args=[draft.pk]), _stop_url(draft, 1)]
    for url in urls:
        _get(client, url, 404)
    assert "Not ready yet" not in _get(client, reverse("frontend:trails"))
    client.login(username="sian", password="pw-sian")
    for url in urls:
        _get(client, url, 404)
    assert "Not ready yet" not in _get(client, reverse("frontend:trails"))
    for who in ("dai", "curator"):
        client.login(username=who, password=f"pw-{who}")
        for url in urls:
            html = _get(client, url)
            assert "This is a preview" in html and "Draft" in html
        index = _get(client, reverse("frontend:trails"))
        assert "Not ready yet" in index and _classed(index, "p", "badge")[0].text == "Draft"


def test_the_player_shows_the_introduction_stop_count_start_link_list_and_route(client, three_stops):
    trail, items = three_stops
    html = _get(client, reverse("frontend:trail", args=[trail.pk]))
    assert "A walk round the village." in html and "3 stops" in html
    start = _classed(html, "a", "trail__start")
    assert start and start[0].attrs["href"] == _stop_url(trail, 1)
    stops = _classed(html, "li", "trail-stops__stop")
    assert [s.attrs["data-number"] for s in stops] == ["1", "2", "3"]
    assert ["The chapel" in stops[0].text, "The war memorial" in stops[1].text, "The pit head" in stops[2].text] == [
        True, True, True]
    # Stops with a place are on the map, in order; the third has none and is only in the list.
    located = [(s.attrs["data-lat"], s.attrs["data-lon"]) for s in stops if "data-map-point" in s.attrs]
    assert located == [("51.700000", "-3.250000"), ("51.701000", "-3.250000")]
    maps = _classed(html, "div", "trail-map")
    assert maps and maps[0].attrs["data-map-points"] == "#trail-stops" and maps[0].attrs["data-tiles"] == ""
    scripts = [s.attrs["src"] for s in elements(html, "script")]
    assert "/static/vendor/leaflet/leaflet.js" in scripts and "/static/frontend/map.js" in scripts
    assert all(src.startswith("/static/") for src in scripts)  # Leaflet from Cofio itself, never a CDN


def test_the_tile_server_is_configurable(client, three_stops, settings):
    trail, _ = three_stops
    settings.COFIO_MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.COFIO_MAP_ATTRIBUTION = "© Example maps"
    html = _get(client, reverse("frontend:trail", args=[trail.pk]))
    map_ = _classed(html, "div", "trail-map")[0]
    assert map_.attrs["data-tiles"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert map_.attrs["data-attribution"] == "© Example maps"


def test_stops_are_numbered_with_previous_and_next_links_and_404_past_the_ends(client, three_stops):
    trail, items = three_stops
    first = _get(client, _stop_url(trail, 1))
    assert "Stop 1 of 3" in first
    assert [link.attrs["href"] for link in elements(first, "link") if link.attrs.get("rel") == "next"] == [
        _stop_url(trail, 2)]
    assert not [link for link in elements(first, "link") if link.attrs.get("rel") == "prev"]
    assert "Walk up the hill." in first and "Getting to the next stop" in first

    second = _get(client, _stop_url(trail, 2))
    assert "Stop 2 of 3" in second
    rels = {link.attrs["rel"]: link.attrs["href"] for link in elements(second, "link") if link.attrs.get("rel")
            in ("prev", "next")}
    assert rels == {"prev": _stop_url(trail, 1), "next": _stop_url(trail, 3)}
    steps = {a.attrs.get("rel"): a.attrs["href"] for a in elements(second, "a") if "data-step-next" in a.attrs
             or "data-step-previous" in a.attrs}
    assert steps == {"prev": _stop_url(trail, 1), "next": _stop_url(trail, 3)}
    title = [a for a in elements(second, "a") if a.attrs.get("href") == f"/items/{items[1].pk}/"]
    assert title and title[0].text == "The war memorial"
    img = _classed(second, "figure", "trail-stop__picture")[0]
    assert img.attrs["data-region"] == "100,50,300,200"
    viewer = _classed(second, "section", "deep-zoom")[0]
    assert viewer.attrs["data-region"] == "100,50,300,200"
    assert viewer.attrs["data-info"] == f"/iiif/3/{items[1].assets.get().pk}/info.json"
    # OpenSeadragon is fetched only when asked for: no script tag for it on the page.
    assert not [s for s in elements(second, "script") if "openseadragon" in s.attrs.get("src", "")]

    last = _get(client, _stop_url(trail, 3))
    assert "Stop 3 of 3" in last and not [link for link in elements(last, "link") if link.attrs.get("rel") == "next"]
    for number in (0, 4, 99):
        _get(client, _stop_url(trail, number), 404)


def test_walking_mode_may_ask_for_the_location_only_on_the_trail_pages(client, three_stops):
    trail, _ = three_stops
    for url in (reverse("frontend:trail", args=[trail.pk]), _stop_url(trail, 2)):
        response = client.get(url)
        assert "geolocation=(self)" in response["Permissions-Policy"], url
        assert "Walking mode" in response.content.decode()
    assert "geolocation=()" in client.get(reverse("frontend:trails"))["Permissions-Policy"]
    assert "geolocation=()" in client.get("/")["Permissions-Policy"]


def test_a_withdrawn_item_leaves_a_placeholder_stop_with_its_narrative_and_nothing_of_the_item(
        client, three_stops, villager):
    trail, items = three_stops
    item = items[1]
    asset = item.assets.get()
    item_withdraw(item, villager)
    html = _get(client, _stop_url(trail, 2))
    assert "The picture for this stop is no longer shown in the archive." in html
    assert "Stop 2" in html and "Stop 2 of 3" in html
    assert "The war memorial" not in html
    assert f"/items/{item.pk}/" not in html and f"derivatives/{item.pk}/" not in html
    assert f"/iiif/3/{asset.pk}/" not in html and "100,50,300,200" not in html
    assert not elements(html, "img")
    # The player's list keeps the stop, without its title.
    player = _get(client, reverse("frontend:trail", args=[trail.pk]))
    assert "The war memorial" not in player and "Picture no longer shown" in player
    assert f"derivatives/{item.pk}/" not in player


def test_the_welsh_interface_shows_welsh_texts(client, three_stops, settings):
    trail, _ = three_stops
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    player = _get(client, reverse("frontend:trail", args=[trail.pk]))
    assert '<html lang="cy">' in player
    assert "Taith y capel" in player and "Taith o gwmpas y pentref." in player
    assert "Dechrau'r llwybr" in player and "3 arhosfan" in player and "Modd cerdded" in player
    stop = _get(client, _stop_url(trail, 2))
    assert "Arhosfan 2 o 3" in stop and "Arhosfan 2" in stop and "Yr arhosfan nesaf" in stop
    assert "Start the trail" not in player and "Next stop" not in stop
    assert "Llwybrau stori" in _get(client, reverse("frontend:trails"))


def test_home_features_the_newest_published_trails_and_links_to_all(client, three_stops, make_item, villager,
                                                                     curator):
    trail, items = three_stops
    draft = trail_create(curator, title={"en": "Draft walk"})
    stop_add(draft, curator, item=items[0], narrative={"en": "…"})
    html = _get(client, "/")
    section = _classed(html, "section", "trails-featured")
    assert section and "The chapel walk" in section[0].text and "Draft walk" not in section[0].text
    hrefs = [a.attrs["href"] for a in elements(html, "a")]
    assert f"/trails/{trail.pk}/" in hrefs and "/trails/" in hrefs


def test_home_has_no_trails_section_when_there_are_none(client, make_item, villager):
    make_item(villager, title_en="The chapel")
    html = _get(client, "/")
    assert not _classed(html, "section", "trails-featured")
    # the header's link to every trail is there for everyone
    assert [a for a in elements(html, "a") if a.attrs.get("href") == "/trails/" and a.text == "Story trails"]


def test_home_features_at_most_three_trails_newest_first(client, make_item, villager, curator):
    items = [make_item(villager, title_en=f"Item {n}") for n in range(4)]
    for n, item in enumerate(items):
        published_trail(curator, [item], title={"en": f"Walk {n}"})
    html = _get(client, "/")
    titles = [h.text for h in _classed(html, "h3", "card__title")]
    assert titles == ["Walk 3", "Walk 2", "Walk 1"]


def test_the_item_page_links_to_each_trail_using_it_that_the_reader_may_see(client, three_stops, curator):
    trail, items = three_stops
    draft = trail_create(curator, title={"en": "Secret draft"})
    stop_add(draft, curator, item=items[0], narrative={"en": "…"})
    html = _get(client, reverse("frontend:item", args=[items[0].pk]))
    assert "This photo is in the trail" in html
    links = [a for a in elements(html, "a") if a.attrs.get("href") == f"/trails/{trail.pk}/"]
    assert links and links[0].text == "The chapel walk"
    assert "Secret draft" not in html
    client.login(username="curator", password="pw-curator")
    assert "Secret draft" in _get(client, reverse("frontend:item", args=[items[0].pk]))


def test_an_item_in_no_trail_says_nothing_about_trails(client, make_item, villager):
    item = make_item(villager, title_en="Alone")
    assert "This photo is in the trail" not in _get(client, reverse("frontend:item", args=[item.pk]))


def test_a_trail_with_no_located_stop_says_so_instead_of_a_map(client, make_item, villager, curator):
    trail = published_trail(curator, [make_item(villager, title_en="Somewhere")])
    assert trail.status == Trail.Status.PUBLISHED
    html = _get(client, reverse("frontend:trail", args=[trail.pk]))
    assert not _classed(html, "div", "trail-map")
    assert "None of the stops has a place on the map yet." in html


def _page_weight(client, url) -> tuple[int, int]:
    """Bytes of a page's HTML and of the stylesheets and scripts it links to (Cofio's own, from static/)."""
    from django.contrib.staticfiles import finders

    html = _get(client, url)
    linked = [e.attrs["href"] for e in elements(html, "link") if e.attrs.get("rel") == "stylesheet"]
    linked += [e.attrs["src"] for e in elements(html, "script") if e.attrs.get("src")]
    total = 0
    for address in linked:
        assert address.startswith(settings.STATIC_URL), address  # nothing from elsewhere
        path = finders.find(address.removeprefix(settings.STATIC_URL))
        assert path, f"{address} is missing: run `make install`"
        total += Path(path).stat().st_size
    return len(html.encode()), total


def test_a_thirty_stop_trail_stays_light_before_its_pictures(client, make_item, villager, curator):
    items = [make_item(villager, title_en=f"Stop on the long walk number {n}") for n in range(30)]
    trail = trail_create(curator, title={"en": "The long walk", "cy": "Y daith hir"},
                         introduction={"en": "Thirty stops round the valley. " * 10})
    for n, item in enumerate(items):
        stop_add(trail, curator, item=item, narrative={"en": "What happened here, told at some length. " * 12},
                 directions={"en": "Turn left by the chapel and walk on."}, lat=51.7 + n / 1000, lon=-3.25,
                 region=[10, 10, 200, 100] if n % 2 else None)
    trail_publish(trail, curator)
    weights = {"player": _page_weight(client, reverse("frontend:trail", args=[trail.pk])),
               "stop": _page_weight(client, _stop_url(trail, 15))}
    print("trail page weight (HTML, CSS + JS bytes):", weights)
    for html, assets in weights.values():
        assert html + assets <= 300 * 1024, weights
