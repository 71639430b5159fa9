"""The database guard every search answer passes: one query, the same answer on PostgreSQL and SQLite."""
import pytest

from archive.models import Item
from archive.search.models import IndexState
from archive.search.selectors import _visibility, hidden_item_ids

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_one_query_says_what_to_leave_out_and_which_hits_are_public(make_item, django_assert_num_queries):
    shown, made_private, bypassed, pending_public = (make_item(title) for title in ("Un", "Dau", "Tri", "Pedwar"))
    IndexState.objects.update(pending=False)  # as if every change had reached the index
    made_private.visibility = Item.Visibility.PRIVATE
    made_private.save()  # the outbox marks it: the index may still hold it, public
    Item.objects.filter(pk=bypassed.pk).update(visibility=Item.Visibility.PRIVATE)  # no outbox at all
    pending_public.title_en = "Pedwar (newydd)"
    pending_public.save()  # changed, still public: nothing to leave out

    everyone = [shown.pk, made_private.pk, bypassed.pk, pending_public.pk]
    with django_assert_num_queries(1):
        left_out, public = _visibility(everyone)
    assert left_out == {made_private.pk}
    assert public == {shown.pk, pending_public.pk}
    assert hidden_item_ids() == [made_private.pk]
    assert _visibility([]) == ({made_private.pk}, set())
