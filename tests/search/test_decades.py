"""Decades: each dated item is in ONE decade, the one its date is centred on; the timeline's counts add up to the
dated items; choosing a decade lists its own items, and those whose uncertain date only reaches into it come
after, apart, as "perhaps from this decade" (the API's ``perhaps``; the page's second section).

The dates are those the demo archive is made with (``archive.sample_data.DATES``), read by the archive's parser.
"""
import pytest

from archive.dates import parse_date_text
from archive.sample_data import DATES
from tests.search.conftest import SEARCH, facet_values, ids, index_pending

pytestmark = pytest.mark.usefixtures("search_index")

# The decade each sample date is centred on ("1940s or 1950s" is 1940-1959, centred on 1 January 1950: a centre
# on a boundary counts for the later decade).
DECADES = {"1947": "1940", "summer 1947": "1940", "c. 1950s": "1950", "1914-1918": "1910", "early 1960s": "1960",
           "haf 1952": "1950", "May 1936": "1930", "1920au": "1920", "12 Mai 1951": "1950", "late 1930s": "1930",
           "c. 1925": "1920", "when Dad was young": None, "Gaeaf 1962": "1960", "1940s or 1950s": "1950",
           "1947–1953": "1950"}


@pytest.fixture
def dated(make_item):
    """One public item per sample date (and "1947–1953"), titled with its date as typed."""
    made = {}
    for text in [*DATES, "1947–1953"]:
        parsed = parse_date_text(text)
        made[text] = make_item(f"Photo dated {text}", date_text=text, date=(parsed.start, parsed.end))
    index_pending()
    return made


def test_each_date_is_in_the_one_decade_it_is_centred_on(dated, searched):
    assert set(DATES) <= set(DECADES)  # every date the demo archive is made with
    decades = {d for d in DECADES.values() if d}
    for text, item in dated.items():
        for decade in decades:
            found = item.pk in ids(searched(decade=decade, page_size=100))
            assert found == (decade == DECADES[text]), (text, decade)


def test_the_decade_counts_add_up_to_the_dated_items(dated, searched):
    body = searched()
    counts = facet_values(body, "decade")
    assert sum(counts.values()) == len([d for d in DECADES.values() if d]) == body["count"] - 1  # one undated
    assert counts == {"1910": 1, "1920": 2, "1930": 2, "1940": 2, "1950": 5, "1960": 2}
    assert list(counts) == sorted(counts)  # a timeline: oldest first
    body = searched(language="cy")
    assert [v["label"] for v in body["facets"]["decade"]][:2] == ["1910au", "1920au"]


def test_choosing_the_1940s_lists_its_items_then_apart_those_perhaps_from_it(dated, searched):
    d = {text: item.pk for text, item in dated.items()}
    body = searched(decade="1940", sort="date")
    assert ids(body) == [d["1947"], d["summer 1947"]] and body["count"] == 2
    assert d["c. 1950s"] not in ids(body)  # 1945-1964: only perhaps from the 1940s
    # the items whose range reaches into the 1940s but is centred elsewhere, oldest first, and how many
    perhaps = [d["1940s or 1950s"], d["c. 1950s"], d["1947–1953"]]  # 1940-1959, 1945-1964, 1947-1953
    assert ids({"results": body["perhaps"]}) == perhaps and body["perhaps_count"] == 3
    assert body["perhaps"][1]["date"] == {"text": "c. 1950s", "start": "1945-01-01", "end": "1964-12-31"}
    assert not set(ids(body)) & set(perhaps)  # never mixed in
    # perhaps=1 pages through them; the decade's own items are not among them
    apart = searched(decade="1940", perhaps="1", sort="date", page_size=2)
    assert apart["count"] == 3 and ids(apart) == perhaps[:2] and apart["perhaps"] == []
    assert ids(searched(decade="1940", perhaps="1", sort="date", page_size=2, page=2)) == perhaps[2:]
    # no decade chosen: nothing is "perhaps"
    assert searched()["perhaps"] == [] and searched()["perhaps_count"] == 0


def test_perhaps_respects_the_other_choices_and_words(dated, searched):
    d = {text: item.pk for text, item in dated.items()}
    body = searched(q="1950s", decade="1940")  # "c. 1950s" and "1940s or 1950s" have it in their title
    assert ids(body) == [] and body["perhaps_count"] == 2
    assert set(ids({"results": body["perhaps"]})) == {d["c. 1950s"], d["1940s or 1950s"]}
    body = searched(decade=["1940", "1950"])  # both chosen: what reaches into them is centred in one of them
    assert body["count"] == 7 and body["perhaps_count"] == 0 and body["perhaps"] == []
    body = searched(decade="1960")  # "c. 1950s" reaches to 1964
    assert set(ids(body)) == {d["early 1960s"], d["Gaeaf 1962"]} and ids({"results": body["perhaps"]}) == [d["c. 1950s"]]


def test_perhaps_needs_a_decade(dated, api):
    response = api.get(SEARCH, {"perhaps": "1"})
    assert response.status_code == 400 and "Choose a decade" in response.json()["perhaps"]
    response = api.get(SEARCH, {"perhaps": "maybe", "decade": "1940"})
    assert response.status_code == 400 and "perhaps" in response.json()


@pytest.mark.parametrize(("language", "own", "perhaps", "show_all"), [
    ("en", "From the 1940s", "Perhaps from this decade", "Show all 3"),
    ("cy", "O'r 1940au", "Efallai o'r degawd hwn", "Dangos y 3 i gyd"),
])
def test_the_page_shows_the_decade_s_items_then_those_perhaps_from_it(dated, client, language, own, perhaps,
                                                                     show_all):
    page = client.get("/search/", {"decade": "1940", "sort": "date"}, HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    assert page.status_code == 200
    own_at, perhaps_at = html.index(own), html.index(perhaps)
    links = {text: html.find(f'href="/items/{item.pk}/"') for text, item in dated.items()}
    assert own_at < links["1947"] < links["summer 1947"] < perhaps_at  # the decade's own items first
    assert perhaps_at < links["c. 1950s"] and perhaps_at < links["1947–1953"]  # then, apart, the others
    assert links["haf 1952"] == -1  # centred in the 1950s, and never reaching the 1940s
    assert show_all not in html  # all three shown (fewer than the first ten)
    apart = client.get("/search/", {"decade": "1940", "perhaps": "1"}, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert perhaps in apart and f'href="/items/{dated["c. 1950s"].pk}/"' in apart
    assert f'href="/items/{dated["1947"].pk}/"' not in apart
