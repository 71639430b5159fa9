"""Story trails in search: published trails are found beside items (``type``), drafts never; items carry the
published trails that show them, and a hidden stop's item leaves both the trail's document and the facet."""
import pytest
from django.contrib.auth.models import AnonymousUser

from archive.models import Trail
from archive.search import engine
from archive.search.documents import trail_document_id
from archive.search.indexing import index_rebuild, outbox_drain
from archive.search.models import IndexState, TrailIndexState
from archive.search.results import Hit
from archive.search.selectors import trail_cards
from archive.services import item_withdraw
from archive.services.trails import stop_add, stop_delete, trail_create, trail_publish, trail_unpublish, trail_update
from archive.trail_selectors import trail_cover_for, trail_covers_for
from tests.search.conftest import SEARCH, facet_values, ids, index_pending, wait_until

pytestmark = pytest.mark.usefixtures("search_index")


def _trail(curator, stops, *, title=None, publish=True):
    """A trail by ``curator`` with a stop per ``(item, narrative)``; published unless ``publish`` is False."""
    trail = trail_create(curator, title=title or {"cy": "Taith y gof", "en": "The smith's walk"},
                         introduction={"cy": "Taith drwy'r pentref.", "en": "A walk through the village."})
    for item, narrative in stops:
        stop_add(trail, curator, item=item, narrative=narrative)
    return trail_publish(trail, curator) if publish else trail


def _trail_hits(body) -> list[dict]:
    return [r for r in body["results"] if r["type"] == "trail"]


def test_a_published_trail_is_found_by_its_stories_in_welsh_and_english(searched, make_item, curator):
    forge = make_item("Yr efail ar sgwâr y pentref", language="cy")
    chapel = make_item("Chapel Bethel")
    trail = _trail(curator, [(forge, {"cy": "Yma roedd Wil y gof yn pedoli ceffylau'r glofa.",
                                      "en": "Here Wil the blacksmith shod the colliery's horses."}),
                             (chapel, {"en": "The congregation sang here every Sunday."})])
    index_pending()

    for language, word in (("cy", "pedoli"), ("en", "blacksmiths"), ("en", "congregation")):  # stems too
        body = searched(language=language, q=word)
        [hit] = _trail_hits(body)
        assert hit["id"] == trail.pk and trail.pk not in [r["id"] for r in body["results"] if r["type"] == "item"]
    assert hit["title"] == {"cy": "Taith y gof", "en": "The smith's walk"}
    assert hit["url"].endswith(f"/api/v1/trails/{trail.pk}/") and hit["page_url"].endswith(f"/trails/{trail.pk}/")
    assert hit["stops"] == 2
    assert f"derivatives/{forge.pk}/" in hit["thumbnail"]  # no cover chosen: the first stop's picture
    assert "<mark>congregation</mark>" in " ".join(hit["highlight"]["text"])
    assert {r["type"] for r in searched(q="efail")["results"]} == {"item", "trail"}  # the item's title is on a stop


def test_a_draft_is_never_in_search_even_for_its_author(searched, make_item, curator, client):
    item = make_item("Gorsaf y rheilffordd")
    draft = _trail(curator, [(item, {"en": "Passengers waited for the Merthyr train."})], publish=False)
    index_pending()
    assert _trail_hits(searched(q="passengers")) == [] and searched(type="trail")["count"] == 0
    assert engine.document_ids(kind="trail") == set()
    client.force_login(curator)  # its author, a curator: search is the public catalogue, drafts are not in it
    page = client.get("/search/", {"q": "passengers"}).content.decode()
    assert f'href="/trails/{draft.pk}/"' not in page


def test_returning_a_trail_to_draft_takes_it_out_of_search_at_once(searched, make_item, curator):
    item = make_item("Ysgol y Babanod")
    trail = _trail(curator, [(item, {"cy": "Dysgodd y plant ganu yma."})])
    index_pending()
    assert [h["id"] for h in _trail_hits(searched(q="ganu"))] == [trail.pk]

    trail_unpublish(trail, curator)
    assert engine.document_ids(kind="trail") == {trail.pk}  # the index has not caught up yet …
    body = searched(q="ganu")
    assert _trail_hits(body) == [] and facet_values(body, "type").get("trail", 0) == 0  # … and searches know
    index_pending()
    assert engine.document_ids(kind="trail") == set()
    assert facet_values(searched(), "has_story") == {"false": 1}  # its item is on no published trail now


