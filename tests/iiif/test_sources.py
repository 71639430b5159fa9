"""What a manifest is built from: read by queries compiled once, with values exactly as the ORM gives them."""
from datetime import timedelta

import pytest
from django.utils import timezone

from archive.iiif.queries import ItemQuery, rows_together
from archive.iiif.sources import item_for_manifest
from archive.models import Asset, Collection, Description, Item, Person, RegionTag, Subject

pytestmark = pytest.mark.embedded  # values read below the ORM must be the ORM's on SQLite too
VOICE = Description.Kind


def test_rows_are_what_the_orm_reads_for_any_item(make_item, villager, make_user):
    """The same compiled query answers for every item, with Django's conversions (booleans, aware datetimes)."""
    trusted = make_user("modryb", display_name="Modryb Nansi")
    first = make_item(voices=[(VOICE.CAPTION, "Y côr", "cy", villager), (VOICE.MEMORY, "My aunt", "en", trusted)])
    second = make_item(voices=[(VOICE.MEMORY, "Eira mawr", "cy", trusted)])
    Description.objects.create(item=second, kind=VOICE.MEMORY, text="Waiting", language="en", author=villager,
                               moderation="pending")
    living = Person.objects.create(name="Megan Evans", living=True, name_consent=False)
    remembered = Person.objects.create(name="Dai Price", living=False)
    first.people.add(living, remembered)
    first.subjects.add(Subject.objects.create(slug="cor", label_cy="Côr", label_en="Choir", approved=True),
                       Subject.objects.create(slug="new", label_cy="Newydd", label_en="Proposed", approved=False))
    first.collections.add(Collection.objects.create(slug="capel", title_cy="Capel", title_en="Chapel"))

    for item in (first, second, first):  # compiled once, then asked again for other items
        source, item = item_for_manifest(item.pk), Item.objects.get(pk=item.pk)
        published = item.descriptions.filter(moderation="approved").select_related("author").order_by("created_at", "id")
        assert [(v.pk, v.text, v.created_at, v.author.credit_name) for v in source.voices] == \
            [(v.pk, v.text, v.created_at, v.author.credit_name) for v in published]
        assert all(timezone.is_aware(v.created_at) for v in source.voices)
        assert [(p.name, p.living, p.name_consent) for p in source.people] == \
            [(p.name, p.living, p.name_consent) for p in item.people.order_by("name")]
        assert [s.slug for s in source.subjects] == [s.slug for s in item.subjects.filter(approved=True)]
        assert [c.slug for c in source.collections] == [c.slug for c in item.collections.all()]
        assert [a.pk for a in source.assets] == list(item.assets.order_by("position", "page", "id")
                                                     .values_list("pk", flat=True))
        assert {kind for made in source.derivatives.values() for kind in made} == {"tiles", "thumbnail", "web"}
        assert (source.item.updated_at, source.item.contributor.credit_name) == \
            (item.updated_at, item.contributor.credit_name)
    assert source.people[0].living is False and source.people[1].living is True  # booleans, not 0/1
    assert item_for_manifest(10**9) is None


def test_region_tags_follow_the_rules_for_each_item(make_item, villager):
    shown, hidden = make_item(), make_item()
    for item in (shown, hidden):
        RegionTag.objects.create(item=item, asset=item.assets.first(), x=1, y=2, w=30, h=40, label="Dai",
                                 author=villager, moderation="approved")
    hidden.image_hidden = True
    hidden.save()
    for _ in range(2):  # the one compiled query, asked for each item in turn
        assert [(t.x, t.label) for t in item_for_manifest(shown.pk).tags] == [(1, "Dai")]
        assert item_for_manifest(hidden.pk).tags == []  # pictures hidden: no tags, whatever the query says


def test_queries_sent_together_answer_as_one_by_one(make_item, villager, django_assert_num_queries):
    """On PostgreSQL several statements go in one round trip; every database gives each query its own rows."""
    first, second = make_item(voices=[(VOICE.CAPTION, "Un", "cy", villager)]), make_item(pictures=[(80, 60)] * 3)
    voices = ItemQuery(lambda pk: Description.objects.filter(item_id=pk).values_list("text", "created_at"))
    assets = ItemQuery(lambda pk: Asset.objects.filter(item_id=pk).order_by("id").values_list("id", "width"))
    for item in (first, second):
        apart = [voices.rows(item.pk), assets.rows(item.pk)]
        with django_assert_num_queries(1 if _one_trip() else 2):
            assert rows_together([voices, assets], item.pk) == apart
        assert len(apart[1]) == item.assets.count()


def _one_trip() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def test_a_query_that_depends_on_more_than_the_item_is_refused(make_item):
    """Compiling once must never freeze anything else (the time, a user) into the SQL."""
    item = make_item()
    recent = ItemQuery(lambda pk: Description.objects.filter(
        item_id=pk, created_at__gte=timezone.now() - timedelta(days=1)).values_list("id"))
    with pytest.raises(ValueError, match="more than the item's id"):
        recent.rows(item.pk)
    unrelated = ItemQuery(lambda pk: Description.objects.filter(moderation="approved").values_list("id"))
    with pytest.raises(ValueError, match="more than the item's id"):
        unrelated.rows(item.pk)
