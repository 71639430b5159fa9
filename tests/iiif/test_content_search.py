"""Content Search 2.0 inside an item, through the search engine, and its autocomplete."""
import pytest

from archive.iiif import content_search
from archive.models import Description, Item
from archive.search.indexing import index_rebuild

from .conftest import get_json

pytestmark = pytest.mark.django_db
VOICE = Description.Kind
SEARCH_TYPE = 'application/ld+json;profile="http://iiif.io/api/search/2/context.json"'


@pytest.fixture
def chapel(make_item, villager, make_user):
    """A public photo of Capel Bethel with Welsh and English voices, in the search index."""
    dai = make_user("dai", display_name="Dai Jones")
    item = make_item(title_cy="Capel Bethel", voices=[
        (VOICE.CAPTION, "Côr Meibion y Dŵr tu allan i Gapel Bethel", "cy", villager),
        (VOICE.MEMORY, "My father and the other miners sang here every Sunday.", "en", dai),
        (VOICE.STORY, "The chapel burned down in 1961; the miners rebuilt it.", "en", dai),
    ])
    index_rebuild()
    return item


def search(client, item, **params):
    response = get_json(client, f"/iiif/items/{item.pk}/search", data=params)
    assert response["Content-Type"] == SEARCH_TYPE and response["Access-Control-Allow-Origin"] == "*"
    return response.data


def hit_texts(answer) -> list[str]:
    return [a["body"]["value"] for a in answer["items"]]


def highlights(answer) -> list[str]:
    pages = answer.get("annotations") or [{"items": []}]
    return [a["target"]["selector"][0]["exact"] for a in pages[0]["items"]]


def test_search_finds_words_in_voices_with_where_they_match(client, chapel):
    answer = search(client, chapel, q="miner")
    assert answer["@context"] == "http://iiif.io/api/search/2/context.json"
    assert answer["type"] == "AnnotationPage"
    assert answer["id"] == f"http://testserver/iiif/items/{chapel.pk}/search?q=miner"
    # Through the engine: "miner" finds "miners" (English stems).
    assert hit_texts(answer) == ["My father and the other miners sang here every Sunday.",
                                 "The chapel burned down in 1961; the miners rebuilt it."]
    assert highlights(answer) == ["miners", "miners"]
    first = answer["annotations"][0]["items"][0]
    assert first["motivation"] == "highlighting"
    assert first["target"]["source"] == answer["items"][0]["id"]
    assert first["target"]["selector"][0] == {"type": "TextQuoteSelector", "exact": "miners",
                                              "prefix": "My father and the other ",
                                              "suffix": " sang here every Sunday."}


def test_the_hits_are_the_manifests_own_annotations(client, chapel):
    manifest = get_json(client, f"/iiif/items/{chapel.pk}/manifest").data
    published = {a["id"]: a for a in manifest["items"][0]["annotations"][0]["items"]}
    answer = search(client, chapel, q="Sunday")
    assert [published[a["id"]] for a in answer["items"]] == answer["items"]


def test_welsh_without_accents_and_with_mutations(client, chapel):
    assert highlights(search(client, chapel, q="dwr")) == ["Dŵr"]
    # A soft mutation (c → g) and the English spelling are both one letter away: the engine forgives both.
    assert highlights(search(client, chapel, q="capel")) == ["Gapel", "chapel"]
    assert search(client, chapel, q="eisteddfod")["items"] == []


def test_motivation_filter_and_ignored_parameters(client, chapel):
    answer = search(client, chapel, q="miners", motivation="describing", user="https://x.example/u")
    assert answer["items"] == [] and answer["ignored"] == ["user"]
    commenting = search(client, chapel, q="chapel", motivation="commenting")
    assert hit_texts(commenting) == ["The chapel burned down in 1961; the miners rebuilt it."]


def test_members_only_items_are_searched_without_the_engine(client, make_item, make_user, villager):
    item = make_item(visibility=Item.Visibility.MEMBERS,
                     voices=[(VOICE.MEMORY, "Roedd Mam-gu'n canu yn y côr", "cy", villager)])
    index_rebuild()  # the index holds public items only
    client.force_login(make_user("member"))
    assert highlights(search(client, item, q="cor")) == ["côr"]  # folded the same way
    assert highlights(search(client, item, q="mam-gu")) == ["Mam", "gu'n"]  # gu'n: "gu" + 'n (yn)


def test_engine_is_asked_about_this_item_only(chapel, make_item, villager):
    other = make_item(voices=[(VOICE.MEMORY, "Colliers and miners at the pithead", "en", villager)])
    index_rebuild()
    assert content_search.engine_terms(chapel.pk, "pithead") == set()
    assert content_search.engine_terms(other.pk, "pithead") == {"pithead"}
    assert content_search.engine_terms(chapel.pk, "miner") == {"miners"}


def test_search_without_the_engine_falls_back_to_the_words(client, chapel, settings):
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    assert highlights(search(client, chapel, q="Sunday")) == ["Sunday"]


def test_autocomplete(client, chapel):
    response = get_json(client, f"/iiif/items/{chapel.pk}/autocomplete", data={"q": "m"})
    answer = response.data
    assert response["Content-Type"] == SEARCH_TYPE
    assert answer["@context"] == "http://iiif.io/api/search/2/context.json" and answer["type"] == "TermPage"
    assert answer["items"] == [{"value": "Meibion", "total": 1, "language": "cy"},
                               {"value": "miners", "total": 2, "language": "en"},
                               {"value": "My", "total": 1, "language": "en"}]
    folded = get_json(client, f"/iiif/items/{chapel.pk}/autocomplete", data={"q": "DW"}).data
    assert folded["items"] == [{"value": "Dŵr", "total": 1, "language": "cy"}]
    assert get_json(client, f"/iiif/items/{chapel.pk}/autocomplete", data={"q": "m", "min": "2"}).data["items"] == \
        [{"value": "miners", "total": 2, "language": "en"}]
    assert get_json(client, f"/iiif/items/{chapel.pk}/autocomplete", data={"q": ""}).data["items"] == []
    for odd in ("²", "9" * 5000, "-3", "two"):  # a bad min is no minimum, never a server error
        odd_answer = get_json(client, f"/iiif/items/{chapel.pk}/autocomplete", data={"q": "m", "min": odd}).data
        assert odd_answer["items"] == answer["items"], odd
