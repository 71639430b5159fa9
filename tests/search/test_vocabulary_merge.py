"""After a curator merges duplicates, searches using the old names still find the items (real search node)."""
import pytest

from archive.models import Person, Place, Subject
from archive.services.vocabulary_curation import (
    person_merge, place_merge, place_name_approve, place_name_propose, subject_merge, subject_propose,
)

from .conftest import ids, index_pending

pytestmark = pytest.mark.usefixtures("search_index")


def test_a_search_for_a_merged_subjects_old_label_finds_its_items(make_item, searched, curator):
    chapel = Subject.objects.create(slug="capel", label_cy="Capel", label_en="Chapel")
    duplicate = Subject.objects.create(slug="addoldai", label_cy="Addoldai", label_en="Places of worship")
    moved = make_item("Bethel on a Sunday", subjects=[duplicate])
    kept = make_item("The Sunday school trip", subjects=[chapel])
    index_pending()
    assert ids(searched(q="addoldai")) == [moved.pk]
    subject_merge(duplicate, chapel, curator)
    index_pending()
    # The old labels now stand for the subject that was kept: they find every item about it.
    assert sorted(ids(searched(q="addoldai"))) == sorted([moved.pk, kept.pk])
    assert sorted(ids(searched(q="places of worship"))) == sorted([moved.pk, kept.pk])
    assert sorted(ids(searched(q="chapel"))) == sorted([moved.pk, kept.pk])
    facet = {v["value"]: v["count"] for v in searched(facets="subject")["facets"]["subject"]}
    assert facet == {str(chapel.pk): 2}  # one subject now, counted once per item
    assert sorted(ids(searched(subject=str(chapel.pk)))) == sorted([moved.pk, kept.pk])


def test_merged_places_and_people_are_found_by_their_old_names(make_item, searched, curator):
    troed = Place.objects.create(name_cy="Troedrhiwfuwch", name_en="Troedrhiwfuwch")
    duplicate = Place.objects.create(name_en="Pont Lawrence")
    dai = Person.objects.create(name="Dai Evans")
    bach = Person.objects.create(name="Dai Bwtsiwr")
    item = make_item("The butcher's van", place=duplicate, people=[bach])
    index_pending()
    place_merge(duplicate, troed, curator)
    person_merge(bach, dai, curator)
    index_pending()
    assert ids(searched(q="Pont Lawrence")) == [item.pk]
    assert ids(searched(q="bwtsiwr")) == [item.pk]
    assert ids(searched(place=str(troed.pk))) == [item.pk]
    assert ids(searched(person=str(dai.pk))) == [item.pk]


def test_an_approved_place_name_is_searched_and_an_unapproved_subject_is_not_shown(make_item, searched, villager,
                                                                                   curator):
    rhymni = Place.objects.create(name_cy="Rhymni", name_en="Rhymney")
    proposal = place_name_propose(rhymni, villager, "Rhumni")
    waiting = subject_propose(villager, "Ceffylau pwll", "cy")
    item = make_item("Pit ponies at the Maerdy", place=rhymni, subjects=[waiting])
    index_pending()
    assert ids(searched(q="ceffylau")) == []  # a proposal is not published until a curator approves it
    place_name_approve(proposal, curator)
    index_pending()
    assert ids(searched(q="Rhumni")) == [item.pk]
