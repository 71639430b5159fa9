"""Search and living people's names (never shown to visitors without consent), and takedown holds."""
import pytest

from archive.models import Person
from archive.search import engine
from archive.services.consent import person_consent_record
from archive.services.takedown import takedown_hold, takedown_request_create
from tests.search.conftest import SEARCH, facet_values, ids, index_pending

pytestmark = pytest.mark.usefixtures("search_index")


@pytest.fixture
def living(db):
    """A living person whose consent to be named is not recorded, and one whose consent is."""
    return {"gwen": Person.objects.create(name="Gwenllian Prydderch", variants=["Gwen Tŷ Isaf"], living=True),
            "huw": Person.objects.create(name="Huw Rowlands", living=True, name_consent=True)}


def _all_text(api, **params) -> str:
    return api.get(SEARCH, params).content.decode() + api.get(f"{SEARCH}suggest/", params).content.decode()


def test_a_living_person_without_consent_is_never_named_by_search(make_item, api, living, villager):
    item = make_item("Carnifal y pentref", people=[living["gwen"], living["huw"]])
    index_pending()
    for signed_in in (None, villager):  # search is the public catalogue, whoever asks
        api.force_authenticate(signed_in)
        everything = api.get(SEARCH, {"facets": "person"}).json()
        assert ids(everything) == [item.pk]
        assert facet_values(everything, "person") == {str(living["huw"].pk): 1}  # only the consented one
        assert "Huw Rowlands" in str(everything["facets"])
        for typed in ("Gwenllian", "Gwen", "Prydderch", "Tŷ Isaf"):
            assert api.get(SEARCH, {"q": typed}).json()["count"] == 0, typed
            assert api.get(f"{SEARCH}suggest/", {"q": typed}).json()["suggestions"] == [], typed
        assert "Gwenllian" not in _all_text(api, q="carnifal") and "Gwen" not in _all_text(api, q="a person")
        chosen = api.get(SEARCH, {"person": living["gwen"].pk}).json()  # asking for her by number
        assert "Gwenllian" not in str(chosen)
        assert api.get(SEARCH, {"q": "rhywun"}).json()["count"] == 1  # indexed as "a person"
        assert [s["label"] for s in api.get(f"{SEARCH}suggest/", {"q": "huw"}).json()["suggestions"]] \
            == ["Huw Rowlands"]
    document = engine.document(item.pk)
    assert document is not None and "Gwenllian" not in str(document) and "Gwen" not in str(document)


def test_consent_recorded_later_names_them_in_search(make_item, api, living, curator):
    make_item("Carnifal y pentref", people=[living["gwen"]])
    index_pending()
    assert api.get(SEARCH, {"q": "Gwenllian"}).json()["count"] == 0
    person_consent_record(living["gwen"], curator, name_consent=True, note="Gwen said yes, 3 May")
    index_pending()
    assert api.get(SEARCH, {"q": "Gwenllian"}).json()["count"] == 1


def test_a_held_item_leaves_search_at_once(make_item, api, curator):
    held, kept = make_item("Ffair y gaeaf"), make_item("Ffair yr haf")
    index_pending()
    request = takedown_request_create(held, "That is me, please take it down.")
    takedown_hold(held, curator, request)
    assert engine.document_ids() == {held.pk, kept.pk}  # the index has not caught up yet
    assert ids(api.get(SEARCH, {"q": "ffair"}).json()) == [kept.pk]
    index_pending()
    assert engine.document_ids() == {kept.pk}
