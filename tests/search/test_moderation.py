"""Moderation, holds and visibility changes reach search at once, before the index catches up."""
import pytest

from archive.models import Item
from archive.services import item_approve, item_reject, item_visibility_set
from archive.search import engine
from tests.search.conftest import SEARCH, ids, index_pending

pytestmark = pytest.mark.usefixtures("search_index")


def test_rejected_held_or_hidden_items_leave_search_at_once_and_approved_ones_join(make_item, api, curator,
                                                                                   villager):
    rejected, held, members, kept = (make_item(f"Eisteddfod {n}") for n in ("gyntaf", "ail", "trydedd", "olaf"))
    waiting = make_item("Eisteddfod newydd", moderation="pending")
    index_pending()
    assert engine.document_ids() == {rejected.pk, held.pk, members.pk, kept.pk}

    item_reject(rejected, curator, "Dyblyg")
    held.held_for_review = True
    held.save()  # as the takedown service does
    item_visibility_set(members, villager, Item.Visibility.MEMBERS)
    item_approve(waiting, curator)
    # Nothing has reached the engine yet: the database alone hides (and the next update adds).
    assert ids(api.get(SEARCH, {"q": "eisteddfod"}).json()) == [kept.pk]
    assert api.get(f"{SEARCH}suggest/", {"q": "eisteddfod"}).json()["suggestions"][0]["value"] == str(kept.pk)

    index_pending()
    assert engine.document_ids() == {kept.pk, waiting.pk}
    assert sorted(ids(api.get(SEARCH, {"q": "eisteddfod"}).json())) == sorted([kept.pk, waiting.pk])


def test_hidden_pictures_are_not_in_search_results(make_item, api):
    item = make_item("Pwll glo", image_hidden=True)
    index_pending()
    [hit] = api.get(SEARCH, {"q": "pwll"}).json()["results"]
    assert hit["id"] == item.pk and hit["thumbnail"] is None
