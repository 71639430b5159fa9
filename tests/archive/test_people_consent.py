"""Living people's names: who sees them (archive.access), and curators recording consent (service and admin)."""
import pytest
from django.contrib.auth.models import AnonymousUser

from archive.access import person_label, person_name_shown
from archive.models import AuditEvent, Person
from archive.services.consent import person_consent_record


@pytest.mark.parametrize("living, consent, visitor_sees", [
    (True, False, "a person"), (True, True, "Dai Evans"), (False, False, "Dai Evans"), (None, False, "Dai Evans"),
])
def test_visitors_see_a_living_persons_name_only_with_consent(db, villager, living, consent, visitor_sees):
    dai = Person.objects.create(name="Dai Evans", living=living, name_consent=consent)
    assert person_label(AnonymousUser(), dai) == person_label(None, dai) == visitor_sees
    assert person_label(None, dai, "cy") == ("rhywun" if visitor_sees == "a person" else "Dai Evans")
    assert person_label(villager, dai) == "Dai Evans"  # members see names


def test_members_waiting_for_approval_do_not_see_names(db, make_user):
    dai = Person.objects.create(name="Dai Evans", living=True)
    assert not person_name_shown(make_user("newydd", approved=False), dai)


def test_consent_is_recorded_in_the_audit_trail_of_every_item_naming_them(db, curator, make_item_for_consent):
    dai = Person.objects.create(name="Dai Evans", living=True)
    item = make_item_for_consent(dai)
    person_consent_record(dai, curator, name_consent=True, note="Said yes at the memory day")
    dai.refresh_from_db()
    assert dai.name_consent and dai.name_consent_note == "Said yes at the memory day"
    event = item.audit_events.get(action=AuditEvent.Action.EDITED)
    assert event.actor == curator and event.detail["person"] == dai.pk


def test_curators_record_consent_in_the_admin(client, db, make_user):
    admin_user = make_user("gweinyddwr", role="curator", is_staff=True, is_superuser=True)
    dai = Person.objects.create(name="Dai Evans", living=True)
    client.force_login(admin_user)
    page = client.get(f"/admin/archive/person/{dai.pk}/change/")
    assert page.status_code == 200 and "name_consent_note" in page.content.decode()
    assert client.get("/admin/archive/takedownrequest/").status_code == 200
    assert client.get("/admin/archive/regiontag/").status_code == 200


@pytest.fixture
def make_item_for_consent(villager):
    from archive.licences import LICENCES
    from archive.models import Item

    def make(person):
        item = Item.objects.create(contributor=villager, licence=LICENCES[0].uri, consent=True,
                                   status=Item.Status.READY, moderation="approved")
        item.people.add(person)
        return item

    return make
