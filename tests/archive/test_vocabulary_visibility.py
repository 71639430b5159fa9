"""Names typed only on items a reader may not see stay hidden from that reader (archive.access, one rule)."""
import pytest
from django.core.files.base import ContentFile

from archive.access import (
    can_view_vocabulary, people_visible_to, places_visible_to, subjects_visible_to, vocabulary_visible_to,
)
from archive.licences import LICENCES
from archive.models import Collection, Item, Person, Place, Subject
from archive.services import contribution_from_fields, item_create
from archive.services.vocabulary_curation import place_merge
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db
CC_BY = LICENCES[0].uri


def upload(user, *, place="", people=(), subjects=(), visibility="public", seed=1):
    """An item as an upload makes it, naming what the contributor typed."""
    contribution = contribution_from_fields(actor=user, licence=CC_BY, consent=True, place=place, people=people,
                                            subjects=subjects, visibility=visibility)
    return item_create(contributor=user, upload=ContentFile(jpeg_bytes(color=(seed, 2, 3)), name="llun.jpg"),
                       contribution=contribution)


def published(item, **fields):
    """Mark ``item`` processed (and change ``fields``), as the worker and a curator would."""
    Item.objects.filter(pk=item.pk).update(**{"status": Item.Status.READY, **fields})
    return Item.objects.get(pk=item.pk)


@pytest.fixture
def people(make_user, villager, curator):
    return {"anonymous": None, "newcomer": make_user("newcomer"), "other": make_user("other"),
            "villager": villager, "curator": curator}


def names_seen(user) -> tuple[set, set, set]:
    return ({p.name for p in people_visible_to(user)}, {str(p) for p in places_visible_to(user)},
            {str(s) for s in subjects_visible_to(user)})


def test_names_typed_on_a_waiting_or_private_item_are_seen_only_by_its_contributor_and_curators(people):
    newcomer, villager = people["newcomer"], people["villager"]
    # A member who is not trusted: the upload waits for a curator; a trusted member's private upload.
    waiting = upload(newcomer, place="Fferm Gudd", people=["Nain Gudd"], subjects=["Cyfrinach"])
    private = upload(villager, place="Tŷ Preifat", people=["Taid Preifat"], subjects=["Angladd"],
                     visibility="private", seed=2)
    published(private)
    assert waiting.moderation == "pending" and Subject.objects.get(label_en="Angladd").approved  # trusted: approved
    for role in ("anonymous", "other"):
        assert names_seen(people[role]) == (set(), set(), set()), role
    assert names_seen(newcomer) == ({"Nain Gudd"}, {"Fferm Gudd"}, {"Cyfrinach"})
    assert names_seen(villager) == ({"Taid Preifat"}, {"Tŷ Preifat"}, {"Angladd"})
    assert names_seen(people["curator"]) == ({"Nain Gudd", "Taid Preifat"}, {"Fferm Gudd", "Tŷ Preifat"},
                                             {"Cyfrinach", "Angladd"})
    # Once a curator approves and makes it public, everyone sees its names.
    published(waiting, moderation="approved", visibility="public")
    Subject.objects.filter(label_en="Cyfrinach").update(approved=True)
    assert names_seen(None) == ({"Nain Gudd"}, {"Fferm Gudd"}, {"Cyfrinach"})


def test_members_only_and_withdrawn_items_hide_their_names_from_whoever_may_not_see_them(people, villager):
    members = published(upload(villager, place="Neuadd", visibility="members"), moderation="approved")
    gone = published(upload(villager, place="Capel Coll", seed=2), moderation="approved", status="withdrawn")
    assert {str(p) for p in places_visible_to(people["other"])} == {"Neuadd"}
    assert {str(p) for p in places_visible_to(None)} == set()
    assert {p.pk for p in places_visible_to(villager)} == {members.place_id, gone.place_id}


def test_one_visible_item_is_enough_and_vocabulary_made_in_advance_is_shown(people, villager):
    shared = Place.objects.create(name_en="Y Pentref")  # made in the admin: no created_by
    published(upload(villager, place=str(shared.pk), visibility="private"))
    assert shared not in places_visible_to(None)  # used, and only on a hidden item
    published(upload(villager, place="Y Pentref", seed=2), moderation="approved")
    assert shared in places_visible_to(None)
    unused_place = Place.objects.create(name_en="Castell")
    unused_subject = Subject.objects.create(slug="glowyr", label_en="Miners")
    unused_person = Person.objects.create(name="Owain Glyndŵr")
    assert {unused_place, unused_subject, unused_person} <= (
        set(places_visible_to(None)) | set(subjects_visible_to(None)) | set(people_visible_to(None)))
    typed = Place.objects.create(name_en="Gardd Mam", created_by=people["newcomer"])  # its item was deleted
    assert typed not in places_visible_to(None) and typed not in places_visible_to(people["other"])
    assert typed in places_visible_to(people["newcomer"]) and typed in places_visible_to(people["curator"])
    assert set(vocabulary_visible_to(None, Collection.objects.all())) == set(Collection.objects.all())


def test_a_merged_duplicate_is_judged_by_the_record_it_was_merged_into(people, villager, curator):
    hidden = published(upload(villager, place="Cwm Cudd", visibility="private")).place
    duplicate = Place.objects.create(name_en="Cwm-cudd")
    place_merge(duplicate, hidden, curator)
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == hidden.pk
    assert not can_view_vocabulary(None, duplicate) and not can_view_vocabulary(people["other"], duplicate)
    assert can_view_vocabulary(villager, duplicate) and can_view_vocabulary(curator, duplicate)
    assert duplicate not in places_visible_to(curator)  # lists leave merged duplicates out


def test_the_rule_is_one_query_however_many_entries(villager, django_assert_num_queries):
    for n in range(5):
        published(upload(villager, place=f"Lle {n}", people=[f"Person {n}"], seed=n), moderation="approved",
                  visibility="private" if n % 2 else "public")
    with django_assert_num_queries(1):
        assert len(list(people_visible_to(None))) == 3
    with django_assert_num_queries(1):
        assert len(list(places_visible_to(None))) == 3
