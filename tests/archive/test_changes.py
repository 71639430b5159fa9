"""archive.changes: which items each kind of change affects (what search and the IIIF caches follow)."""
import pytest

from archive.changes import items_affected
from archive.models import Asset, Derivative, Description, Item, Person, RegionTag
from archive.search import engine
from archive.search.indexing import outbox_drain
from tests.search.conftest import make_item, search_index  # noqa: F401 - items with a picture; a fresh index

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """Every (item ids, item_saved, source) the signal carries during the test."""
    calls = []

    def listen(sender, item_ids, item_saved, source, **kwargs):
        calls.append((set(item_ids), item_saved, source.__name__))

    items_affected.connect(listen, dispatch_uid="test.heard")
    yield calls
    items_affected.disconnect(dispatch_uid="test.heard")



def test_each_part_of_an_item_names_its_item(make_item, villager, heard):
    item, other = make_item("Capel Bethel"), make_item("Y bont")
    heard.clear()
    Description.objects.create(item=item, text="Mam-gu", language="cy", author=villager)
    asset = item.assets.get()
    RegionTag.objects.create(item=item, asset=asset, x=1, y=1, w=5, h=5, label="Mam-gu", author=villager)
    Derivative.objects.create(asset=asset, kind="web", path="derivatives/x/web.jpg")
    assert [(ids, source) for ids, _, source in heard] == [
        ({item.pk}, "Description"), ({item.pk}, "RegionTag"), ({item.pk}, "Derivative")]
    assert other.pk not in set().union(*(ids for ids, _, _ in heard))


def test_a_fixity_check_is_no_change_but_moving_a_picture_is(make_item, heard):
    asset = make_item("Capel").assets.get()
    heard.clear()
    asset.fixity_ok = True
    asset.save(update_fields=["fixity_ok", "fixity_checked_at"])
    assert heard == []
    asset.position = 3
    asset.save(update_fields=["position"])
    assert heard == [({asset.item_id}, False, "Asset")]


def test_a_saved_item_says_so_unless_its_timestamp_was_left_out(make_item, heard):
    item = make_item("Capel")
    heard.clear()
    item.visibility = Item.Visibility.PRIVATE
    item.save()
    item.save(update_fields=["visibility"])  # auto_now is not written: caches must move it themselves
    assert heard == [({item.pk}, True, "Item"), ({item.pk}, False, "Item")]


def test_renaming_a_person_reaches_items_naming_or_tagging_them(make_item, villager, heard):
    dai = Person.objects.create(name="Dai Evans")
    named, tagged, unrelated = make_item("Côr", people=[dai]), make_item("Tîm rygbi"), make_item("Pont")
    RegionTag.objects.create(item=tagged, asset=tagged.assets.get(), x=0, y=0, w=2, h=2, label="Dai",
                             person=dai, author=villager)
    heard.clear()
    dai.name = "Dai 'Bach' Evans"
    dai.save()
    assert heard == [({named.pk, tagged.pk}, False, "Person")]
    assert unrelated.pk not in heard[0][0]


def test_a_contributor_renamed_is_credited_anew_in_search(make_item, villager, search_index):
    item = make_item("Capel Bethel")
    outbox_drain()
    assert engine.document(item.pk)["contributor"] == villager.credit_name
    villager.display_name = "Mair o'r Cwm"
    villager.save(update_fields=["display_name"])
    outbox_drain()
    assert engine.document(item.pk)["contributor"] == "Mair o'r Cwm"


def test_signing_in_changes_nothing(make_item, villager, heard):
    make_item("Capel")
    heard.clear()
    villager.save(update_fields=["last_login"])
    assert heard == []
    assert Asset.objects.exists()
