"""Story trails in the domain: who may write what, what is refused (whole, never half-saved), the order of
stops, placeholders for hidden items and the authors told, history and revert."""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from archive.access import can_edit_trail, can_view_trail, trails_visible_to
from archive.models import Place, Stop, Trail
from archive.services import item_visibility_set, item_withdraw
from archive.services.trail_history import trail_history, trail_revert
from archive.services.trails import (
    stop_add, stop_delete, stop_update, stops_reorder, trail_author_invite, trail_create, trail_publish, trail_update,
)
from archive.trail_selectors import trail_authors, trail_stops_for, trails_for_listing
from tests.trails import published_trail, ready_item

pytestmark = pytest.mark.django_db(transaction=True)

VISITOR = AnonymousUser()


@pytest.fixture
def member(make_user):
    return make_user("gwen", display_name="Gwen Morgan", email="gwen@example.org")


def test_a_curator_creates_a_draft_only_authors_and_curators_see(curator, member, villager):
    trail = trail_create(curator, title={"cy": "Taith y capel"}, introduction={"en": "A walk."})
    assert (trail.title_cy, trail.title_en, trail.status) == ("Taith y capel", "", "draft")
    assert trail_authors(trail) == [{"id": curator.pk, "name": curator.credit_name, "role": "creator"}]
    assert not can_view_trail(VISITOR, trail) and not can_view_trail(villager, trail)
    assert list(trails_visible_to(VISITOR)) == [] and list(trails_visible_to(curator)) == [trail]
    trail_author_invite(trail, curator, member)
    assert can_view_trail(member, trail) and can_edit_trail(member, trail)
    assert [a["role"] for a in trail_authors(trail)] == ["creator", "co-author"]
    assert "Taith y capel" in mail.outbox[-1].subject or "Taith y capel" in mail.outbox[-1].body


def test_members_cannot_start_trails_and_co_authors_cannot_publish(curator, member):
    with pytest.raises(PermissionDenied):
        trail_create(member, title={"en": "Mine"})
    trail = trail_create(curator, title={"en": "Ours"})
    trail_author_invite(trail, curator, member)
    stop_add(trail, member, item=ready_item(member), narrative={"en": "Here."})
    with pytest.raises(PermissionDenied):
        trail_publish(trail, member)
    trail_publish(trail, curator)
    trail.refresh_from_db()
    assert not can_edit_trail(member, trail)  # co-authors edit drafts; a curator changes a published trail
    with pytest.raises(PermissionDenied):
        trail_update(trail, member, title={"en": "Changed"})


@pytest.mark.parametrize(("title", "problem"), [
    ({"fr": "Le chemin"}, "Unknown language"),
    ({}, "Welsh or English"),
    ({"en": "   "}, "Welsh or English"),
    ("The chapel walk", "language map"),
    ({"en": 7}, "must be words"),
    ({"en": "x" * 301}, "too long"),
])
def test_a_title_must_be_a_language_map_in_welsh_or_english(curator, title, problem):
    with pytest.raises(ValidationError) as refused:
        trail_create(curator, title=title)
    assert problem in str(refused.value.message_dict["title"])
    assert not Trail.objects.exists()


def test_stops_refuse_a_region_outside_the_picture_and_an_item_the_author_may_not_see(curator, member, villager):
    trail = trail_create(curator, title={"en": "Walk"})
    trail_author_invite(trail, curator, member)
    photo = ready_item(villager, width=800, height=600)
    with pytest.raises(ValidationError) as refused:
        stop_add(trail, member, item=photo, region=(700, 0, 200, 100), narrative={"en": "x"})
    assert "outside the picture" in str(refused.value.message_dict["region"])
    item_visibility_set(photo, villager, "private")
    with pytest.raises(ValidationError) as refused:
        stop_add(trail, member, item=photo, narrative={"en": "x"})
    assert "item" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        stop_add(trail, curator, item=photo, narrative={"de": "x"})
    assert "narrative" in refused.value.message_dict
    assert not Stop.objects.exists()


def test_stops_keep_their_order_and_reorder_names_every_stop_once(curator, villager):
    items = [ready_item(villager, title=f"Photo {n}") for n in range(3)]
    trail = trail_create(curator, title={"en": "Walk"})
    stops = [stop_add(trail, curator, item=item, narrative={"en": f"Stop {n}"}) for n, item in enumerate(items)]
    assert [s.position for s in stops] == [1, 2, 3]
    stops_reorder(trail, curator, [stops[2].pk, stops[0].pk, stops[1].pk])
    assert [s.stop.pk for s in trail_stops_for(curator, trail)] == [stops[2].pk, stops[0].pk, stops[1].pk]
    for bad in ([stops[0].pk, stops[1].pk], [stops[0].pk] * 3, "1,2,3", [stops[0].pk, stops[1].pk, 999999]):
        with pytest.raises(ValidationError) as refused:
            stops_reorder(trail, curator, bad)
        assert "ids" in refused.value.message_dict
    stop_delete(stops[2], curator)
    assert [(s.stop.pk, s.number) for s in trail_stops_for(curator, trail)] == [(stops[0].pk, 1), (stops[1].pk, 2)]
    assert list(Stop.objects.order_by("position").values_list("position", flat=True)) == [1, 2]


