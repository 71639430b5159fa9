"""Nothing a visitor may not see appears anywhere in search: results, counts, facets, map, suggestions."""
import pytest

from archive.models import Item, Person, Place, Subject
from archive.search import engine
from archive.search.indexing import _mark_indexed
from archive.search.models import IndexState
from archive.services import item_withdraw
from tests.search.conftest import SEARCH, facet_values, ids, index_pending

pytestmark = pytest.mark.usefixtures("search_index")

HIDDEN = [  # (what makes it hidden, item fields)
    ("private", {"visibility": Item.Visibility.PRIVATE}),
    ("members only", {"visibility": Item.Visibility.MEMBERS}),
    ("withdrawn", {"status": Item.Status.WITHDRAWN}),
    ("still processing", {"status": Item.Status.PROCESSING}),
    ("failed", {"status": Item.Status.FAILED}),
    ("just received", {"status": Item.Status.RECEIVED}),
    ("waiting for a curator", {"moderation": "pending"}),
    ("not accepted by a curator", {"moderation": "rejected"}),
    ("held for review", {"held_for_review": True}),
]


def _everything_said_about(api, word: str) -> dict:
    """Every search surface, for the word and unfiltered: results, counts, facets, map, suggestions."""
    return {"search": api.get(SEARCH, {"q": word}).json(), "all": api.get(SEARCH).json(),
            "suggest": api.get(f"{SEARCH}suggest/", {"q": word}).json()["suggestions"]}


def test_nothing_private_withdrawn_or_unready_appears_anywhere(make_item, api, curator):
    public = make_item("Gŵyl y glowyr", language="cy")
    hidden = {}
    for n, (why, fields) in enumerate(HIDDEN):
        hidden[why] = make_item(
            f"Cyfrinach{n} the secret picture", **fields,
            place=Place.objects.create(name_cy=f"Cwmcudd{n}", name_en=f"Hiddenvale{n}", latitude=52.0, longitude=-4.0),
            people=[Person.objects.create(name=f"Gwenllian Gudd{n}")],
            subjects=[Subject.objects.create(slug=f"cudd{n}", label_cy=f"Cudd{n}", label_en=f"Hidden{n}")],
        )
    index_pending()
    assert engine.document_ids() == {public.pk}
    for signed_in in (None, curator):  # search is the public catalogue, whoever asks
        api.force_authenticate(signed_in)
        for n, why in enumerate(hidden):
            seen = _everything_said_about(api, f"Cyfrinach{n}")
            assert seen["search"]["count"] == 0 and seen["search"]["results"] == [], why
            assert seen["all"]["count"] == 1 and ids(seen["all"]) == [public.pk], why
            for name, values in seen["all"]["facets"].items():
                assert all(v["count"] <= 1 for v in values), (why, name)
            assert not any("Gudd" in v["label"] or "cudd" in v["label"].lower() or "Hidden" in v["label"]
                           for values in seen["all"]["facets"].values() for v in values), why
            assert seen["all"]["geo"] == [], why  # the public item has no place: no cell at all
            assert seen["suggest"] == [], why
            for typed in ("Gwenllian", "Cwmcudd", "Hiddenvale", "Cudd", "Cyfrinach"):
                assert api.get(f"{SEARCH}suggest/", {"q": typed}).json()["suggestions"] == [], (why, typed)
        more = api.get(f"{SEARCH}more-like-this/", {"item": public.pk}).json()["results"]
        assert not {r["id"] for r in more} & {i.pk for i in hidden.values()}
        for item in hidden.values():
            assert api.get(f"{SEARCH}more-like-this/", {"item": item.pk}).status_code == 404