def test_the_type_facet_counts_and_filters_items_and_trails(searched, make_item, curator, api):
    first, second = make_item("Y bont haearn: the bridge"), make_item("The iron bridge at dusk")
    trail = _trail(curator, [(first, {"en": "Cross the bridge."}), (second, {"en": "Look back at the bridge."})])
    index_pending()
    everything = searched(q="bridge", language="cy")
    assert facet_values(everything, "type") == {"item": 2, "trail": 1}
    assert {v["value"]: v["label"] for v in everything["facets"]["type"]} == {"item": "Eitem", "trail": "Llwybr stori"}
    assert everything["facet_titles"]["type"] == "Math o ganlyniad"
    only_trails = searched(q="bridge", type="trail")
    assert [(r["type"], r["id"]) for r in only_trails["results"]] == [("trail", trail.pk)] and only_trails["count"] == 1
    assert facet_values(only_trails, "type") == {"item": 2, "trail": 1}  # a facet's own choice keeps its counts
    only_items = searched(q="bridge", type="item")
    assert {r["type"] for r in only_items["results"]} == {"item"} and set(ids(only_items)) == {first.pk, second.pk}
    refused = api.get(SEARCH, {"type": "walk"})
    assert refused.status_code == 400 and "item, trail" in refused.json()["type"]


def test_items_carry_the_published_trails_they_are_on(searched, make_item, curator):
    on_both, on_one, on_none = make_item("Capel Seion"), make_item("Neuadd y gweithwyr"), make_item("Tŷ'r meddyg")
    walk = _trail(curator, [(on_both, {"en": "One"}), (on_one, {"en": "Two"})])
    chapels = _trail(curator, [(on_both, {"en": "Three"})], title={"en": "Chapels of the valley"})
    _trail(curator, [(on_none, {"en": "Four"})], title={"en": "Not yet"}, publish=False)
    index_pending()
    items = searched(type="item", language="cy")
    assert facet_values(items, "has_story") == {"true": 2, "false": 1}
    assert {v["label"] for v in items["facets"]["has_story"]} == {"Mewn llwybr stori", "Ddim mewn llwybr stori"}
    assert facet_values(items, "trail") == {str(walk.pk): 2, str(chapels.pk): 1}  # not the draft
    assert {v["value"]: v["label"] for v in items["facets"]["trail"]}[str(walk.pk)] == "Taith y gof"
    assert set(ids(searched(has_story="true"))) == {on_both.pk, on_one.pk}
    assert set(ids(searched(has_story="false"))) == {on_none.pk}
    assert set(ids(searched(trail=str(chapels.pk)))) == {on_both.pk}

    trail_update(walk, curator, title={"en": "The workers' walk"})  # its items are indexed again with it
    index_pending()
    items = searched(type="item")
    assert {v["value"]: v["label"] for v in items["facets"]["trail"]}[str(walk.pk)] == "The workers' walk"
    stop_delete(walk.stops.get(item=on_one), curator)  # the item it leaves too
    index_pending()
    assert facet_values(searched(type="item"), "trail") == {str(walk.pk): 1, str(chapels.pk): 1}
    assert set(ids(searched(has_story="true"))) == {on_both.pk}


def test_a_stop_whose_item_is_hidden_keeps_its_words_but_not_the_item(searched, make_item, curator):
    withdrawn = make_item("Pwll Elliot yn 1925")
    taken_down = make_item("Llun o'r streic fawr")
    kept = make_item("Y parc")
    trail = _trail(curator, [(withdrawn, {"cy": "Dyma ben y pwll glo."}), (taken_down, {"cy": "Safai'r dorf yma."}),
                             (kept, {"cy": "Gorffwyswch yn y parc."})])
    index_pending()
    assert trail.pk in [h["id"] for h in _trail_hits(searched(q="Elliot"))]  # a shown stop's item title is indexed
    assert facet_values(searched(), "has_story") == {"true": 3}

    item_withdraw(withdrawn, withdrawn.contributor, reason="Wedi newid fy meddwl")
    taken_down.image_hidden = True  # a takedown hid its pictures: the item stays, the stop is a placeholder
    taken_down.save()
    index_pending()
    document = engine.document(trail_document_id(trail.pk))
    said = " ".join(document["text_cy"] + document["text_en"])
    assert "Elliot" not in said and "streic" not in said  # not the hidden items' titles …
    assert "Dyma ben y pwll glo." in said and "Safai'r dorf yma." in said  # … but the stops' own words
    assert _trail_hits(searched(q="Elliot")) == [] and _trail_hits(searched(q="streic")) == []
    assert [h["id"] for h in _trail_hits(searched(q="dorf"))] == [trail.pk]
    items = searched(type="item")
    assert set(ids(items)) == {taken_down.pk, kept.pk}
    assert set(ids(searched(has_story="true"))) == {kept.pk}  # the placeholder's item left the facet
    assert facet_values(items, "trail") == {str(trail.pk): 1}


