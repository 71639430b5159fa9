"""Search documents read many items at once are the documents read one by one: the same on PostgreSQL and SQLite."""
import pytest

from archive.models import Item, Person, Subject
from archive.search.documents import documents_for

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_a_chunk_of_items_read_together_gives_each_item_its_own_document(make_item, vocabulary):
    """A rebuild reads items in order, many at once (the ids then dense enough to be read as a range)."""
    people = [Person.objects.create(name=f"Person {n}") for n in range(3)]
    subject = Subject.objects.create(slug="glo", label_cy="Glo", label_en="Coal")
    items = [make_item(f"Llun {n}", place=vocabulary["troed"] if n % 2 else None, people=people[:n % 3],
                       subjects=[subject] if n % 5 == 0 else [], voices=[(f"Cof {n}", "cy")] if n % 4 else [])
             for n in range(70)]
    items[10].status = Item.Status.WITHDRAWN
    items[10].save()  # in the middle of the range: no document
    items[20].image_hidden = True
    items[20].save()  # no thumbnail
    ids = [item.pk for item in items]

    together = documents_for([pk for pk in ids if pk != items[30].pk])  # public, in the range, but not asked for
    assert set(together) == set(ids) - {items[10].pk, items[30].pk}
    for pk in together:
        assert together[pk] == documents_for([pk])[pk], pk
    assert together[items[20].pk]["thumbnail"] is None and together[items[21].pk]["thumbnail"]
    assert together[items[5].pk]["subjects"] and not together[items[6].pk]["subjects"]
    assert together[items[3].pk]["text_cy"] == ["Cof 3"] and together[items[4].pk]["text_cy"] == []

    some = documents_for(ids[::3][:25])  # sparse: read by the ids themselves
    assert set(some) == set(ids[::3][:25]) - {items[10].pk}
