"""Services check who acts, as well as the views that call them: a member cannot moderate by calling one."""
import pytest
from django.core.exceptions import PermissionDenied

from archive.licences import LICENCES
from archive.models import Asset, Item, Person, RegionTag, TakedownRequest
from archive.services.consent import person_consent_record
from archive.services.tags import region_tag_approve, region_tag_reject
from archive.services.takedown import takedown_hold, takedown_resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(villager):
    item = Item.objects.create(contributor=villager, licence=LICENCES[0].uri, consent=True, moderation="approved",
                               status=Item.Status.READY, title_en="The choir")
    Asset.objects.create(item=item, original="originals/aa/bb/x", original_filename="x.jpg", size_bytes=1,
                         sha256="a" * 64, width=100, height=80)
    return item


def test_members_cannot_moderate_tags_record_consent_or_handle_takedowns(item, villager, make_user):
    member = make_user("member")
    tag = RegionTag.objects.create(item=item, asset=item.assets.get(), x=1, y=1, w=5, h=5, label="Mam-gu",
                                   author=member)
    person = Person.objects.create(name="Dai Evans", living=True)
    request = TakedownRequest.objects.create(item=item, reason="My face")
    for attempt in (lambda: region_tag_approve(tag, villager), lambda: region_tag_reject(tag, villager, "no"),
                    lambda: person_consent_record(person, villager, name_consent=True),
                    lambda: takedown_hold(item, villager, request),
                    lambda: takedown_resolve(request, villager, "keep", "")):
        with pytest.raises(PermissionDenied):
            attempt()
    tag.refresh_from_db(), person.refresh_from_db(), item.refresh_from_db(), request.refresh_from_db()
    assert (tag.moderation, person.name_consent, item.held_for_review, request.status) == (
        "pending", False, False, "open")


def test_a_curator_may(item, curator, make_user):
    tag = RegionTag.objects.create(item=item, asset=item.assets.get(), x=1, y=1, w=5, h=5, label="Mam-gu",
                                   author=make_user("member"))
    assert region_tag_approve(tag, curator).moderation == "approved"
    assert takedown_hold(item, curator).held_for_review
