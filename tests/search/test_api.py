"""GET /api/v1/search/: the response's shape, every filter, multi-select facets, order, paging, errors."""
from datetime import date

import pytest

from archive.licences import LICENCES
from archive.models import Place, Subject
from archive.search.registry import FACET_NAMES
from tests.search.conftest import SEARCH, facet_values, ids, index_pending

pytestmark = pytest.mark.usefixtures("search_index")


@pytest.fixture
def archive(make_item, vocabulary):
    """Five public items that differ in every faceted way."""
    v = vocabulary
    return {
        "choir": make_item("Côr y capel ar y llwyfan", language="cy", place=v["troed"], people=[v["dai"]],
                           subjects=[v["chapel"]], collections=[v["choirs"]], date=(date(1952, 1, 1), date(1952, 12, 31))),
        "pit": make_item("Miners at the pit head", place=v["troed"], people=[v["dai"], v["megan"]],
                         subjects=[v["colliery"]], date=(date(1947, 6, 1), date(1947, 8, 31))),
        "station": make_item("Rhymney station", place=v["rhymni"], people=[v["megan"]],
                             date=(date(1958, 1, 1), date(1961, 12, 31)), licence=LICENCES[1].uri),
        "scan": make_item("Programme of the eisteddfod", place=v["london"], media_type="application/pdf",
                          date=(date(1925, 1, 1), date(1925, 12, 31))),
        "undated": make_item("A picnic on the mountain"),
    }


def test_the_response_has_count_results_facets_and_map_cells(archive, searched):
    index_pending()
    body = searched(q="capel")
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    result = body["results"][0]
    assert result["id"] == archive["choir"].pk
    assert result["url"].endswith(f"/api/v1/items/{archive['choir'].pk}/")
    assert result["title"] == {"cy": "Côr y capel ar y llwyfan"}
    assert result["highlight"]["title"] == ["Côr y <mark>capel</mark> ar y llwyfan"]
    assert result["place"]["name"] == "Troedrhiwfuwch" and result["date"]["start"] == "1952-01-01"
    assert result["thumbnail"].endswith("/thumbnail.jpg")
    assert set(body["facets"]) == set(FACET_NAMES)
    for values in body["facets"].values():
        for value in values:
            assert set(value) == {"value", "label", "count", "selected"}
    assert body["facets"]["decade"] == [{"value": "1950", "label": "1950s", "count": 1, "selected": False}]
    assert [cell["count"] for cell in body["geo"]] == [1]


def test_every_filter(archive, searched, vocabulary):
    index_pending()
    a, v = {name: item.pk for name, item in archive.items()}, vocabulary
    cases = [
        ({"decade": "1950"}, {a["choir"]}),  # 1958–1961 is centred on 1960: perhaps from the 1950s, listed apart
        ({"decade": "1960"}, {a["station"]}),
        ({"decade": ["1920", "1940"]}, {a["scan"], a["pit"]}),  # values of one facet: any of them
        ({"year_from": 1950, "year_to": 1958}, {a["choir"], a["station"]}),
        ({"year_from": 1950, "year_to": 1955}, {a["choir"]}),
        ({"year_to": 1930}, {a["scan"]}),
        ({"place": v["troed"].pk}, {a["choir"], a["pit"]}),
        ({"person": v["megan"].pk}, {a["pit"], a["station"]}),
        ({"person": v["megan"].pk, "place": v["troed"].pk}, {a["pit"]}),  # facets together: all of them
        ({"subject": v["colliery"].pk}, {a["pit"]}),
        ({"collection": v["choirs"].pk}, {a["choir"]}),
        ({"licence": LICENCES[1].uri}, {a["station"]}),
        ({"media_type": "application/pdf"}, {a["scan"]}),
        ({"has_story": "false"}, set(a.values())),
        ({"has_story": "true"}, set()),
        ({"bbox": "-3.5,51.6,-3.0,51.8"}, {a["choir"], a["pit"], a["station"]}),  # the valley, not London
    ]
    for params, expected in cases:
        body = searched(**params)
        assert set(ids(body)) == expected and body["count"] == len(expected), params


def test_facets_are_multi_select(archive, searched, vocabulary):
    index_pending()
    troed, rhymni = str(vocabulary["troed"].pk), str(vocabulary["rhymni"].pk)
    body = searched(place=troed)
    assert body["count"] == 2
    # the place facet ignores its own selection: the other places keep their counts, to add them
    assert facet_values(body, "place") == {troed: 2, rhymni: 1, str(vocabulary["london"].pk): 1}
    assert [v["selected"] for v in body["facets"]["place"] if v["value"] == troed] == [True]
    # every other facet respects it
    assert facet_values(body, "decade") == {"1940": 1, "1950": 1}
    assert facet_values(body, "person") == {str(vocabulary["dai"].pk): 2, str(vocabulary["megan"].pk): 1}
    body = searched(place=[troed, rhymni], decade="1950")
    assert set(ids(body)) == {archive["choir"].pk}
    assert facet_values(body, "place") == {troed: 1, rhymni: 0}  # respects the decade
    assert facet_values(body, "decade") == {"1940": 1, "1950": 1, "1960": 1}  # respects the places


