"""The request bodies built for a search: the aggregations kept between searches are exactly those built afresh."""
import pytest

from archive.search.query import build_search, search_body, search_query_from

QUERIES = [{}, {"q": ["capel"]}, {"q": ["capel bach"], "place": ["3", "4"], "decade": ["1950"]},
           {"person": ["2"], "sort": ["date"], "zoom": ["9"], "facets": ["person", "place"]},
           {"decade": ["1950"], "place": ["3"]}, {"place": ["3"], "decade": ["1950"]},
           {"licence": ["x"], "bbox": ["-4,51,-3,52"]},
           {"decade": ["1940"], "q": ["capel"], "sort": ["-date"]}, {"decade": ["1940", "1950"], "perhaps": ["1"]}]


@pytest.mark.parametrize("params", QUERIES)
def test_the_body_sent_is_the_dsl_search_s(params):
    query = search_query_from(params)
    for _ in range(2):  # built, then from what was kept
        assert search_body(query, hidden=[7, 9], alternatives=["capel y bryn"]) \
            == build_search(query, hidden=[7, 9], alternatives=["capel y bryn"]).to_dict()


def test_each_selection_has_its_own_aggregations():
    plain, chosen = (search_body(search_query_from(p)) for p in ({"q": ["capel"]}, {"q": ["capel"], "place": ["3"]}))
    assert plain["aggs"]["person"]["filter"] == {"match_all": {}}
    assert chosen["aggs"]["person"]["filter"] == {"bool": {"filter": [{"terms": {"place.id": ["3"]}}]}}
    assert "selected" in chosen["aggs"]["place"]["aggs"] and "selected" not in plain["aggs"]["place"]["aggs"]