def test_withdrawn_or_made_private_is_hidden_at_once_even_before_the_index_catches_up(make_item, api, curator,
                                                                                      vocabulary):
    """In this test nothing reaches the engine after the changes (no commit, no Celery), exactly as
    when the engine cannot be reached: the outbox alone must hide the items."""
    withdrawn = make_item("Carnifal Troedrhiwfuwch", place=vocabulary["troed"], people=[vocabulary["megan"]])
    private = make_item("Carnifal y band jazz", place=vocabulary["troed"], people=[vocabulary["dai"]])
    kept = make_item("Carnifal 1953", place=vocabulary["rhymni"])
    index_pending()
    assert engine.document_ids() == {withdrawn.pk, private.pk, kept.pk}

    item_withdraw(withdrawn, curator, reason="asked by the family")
    private.visibility = Item.Visibility.PRIVATE
    private.save()  # as the admin does
    assert engine.document_ids() == {withdrawn.pk, private.pk, kept.pk}  # the index has not caught up

    body = api.get(SEARCH, {"q": "carnifal"}).json()
    assert ids(body) == [kept.pk] and body["count"] == 1
    everything = api.get(SEARCH).json()
    assert everything["count"] == 1
    assert facet_values(everything, "place") == {str(vocabulary["rhymni"].pk): 1}
    assert facet_values(everything, "person") == {}
    assert len(everything["geo"]) == 1 and everything["geo"][0]["count"] == 1
    assert api.get(f"{SEARCH}suggest/", {"q": "megan"}).json()["suggestions"] == []
    assert [s["value"] for s in api.get(f"{SEARCH}suggest/", {"q": "carnifal"}).json()["suggestions"]] \
        == [str(kept.pk)]

    index_pending()  # once the updates land, the index itself is right
    assert engine.document_ids() == {kept.pk}


def test_an_item_whose_removal_the_engine_does_not_show_yet_is_still_left_out(make_item, api, vocabulary):
    """An engine shows a removal only after its next refresh: the outbox remembers the removal for a while."""
    shown = make_item("Ffair y pentref", place=vocabulary["rhymni"])
    gone = make_item("Ffair y gaeaf", place=vocabulary["troed"])
    index_pending()
    gone.status = Item.Status.WITHDRAWN
    gone.save()
    state = IndexState.objects.get(item_id=gone.pk)
    _mark_indexed({gone.pk: state.version}, removed={gone.pk})  # as if its removal had been written …
    assert engine.document_ids() == {shown.pk, gone.pk}  # … and the engine did not show it yet
    body = api.get(SEARCH, {"q": "ffair"}).json()
    assert ids(body) == [shown.pk] and body["count"] == 1
    assert facet_values(body, "place") == {str(vocabulary["rhymni"].pk): 1}


def test_without_refreshes_results_are_checked_against_the_access_rules(make_item, api, settings):
    """An index that never refreshes by itself gives no bound on when a removal shows: every hit is checked, so
    even a change behind the application's back (a raw UPDATE, no outbox) is not shown."""
    settings.SEARCH_REFRESH_INTERVAL = "-1"
    shown, changed = make_item("Ffair y pentref"), make_item("Ffair y gaeaf")
    index_pending()
    Item.objects.filter(pk=changed.pk).update(visibility=Item.Visibility.PRIVATE)  # no signals, no outbox
    body = api.get(SEARCH, {"q": "ffair"}).json()
    assert ids(body) == [shown.pk] and body["count"] == 1


def test_an_item_made_public_again_is_counted_at_once_after_searches_that_left_it_out(make_item, api, vocabulary):
    """Searches are sent leaving out what the previous search had to; when that has changed since, the answer
    is asked for again, so counts and facets follow the database both ways."""
    shown = make_item("Sioe flodau", place=vocabulary["rhymni"])
    back = make_item("Sioe gŵn", place=vocabulary["troed"])
    index_pending()
    back.visibility = Item.Visibility.PRIVATE
    back.save()  # the index still holds it, public: the outbox alone hides it
    hidden_now = api.get(SEARCH, {"q": "sioe"}).json()
    assert ids(hidden_now) == [shown.pk] and hidden_now["count"] == 1
    assert facet_values(hidden_now, "place") == {str(vocabulary["rhymni"].pk): 1}

    back.visibility = Item.Visibility.PUBLIC
    back.save()  # public again, the index not caught up yet (it still holds the public document)
    body = api.get(SEARCH, {"q": "sioe"}).json()
    assert sorted(ids(body)) == sorted([shown.pk, back.pk]) and body["count"] == 2
    assert facet_values(body, "place") == {str(vocabulary["rhymni"].pk): 1, str(vocabulary["troed"].pk): 1}
