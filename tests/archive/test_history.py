"""An item's history covers who is in it, what it is about and where it belongs, and a revert puts them back."""
import pytest

from archive.licences import LICENCES
from archive.models import Collection, Item, Person, Subject
from archive.services import item_history, item_revert

pytestmark = pytest.mark.django_db


def test_links_are_versions_a_curator_can_see_and_revert(villager, curator, client):
    mam_gu, dai = Person.objects.create(name="Mam-gu"), Person.objects.create(name="Dai Evans")
    choir = Subject.objects.create(slug="cor", label_cy="Côr", label_en="Choir")
    valley = Collection.objects.create(slug="cwm", title_en="The valley")
    item = Item.objects.create(contributor=villager, licence=LICENCES[0].uri, consent=True, moderation="approved",
                               status=Item.Status.READY, title_en="The choir")
    item.people.add(mam_gu)
    item.subjects.add(choir)
    item.collections.add(valley)
    good = item_history(item)[0]
    assert good["values"]["people"] == [mam_gu.pk] and good["values"]["subjects"] == [choir.pk]

    item.people.set([dai])  # someone tags the wrong person and drops the subject
    item.subjects.clear()
    latest = item_history(item)[0]
    assert latest["values"]["people"] == [dai.pk] and latest["values"]["subjects"] == []
    assert "subjects" in latest["changed"]

    client.force_login(curator)
    page = client.get(f"/items/{item.pk}/history/").content.decode()
    assert "Mam-gu" in page and "Dai Evans" in page  # shown by name, not by number

    item_revert(item, good["history_id"], curator)
    assert list(item.people.all()) == [mam_gu] and list(item.subjects.all()) == [choir]
    assert list(item.collections.all()) == [valley]
    assert item.audit_events.filter(action="reverted").get().detail["fields"][-3:] == [
        "people", "subjects", "collections"]