def test_the_page_shows_trails_as_story_trail_cards_with_the_type_facet(client, make_item, curator):
    item = make_item("Y ffynnon")
    trail = _trail(curator, [(item, {"cy": "Codai'r pentref ddŵr o'r ffynnon hon.", "en": "The village drew water "
                                                                                         "from this well."})])
    index_pending()
    english = client.get("/search/", {"q": "water"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="/trails/{trail.pk}/"' in english and "Story trail" in english and "Stops: 1" in english
    assert "<legend>Kind of result</legend>" in english and 'name="type" value="trail"' in english
    welsh = client.get("/search/", {"q": "ddŵr", "type": "trail"}, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert f'href="/trails/{trail.pk}/"' in welsh and "Llwybr stori" in welsh and "Arosfannau: 1" in welsh
    assert "Taith y gof" in welsh and f'href="/items/{item.pk}/"' not in welsh


def test_a_rebuild_indexes_published_trails_too(make_item, curator, searched):
    item = make_item("Y felin")
    trail = _trail(curator, [(item, {"en": "The miller ground the oats here."})])
    _trail(curator, [(item, {"en": "Draft words about the mill."})], title={"en": "A draft"}, publish=False)
    report = index_rebuild()
    assert report.trails == 1 and engine.document_ids(kind="trail") == {trail.pk}
    assert engine.document_ids() == {item.pk}
    assert [h["id"] for h in _trail_hits(searched(q="oats"))] == [trail.pk]


def test_an_undeclared_facet_names_the_valid_ones_type_included(api):
    response = api.get(SEARCH, {"facets": "type,colour"})
    assert response.status_code == 400
    message = response.json()["facets"]
    assert "Valid facets: type, decade" in message and "has_story, trail." in message


def _trail_found(api, q) -> list[int]:
    return [r["id"] for r in api.get(SEARCH, {"q": q}).json()["results"] if r["type"] == "trail"]


def test_a_trail_reaches_search_through_celery_and_leaves_it_when_unpublished(api, worker, make_item, curator):
    item = make_item("Y gwaith glo")
    trail = _trail(curator, [(item, {"cy": "Gweithiodd cannoedd o ddynion dan ddaear yma."})])  # each step commits
    wait_until(lambda: _trail_found(api, "cannoedd") == [trail.pk], 30, message="the trail findable")
    wait_until(lambda: set(ids(api.get(SEARCH, {"has_story": "true"}).json())) == {item.pk}, 30,
               message="its item in the facet")
    trail_unpublish(trail, curator)
    assert _trail_found(api, "cannoedd") == []  # hidden from the moment it returns
    wait_until(lambda: not TrailIndexState.objects.filter(pending=True).exists()
               and not IndexState.objects.filter(pending=True).exists(), 30, message="both outboxes empty")
    assert engine.document_ids(kind="trail") == set() and engine.document(item.pk)["trails"] == []


def test_a_trail_change_waits_in_the_outbox_while_the_engine_is_down(settings, make_item, curator, searched):
    item = make_item("Yr orsaf heddlu")
    working = settings.SEARCH_URL
    trail = _trail(curator, [(item, {"en": "The constable kept the peace here."})])
    settings.SEARCH_URL = "http://127.0.0.1:1"  # nothing answers there
    with pytest.raises(engine.EngineUnavailable):
        outbox_drain()
    state = TrailIndexState.objects.get(trail_id=trail.pk)
    assert state.pending and state.attempts == 1 and "cannot reach" in state.last_error
    settings.SEARCH_URL = working
    index_pending()
    assert [h["id"] for h in _trail_hits(searched(q="constable"))] == [trail.pk]
    assert not TrailIndexState.objects.get(trail_id=trail.pk).pending


def test_a_trail_hit_shows_a_cover_visitors_may_see_read_in_a_few_queries(searched, make_item, curator,
                                                                          django_assert_max_num_queries):
    covered, first = make_item("Clawr y llwybr"), make_item("Yr eglwys")
    hidden = _trail(curator, [(first, {"en": "The bells rang here."})], title={"en": "Bells"})
    trail_update(hidden, curator, cover_item=covered)
    shown = _trail(curator, [(first, {"en": "The bells were cast here."})], title={"en": "Foundry"})
    trail_update(shown, curator, cover_item=covered)
    more = [_trail(curator, [(make_item(f"Tŷ {n}"), {"en": f"The bells of house {n}."})], title={"en": f"House {n}"})
            for n in range(6)]
    index_pending()
    covers = {h["id"]: h["thumbnail"] for h in _trail_hits(searched(q="bells"))}
    assert set(covers) == {hidden.pk, shown.pk, *(t.pk for t in more)}
    assert f"derivatives/{covered.pk}/" in covers[hidden.pk] and f"derivatives/{covered.pk}/" in covers[shown.pk]

    covered.image_hidden = True  # a takedown hid the cover's pictures: the first stop's picture instead
    covered.save()
    index_pending()
    covers = {h["id"]: h["thumbnail"] for h in _trail_hits(searched(q="bells"))}
    assert f"derivatives/{first.pk}/" in covers[hidden.pk] and f"derivatives/{first.pk}/" in covers[shown.pk]
    trails = Trail.objects.filter(pk__in=covers)
    assert trail_covers_for(AnonymousUser(), trails) == {t.pk: trail_cover_for(AnonymousUser(), t) for t in trails}
    hits = [Hit(pk, 1.0, {}, {}, "trail") for pk in covers]
    with django_assert_max_num_queries(4):  # the trails, their stops, their items, the thumbnails: not per trail
        assert set(trail_cards(hits)) == set(covers)
