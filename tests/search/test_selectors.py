"""What every search leaves out, asked of the database in one query: the same answer on PostgreSQL and SQLite."""
from datetime import timedelta

import pytest
from django.db.models.functions import Now

from archive.models import Item
from archive.search import selectors
from archive.search.indexing import _mark_indexed
from archive.search.models import IndexState
from archive.search.selectors import REMOVAL_SHOWN_WITHIN, hidden_item_ids

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_what_may_still_be_in_the_index_but_is_not_public_is_left_out(make_item, django_assert_num_queries):
    shown, made_private, pending_public, just_removed, removed_long_ago = (
        make_item(title) for title in ("Un", "Dau", "Tri", "Pedwar", "Pump"))
    IndexState.objects.update(pending=False)  # as if every change had reached the index
    made_private.visibility = Item.Visibility.PRIVATE
    made_private.save()  # the outbox marks it: the index may still hold it, public
    pending_public.title_en = "Tri (newydd)"
    pending_public.save()  # changed, still public: nothing to leave out
    for item in (just_removed, removed_long_ago):
        item.status = Item.Status.WITHDRAWN
        item.save()
    versions = dict(IndexState.objects.filter(item_id__in=[just_removed.pk, removed_long_ago.pk])
                    .values_list("item_id", "version"))
    _mark_indexed(versions, removed=set(versions))  # their removal was written: the engine shows it after a refresh
    IndexState.objects.filter(item_id=removed_long_ago.pk).update(
        removed_at=Now() - REMOVAL_SHOWN_WITHIN - timedelta(seconds=5))

    with django_assert_num_queries(1):
        hidden = hidden_item_ids()
    assert hidden == {made_private.pk, just_removed.pk}
    assert not IndexState.objects.get(item_id=just_removed.pk).pending


def test_an_item_indexed_again_is_no_longer_counted_as_removed(make_item):
    item = make_item("Chwech")
    version = IndexState.objects.get(item_id=item.pk).version
    _mark_indexed({item.pk: version}, removed={item.pk})
    assert IndexState.objects.get(item_id=item.pk).removed_at is not None
    _mark_indexed({item.pk: version}, removed=set())
    assert IndexState.objects.get(item_id=item.pk).removed_at is None


@pytest.mark.parametrize("interval, seconds", [("1s", 1), ("500ms", 0.5), ("2m", 120), (" 30s ", 30), ("0", 0),
                                               ("-1", None), ("nonsense", None)])
def test_the_refresh_interval_is_read_as_the_engine_reads_it(settings, interval, seconds):
    settings.SEARCH_REFRESH_INTERVAL = interval
    assert selectors._refresh_seconds() == seconds