def test_an_empty_trail_is_not_published(curator):
    trail = trail_create(curator, title={"en": "Walk"})
    with pytest.raises(ValidationError) as refused:
        trail_publish(trail, curator)
    assert "stops" in refused.value.message_dict
    trail.refresh_from_db()
    assert trail.status == "draft"


def test_a_stop_without_a_location_stands_at_its_items_place(curator, villager):
    place = Place.objects.create(name_en="Chapel Row", latitude=51.77, longitude=-3.25)
    trail = trail_create(curator, title={"en": "Walk"})
    stop_add(trail, curator, item=ready_item(villager, place=place), narrative={"en": "x"})
    stop_add(trail, curator, item=ready_item(villager), narrative={"en": "y"}, lat=51.5, lon=-3.1)
    first, second = trail_stops_for(VISITOR, trail)
    assert (first.lat, first.lon, second.lat, second.lon) == (51.77, -3.25, 51.5, -3.1)
    with pytest.raises(ValidationError) as refused:
        stop_update(second.stop, curator, lat=91)
    assert "lat" in refused.value.message_dict


@pytest.mark.parametrize("hide", ["withdraw", "private", "held", "picture hidden"])
def test_a_hidden_item_leaves_a_placeholder_and_its_authors_are_told(curator, member, villager, hide):
    place = Place.objects.create(name_en="Pit head", latitude=51.7, longitude=-3.2)
    photo = ready_item(villager, title="The pit head", place=place)
    trail = trail_create(curator, title={"en": "Walk"})
    trail_author_invite(trail, curator, member)
    stop_add(trail, curator, item=photo, narrative={"en": "Grandad worked here."}, region=(10, 10, 100, 100))
    trail_publish(trail, curator)
    before = Trail.objects.get(pk=trail.pk).updated_at
    mail.outbox.clear()
    if hide == "withdraw":
        item_withdraw(photo, villager)
    elif hide == "private":
        item_visibility_set(photo, villager, "private")
    elif hide == "held":
        photo.held_for_review = True
        photo.save()
    else:
        photo.image_hidden = True
        photo.save()
    (stop,) = trail_stops_for(VISITOR, trail)
    assert not stop.shown and stop.item is None and stop.asset is None and stop.title == {}
    assert stop.region is None and stop.lat is None  # nor the item's place
    assert stop.narrative == {"en": "Grandad worked here."}
    assert Trail.objects.get(pk=trail.pk).updated_at > before  # the cached manifest is not served again
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == sorted(filter(None, [curator.email, member.email]))
    # The contributor and curators still see a private, held or hidden picture on the trail; a withdrawn one
    # nobody sees there: its contributor took it back.
    for reader in (curator, villager):
        (stop,) = trail_stops_for(reader, trail)
        assert stop.shown == (hide != "withdraw"), reader


def test_history_lists_changes_and_revert_brings_the_stops_back(curator, villager):
    items = [ready_item(villager, title=f"Photo {n}") for n in range(2)]
    trail = published_trail(curator, items)
    good = trail_history(trail)[0]
    assert good["kind"] == "trail" and good["by"] == curator.credit_name
    stop_update(trail.stops.get(position=1), curator, narrative={"en": "Wrong words"})
    stop_delete(trail.stops.get(position=2), curator)
    trail_update(trail, curator, title={"en": "Changed"})
    trail_revert(trail, good["history_id"], curator)
    trail.refresh_from_db()
    assert trail.title_en == "The chapel walk" and trail.status == "published"
    shown = trail_stops_for(VISITOR, trail)
    assert [s.narrative["en"] for s in shown] == ["Stop 1", "Stop 2"]
    assert [s.item.pk for s in shown] == [items[0].pk, items[1].pk]
    assert trail_history(trail)[0]["reason"].startswith("reverted to version")
    with pytest.raises(ValidationError):
        trail_revert(trail, 10**9, curator)


def test_an_item_deleted_outright_leaves_a_placeholder_not_an_error(curator, member, villager):
    photo = ready_item(villager)
    trail = published_trail(curator, [photo, ready_item(villager, title="Another")])
    trail_author_invite(trail, curator, member)
    mail.outbox.clear()
    photo.delete()  # e.g. from the admin: the stop stays, with its words
    first, second = trail_stops_for(curator, trail)
    assert not first.shown and first.narrative == {"en": "Stop 1", "cy": "Arhosfan 1"} and second.shown
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_only_members_are_invited_and_a_second_invitation_changes_nothing(curator, member, make_user):
    waiting = make_user("newcomer", approved=False)
    trail = trail_create(curator, title={"en": "Walk"})
    with pytest.raises(ValidationError) as refused:
        trail_author_invite(trail, curator, waiting)
    assert "user" in refused.value.message_dict
    trail_author_invite(trail, curator, member)
    mail.outbox.clear()
    trail_author_invite(trail, curator, member)
    assert len(trail_authors(trail)) == 2 and mail.outbox == []


def test_listings_put_the_newest_published_trail_first_and_drafts_after_them(curator, villager):
    older = published_trail(curator, [ready_item(villager)], title={"en": "Older"})
    draft = trail_create(curator, title={"en": "Draft"})
    newer = published_trail(curator, [ready_item(villager)], title={"en": "Newer"})
    assert list(trails_for_listing(curator)) == [newer, older, draft]
