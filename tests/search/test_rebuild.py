"""``manage.py search_reindex``: a fresh index behind the alias, while searches keep answering."""
import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models.functions import Now

from archive.models import Description, Item
from archive.search import engine, indexing
from archive.search.indexing import index_rebuild
from archive.search.models import IndexState
from archive.search.selectors import REMOVAL_SHOWN_WITHIN
from tests.search.conftest import SEARCH, ids, index_pending

pytestmark = pytest.mark.usefixtures("search_index")


def test_reindex_swaps_the_alias_while_searches_keep_answering(make_item):
    items = [make_item(f"Llun rhif {n} o Droedrhiwfuwch") for n in range(40)]
    index_pending()
    before = set(engine.indices(engine.alias()))
    counts, errors, stop = [], [], threading.Event()

    def search_throughout():  # straight to the engine: a thread cannot see this test's uncommitted rows
        while not stop.is_set():
            try:
                counts.append(engine.search_body({"size": 0, "track_total_hits": True})["hits"]["total"]["value"])
            except Exception as exc:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(exc)

    def answered_since(n: int) -> bool:  # wait (bounded) until the searcher has had another answer
        deadline = time.monotonic() + 30
        while len(counts) + len(errors) <= n and time.monotonic() < deadline:
            time.sleep(0.01)
        return len(counts) > n

    searcher = threading.Thread(target=search_throughout)
    searcher.start()
    try:
        assert answered_since(0)  # searching before the rebuild starts …
        out = StringIO()
        call_command("search_reindex", "--chunk-size", "5", stdout=out)
        assert answered_since(len(counts))  # … and after the alias has moved
    finally:
        stop.set()
        searcher.join()
    after = set(engine.indices(engine.alias()))
    assert "Indexed 40 items" in out.getvalue()
    assert errors == [] and set(counts) == {len(items)}  # every answer, throughout, found every item
    assert len(after) == 1 and after.isdisjoint(before)
    assert engine.indices(next(iter(before))) == {}  # the old index is gone


def test_changes_made_during_a_rebuild_are_in_the_new_index(make_item, api, curator, monkeypatch):
    items = [make_item(f"Ysgol Sul {n}") for n in range(12)]
    index_pending()
    changed = []

    def change_midway(done):  # between two chunks of the rebuild
        if done == 5 and not changed:
            items[0].status = Item.Status.WITHDRAWN  # already loaded into the new index
            items[0].save()
            Description.objects.create(item=items[11], text="Trip i'r Barri", language="cy", author=curator,
                                       moderation="approved")
            changed.append(True)

    report = index_rebuild(chunk_size=5, progress=change_midway)
    assert changed and report.documents == 12 and report.caught_up >= 2
    assert engine.document_ids() == {i.pk for i in items[1:]}
    assert ids(api.get(SEARCH, {"q": "barri"}).json()) == [items[11].pk]


def test_an_item_withdrawn_during_a_rebuild_is_not_shown_between_the_swap_and_the_catching_up(make_item, api,
                                                                                            monkeypatch):
    items = [make_item(f"Ysgol Sul {n}") for n in range(10)]
    index_pending()
    seen_before_catching_up = []
    swap = engine.aliases_update

    def swap_then_search(actions):  # the new index is behind the alias, not yet caught up
        swap(actions)
        engine.index_refresh(engine.alias())
        seen_before_catching_up.append((engine.document_ids(), api.get(SEARCH, {"q": "ysgol"}).json()))

    def withdraw_midway(done):
        if done == 5 and items[0].status != Item.Status.WITHDRAWN:
            items[0].status = Item.Status.WITHDRAWN  # already loaded into the new index
            items[0].save()
            index_pending()  # removed from the old index at once …
            IndexState.objects.filter(item_id=items[0].pk).update(  # … and long ago (a rebuild can take hours)
                removed_at=Now() - REMOVAL_SHOWN_WITHIN - timedelta(minutes=1))

    monkeypatch.setattr(engine, "aliases_update", swap_then_search)
    index_rebuild(chunk_size=5, progress=withdraw_midway)
    in_new_index, body = seen_before_catching_up[0]
    assert items[0].pk in in_new_index  # read before it was withdrawn …
    assert items[0].pk not in ids(body) and body["count"] == 9  # … but not shown
    assert engine.document_ids() == {i.pk for i in items[1:]}  # and gone once caught up


def test_an_index_squatting_on_the_alias_name_is_replaced(make_item, search_index):
    """If something wrote to the alias name while no alias existed, the engine made a plain index
    of that name; a rebuild replaces it with a proper index behind the alias."""
    make_item("Neuadd y pentref")
    for name in engine.indices(f"{engine.alias()}*"):
        engine.index_delete(name)
    engine.index_create(engine.alias(), {"settings": {"number_of_shards": 1}})
    report = indexing.index_rebuild()
    assert report.documents == 1 and report.removed == []
    assert set(engine.indices(engine.alias())) == {report.index}