def test_a_selected_value_outside_the_counted_ones_is_still_listed(archive, searched, vocabulary):
    index_pending()
    body = searched(q="picnic", place=vocabulary["london"].pk)
    assert body["count"] == 0
    assert body["facets"]["place"][0] == {"value": str(vocabulary["london"].pk), "label": "London", "count": 0,
                                          "selected": True}
    nowhere = Place.objects.create(name_cy="Y Wladfa", name_en="Patagonia")  # no item at all: label from the database
    body = searched(language="cy", place=nowhere.pk)
    assert body["facets"]["place"][0] == {"value": str(nowhere.pk), "label": "Y Wladfa", "count": 0, "selected": True}
    proposed = Subject.objects.create(slug="cyfrinach", label_cy="Cyfrinach", label_en="Secret", approved=False)
    body = searched(subject=proposed.pk)  # a proposal waiting for a curator: no visitor sees its label
    assert body["facets"]["subject"][0] == {"value": str(proposed.pk), "label": str(proposed.pk), "count": 0,
                                            "selected": True}


def test_labels_follow_the_language_asked_for(archive, searched, vocabulary):
    index_pending()
    body = searched(language="cy", q="station")
    assert body["results"][0]["place"]["name"] == "Rhymni"
    assert body["facet_titles"]["decade"] == "Degawd"
    assert {v["label"] for v in body["facets"]["decade"]} == {"1960au"}
    assert body["facets"]["licence"][0]["label"].startswith("Creative Commons Priodoli")


def test_sorting_by_date_and_paging(archive, searched):
    index_pending()
    a = archive
    oldest_first = ids(searched(sort="date"))
    assert oldest_first == [a["scan"].pk, a["pit"].pk, a["choir"].pk, a["station"].pk, a["undated"].pk]
    assert ids(searched(sort="-date"))[:4] == [a["station"].pk, a["choir"].pk, a["pit"].pk, a["scan"].pk]
    first = searched(sort="date", page_size=2)
    assert first["count"] == 5 and ids(first) == oldest_first[:2] and first["previous"] is None
    assert "page=2" in first["next"]
    last = searched(sort="date", page_size=2, page=3)
    assert ids(last) == oldest_first[4:] and last["next"] is None and "page=2" in last["previous"]


def test_an_undeclared_facet_is_a_400_naming_the_valid_ones(api, search_index):
    response = api.get(SEARCH, {"facets": "decade,colour"})
    assert response.status_code == 400
    assert response.json()["facets"] == ("Unknown facet 'colour'. Valid facets: type, decade, place, person, "
                                         "subject, collection, licence, media_type, has_story, trail.")


def test_only_the_facets_asked_for_are_counted(archive, searched):
    index_pending()
    assert set(searched(facets="decade,place")["facets"]) == {"decade", "place"}


@pytest.mark.parametrize("params,field", [
    ({"decade": "1955"}, "decade"), ({"place": "Troed"}, "place"), ({"sort": "oldest"}, "sort"),
    ({"bbox": "1,2,3"}, "bbox"), ({"page": "0"}, "page"), ({"page_size": "500"}, "page_size"),
    ({"has_story": "maybe"}, "has_story"), ({"page": "600", "page_size": "20"}, "page"),
    ({"page": "²"}, "page"), ({"year_from": "9" * 5000}, "year_from"), ({"place": "²"}, "place"),
    ({"place": "9" * 5000}, "place"), ({"decade": "²"}, "decade"),
])
def test_bad_parameters_are_400s_naming_the_parameter(api, search_index, params, field):
    response = api.get(SEARCH, params)
    assert response.status_code == 400 and field in response.json(), response.content


def test_suggestions_as_you_type(archive, api, vocabulary):
    index_pending()
    found = api.get(f"{SEARCH}suggest/", {"q": "troe"}).json()["suggestions"]
    assert {"kind": "place", "value": str(vocabulary["troed"].pk), "label": "Troedrhiwfuwch", "count": 2} \
        .items() <= found[0].items()
    people = api.get(f"{SEARCH}suggest/", {"q": "dai ba"}).json()["suggestions"]  # a variant of Dai Evans
    assert [(s["kind"], s["label"], s["count"]) for s in people] == [("person", "Dai Evans", 2)]
    subjects = api.get(f"{SEARCH}suggest/", {"q": "coll"}, HTTP_ACCEPT_LANGUAGE="cy").json()["suggestions"]
    assert [(s["kind"], s["label"]) for s in subjects] == [("subject", "Glofa")]
    titles = api.get(f"{SEARCH}suggest/", {"q": "miners at"}).json()["suggestions"]
    assert [(s["kind"], s["value"]) for s in titles] == [("title", str(archive["pit"].pk))]


def test_more_like_this(make_item, api, search_index):
    first = make_item("Miners' gala: the colliery band marching through Troedrhiwfuwch")
    second = make_item("The colliery band at the miners' gala, Troedrhiwfuwch")
    make_item("Sunday school picnic on the mountain")
    index_pending()
    body = api.get(f"{SEARCH}more-like-this/", {"item": first.pk}).json()
    assert ids(body)[:1] == [second.pk] and first.pk not in ids(body)
    assert api.get(f"{SEARCH}more-like-this/", {"item": 999999}).status_code == 404
