"""The community's vocabulary: proposals, approvals, merges, and resolving old names after a merge."""
import pytest
from django.core.exceptions import PermissionDenied

from archive.access import place_name_proposals_visible_to, subjects_visible_to
from archive.licences import LICENCES
from archive.models import Item, Person, Place, Subject
from archive.services.vocabulary import person_resolve, place_resolve, subject_resolve
from archive.services.vocabulary_curation import (
    VocabularyError, person_merge, place_merge, place_name_approve, place_name_propose, place_name_reject,
    subject_approve, subject_merge, subject_propose,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(villager):
    def make(**fields):
        return Item.objects.create(contributor=villager, licence=LICENCES[0].uri, **fields)
    return make


def test_a_proposed_subject_is_seen_only_by_its_proposer_and_curators(villager, curator, make_user):
    other = make_user("other")
    proposal = subject_propose(villager, "Band pres", "cy")
    assert (proposal.approved, proposal.proposed_by, proposal.label_cy) == (False, villager, "Band pres")
    assert proposal in subjects_visible_to(villager) and proposal in subjects_visible_to(curator)
    assert proposal not in subjects_visible_to(other) and proposal not in subjects_visible_to(None)
    # Another member's upload naming it does not land on the proposal (a subject of their own is made).
    theirs = subject_resolve("Band pres", actor=other)
    assert theirs.pk != proposal.pk and theirs.slug != proposal.slug
    assert subject_resolve("band pres", actor=villager) == proposal  # the proposer's own upload does
    subject_approve(proposal, curator, "Band pres", "Brass band")
    proposal.refresh_from_db()
    assert proposal.approved and (proposal.label_cy, proposal.label_en) == ("Band pres", "Brass band")
    assert proposal in subjects_visible_to(other)


def test_proposals_are_checked(villager, curator, make_user):
    Subject.objects.create(slug="capel", label_cy="Capel", label_en="Chapel")
    with pytest.raises(VocabularyError) as error:
        subject_propose(villager, "chapel")
    assert error.value.field == "label"
    with pytest.raises(VocabularyError):
        subject_propose(villager, "   ")
    waiting = make_user("waiting", approved=False)
    with pytest.raises(PermissionDenied):
        subject_propose(waiting, "Pit ponies")
    proposal = subject_propose(villager, "Pit ponies")
    with pytest.raises(PermissionDenied):
        subject_approve(proposal, villager, "Merlod pwll", "Pit ponies")
    with pytest.raises(VocabularyError) as error:
        subject_approve(proposal, curator, "", "Pit ponies")  # Welsh and English are both needed
    assert error.value.field == "label_cy"
    assert subject_propose(curator, "Eisteddfod").approved  # a curator's own needs no approval


def test_merging_subjects_moves_items_and_keeps_the_old_labels(villager, curator, item):
    chapel = Subject.objects.create(slug="capel", label_cy="Capel", label_en="Chapel")
    duplicate = Subject.objects.create(slug="chapels", label_en="Chapels", aliases=["Tŷ cwrdd"])
    both, only_duplicate, only_chapel = item(), item(), item()
    both.subjects.set([chapel, duplicate])
    only_duplicate.subjects.set([duplicate])
    only_chapel.subjects.set([chapel])
    with pytest.raises(PermissionDenied):
        subject_merge(duplicate, chapel, villager)
    assert subject_merge(duplicate, chapel, curator) == chapel
    chapel.refresh_from_db()
    duplicate.refresh_from_db()
    assert set(chapel.items.all()) == {both, only_duplicate, only_chapel}
    assert not duplicate.items.exists() and duplicate.merged_into == chapel
    assert chapel.aliases == ["Chapels", "Tŷ cwrdd"]
    # Uploads using the old label, an alias or the old id land on the subject that was kept.
    assert subject_resolve("chapels", actor=villager) == chapel
    assert subject_resolve("tŷ cwrdd", actor=villager) == chapel
    assert subject_resolve(str(duplicate.pk)) == chapel
    assert duplicate not in subjects_visible_to(curator)
    with pytest.raises(VocabularyError):
        subject_merge(duplicate, chapel, curator)  # already merged
    with pytest.raises(VocabularyError):
        subject_merge(chapel, chapel, curator)


def test_merging_places_moves_items_and_keeps_the_old_names(curator, item):
    troed = Place.objects.create(name_cy="Troedrhiwfuwch", name_en="Troedrhiwfuwch")
    duplicate = Place.objects.create(name_en="Troed-rhiw-fuwch", variants=["Troedrhiw"], latitude=51.73,
                                     longitude=-3.26)
    moved = item(place=duplicate)
    place_merge(duplicate, troed, curator)
    moved.refresh_from_db()
    troed.refresh_from_db()
    assert moved.place == troed
    assert troed.variants == ["Troed-rhiw-fuwch", "Troedrhiw"] and troed.latitude == 51.73
    assert place_resolve("troed-rhiw-fuwch") == troed and place_resolve("Troedrhiw") == troed
    assert place_resolve(str(duplicate.pk)) == troed
    assert moved.history.first().place_id == troed.pk  # the move is in the item's history


def test_merging_people_moves_items_and_keeps_the_names(curator, item):
    dai = Person.objects.create(name="Dai Evans", living=False)
    duplicate = Person.objects.create(name="Dai Bach", variants=["David Evans"])
    tagged = item()
    tagged.people.set([duplicate])
    person_merge(duplicate, dai, curator)
    dai.refresh_from_db()
    assert list(dai.items.all()) == [tagged] and dai.variants == ["Dai Bach", "David Evans"]
    assert person_resolve("david evans") == dai and person_resolve("Dai Bach") == dai
    assert Person.objects.get(pk=duplicate.pk).merged_into == dai


def test_place_names_are_proposed_then_approved_or_turned_down(villager, curator, make_user):
    rhymni = Place.objects.create(name_cy="Rhymni", name_en="Rhymney")
    proposal = place_name_propose(rhymni, villager, "Rhumney", "en")
    assert proposal.moderation == "pending"
    assert list(place_name_proposals_visible_to(villager)) == [proposal]
    assert not place_name_proposals_visible_to(make_user("other")).exists()
    with pytest.raises(VocabularyError):
        place_name_propose(rhymni, villager, "rhymney")  # already one of its names
    with pytest.raises(PermissionDenied):
        place_name_approve(proposal, villager)
    place_name_approve(proposal, curator)
    rhymni.refresh_from_db()
    assert rhymni.variants == ["Rhumney"] and place_resolve("RHUMNEY") == rhymni
    wrong = place_name_propose(rhymni, villager, "Merthyr")
    place_name_reject(wrong, curator, "That is another town.")
    wrong.refresh_from_db()
    rhymni.refresh_from_db()
    assert (wrong.moderation, wrong.moderation_reason) == ("rejected", "That is another town.")
    assert rhymni.variants == ["Rhumney"]
